"""Exact discrete delays on PyRates 1.2.3's edge ring buffers.

PyRates keeps, per delayed source variable, a ring buffer ``<var>_buffer`` of shape ``(sources, D + 1)`` that its
generated right-hand side rolls by one column and fills with the variable's current value at column 0 on *every*
call, then reads each edge's column ``round(delay / dt)``. On its own that gives (DESIGN 5.6): a history of zeros
before the start, Heun's intermediate stage pushed into the history (delays halved), and a one-step delay (which
PyRates does not buffer) acting as none.

Tvbo's semantics: a stage at ``t_k + c*dt`` (``c`` = 0, and 1 for Heun's second stage) reads the source at step
``k + c - d``; before the start, the source's initial value; with ``d = 0`` the stage's own value.

The bridge gets them from PyRates' own buffer by giving each edge delayed by ``d >= 1`` steps PyRates' delay
``(d + 1) * dt`` and each undelayed edge ``dt / 4`` (column 0, the current value), and by setting the buffer's
columns before each call (:class:`ExactDelays`), so that after PyRates' roll column ``d + 1`` holds step
``k + c - d``. Between calls column ``m >= 1`` holds step ``k - m`` (``k`` the step about to be taken):

* first call: the buffer is filled with the sources' values at the initial state (learnt from one extra call);
* Euler, each later step: column 1 takes column 0 (the previous step's value, written by the last call);
* Heun's second stage: column 1 takes column 0 (step ``k``), so column ``m`` is step ``k + 1 - m``;
* Heun's next first stage: the stage value the second stage pushed is dropped (columns 3.. move down by one).

PyRates 1.2.3 also names the source index of every vectorised buffer ``source_idx``, so two delayed source variables
of one operator (two couplings, or a coupling split into source factors) fail with "Buffer variable name collision";
:func:`one_buffer_per_variable` gives each buffer its variable's name as its id while a circuit is built.
"""

import contextlib
import inspect
import re

__all__ = ["ExactDelays", "pyrates_delay", "one_buffer_per_variable"]

_BUFFER = re.compile(r".+_buffer(_\w+)?")


def pyrates_delay(steps, step_size):
    """The delay to give PyRates for an edge delayed by ``steps`` (array) steps, see the module's text."""
    import numpy as np

    steps = np.asarray(steps, dtype=np.float64)
    return np.where(steps > 0, (steps + 1.0) * step_size, 0.25 * step_size)


class ExactDelays:
    """Wraps PyRates' generated right-hand side ``f(step, y, *args)`` for the ``euler`` or ``heun`` solver.

    Raises ``RuntimeError`` when the function has no ring buffer (PyRates built the edges another way, so the
    delays could not be made exact): better no numbers than wrong ones.
    """

    def __init__(self, f, solver):
        if solver not in ("euler", "heun"):
            raise ValueError(f"exact delays need the euler or heun solver, not {solver!r}")
        names = list(inspect.signature(f).parameters)[2:]
        self._buffers = [i for i, name in enumerate(names) if _BUFFER.fullmatch(name)]
        if not self._buffers:
            raise RuntimeError("PyRates' right-hand side has no edge delay buffer (parameters: "
                               + ", ".join(names) + "); the delays cannot be made exact")
        self._f = f
        self._heun = solver == "heun"
        self._last = None

    def __call__(self, step, y, *args):
        buffers = [args[i] for i in self._buffers]
        if self._last is None:
            # The sources' values at the initial state (a source may be computed from the states): one call fills
            # column 0; the history before the start is that value.
            self._f(step, y, *args)
            for b in buffers:
                b[...] = b[..., :1]
        elif step != self._last:
            for b in buffers:
                if self._heun:
                    b[..., 2:-1] = b[..., 3:]
                else:
                    b[..., 1] = b[..., 0]
        else:
            for b in buffers:
                b[..., 1] = b[..., 0]
        self._last = step
        return self._f(step, y, *args)


@contextlib.contextmanager
def one_buffer_per_variable():
    """While active, each edge buffer PyRates builds is named after its variable (``<var>_buffer_<var>``,
    ``source_idx_<var>``) instead of sharing ``source_idx`` with the other buffers of its operator."""
    from pyrates.ir.circuit import NetworkGraph

    original = NetworkGraph._add_edge_buffer

    def named(self, node, op, var, edges, delays, nodes, spreads=None, dde_approx=0, buffer_id=""):
        return original(self, node, op, var, edges, delays, nodes, spreads=spreads, dde_approx=dde_approx,
                        buffer_id=buffer_id or "_" + var)

    NetworkGraph._add_edge_buffer = named
    try:
        yield
    finally:
        NetworkGraph._add_edge_buffer = original

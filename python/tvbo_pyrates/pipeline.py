"""The Python steps of observation pipelines (Tvbo's ``IPipelinePython``), on numpy and scipy.

A step is either a ``callable`` (``scipy.signal.welch``; TVBO's ``jax.numpy`` and ``jax.scipy`` run as ``numpy``
and ``scipy``), see :func:`call`, or a function's ``source_code``, one Python expression, see :func:`evaluate`.
Only numpy and scipy (and their submodules) may be named: a pipeline names data to compute, not code to import.
This module needs numpy and scipy only; it never imports PyRates.

Results are returned as a list of ``(shape, data)`` pairs, ``data`` a 1-D C-contiguous float64 array that the C#
side reads through the buffer protocol.
"""

import importlib

__all__ = ["resolve", "call", "evaluate"]

ALLOWED = ("numpy, scipy and their submodules (numpy.fft, scipy.signal, ...), and jax.numpy and jax.scipy.* "
           "(run as numpy and scipy)")

# What an expression may call without importing: no __import__, open, eval, exec, getattr.
_SAFE_BUILTINS = {"abs": abs, "min": min, "max": max, "int": int, "float": float, "len": len, "range": range,
                  "round": round, "sum": sum, "slice": slice, "tuple": tuple, "list": list, "zip": zip,
                  "enumerate": enumerate}


def resolve(module):
    """The module that runs for ``module`` as written (``jax.numpy[...]`` is ``numpy[...]``, ``jax.scipy[...]`` is
    ``scipy[...]``); raises ValueError naming it and the allowed ones when it is not numpy's or scipy's."""
    parts = str(module).split(".")
    if all(p.isidentifier() for p in parts):
        if parts[0] == "jax" and len(parts) > 1 and parts[1] in ("numpy", "scipy"):
            parts = parts[1:]
        if parts[0] in ("numpy", "scipy"):
            return ".".join(parts)
    raise ValueError(f"module '{module}' is not allowed in a pipeline; allowed: {ALLOWED}")


def _function(module, name):
    resolved = resolve(module)
    target = getattr(importlib.import_module(resolved), str(name), None)
    if target is None or not callable(target):
        raise ValueError(f"'{module}.{name}' is not a function of {resolved}")
    return target


def call(module, name, args, kwargs, apply_axis=None):
    """``module.name(*args, **kwargs)``, normalised (:func:`_results`).

    With ``apply_axis`` (an int), the first ndarray argument (positional first, else the first ndarray keyword
    argument in order) is split along that axis; the function is called once per slice (``np.take(a, k, axis)``)
    and the results are stacked along that axis (each element of a tuple result separately)."""
    import numpy as np

    function = _function(module, name)
    args = list(args)
    kwargs = dict(kwargs)
    if apply_axis is None:
        return _results(function(*args, **kwargs))

    axis = int(apply_axis)
    position = next((i for i, a in enumerate(args) if isinstance(a, np.ndarray)), None)
    keyword = None
    if position is None:
        keyword = next((k for k, v in kwargs.items() if isinstance(v, np.ndarray)), None)
        if keyword is None:
            raise ValueError(f"apply_on_dimension {axis}: no array argument to split")
    array = args[position] if position is not None else kwargs[keyword]
    if not -array.ndim <= axis < array.ndim:
        raise ValueError(f"apply_on_dimension {axis}: the array has {array.ndim} dimensions (shape {array.shape})")
    outputs = []
    for k in range(array.shape[axis]):
        piece = np.take(array, k, axis=axis)
        if position is not None:
            args[position] = piece
        else:
            kwargs[keyword] = piece
        outputs.append(function(*args, **kwargs))
    if outputs and isinstance(outputs[0], tuple):
        return _results(tuple(np.stack([o[i] for o in outputs], axis=axis) for i in range(len(outputs[0]))))
    return _results(np.stack(outputs, axis=axis))


class _Scipy:
    """scipy, whose submodules (``scipy.signal``) are imported on first use."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return importlib.import_module("scipy." + name)
        except ModuleNotFoundError:
            return getattr(importlib.import_module("scipy"), name)


class _Jax:
    """TVBO's ``jax``: its ``numpy`` and ``scipy`` are numpy and scipy."""

    def __init__(self, numpy, scipy):
        self.numpy = numpy
        self.scipy = scipy


def evaluate(code, names):
    """The value of the expression ``code`` (TVBO's ``source_code``), with ``names`` bound and ``np``, ``numpy``,
    ``jnp`` (numpy), ``scipy`` and ``jax`` (``jax.numpy`` is numpy, ``jax.scipy`` scipy) in scope, and only a few
    builtins (no ``__import__``); normalised as :func:`call` does. A statement is a SyntaxError."""
    import numpy as np

    compiled = compile(str(code), "<source_code>", "eval")
    scipy = _Scipy()
    # One namespace as the globals, so a comprehension or lambda in the expression sees the names too.
    namespace = {"np": np, "numpy": np, "jnp": np, "scipy": scipy, "jax": _Jax(np, scipy)}
    namespace.update(dict(names))
    namespace["__builtins__"] = dict(_SAFE_BUILTINS)
    return _results(eval(compiled, namespace))  # noqa: S307 - restricted names and builtins


def _results(value):
    """A step's value as results: a tuple (or a list holding arrays) is one result per element, anything else one
    result; each is float64 (bools 0/1). Returns ``[(shape, data)]``, ``data`` 1-D C-contiguous float64."""
    import numpy as np

    if isinstance(value, tuple) or (isinstance(value, list) and any(isinstance(v, np.ndarray) for v in value)):
        values = list(value)
    else:
        values = [value]
    out = []
    for i, v in enumerate(values):
        what = "the result" if len(values) == 1 else f"result {i + 1} of {len(values)}"
        if v is None:
            raise TypeError(f"{what} is None, not numbers")
        a = np.asarray(v)
        if a.dtype.kind == "c":
            raise TypeError(f"{what} is complex ({a.dtype}); take its abs or real part (jnp.abs, jnp.real)")
        if a.dtype.kind not in "biuf":
            raise TypeError(f"{what} is not numbers (dtype {a.dtype}, {type(v).__name__})")
        # np.ascontiguousarray would make a 0-d value 1-d: the shape is taken first.
        shape = tuple(int(n) for n in a.shape)
        out.append((shape, np.ascontiguousarray(a.reshape(-1), dtype=np.float64)))
    return out

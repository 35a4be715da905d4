"""The Python half of Tvbo.PyRates' bridge.

The C# backend (src/Tvbo.PyRates) embeds CPython, puts the folder holding this package on ``sys.path``
and calls :func:`run` once per chunk of conditions. Everything that touches PyRates happens here:

* clear PyRates' template and operator caches before every run (they are keyed by path and name);
* write the template into a private temporary directory, never the caller's working directory, and pass
  a unique ``file_name`` so PyRates' clean-up (which deletes ``<file_name>.py`` from the current
  directory even with ``to_file=False``) cannot delete a user's file;
* run ``pyrates.grid_search`` with ``float_precision='float64'`` and ``verbose=False``, capturing what
  PyRates prints and warns as log lines;
* reorder the conditions into C order through the returned parameter table (never by position);
* detect non-finite samples and boundary violations per condition;
* optionally reduce each condition to a summary before anything crosses into .NET;
* return C-contiguous float64 arrays that the C# side reads through the buffer protocol.

:func:`collect` is the pure-numpy/pandas part (no PyRates needed), so it can be tested on DataFrames
built in PyRates' return format.
"""

import contextlib
import copy
import io
import linecache
import os
import shutil
import sys
import tempfile
import time
import uuid
import warnings

__all__ = ["probe", "run", "collect", "reduce_summary", "from_address"]

__version__ = "1.0.0"


_scopes = {}


def _pyrates_caches():
    """The process-wide caches PyRates 1.2.3 and sympy fill and never empty: every compiled right-hand-side module
    (``base_backend._compiled_module_cache``), every sympified equation string (``parser._sympify_cache``), and the
    source of every function sympy's lambdify generated (``linecache``, keys ``<lambdifygenerated-N>``)."""
    caches = [linecache.cache]
    with contextlib.suppress(Exception):
        from pyrates.backend.base import base_backend

        if isinstance(getattr(base_backend, "_compiled_module_cache", None), dict):
            caches.append(base_backend._compiled_module_cache)
    with contextlib.suppress(Exception):
        from pyrates.backend import parser

        if isinstance(getattr(parser, "_sympify_cache", None), dict):
            caches.append(parser._sympify_cache)
    return caches


def begin_scope():
    """Start a scope (an exploration: its grid_search calls share PyRates' caches); returns its token for
    :func:`end_scope`."""
    token = uuid.uuid4().hex
    _scopes[token] = [(cache, set(cache)) for cache in _pyrates_caches()]
    return token


def end_scope(token):
    """End a scope: what PyRates and sympy cached since it began is dropped (entries of others stay), and sympy's own
    bounded caches are emptied, so a long-lived process running many models stays the same size."""
    for cache, before in _scopes.pop(token, []):
        for key in [k for k in list(cache) if k not in before]:
            if cache is not linecache.cache or str(key).startswith(("<lambdifygenerated-", "<pyrates:")):
                cache.pop(key, None)
    with contextlib.suppress(Exception):
        import sympy.core.cache

        sympy.core.cache.clear_cache()


def probe(imports=True):
    """Describe this interpreter: where it is, how to embed it (sysconfig's shared-library facts), its module
    search path, and the versions of numpy, pandas, scipy and PyRates (None and an ``<name>_error`` when they are missing
    or fail to import). The embedded runtime imports them (``imports=True``); the .NET locator, which runs this in a
    subprocess, only looks them up (``imports=False``: ``importlib.util.find_spec`` and the installed distribution's
    version, or ``"found"`` when it has none), so locating an interpreter never pays for importing PyRates."""
    import sysconfig

    # The executable as invoked, not its link target: a virtual environment's bin/python is a link to the base
    # interpreter, and only its own path tells the embedded interpreter (pyvenv.cfg) to use the environment.
    info = {"executable": os.path.abspath(sys.executable) if sys.executable else None,
            "version": "%d.%d.%d" % sys.version_info[:3],
            "libdir": sysconfig.get_config_var("LIBDIR"), "ldlibrary": sysconfig.get_config_var("LDLIBRARY"),
            "instsoname": sysconfig.get_config_var("INSTSONAME"), "shared": sysconfig.get_config_var("Py_ENABLE_SHARED"),
            "multiarch": sysconfig.get_config_var("MULTIARCH"), "path": [p for p in sys.path if p]}
    for name in ("numpy", "pandas", "scipy", "pyrates"):
        try:
            if imports:
                module = __import__(name)
                info[name] = str(getattr(module, "__version__", "unknown"))
                continue
            import importlib.metadata
            import importlib.util

            if importlib.util.find_spec(name) is None:
                info[name] = None
                info[name + "_error"] = f"ModuleNotFoundError: No module named '{name}'"
                continue
            try:
                info[name] = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                info[name] = "found"
        except BaseException as exc:  # noqa: BLE001 - report any import failure as text
            info[name] = None
            info[name + "_error"] = f"{type(exc).__name__}: {exc}"
    return info


def from_address(address, count):
    """A float64 copy of ``count`` doubles at ``address`` (a pinned .NET array): how the C# side hands arrays over
    without converting them element by element."""
    import ctypes

    import numpy as np

    if count == 0:
        return np.zeros(0, dtype=np.float64)
    return np.ctypeslib.as_array((ctypes.c_double * int(count)).from_address(int(address))).copy()


def _condition_columns(results, table, output_keys):
    """Column position of every (condition name, output) in ``results``: a dict name -> list of positions."""
    names = [str(n) for n in table.index]
    positions = {}
    columns = results.columns
    if getattr(columns, "nlevels", 1) == 1:
        # PyRates returns flat columns ['x', 'z'] when the grid has a single condition.
        if len(names) != 1:
            raise ValueError(
                f"results have flat columns {list(columns)} but the parameter table lists {len(names)} conditions; "
                "flat columns are only expected for a single condition")
        flat = {str(c): i for i, c in enumerate(columns)}
        missing = [k for k in output_keys if k not in flat]
        if missing:
            raise ValueError(f"outputs {missing} are not among the result columns {list(flat)}")
        positions[names[0]] = [flat[k] for k in output_keys]
        return positions
    lookup = {}
    for i, col in enumerate(columns):
        key = (str(col[0]), str(col[1]))
        if key in lookup:
            raise ValueError(f"output '{key[0]}' of condition '{key[1]}' has several result columns "
                             f"({list(columns[lookup[key]])} and {list(col)}); each output must name one node's variable")
        lookup[key] = i
    for name in names:
        row = []
        for key in output_keys:
            pos = lookup.get((key, name))
            if pos is None:
                raise ValueError(
                    f"no result column for output '{key}' of condition '{name}'; columns look like {list(columns[:4])}")
            row.append(pos)
        positions[name] = row
    return positions


def _c_order_names(table, param_names, conditions):
    """The param-table row name of every C-order condition, matched by exact parameter values."""
    import numpy as np

    missing = [p for p in param_names if p not in table.columns]
    if missing:
        raise ValueError(f"the parameter table has no column for {missing}; its columns are {list(table.columns)}")
    values = np.asarray(table[list(param_names)].to_numpy(dtype=np.float64))
    by_values = {}
    for name, row in zip(table.index, values):
        by_values.setdefault(tuple(row.tolist()), []).append(str(name))
    order = []
    for j, row in enumerate(conditions):
        key = tuple(float(v) for v in row)
        bucket = by_values.get(key)
        if not bucket:
            raise ValueError(
                f"condition {j} {dict(zip(param_names, key))} is not in PyRates' parameter table "
                f"(it has {len(table)} rows, e.g. {values[:3].tolist()})")
        order.append(bucket.pop(0))
    return order


def reduce_summary(data, start):
    """Per condition and variable: first, final, and min/max/mean over samples ``start:`` of a
    [condition, time, variable] array. ``start`` comes from .NET (SummaryStatistics.WindowStartFor).

    The one summary rule of the .NET side (SummaryAccumulator): the mean is a sequential sum (cumsum) divided by
    the window length; min/max are NaN where the sum is NaN (a NaN, or both infinities, in the window); of equal
    values the first is kept, which only shows for zeros: the window's first zero, with its sign.
    """
    import numpy as np

    n = data.shape[1]
    window = data[:, start:, :]
    total = np.cumsum(window, axis=1)[:, -1, :]
    has_nan = np.isnan(total)
    with np.errstate(invalid="ignore"):
        lo = np.where(has_nan, np.nan, _first_zero(window, np.min(window, axis=1)))
        hi = np.where(has_nan, np.nan, _first_zero(window, np.max(window, axis=1)))
    mean = total / (n - start)
    stats = [data[:, 0, :], data[:, -1, :], lo, hi, mean]
    return np.ascontiguousarray(np.stack(stats, axis=0), dtype=np.float64)


def _first_zero(window, extreme):
    """Where the extreme is zero, the window's first zero (its sign kept), as a strict-comparison scan finds it."""
    import numpy as np

    zero = extreme == 0
    if not zero.any():
        return extreme
    first = np.take_along_axis(window, np.argmax(window == 0, axis=1)[:, None, :], axis=1)[:, 0, :]
    return np.where(zero, first, extreme)


def collect(results, table, param_names, conditions, output_keys, store="series", window_start=None,
            lower=None, upper=None):
    """Turn grid_search's ``(results, param_table)`` into Tvbo's layout.

    Parameters
    ----------
    results, table
        What ``pyrates.grid_search`` returned: a DataFrame indexed by time with 4-level MultiIndex columns
        ``(output, '<circuit>_<k>', node, 'op/var')`` (flat columns for one condition) and the parameter table.
    param_names
        The grid keys, in axis order (columns of ``conditions``).
    conditions
        [condition, axis] parameter values in C order; rows are matched to the table by exact value.
    output_keys
        The outputs, in the order of the last axis of the result.
    store
        ``'series'`` to return the [condition, time, variable] array, ``'summary'`` for statistics only.
    window_start
        With ``'summary'``: the first sample of the window over which min/max/mean are taken.
    lower, upper
        Optional per-output bounds; a sample outside them is reported like a non-finite sample.

    Returns
    -------
    dict with ``data`` (1-D C-contiguous float64: the raveled series, or the raveled [5, condition, variable]
    statistics first/final/min/max/mean), ``shape``, ``time`` (float64),
    ``failures`` (list of (condition, sample, variable, kind) with kind 'nonfinite' or 'bounds'),
    ``order`` (the table row name of each C-order condition).
    """
    import numpy as np

    conditions = np.asarray(conditions, dtype=np.float64).reshape(-1, len(param_names))
    output_keys = [str(k) for k in output_keys]
    order = _c_order_names(table, param_names, conditions)
    positions = _condition_columns(results, table, output_keys)
    index = np.asarray([positions[name] for name in order], dtype=np.intp)  # [condition, variable]
    # PyRates builds its DataFrame from a transposed array, so the values are column-major: each column (one
    # output of one condition) is contiguous. Copying column by column into the C-contiguous
    # [condition, time, variable] array is one pass over the data (about 2 ms for 15 x 40000 x 2, against
    # 20-30 ms for a fancy-indexed gather followed by a transpose).
    columns = results.to_numpy(dtype=np.float64, copy=False).T  # [column, time]
    n_time = columns.shape[1]
    n_cond, n_var = index.shape
    data = np.empty((n_cond, n_time, n_var), dtype=np.float64)
    for c in range(n_cond):
        for v in range(n_var):
            data[c, :, v] = columns[index[c, v]]
    time = np.ascontiguousarray(np.asarray(results.index, dtype=np.float64))

    failures = []
    finite = np.isfinite(data)
    bounded = lower is not None or upper is not None
    if bounded or not finite.all():
        kinds = np.zeros(data.shape, dtype=np.int8)
        kinds[~finite] = 1
        if bounded:
            lo = np.asarray(lower if lower is not None else [-np.inf] * n_var, dtype=np.float64)
            hi = np.asarray(upper if upper is not None else [np.inf] * n_var, dtype=np.float64)
            with np.errstate(invalid="ignore"):
                outside = ((data < lo) | (data > hi)) & finite
            kinds[outside] = 2
        flagged = kinds.reshape(n_cond, -1).any(axis=1)
        for c in np.nonzero(flagged)[0]:
            flat = int(np.argmax(kinds[c].ravel() != 0))
            k, v = divmod(flat, n_var)
            failures.append((int(c), int(k), int(v), "nonfinite" if kinds[c, k, v] == 1 else "bounds"))
            data[c, k:, :] = np.nan

    out = {"time": time, "failures": failures, "order": order}
    if store == "summary":
        stats = reduce_summary(data, int(window_start))
        out["data"] = stats.ravel()
        out["shape"] = list(stats.shape)
    else:
        out["data"] = data.ravel()
        out["shape"] = [n_cond, n_time, n_var]
    _check_contiguous(out["data"])
    _check_contiguous(out["time"])
    return out


def _check_contiguous(array):
    import numpy as np

    if array.dtype != np.float64 or not array.flags["C_CONTIGUOUS"] or array.ndim != 1:
        raise TypeError(f"internal error: transfer array must be 1-D C-contiguous float64, got {array.dtype} "
                        f"ndim={array.ndim} contiguous={array.flags['C_CONTIGUOUS']}")


def _copy_result(f):
    # PyRates 1.2.3's generated right-hand side returns one shared buffer; scipy keeps references to it,
    # so a rejected step corrupts the run with float64 (DESIGN 5.2). Returning a copy fixes it.
    def wrapped(*args):
        return f(*args).copy()

    return wrapped


def _decorator(f):
    return _copy_result(f)


# The functions a template may call that PyRates 1.2.3's numpy backend does not know, each registered for the calls
# whose template uses it (grid_search's `ops`: PyRates' own function table stays as it is): name -> (module, function).
# The template writes Python's % as remainder(a, b) (sympy's Mod cannot be called from the generated code; numpy's
# remainder is Python's float % bit for bit); erf and erfc are scipy.special's; the rest are numpy's functions of the
# same name (the native backend computes each as Tvbo.Expressions.Functions does). maximum and minimum are written as
# PyRates' own maxi and mini (numpy's maximum and minimum). Piecewise((a, c), (b, True)) is written where(c, a, b), its
# condition with numpy's comparison and logical functions, one per equation (Tvbo.PyRates' PiecewiseRewriter).
_FUNCTIONS = {
    "remainder": ("numpy", "remainder"),
    "floor": ("numpy", "floor"),
    "ceil": ("numpy", "ceil"),
    "log10": ("numpy", "log10"),
    "exp2": ("numpy", "exp2"),
    "arctan2": ("numpy", "arctan2"),
    "fmod": ("numpy", "fmod"),
    "heaviside": ("numpy", "heaviside"),
    "where": ("numpy", "where"),
    "greater": ("numpy", "greater"),
    "greater_equal": ("numpy", "greater_equal"),
    "less": ("numpy", "less"),
    "less_equal": ("numpy", "less_equal"),
    "equal": ("numpy", "equal"),
    "not_equal": ("numpy", "not_equal"),
    "logical_and": ("numpy", "logical_and"),
    "logical_or": ("numpy", "logical_or"),
    "erf": ("scipy.special", "erf"),
    "erfc": ("scipy.special", "erfc"),
}


def _functions(template_text):
    """The `ops` registering the functions of :data:`_FUNCTIONS` that ``template_text``'s equations call."""
    import importlib
    import re

    ops = {}
    for name, (module, attribute) in _FUNCTIONS.items():
        if re.search(r"(?<![A-Za-z0-9_])" + name + r"\(", template_text):
            ops[name] = {"call": name, "func": getattr(importlib.import_module(module), attribute),
                         "imports": [f"{module}.{attribute}"]}
    return ops


def _own_kwargs_warning(caught, kwargs):
    # With solver='scipy', PyRates forwards every run keyword to scipy's solve_ivp, which warns that ours
    # (float_precision, to_file, file_name, decorator, ...) have no effect there. They did take effect earlier.
    text = str(caught.message)
    if "have no effect for a chosen solver" not in text:
        return False
    named = [part for i, part in enumerate(text.split("`")) if i % 2 == 1]
    return bool(named) and all(name in kwargs for name in named)


def _distinct(messages):
    """Each message once, in order of first appearance, with how often it came when more than once: numpy warns at
    every step (``invalid value encountered in sqrt`` from the branch of a ``where`` not taken, evaluated anyway)."""
    counts = {}
    for message in messages:
        counts[message] = counts.get(message, 0) + 1
    return [message if n == 1 else f"{message} ({n} times)" for message, n in counts.items()]


def _lines(text):
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _network_circuit(yaml_path, circuit, network, step_size, edge_parameters):
    """A network as a PyRates circuit: one node per label from the template's node, edges from each weight matrix
    ([target, source], every non-zero weight an edge: ``min_weight=0.0``, or PyRates drops small weights) with their
    delays (see :mod:`tvbo_pyrates.delays`), and the values nodes have of their own."""
    import numpy as np
    from pyrates.frontend.template import CircuitTemplate, EdgeTemplate, NodeTemplate

    from .delays import pyrates_delay

    node = NodeTemplate.from_yaml(os.path.splitext(yaml_path)[0] + "/" + str(network["node"]))
    labels = [str(label) for label in network["nodes"]]
    result = CircuitTemplate(name=circuit, path="none", nodes={label: node for label in labels})
    n = len(labels)
    delays = network.get("delays")
    if delays and not any(np.any(np.asarray(d) > 0) for d in delays):
        delays = None  # this call's speed delays no edge by a step
    for i, edge in enumerate(network["edges"]):
        source, target, weights = edge[0], edge[1], edge[2]
        matrix = np.asarray(weights, dtype=np.float64).reshape(n, n)
        extra = {}
        if delays:
            # Every edge set gets delays once one has: an undelayed edge from a buffered source reads column 0.
            extra["edge_attr"] = {"delay": pyrates_delay(np.asarray(delays[i]).reshape(n, n), step_size)}
        if len(edge) > 3:
            # An edge operator: its input fed by the source variable is "source"; each input reading the target
            # node's variable gets, per edge [target, source], that node's 'label/op/var'.
            extra["template"] = EdgeTemplate.from_yaml(os.path.splitext(yaml_path)[0] + "/" + str(edge[3]))
            attributes = {}
            for key, variable in dict(edge[4]).items():
                if variable is None:
                    attributes[str(key)] = "source"
                else:
                    reads = np.empty((n, n), dtype=object)
                    for t, label in enumerate(labels):
                        reads[t, :] = label + "/" + str(variable)
                    attributes[str(key)] = reads
            extra.setdefault("edge_attr", {}).update(attributes)
        result.add_edges_from_matrix(str(source), str(target), labels, weight=matrix, min_weight=0.0, **extra)
    values = {str(k): float(v) for k, v in dict(network.get("values") or {}).items()}
    if values:
        result.update_var(node_vars=values)
    if edge_parameters:
        # A copy indexes the edges, so a param_map entry can set an edge's weight (PyRates' get_edge).
        result = result.update_template()
    return result, bool(delays)


def run(template_text, circuit, param_names, conditions, param_map, outputs, step_size, simulation_time,
        sampling_step_size=None, solver="euler", rtol=None, atol=None, store="series", window_start=None,
        lower=None, upper=None, permute_axes=None, inputs=None, clear=True, keep_caches=False, network=None):
    """Run one grid_search and return Tvbo's layout (see :func:`collect`) plus ``log`` lines.

    Parameters
    ----------
    template_text
        The PyRates YAML text; it is written into a private temporary directory for the run.
    circuit
        The circuit template's name inside it.
    param_names, conditions
        Grid keys and the [condition, axis] table of values in C order.
    param_map, outputs
        As for ``grid_search`` (``outputs`` maps output key -> 'node/op/var'; its order is the variable order).
    solver
        'euler', 'heun' or 'scipy' (RK45 with ``rtol``/``atol`` and the float64 workaround).
    keep_caches
        False: what PyRates and sympy cache for this call is dropped after it (a Dask worker's calls). True: the
        caller has a scope open (:func:`begin_scope`, an exploration's chunks share the caches) and ends it.
    permute_axes
        None to pass ``conditions`` as the grid (``permute_grid=False``); or the list of per-axis values to let
        PyRates build the product itself (``permute_grid=True``, meshgrid order), reordered via its table.
    network
        None to run the template's circuit; or a network to build from the template's node (:func:`_network_circuit`):
        ``{'node': node template name, 'nodes': [label], 'edges': [(source 'op/var', target 'op/var', weights)
        [+ (edge template name, {'edge/op/input': None for the source or the target's 'op/var'})]],
        'values': {'node/op/var': value}, 'delays': None or, per edge set, its delays in steps [target, source]}``.
    """
    import numpy as np
    import pyrates

    started = time.perf_counter()
    conditions = np.asarray(conditions, dtype=np.float64).reshape(-1, len(param_names))
    workdir = tempfile.mkdtemp(prefix="tvbo_pyrates_")
    saved_path = list(sys.path)
    scope = None if keep_caches else begin_scope()
    run_file = "tvbo_run_" + uuid.uuid4().hex  # with to_file=False, only the name of the compiled module
    log = []
    try:
        stem = "tvbo_" + uuid.uuid4().hex[:12]
        yaml_path = os.path.join(workdir, stem + ".yaml")
        with open(yaml_path, "w", encoding="utf-8") as handle:
            handle.write(template_text)
        template_path = os.path.splitext(yaml_path)[0] + "/" + circuit

        if permute_axes is None:
            grid = {name: conditions[:, j].tolist() for j, name in enumerate(param_names)}
            permute = False
        else:
            grid = {name: list(map(float, values)) for name, values in zip(param_names, permute_axes)}
            permute = True

        kwargs = dict(solver=solver, float_precision="float64", verbose=False, to_file=False, clear=clear,
                      file_name=run_file)
        if solver in ("scipy", "heun"):
            # The generated right-hand side returns one shared buffer. scipy keeps references to it (DESIGN 5.2),
            # and PyRates' heun adds rhs + func(y_0) where both are that buffer, so it computes
            # y + dt*f(y + dt*f(y)) instead of Heun's y + dt/2*(f(y) + f(y + dt*f(y))). A copy fixes both.
            kwargs["decorator"] = _decorator
        ops = _functions(template_text)
        if ops:
            kwargs["ops"] = ops
        if solver == "scipy":
            if rtol is not None:
                kwargs["rtol"] = float(rtol)
            if atol is not None:
                kwargs["atol"] = float(atol)

        pyrates.clear_frontend_caches()
        buffers = contextlib.nullcontext()
        if network is not None:
            edge_parameters = any("edges" in entry for entry in dict(param_map).values())
            template_path, delayed = _network_circuit(yaml_path, circuit, network, float(step_size), edge_parameters)
            if delayed:
                # PyRates' edge ring buffers, one per delayed source variable, set to the project's delay semantics
                # before every call.
                from .delays import ExactDelays, one_buffer_per_variable

                kwargs["decorator"] = lambda f: _copy_result(ExactDelays(f, solver))
                buffers = one_buffer_per_variable()
        prepared = time.perf_counter()
        printed = io.StringIO()
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(printed), \
                contextlib.redirect_stderr(printed), buffers:
            warnings.simplefilter("always")
            results, table = pyrates.grid_search(
                template_path, param_grid=grid, param_map=copy.deepcopy(param_map), step_size=float(step_size),
                simulation_time=float(simulation_time), outputs=dict(outputs),
                inputs=copy.deepcopy(inputs) if inputs else None,
                sampling_step_size=None if sampling_step_size is None else float(sampling_step_size),
                permute_grid=permute, **kwargs)
        searched = time.perf_counter()
        log.extend(_lines(printed.getvalue()))
        warned = _distinct([f"{w.category.__name__}: {w.message}" for w in caught if not _own_kwargs_warning(w, kwargs)])
        out = collect(results, table, list(param_names), conditions, list(outputs.keys()), store=store,
                      window_start=window_start, lower=lower, upper=upper)
        out["log"] = log
        out["warnings"] = warned
        done = time.perf_counter()
        out["timing"] = {"prepare": prepared - started, "grid_search": searched - prepared, "collect": done - searched}
        return out
    finally:
        # Also after an error or an interrupt (KeyboardInterrupt from a cancelled run): the temporary folder goes,
        # sys.path is restored, and without the caller's scope what PyRates cached for this call is dropped.
        sys.path[:] = saved_path
        with contextlib.suppress(Exception):
            pyrates.clear_frontend_caches()
        shutil.rmtree(workdir, ignore_errors=True)
        if scope is not None:
            end_scope(scope)

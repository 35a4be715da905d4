"""Chunks of conditions as Dask tasks: a LocalCluster of single-threaded worker processes, or an existing cluster.

The .NET side calls :func:`connect` once per process, then :func:`submit` for every chunk (the same arguments as
:func:`tvbo_pyrates.run`) and :func:`wait_next` until all futures are done. The bridge's own code travels to the
workers (uploaded as a zip of this package), so a stock ``dask worker ADDRESS`` with Python, PyRates and distributed
serves; a worker without PyRates is reported by name before anything is submitted.
"""

import os
import shutil
import tempfile
import zipfile

_state = {"client": None, "cluster": None, "description": None}


def _package_zip():
    """A zip of this package (``tvbo_pyrates/*.py``) in a private temporary folder."""
    here = os.path.dirname(os.path.abspath(__file__))
    folder = tempfile.mkdtemp(prefix="tvbo_pyrates_upload_")
    path = os.path.join(folder, "tvbo_pyrates_bridge.zip")
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(os.listdir(here)):
            if name.endswith(".py"):
                archive.write(os.path.join(here, name), "tvbo_pyrates/" + name)
    return folder, path


def _worker_check():
    """Run on every worker: whether PyRates and the uploaded bridge import there."""
    import importlib
    import socket

    result = {"host": socket.gethostname()}
    for name in ("pyrates", "tvbo_pyrates"):
        try:
            module = importlib.import_module(name)
            result[name] = str(getattr(module, "__version__", "unknown"))
        except BaseException as exc:  # noqa: BLE001 - reported to the user by worker
            result[name] = None
            result[name + "_error"] = f"{type(exc).__name__}: {exc}"
    return result


def _tool_command():
    """The tvbo tool's command on this machine: ``TVBO_TOOL`` (e.g. ``dotnet /opt/tvbo/Tvbo.Cli.dll``), else ``tvbo``."""
    return os.environ.get("TVBO_TOOL", "tvbo").split()


def _tool_check():
    """Run on every worker: whether the tvbo tool is there."""
    import socket

    command = _tool_command()
    return {"host": socket.gethostname(), "tool": " ".join(command), "found": shutil.which(command[0]) if command else None}


def run_tool(arguments, files, result):
    """Run on a worker: write ``files`` (relative path -> bytes) into a private folder, run the tvbo tool there with
    ``arguments``, and return the bytes of the file ``result`` it wrote (a shard's NetCDF result)."""
    import socket
    import subprocess

    folder = tempfile.mkdtemp(prefix="tvbo_shard_")
    try:
        for relative, data in files.items():
            path = os.path.join(folder, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        command = _tool_command() + list(arguments)
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"tvbo on worker {socket.gethostname()} exited {done.returncode}: {done.stderr.strip()[-4000:]}")
        with open(os.path.join(folder, result), "rb") as handle:
            return handle.read()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def submit_tool(arguments, paths, result):
    """One native shard as a task running the tvbo tool on a worker; ``paths`` maps the relative paths the task
    writes to the local files whose bytes it sends. Returns the future."""
    files = {}
    for relative, path in paths.items():
        with open(path, "rb") as handle:
            files[relative] = handle.read()
    return _state["client"].submit(run_tool, list(arguments), files, result, pure=False)


def connect(workers=None, address=None, timeout=60.0, connect_timeout=10.0, need="pyrates"):
    """Start a LocalCluster of ``workers`` single-threaded worker processes, or connect to the scheduler at
    ``address``; upload the bridge; check every worker (for PyRates, or with ``need="tool"`` for the tvbo tool).
    Returns a description dict. Connecting again with the same settings returns the existing client; other settings
    close it (and its LocalCluster) first."""
    import distributed

    wanted = {"workers": workers, "address": address, "need": need}
    if _state["client"] is not None:
        if _state["description"]["settings"] == wanted and _state["client"].status == "running":
            return _state["description"]
        close()

    if address:
        client = distributed.Client(address, timeout=connect_timeout)
        cluster = None
    else:
        cluster = distributed.LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
        client = distributed.Client(cluster, timeout=timeout)
    try:
        client.wait_for_workers(1, timeout=timeout)
        folder, path = _package_zip()
        try:
            client.upload_file(path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if need == "tool":
            checks = client.run(_tool_check)
            missing = {worker: info for worker, info in checks.items() if not info.get("found")}
            if missing:
                lines = [f"{worker} ({info.get('host')}): no '{info.get('tool')}'" for worker, info in missing.items()]
                raise RuntimeError("Dask workers without the tvbo tool (install it, or set TVBO_TOOL in the worker's environment, "
                                   "e.g. 'dotnet /path/Tvbo.Cli.dll'): " + " | ".join(lines))
            _state.update(client=client, cluster=cluster)
            _state["description"] = {"settings": wanted, "scheduler": client.scheduler.address, "workers": sorted(checks),
                                     "pyrates": sorted({info["tool"] for info in checks.values()})}
            return _state["description"]
        checks = client.run(_worker_check)
        missing = {worker: info for worker, info in checks.items() if info.get("pyrates") is None or info.get("tvbo_pyrates") is None}
        if missing:
            lines = [f"{worker} ({info.get('host')}): " + "; ".join(
                info[k] for k in ("pyrates_error", "tvbo_pyrates_error") if info.get(k)) for worker, info in missing.items()]
            raise RuntimeError("Dask workers without PyRates (they need Python, PyRates and distributed): " + " | ".join(lines))
    except BaseException:
        client.close()
        if cluster is not None:
            cluster.close()
        raise
    _state.update(client=client, cluster=cluster)
    _state["description"] = {"settings": wanted, "scheduler": client.scheduler.address, "workers": sorted(checks),
                             "pyrates": sorted({info["pyrates"] for info in checks.values()})}
    return _state["description"]


def submit(*args, **kwargs):
    """One chunk as a task running :func:`tvbo_pyrates.run` on a worker; returns the future."""
    import tvbo_pyrates

    return _state["client"].submit(tvbo_pyrates.run, *args, pure=False, **kwargs)


def _finished(futures, timeout):
    """Wait up to ``timeout`` seconds for any of ``futures`` to finish; (position, future, error text or None) of
    every finished one."""
    import distributed

    if any(f.status == "pending" for f in futures):
        try:
            distributed.wait(futures, timeout=timeout, return_when="FIRST_COMPLETED")
        except (TimeoutError, distributed.TimeoutError):
            return []
    done = []
    for i, future in enumerate(futures):
        if future.status == "pending":
            continue
        if future.status == "finished":
            done.append((i, future, None))
        else:
            try:
                exc = future.exception()
                text = f"{type(exc).__name__}: {exc}"
            except BaseException as err:  # noqa: BLE001 - cancelled or lost futures
                text = f"{type(err).__name__}: {err}"
            done.append((i, None, text))
    return done


def wait_next(futures, timeout):
    """Wait up to ``timeout`` seconds for any of ``futures`` to finish. Returns a list of (position in ``futures``,
    result dict or None, error text or None) for every finished one."""
    return [(i, None if f is None else f.result(), error) for i, f, error in _finished(futures, timeout)]


def wait_next_tool(futures, timeout, paths):
    """As :func:`wait_next` for tool tasks: a finished task's bytes are written to ``paths[position]``; returns
    (position, error text or None) for every finished one."""
    done = []
    for i, future, error in _finished(futures, timeout):
        if future is not None:
            with open(paths[i], "wb") as handle:
                handle.write(future.result())
        done.append((i, error))
    return done


def cancel(futures):
    """Cancel every future still pending."""
    if futures and _state["client"] is not None:
        _state["client"].cancel(list(futures))


def close():
    """Close the client and a LocalCluster this process started (worker processes end)."""
    client, cluster = _state["client"], _state["cluster"]
    _state.update(client=None, cluster=None, description=None)
    if client is not None:
        client.close(timeout=10)
    if cluster is not None:
        cluster.close(timeout=10)

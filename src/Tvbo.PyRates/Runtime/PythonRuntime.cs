using System.Collections.Concurrent;
using Python.Runtime;
using Tvbo.Backends;

namespace Tvbo.PyRates.Runtime;

/// <summary>
/// The CPython embedded in this process (pythonnet). It is started once per process, on first use, and never shut
/// down: <c>PythonEngine.Shutdown()</c> costs about 4 s and re-initialising afterwards crashes numpy, so the
/// interpreter lives until the process exits. All Python work runs on one dedicated thread that holds the GIL
/// only while it works (<c>BeginAllowThreads</c> right after start, <c>Py.GIL()</c> around each job), so
/// callers on any number of threads are served one job at a time: PyRates' caches and files are global.
/// </summary>
internal sealed class PythonRuntime
{
    private static readonly Lock Gate = new();
    private static PythonRuntime? _instance;
    private static Exception? _engineFailure;
    private static readonly Dictionary<string, Exception> Failures = new(StringComparer.Ordinal);

    private readonly BlockingCollection<Action> _queue = [];
    private readonly Thread _thread;
    private PyObject? _bridge;

    private PythonRuntime(PythonInterpreter interpreter, string packageDirectory)
    {
        Interpreter = interpreter;
        PackageDirectory = packageDirectory;
        _thread = new Thread(Loop) { IsBackground = true, Name = "Tvbo.PyRates Python" };
        _thread.Start();
    }

    /// <summary>The interpreter running in this process.</summary>
    public PythonInterpreter Interpreter { get; }

    /// <summary>PyRates' version as imported in this process, or <see langword="null"/>.</summary>
    public string? PyRatesVersion { get; private set; }

    /// <summary>The versions of numpy, pandas and scipy imported in this process (their <c>__version__</c>; null for a
    /// module that does not import), by module name.</summary>
    public IReadOnlyDictionary<string, string?> ModuleVersions => _moduleVersions;

    private readonly Dictionary<string, string?> _moduleVersions = new(StringComparer.Ordinal);

    /// <summary>Why PyRates does not import in this process, or <see langword="null"/>.</summary>
    public string? PyRatesError { get; private set; }

    /// <summary>Whether PyRates imports in this process.</summary>
    public bool HasPyRates => PyRatesVersion is not null;

    /// <summary>The folder holding the <c>tvbo_pyrates</c> package (first on <c>sys.path</c>).</summary>
    public string PackageDirectory { get; }

    /// <summary>Seconds spent finding the interpreter (probe subprocess or cache).</summary>
    public double LocateSeconds { get; private init; }

    /// <summary>Seconds spent starting the embedded interpreter (<c>PythonEngine.Initialize</c>).</summary>
    public double StartSeconds { get; private set; }

    /// <summary>Seconds spent importing the bridge package, numpy, pandas and PyRates in the embedded interpreter.</summary>
    public double ImportSeconds { get; private set; }

    /// <summary>Starts the embedded interpreter on first call and returns it afterwards.</summary>
    /// <param name="explicitExecutable">A python executable to use, or <see langword="null"/> to locate one
    /// (see <see cref="PythonLocator"/>).</param>
    /// <exception cref="BackendUnavailableException">No usable Python (the message says what was tried and how to
    /// install), or the process already runs another interpreter than the one requested.</exception>
    public static PythonRuntime Start(string? explicitExecutable = null)
    {
        lock (Gate)
        {
            if (_instance is { } running)
            {
                if (!string.IsNullOrWhiteSpace(explicitExecutable) && running.Interpreter.Executable is { } exe
                    && !SameFile(exe, explicitExecutable))
                {
                    throw new BackendUnavailableException("pyrates", $"This process already runs Python {running.Interpreter.DisplayName}; an embedded interpreter cannot be replaced, so '{explicitExecutable}' cannot be used. Use one interpreter per process.");
                }

                return running;
            }

            if (_engineFailure is { } broken)
            {
                throw new BackendUnavailableException("pyrates", $"Python was started in this process but could not be made ready: {broken.Message} An embedded interpreter cannot be restarted; fix the cause and start a new process.", broken);
            }

            var key = explicitExecutable ?? string.Empty;
            if (Failures.TryGetValue(key, out var failed))
            {
                throw new BackendUnavailableException("pyrates", failed.Message, failed);
            }

            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var interpreter = PythonLocator.Locate(explicitExecutable);
                var runtime = new PythonRuntime(interpreter, BridgePackage.Directory()) { LocateSeconds = clock.Elapsed.TotalSeconds };
                runtime.StartEngineOnThread();
                _instance = runtime;
                return runtime;
            }
            catch (Exception ex) when (ex is TvboException or BackendException)
            {
                Failures[key] = ex;
                if (PythonEngine.IsInitialized)
                {
                    // The process now holds that interpreter; no other can be started in its place.
                    _engineFailure = ex;
                }

                throw;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on the Python thread, holding the GIL, and returns its result. A Python
    /// exception becomes a <see cref="PyRatesException"/> with the Python type, message, traceback and cause (see
    /// <see cref="PythonErrors"/>).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="work">The work; it may use the bridge module through <see cref="Bridge"/>.</param>
    /// <param name="cancellationToken">Cancels the job: while it waits in the queue, or (<paramref name="interruptible"/>) while it runs, by raising
    /// <c>KeyboardInterrupt</c> in the Python thread (checked between Python bytecodes, so within milliseconds while
    /// PyRates integrates); the job then ends with <see cref="OperationCanceledException"/>, its Python
    /// <c>finally</c> blocks (temporary folders, <c>sys.path</c>) having run.</param>
    /// <param name="interruptible">Whether a running job may be interrupted (a grid_search call); otherwise only a
    /// queued job is cancelled, and a running one finishes (Dask's client, which polls the token itself).</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public T Invoke<T>(Func<T> work, CancellationToken cancellationToken = default, bool interruptible = false)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Thread.CurrentThread == _thread)
        {
            return new RunningJob().Run(work, CancellationToken.None);
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new RunningJob();
        using var registration = interruptible && cancellationToken.CanBeCanceled
            ? cancellationToken.Register(() => ThreadPool.UnsafeQueueUserWorkItem(_ => job.Interrupt(), null))
            : default;
        _queue.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                done.TrySetResult(job.Run(work, cancellationToken));
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        }, CancellationToken.None);
        return done.Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/> on the Python thread, holding the GIL.</summary>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the job while it waits in the queue.</param>
    public void Invoke(Action work, CancellationToken cancellationToken = default) =>
        Invoke(() =>
        {
            work();
            return true;
        }, cancellationToken);

    /// <summary>The imported <c>tvbo_pyrates</c> module. Use only inside <see cref="Invoke{T}"/>.</summary>
    public PyObject Bridge => _bridge ?? throw new InvalidOperationException("The Python runtime has not been initialised.");

    /// <summary>A job on the Python thread that another thread may interrupt. Its state changes only under the GIL, so
    /// an interrupt lands only while the job runs; one that lands after its last bytecode is cleared before the GIL is
    /// released, and never reaches the next job.</summary>
    private sealed class RunningJob
    {
        private ulong _threadId;
        private bool _running;
        private bool _interrupted;

        public T Run<T>(Func<T> work, CancellationToken cancellationToken)
        {
            using (Py.GIL())
            {
                _threadId = PythonEngine.GetPythonThreadID();
                _running = true;
                try
                {
                    return work();
                }
                catch (PythonException) when (_interrupted)
                {
                    throw new OperationCanceledException("The Python call was interrupted.", cancellationToken);
                }
                catch (PythonException ex)
                {
                    throw PythonErrors.Convert(ex);
                }
                finally
                {
                    _running = false;
                    if (_interrupted)
                    {
                        ClearPendingInterrupt(_threadId);
                    }
                }
            }
        }

        public void Interrupt()
        {
            using (Py.GIL())
            {
                if (_running && !_interrupted)
                {
                    _interrupted = true;
                    PythonEngine.Interrupt(_threadId);
                }
            }
        }

        private static void ClearPendingInterrupt(ulong threadId)
        {
            try
            {
                using var ctypes = Py.Import("ctypes");
                using var api = ctypes.GetAttr("pythonapi");
                using var setAsync = api.GetAttr("PyThreadState_SetAsyncExc");
                using var id = ctypes.InvokeMethod("c_ulong", new PyInt(threadId));
                setAsync.Invoke(id, PyObject.None).Dispose();
            }
            catch (PythonException)
            {
                // The pending KeyboardInterrupt fired on the way in: it is consumed either way.
            }
        }
    }

    private void Loop()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            job();
        }
    }

    private void StartEngineOnThread()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try
            {
                StartEngine();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        done.Task.GetAwaiter().GetResult();
    }

    private void StartEngine()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        InitializeEngine();
        StartSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        using (Py.GIL())
        {
            try
            {
                PrepareSys();
                _bridge = Py.Import("tvbo_pyrates");
                ProbeImports(_bridge);
                ImportSeconds = clock.Elapsed.TotalSeconds;
            }
            catch (PythonException ex)
            {
                var error = PythonErrors.Convert(ex);
                throw new BackendUnavailableException("pyrates", $"Python {Interpreter.DisplayName} started but the bridge package could not be imported from {PackageDirectory}: {error.Message}\n{PythonLocator.InstallHint}", error);
            }
        }
    }

    // Loads the interpreter's library and starts it, once per process.
    private void InitializeEngine()
    {
        try
        {
            if (!PythonEngine.IsInitialized)
            {
                global::Python.Runtime.Runtime.PythonDLL = Interpreter.LibraryPath;
                if (Interpreter.Executable is { } exe)
                {
                    PythonEngine.ProgramName = exe;
                }

                PythonEngine.Initialize();

                // Release the GIL taken by Initialize: every job takes it with Py.GIL(). Without this the process
                // hangs at exit.
                PythonEngine.BeginAllowThreads();
                SkipShutdownAtExit();
            }
        }
        catch (Exception ex) when (ex is not (TvboException or BackendException))
        {
            throw new BackendUnavailableException("pyrates", $"Python {Interpreter.DisplayName} could not be started in this process (library {Interpreter.LibraryPath}): {ex.Message}\n{PythonLocator.InstallHint}", ex);
        }
    }

    // sys.path: the bridge package first, then the interpreter's own search path, in its order (a virtual
    // environment's or conda's site-packages before the base installation's), then what the embedded start-up added
    // besides; and an empty sys.argv where there is none.
    private void PrepareSys()
    {
        using var sys = Py.Import("sys");
        using var path = sys.GetAttr("path");
        var existing = Strings(path);
        var ordered = Interpreter.SearchPath.Concat(existing.Where(e => !Interpreter.SearchPath.Contains(e))).Distinct(StringComparer.Ordinal).ToArray();
        var texts = ordered.Select(e => (PyObject)new PyString(e)).ToArray();
        using (var items = new PyList(texts))
        {
            path.InvokeMethod("clear").Dispose();
            path.InvokeMethod("extend", items).Dispose();
        }

        foreach (var t in texts)
        {
            t.Dispose();
        }

        using (var package = new PyString(PackageDirectory))
        {
            path.InvokeMethod("insert", new PyInt(0), package).Dispose();
        }

        if (!sys.HasAttr("argv"))
        {
            using var argv = new PyList([new PyString(string.Empty)]);
            sys.SetAttr("argv", argv);
        }
    }

    // numpy and pandas must import in this process; PyRates' version, or why it does not import, is recorded.
    private void ProbeImports(PyObject bridge)
    {
        using var info = bridge.InvokeMethod("probe");
        if (info.GetItem("numpy").IsNone() || info.GetItem("pandas").IsNone())
        {
            throw new BackendUnavailableException("pyrates", $"Python {Interpreter.DisplayName} cannot import numpy and pandas in this process ({info}).\n{PythonLocator.InstallHint}");
        }

        foreach (var name in new[] { "numpy", "pandas", "scipy" })
        {
            using var version = info.GetItem(name);
            _moduleVersions[name] = version.IsNone() ? null : version.As<string>();
        }

        using var pyrates = info.GetItem("pyrates");
        PyRatesVersion = pyrates.IsNone() ? null : pyrates.As<string>();
        PyRatesError = PyRatesVersion is null ? info.GetItem("pyrates_error").As<string>() : null;
    }

    private static List<string> Strings(PyObject sequence)
    {
        var list = new List<string>();
        using var iterator = sequence.GetIterator();
        while (iterator.MoveNext())
        {
            using var item = iterator.Current;
            list.Add(item.As<string>() ?? string.Empty);
        }

        return list;
    }

    /// <summary>
    /// Removes pythonnet's process-exit handler, which calls <c>PythonEngine.Shutdown()</c>: with PyRates loaded that
    /// shutdown spends seconds in Python's garbage collector (3–8 s measured on the guide's QIF sweep, growing with
    /// the number of runs) after all work is done. Skipping it is safe here: an embedded interpreter is never restarted
    /// in a process (numpy cannot be re-initialised), every run has already removed its temporary files, and nothing
    /// is pending in Python when the process ends. The interpreter simply ends with the process, as a forked worker
    /// does.
    /// </summary>
    private static void SkipShutdownAtExit()
    {
        var handler = typeof(PythonEngine).GetMethod("OnProcessExit", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
        if (handler is not null && handler.GetParameters().Length == 2)
        {
            AppDomain.CurrentDomain.ProcessExit -= (EventHandler)Delegate.CreateDelegate(typeof(EventHandler), handler);
        }
    }

    private static bool SameFile(string a, string b)
    {
        try
        {
            return string.Equals(Path.GetFullPath(ResolveLink(a)), Path.GetFullPath(ResolveLink(b)), StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return string.Equals(a, b, StringComparison.Ordinal);
        }
    }

    private static string ResolveLink(string path)
    {
        var info = new FileInfo(path);
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}

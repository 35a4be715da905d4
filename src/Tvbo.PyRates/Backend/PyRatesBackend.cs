using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Python.Runtime;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Templates;
using Tvbo.Results;

[assembly: SimulationBackend(typeof(PyRatesBackend))]

namespace Tvbo.PyRates.Backend;

/// <summary>
/// The <c>pyrates</c> backend: writes the model as a PyRates template, runs <c>pyrates.grid_search</c> in CPython
/// embedded in this process (in chunks of <see cref="PyRatesBackendOptions.ChunkSize"/> conditions) and returns the
/// same <see cref="ExplorationResult"/> as every backend: float64, conditions in C order, named axes.
/// </summary>
/// <remarks>
/// Integration maps to PyRates' solvers: Euler → <c>euler</c>, Heun → <c>heun</c>, RK45 → <c>scipy</c> (with
/// <c>rtol</c>/<c>atol</c> and a fix for PyRates 1.2.3's float64 scipy path). PyRates has no RK4. Runs always use
/// <c>float_precision='float64'</c>. Conditions whose state becomes NaN or infinite, or leaves a state variable's
/// boundaries (which PyRates cannot enforce), are reported in <see cref="ExplorationResult.Failures"/>; a chunk on
/// which Python raises is reported the same way and the run goes on. Safe to call from many threads: Python work
/// is serialised on one thread.
/// <para>PyRates 1.2.3's <c>heun</c> solver adds two references to the same right-hand-side buffer and so computes
/// <c>y + dt*f(y + dt*f(y))</c>; the bridge makes the right-hand side return a copy, which turns it into Heun's
/// method (<c>y + dt/2*(f(y) + f(y + dt*f(y)))</c>, as the native backend computes it).</para>
/// <para>The embedded interpreter (located as described for <see cref="PyRatesBackendOptions.PythonExecutable"/>) is
/// started on first use and lives until the process exits: it is never shut down, because
/// <c>PythonEngine.Shutdown()</c> costs about 4 s and starting Python again afterwards crashes numpy.</para>
/// </remarks>
public sealed class PyRatesBackend : ISimulationBackend
{
    /// <summary>The backend's name, <c>pyrates</c>.</summary>
    public const string BackendName = "pyrates";

    private static int _runCounter;

    private static int _startupLogged;

    private static int _clusterLogged;

    /// <summary>Creates the backend with default options.</summary>
    public PyRatesBackend()
        : this(new PyRatesBackendOptions())
    {
    }

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Its settings.</param>
    public PyRatesBackend(PyRatesBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <inheritdoc/>
    public string Name => BackendName;

    /// <summary>The backend's settings.</summary>
    public PyRatesBackendOptions Options { get; }

    /// <summary>Replaces how a chunk is run (tests: inject a failing chunk). Null runs it through PyRates.</summary>
    internal Func<GridSearchCall, int, CancellationToken, GridSearchOutput>? ChunkRunner { get; set; }

    /// <summary>Starts the embedded Python (if not yet running) and returns the interpreter it uses.</summary>
    /// <returns>The interpreter.</returns>
    /// <exception cref="BackendUnavailableException">No usable Python; the message says what was tried and how to install.</exception>
    public PythonInterpreter StartPython() => PythonRuntime.Start(Options.PythonExecutable).Interpreter;

    /// <summary>Describes the backend: PyRates' version as the version, the Python, numpy and pandas it runs on, and
    /// its settings (interpreter, chunk size, where YAML files are kept). Starts the embedded Python when it is not
    /// running; without a usable Python the version is <see langword="null"/> and no Python software is listed.</summary>
    /// <returns>The description.</returns>
    public BackendDescription Describe()
    {
        var description = BackendDescription.Of(this) with
        {
            Settings = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["python"] = Options.PythonExecutable,
                ["chunkSize"] = Options.ChunkSize,
                ["keepYaml"] = Options.KeepYamlDirectory,
            },
        };
        try
        {
            var python = StartPython();
            return description.WithSoftware(
            [
                new("pyrates", python.PyRatesVersion),
                new("python", python.Version),
                new("numpy", python.NumpyVersion),
                new("pandas", python.PandasVersion),
            ]) with { Version = python.PyRatesVersion };
        }
        catch (Exception ex) when (ex is TvboException or BackendException)
        {
            return description with { Version = null };
        }
    }

    /// <summary>The PyRates solver name for an integration method.</summary>
    /// <param name="method">The method.</param>
    /// <returns><c>euler</c>, <c>heun</c> or <c>scipy</c>.</returns>
    /// <exception cref="PyRatesTranslationException">PyRates has no such method (RK4).</exception>
    public static string SolverFor(IntegrationMethod method) => method switch
    {
        IntegrationMethod.Euler => "euler",
        IntegrationMethod.Heun => "heun",
        IntegrationMethod.RK45 => "scipy",
        IntegrationMethod.RK4 => throw new PyRatesTranslationException(
            "Integration method RK4 is not available in PyRates (its solvers are euler, heun and scipy). Use Heun (method: heun) or " +
            "RK45 (method: rk45, PyRates' scipy solver), or run RK4 with the native backend (Run(\"native\") / --backend native)."),
        _ => throw new PyRatesTranslationException($"Integration method {method} is not known; valid for PyRates: Euler, Heun, RK45."),
    };

    /// <inheritdoc/>
    public ExplorationResult RunExploration(
        SimulationExperiment experiment,
        ExplorationGrid grid,
        RunOptions options,
        IProgress<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        var model = experiment.Model;
        var integration = experiment.Integration;
        model.Validate();
        integration.Validate();
        var solver = SolverFor(integration.Method);
        options.Validate(grid, integration, model.StateVariables.Count);
        if (integration.SampleCount < 2)
        {
            throw new PyRatesTranslationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Exploration '{grid.Exploration}': duration {integration.Duration} with a sampling interval of {integration.SampleInterval} returns {integration.SampleCount} sample per condition; PyRates 1.2.3 fails on a single sample. Use a duration of at least two sampling intervals, or the native backend."));
        }
        cancellationToken.ThrowIfCancellationRequested();

        var runId = Interlocked.Increment(ref _runCounter);
        var template = PyRatesTemplateWriter.Create(model, string.Create(CultureInfo.InvariantCulture, $"r{runId}"));
        var logger = options.Logger;
        if (Options.KeepYamlDirectory is { } keep)
        {
            Directory.CreateDirectory(keep);
            var path = Path.Combine(keep, template.CircuitName + ".yaml");
            File.WriteAllText(path, template.Yaml);
            logger.LogInformation("PyRates template for exploration '{Exploration}' kept at {Path} (PyRates path {TemplatePath}).", grid.Exploration, path, template.TemplatePath(path));
        }

        PythonRuntime? runtime = null;
        if (ChunkRunner is null)
        {
            runtime = PythonRuntime.Start(Options.PythonExecutable);
            if (Interlocked.Exchange(ref _startupLogged, 1) == 0)
            {
                logger.LogDebug(
                    "Python start-up: locate {Locate:F0} ms, start {Start:F0} ms, import (bridge, numpy, pandas, PyRates) {Import:F0} ms; interpreter {Interpreter}.",
                    runtime.LocateSeconds * 1e3,
                    runtime.StartSeconds * 1e3,
                    runtime.ImportSeconds * 1e3,
                    runtime.Interpreter.DisplayName);
            }
            if (!runtime.HasPyRates)
            {
                throw new BackendUnavailableException("pyrates", $"PyRates not importable from {runtime.Interpreter.DisplayName}: {runtime.PyRatesError}. {PythonLocator.InstallHint}");
            }
        }

        var states = model.StateVariables;
        var variables = states.Count;
        double[]? lower = null, upper = null;
        if (states.Any(s => s.Boundaries is not null))
        {
            lower = states.Select(s => s.Boundaries?.Lower ?? double.NegativeInfinity).ToArray();
            upper = states.Select(s => s.Boundaries?.Upper ?? double.PositiveInfinity).ToArray();
            logger.LogWarning("Model '{Model}' has boundaries on {Variables}; PyRates cannot enforce them, so conditions that leave them are reported as failures.", model.Name, string.Join(", ", states.Where(s => s.Boundaries is not null).Select(s => s.Name)));
        }

        // grid_search needs at least one swept constant: a plain integration (no axes) sweeps the first parameter over
        // its own value.
        if (grid.Axes.Count == 0)
        {
            var first = model.Parameters.FirstOrDefault() ?? throw new PyRatesTranslationException(
                $"Model '{model.Name}' has no parameters; PyRates' grid_search needs at least one constant to sweep. Add a parameter, or use the native backend.");
            grid = grid.WithAxis(first.Name, first.Value);
        }

        var n = grid.ConditionCount;
        var k = grid.Axes.Count;
        var samples = integration.SampleCount;
        var summary = options.Store == ResultStore.Summary;
        var windowStart = SummaryStatistics.WindowStartFor(samples, options.SummaryWindow);
        var chunk = Math.Min(Options.ChunkSize, Math.Max(n, 1));
        var chunks = (n + chunk - 1) / chunk;

        // Chunks are placed as they arrive; with one chunk the transferred array is the series itself (no copy).
        var assembler = new ResultAssembler(grid, states.Select(s => s.Name).ToArray(), samples, summary ? ResultStore.Summary : ResultStore.Series, windowStart);
        double[]? time = null;
        var all = grid.ToArray();
        var stepsPerCondition = (long)integration.StepCount;
        var total = n * stepsPerCondition;
        if (integration.Method == IntegrationMethod.RK45 && chunks > 1)
        {
            logger.LogInformation("Exploration '{Exploration}': RK45 runs {Chunks} grid_search calls of up to {Chunk} conditions; scipy shares one adaptive step among the conditions of a call, so results depend on the chunk size.", grid.Exploration, chunks, chunk);
        }

        var parameterNames = grid.Axes.Select(a => template.PyRatesName(a.Name)).ToArray();
        var parameterTargets = grid.Axes.Select(a => template.ParameterTarget(a.Name)).ToArray();
        var outputKeys = states.Select(s => template.PyRatesName(s.Name)).ToArray();
        var outputTargets = states.Select(s => template.OutputTarget(s.Name)).ToArray();
        var completedChunks = 0;
        var done = new bool[n];
        var doneConditions = 0L;
        var callClock = new System.Diagnostics.Stopwatch();
        progress?.Report(new RunProgress(grid.Exploration, 0, total));

        var inputSeries = model.Inputs.Select(u => (Target: template.InputTarget(u), Series: experiment.Inputs.TryGetValue(u, out var s) ? s
            : throw new PyRatesTranslationException($"Model '{model.Name}' reads input '{u}', but the experiment gives no series for it (SimulationExperiment.Inputs)."))).ToArray();
        var inputSteps = integration.StepCount;

        // The chunk's inputs, [step, condition]: step k of every stage uses value k (grid_search indexes inputs by step).
        IReadOnlyList<(string Target, double[] Values, int Columns)>? InputsFor(int first, int count)
        {
            if (inputSeries.Length == 0)
            {
                return null;
            }

            var column = new double[inputSteps];
            return inputSeries.Select(u =>
            {
                var values = new double[(long)inputSteps * count];
                for (var j = 0; j < count; j++)
                {
                    u.Series.Fill(first + j, 0, column);
                    for (var s = 0; s < inputSteps; s++)
                    {
                        values[((long)s * count) + j] = column[s];
                    }
                }

                return (u.Target, values, count);
            }).ToArray();
        }

        // In this process the chunks share PyRates' caches, dropped when the exploration ends; a Dask worker's calls
        // drop their own.
        var scope = runtime is not null && !Options.UsesCluster ? PyRatesBridge.BeginScope(runtime) : null;

        GridSearchCall Call(int c) => CallOf(c * chunk, Math.Min(chunk, n - (c * chunk)));

        GridSearchCall CallOf(int first, int count)
        {
            return new GridSearchCall
            {
                Template = template.Yaml,
                Circuit = template.CircuitName,
                ParameterNames = parameterNames,
                ParameterTargets = parameterTargets,
                Conditions = all.AsSpan(first * k, count * k).ToArray(),
                OutputKeys = outputKeys,
                OutputTargets = outputTargets,
                StepSize = integration.StepSize,
                SimulationTime = integration.Duration,
                SamplingStepSize = integration.SamplingStepSize,
                Solver = solver,
                RelativeTolerance = solver == "scipy" ? integration.RelativeTolerance : null,
                AbsoluteTolerance = solver == "scipy" ? integration.AbsoluteTolerance : null,
                Summary = summary,
                SummaryWindowStart = windowStart,
                Lower = lower,
                Upper = upper,
                Inputs = InputsFor(first, count),
                KeepCaches = scope is not null,
            };
        }

        // A chunk's conditions failed: NaN in the result, one failure per condition, and the run goes on.
        void Fail(int c, string pythonType, string pythonMessage, Exception? ex) => FailRange(c * chunk, Math.Min(chunk, n - (c * chunk)), pythonType, pythonMessage, ex);

        void FailRange(int first, int count, string pythonType, string pythonMessage, Exception? ex)
        {
            // One line for the user; the Python traceback and .NET frames only at debug level (-v).
            logger.LogError("Exploration '{Exploration}': PyRates failed on conditions {First}..{Last} ({Type}: {Message}); they are reported as failures and the run goes on.", grid.Exploration, first, first + count - 1, pythonType, pythonMessage);
            logger.LogDebug(ex, "Exploration '{Exploration}': the failure of conditions {First}..{Last}.", grid.Exploration, first, first + count - 1);
            done.AsSpan(first, count).Fill(true);
            var message = $"PyRates failed on the grid_search call of conditions {first}..{first + count - 1}: {pythonType}: {pythonMessage}";
            assembler.FailConditions(first, count, c => ConditionFailure.CallFailed(c, message));
            doneConditions += count;
            progress?.Report(new RunProgress(grid.Exploration, doneConditions * stepsPerCondition, total));
        }

        // A chunk's output goes into the one result.
        void Accept(int c, GridSearchOutput output, double callSeconds) => AcceptRange(c * chunk, Math.Min(chunk, n - (c * chunk)), output, callSeconds);

        void AcceptRange(int first, int count, GridSearchOutput output, double callSeconds)
        {
            foreach (var line in output.Log)
            {
                logger.LogInformation("PyRates: {Line}", line);
            }

            foreach (var line in output.Warnings)
            {
                logger.LogWarning("PyRates: {Warning}", line);
            }

            if (output.Timing is { Count: > 0 } timing && logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug(
                    "Exploration '{Exploration}': conditions {First}..{Last} took {Timing}, transfer and .NET side {Transfer:F1} ms.",
                    grid.Exploration,
                    first,
                    first + count - 1,
                    string.Join(", ", timing.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value * 1e3:F1} ms"))),
                    Math.Max(0, callSeconds - timing.Values.Sum()) * 1e3);
            }

            time ??= CheckTime(output.Time, samples, grid.Exploration);
            if (summary)
            {
                Expect(output.Shape, [5, count, variables], grid.Exploration);

                assembler.PlaceSummary(first, count, output.Data);
            }
            else
            {
                Expect(output.Shape, [count, samples, variables], grid.Exploration);
                if (count == n)
                {
                    assembler.AdoptSeries(output.Data);
                }
                else
                {
                    assembler.PlaceSeries(first, output.Data);
                }
            }

            foreach (var f in output.Failures)
            {
                var state = states[f.Variable];
                assembler.AddFailure(f.OutOfBounds
                    ? ConditionFailure.LeftBounds(first + f.Condition, output.Time[f.Sample], state.Name, state.Boundaries?.Lower ?? double.NegativeInfinity, state.Boundaries?.Upper ?? double.PositiveInfinity)
                    : ConditionFailure.Diverged(first + f.Condition, output.Time[f.Sample], state.Name));
            }

            done.AsSpan(first, count).Fill(true);
            completedChunks++;
            doneConditions += count;
            progress?.Report(new RunProgress(grid.Exploration, doneConditions * stepsPerCondition, total));
        }

        try
        {
            RunAll();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Keep every chunk that finished; the others are NaN and marked cancelled.
            var partial = done.Contains(true) ? assembler.BuildCancelled(done, time ?? integration.CreateTimeGrid(), integration.StepSize, Name) : null;
            throw new RunCancelledException([], partial, cancellationToken);
        }
        finally
        {
            if (scope is not null)
            {
                PyRatesBridge.EndScope(runtime!, scope);
            }
        }

        time ??= integration.CreateTimeGrid();
        return assembler.Build(time, integration.StepSize, Name);

        void RunAll()
        {
            if (Options.UsesCluster && ChunkRunner is null)
            {
                RunOnCluster(runtime!, grid.Exploration, chunks, Call, Accept, Fail, () => completedChunks, logger, cancellationToken);
            }
            else
            {
                // RK45: scipy takes one adaptive step for all conditions of a call, so one diverging condition stops the call.
                // A failed call of several conditions is split in halves until the failing conditions are alone, so they,
                // not their neighbours, are the failures, whatever the order of the grid.
                var bisect = integration.Method == IntegrationMethod.RK45;
                var lonelyFailures = 0;
                void RunRange(int c, int first, int count)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var call = CallOf(first, count);
                    GridSearchOutput output;
                    try
                    {
                        callClock.Restart();
                        output = ChunkRunner is { } runner ? runner(call, c, cancellationToken) : PyRatesBridge.Run(runtime!, call, cancellationToken);
                    }
                    catch (PyRatesException) when (completedChunks == 0 && !(bisect && count > 1) && (!bisect || ++lonelyFailures >= 3))
                    {
                        // Nothing has run yet: an error here (a bad template, an unsupported setting) would repeat on every
                        // chunk, so it is the run's error, not a failure of these conditions. (With RK45, only after three
                        // conditions failed alone with none done: one diverging condition is not the template's fault.)
                        throw;
                    }
                    catch (PyRatesException) when (bisect && count > 1)
                    {
                        var half = count / 2;
                        RunRange(c, first, half);
                        RunRange(c, first + half, count - half);
                        return;
                    }
                    catch (PyRatesException ex)
                    {
                        FailRange(first, count, ex.PythonType, ex.PythonMessage, ex);
                        return;
                    }

                    AcceptRange(first, count, output, callClock.Elapsed.TotalSeconds);
                }

                for (var c = 0; c < chunks; c++)
                {
                    RunRange(c, c * chunk, Math.Min(chunk, n - (c * chunk)));
                }
            }
        }
    }

    /// <summary>Runs the chunks as Dask tasks: all are submitted at once, placed into the result as they complete,
    /// retried once when a task fails, and reported as failures of their conditions when it fails again (unless no
    /// chunk has completed yet: then it is the run's error). Cancellation cancels the outstanding tasks.</summary>
    private void RunOnCluster(
        PythonRuntime runtime,
        string exploration,
        int chunks,
        Func<int, GridSearchCall> call,
        Action<int, GridSearchOutput, double> accept,
        Action<int, string, string, Exception?> fail,
        Func<int> completed,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _clusterLogged, 1) == 0)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var description = DaskBridge.Connect(runtime, Options.Workers, Options.SchedulerAddress);
            ClusterInUse(runtime);
            logger.LogInformation("Dask: {Description} (connected in {Seconds:F1} s).", description, clock.Elapsed.TotalSeconds);
        }
        else
        {
            DaskBridge.Connect(runtime, Options.Workers, Options.SchedulerAddress);
        }

        var futures = new PyObject?[chunks];
        var submitted = new System.Diagnostics.Stopwatch[chunks];
        var attempts = new int[chunks];
        try
        {
            for (var c = 0; c < chunks; c++)
            {
                futures[c] = DaskBridge.Submit(runtime, call(c));
                submitted[c] = System.Diagnostics.Stopwatch.StartNew();
            }

            var remaining = chunks;
            while (remaining > 0)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    DaskBridge.Cancel(runtime, futures);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                foreach (var (c, output, error) in DaskBridge.WaitNext(runtime, futures, TimeSpan.FromMilliseconds(250)))
                {
                    DaskBridge.Release(runtime, [futures[c]]);
                    futures[c] = null;
                    if (output is not null)
                    {
                        accept(c, output, submitted[c].Elapsed.TotalSeconds);
                        remaining--;
                    }
                    else if (attempts[c]++ == 0)
                    {
                        logger.LogWarning("Exploration '{Exploration}': the Dask task of chunk {Chunk} failed ({Error}); retrying it once.", exploration, c, error);
                        futures[c] = DaskBridge.Submit(runtime, call(c));
                        submitted[c].Restart();
                    }
                    else if (completed() == 0 && chunks > 1 && remaining == chunks)
                    {
                        throw new PyRatesException("DaskTaskError", $"the Dask task of chunk {c} failed twice before any chunk completed: {error}", string.Empty);
                    }
                    else
                    {
                        var colon = error?.IndexOf(": ", StringComparison.Ordinal) ?? -1;
                        fail(c, colon > 0 ? error![..colon] : "DaskTaskError", colon > 0 ? error![(colon + 2)..] : error ?? "unknown error", null);
                        remaining--;
                    }
                }
            }
        }
        catch
        {
            DaskBridge.Cancel(runtime, futures);
            throw;
        }
        finally
        {
            DaskBridge.Release(runtime, futures);
        }
    }

    /// <summary>Closes a LocalCluster this process started when the process exits, so its worker processes end with it.</summary>
    private static void ClusterInUse(PythonRuntime runtime) =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                DaskBridge.Close(runtime);
            }
            catch (Exception ex) when (ex is PyRatesException or InvalidOperationException)
            {
                // The process is ending; nothing more can be done.
            }
        };

    private static double[] CheckTime(double[] time, int samples, string exploration) =>
        time.Length == samples
            ? time
            : throw new BackendException($"Exploration '{exploration}': PyRates returned {time.Length} samples, the time grid has {samples}.");

    private static void Expect(int[] shape, int[] expected, string exploration)
    {
        if (!shape.SequenceEqual(expected))
        {
            throw new BackendException($"Exploration '{exploration}': the bridge returned shape ({string.Join(", ", shape)}), expected ({string.Join(", ", expected)}); the bridge package (python/tvbo_pyrates) does not match this library.");
        }
    }
}

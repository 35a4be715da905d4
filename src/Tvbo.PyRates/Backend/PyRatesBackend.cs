using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Planning;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Templates;
using Tvbo.Model;
using Tvbo.Observables;
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
/// <para>A network runs as a PyRates circuit, one PyRates node per network node and edges from the weight matrix, when
/// its couplings fit PyRates' edges (<see cref="PyRatesCircuit"/>), otherwise as its lowered system in one node; both give
/// the native backend's numbers, the circuit to round-off and much faster. The form used is logged at debug level.</para>
/// <para>The embedded interpreter (located as described for <see cref="PyRatesBackendOptions.PythonExecutable"/>) is
/// started on first use and lives until the process exits: it is never shut down, because
/// <c>PythonEngine.Shutdown()</c> costs about 4 s and starting Python again afterwards crashes numpy.</para>
/// <para>It also runs the Python steps of observation pipelines (<see cref="IPipelinePython"/>, through
/// <see cref="Bridge.PipelinePython"/>) in the same interpreter; they need numpy and scipy, not PyRates.</para>
/// </remarks>
public sealed class PyRatesBackend : ISimulationBackend, IPipelinePython
{
    /// <summary>The backend's name, <c>pyrates</c>.</summary>
    public const string BackendName = "pyrates";

    private static int _runCounter;

    private static int _startupLogged;

    // Runs observation pipelines' Python steps in this backend's interpreter; created on first use.
    private PipelinePython? _pipelinePython;

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

    /// <summary>The runner of observation pipelines' Python steps, in the interpreter of <see cref="Options"/>.</summary>
    private PipelinePython PipelinePython => LazyInitializer.EnsureInitialized(ref _pipelinePython, () => new PipelinePython(Options.PythonExecutable));

    /// <summary>Replaces how a chunk is run (tests: inject a failing chunk). Null runs it through PyRates.</summary>
    internal Func<GridSearchCall, int, CancellationToken, GridSearchOutput>? ChunkRunner { get; set; }

    /// <summary>Starts the embedded Python (if not yet running) and returns the interpreter it uses.</summary>
    /// <returns>The interpreter.</returns>
    /// <exception cref="BackendUnavailableException">No usable Python; the message says what was tried and how to install.</exception>
    public PythonInterpreter StartPython() => PythonRuntime.Start(Options.PythonExecutable).Interpreter;

    /// <summary>Describes the backend: PyRates' version as the version, the Python, numpy, scipy and pandas it runs on, and
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
            // The versions imported in the embedded interpreter (PyRates' __version__), not the installed distributions'
            // metadata, which an installation from source may lack.
            var runtime = PythonRuntime.Start(Options.PythonExecutable);
            string? Module(string name) => runtime.ModuleVersions.GetValueOrDefault(name);
            return description.WithSoftware(
            [
                new("pyrates", runtime.PyRatesVersion),
                new("python", runtime.Interpreter.Version),
                new("numpy", Module("numpy")),
                new("scipy", Module("scipy")),
                new("pandas", Module("pandas")),
            ]) with { Version = runtime.PyRatesVersion };
        }
        catch (Exception ex) when (ex is TvboException or BackendException)
        {
            return description with { Version = null };
        }
    }

    /// <inheritdoc/>
    IReadOnlyList<ArrayValue> IPipelinePython.Call(string module, string name, IReadOnlyList<PythonArgument> arguments, int? applyAxis, CancellationToken cancellationToken) =>
        PipelinePython.Call(module, name, arguments, applyAxis, cancellationToken);

    /// <inheritdoc/>
    IReadOnlyList<ArrayValue> IPipelinePython.Evaluate(string code, IReadOnlyList<PythonArgument> arguments, CancellationToken cancellationToken) =>
        PipelinePython.Evaluate(code, arguments, cancellationToken);

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
    public ExplorationResult RunExploration(BackendJob job, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var solver = Capable(job);
        cancellationToken.ThrowIfCancellationRequested();
        var circuit = Form(job);
        var template = WriteTemplate(circuit?.Node ?? job.Model, circuit?.EdgeOperators ?? [], job.Exploration, job.Logger);
        var runtime = ChunkRunner is null ? StartRuntime(job.Logger) : null;
        return new PyRatesRun(this, job, solver, template, circuit, runtime, progress, cancellationToken).Run();
    }

    /// <summary>A network's form on PyRates, logged: a circuit of one PyRates node per network node, or (null) the
    /// lowered system as one node.</summary>
    private static PyRatesCircuit? Form(BackendJob job)
    {
        var circuit = PyRatesCircuit.Of(job, out var why);
        if (job.Network is { } network)
        {
            if (circuit is not null)
            {
                job.Logger.LogDebug("Exploration '{Exploration}': PyRates runs the network of {Nodes} nodes as a circuit (one PyRates node per network node, edges from the weight matrix; {Forms}{Delays}).", job.Exploration, network.NodeCount, string.Join("; ", circuit.Forms), circuit.HasDelays ? "; delays exact through the bridge" : "");
            }
            else if (network.Couplings.FirstOrDefault(network.IsDelayed) is { } delayed)
            {
                throw new PyRatesTranslationException(
                    $"Exploration '{job.Exploration}': coupling '{delayed.Key}' of the network of model '{network.Node.Name}' is delayed; PyRates runs delays only in a network built as a PyRates circuit, and this one cannot be ({why}). Run it with the native backend (Run(\"native\") / --backend native), or set 'delayed: false' on the coupling.");
            }
            else
            {
                job.Logger.LogDebug("Exploration '{Exploration}': PyRates runs the network of {Nodes} nodes as the lowered system in one node ({Why}).", job.Exploration, network.NodeCount, why);
            }
        }

        return circuit;
    }

    /// <summary>Checks what PyRates cannot do (the job is otherwise valid) and returns its solver.</summary>
    private static string Capable(BackendJob job)
    {
        if ((job.Network?.Node ?? job.Model).IsDiscrete)
        {
            throw new BackendException($"Model '{job.ModelName}' is a discrete map (system_type: discrete); PyRates integrates ODEs and has no map iteration. Run it with the native backend (Run(\"native\") / --backend native).");
        }

        if (job.Model.Events.Count > 0)
        {
            throw new BackendException($"Model '{job.ModelName}' has spike-and-reset events; PyRates has no events: run it with the native backend (Run(\"native\") / --backend native).");
        }

        var integration = job.Integration;
        var solver = SolverFor(integration.Method);
        if (integration.Method != IntegrationMethod.Euler && HeldInputs(job) is var held and > 0)
        {
            throw new PyRatesTranslationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Exploration '{job.Exploration}': integration.coupling_evaluation 'per_step' holds the network's {held} coupling inputs over each step (computed at its start, as TVB does), but PyRates 1.2.3 evaluates every equation at every stage of {integration.Method} and cannot hold a value across them. Run per_step with the native backend (Run(\"native\") / --backend native), use 'per_stage', or the euler method, for which the two are the same."));
        }
        if (integration.SampleCount < 2)
        {
            throw new PyRatesTranslationException(string.Create(
                CultureInfo.InvariantCulture,
                $"Exploration '{job.Exploration}': duration {integration.Duration} with a sampling interval of {integration.SampleInterval} returns {integration.SampleCount} sample per condition; PyRates 1.2.3 fails on a single sample. Use a duration of at least two sampling intervals, or the native backend."));
        }

        return solver;
    }

    /// <summary>The number of the network's coupling inputs held over each step (per_step): one per node and coupling
    /// component. Counted from the network, without building the lowered system.</summary>
    private static int HeldInputs(BackendJob job) =>
        job.Network is { } network
            ? job.Integration.CouplingEvaluation == CouplingEvaluation.PerStep ? network.Couplings.Sum(c => c.Terms.Count) * network.NodeCount : 0
            : job.Model.DerivedVariables.Count(d => d.HeldOverStep);

    /// <summary>The run's template, under names unique in this process; kept in <see cref="PyRatesBackendOptions.KeepYamlDirectory"/> if set.</summary>
    private PyRatesTemplate WriteTemplate(Dynamics model, IReadOnlyList<EdgeOperator> edgeOperators, string exploration, ILogger logger)
    {
        var runId = Interlocked.Increment(ref _runCounter);
        var template = PyRatesTemplateWriter.Create(model, string.Create(CultureInfo.InvariantCulture, $"r{runId}"), edgeOperators);
        if (Options.KeepYamlDirectory is { } keep)
        {
            Directory.CreateDirectory(keep);
            var path = Path.Combine(keep, template.CircuitName + ".yaml");
            File.WriteAllText(path, template.Yaml);
            logger.LogInformation("PyRates template for exploration '{Exploration}' kept at {Path} (PyRates path {TemplatePath}).", exploration, path, template.TemplatePath(path));
        }

        return template;
    }

    /// <summary>The embedded interpreter, started if need be; its start-up is logged once per process.</summary>
    private PythonRuntime StartRuntime(ILogger logger)
    {
        var runtime = PythonRuntime.Start(Options.PythonExecutable);
        if (Interlocked.Exchange(ref _startupLogged, 1) == 0)
        {
            logger.LogDebug(
                "Python start-up: locate {Locate:F0} ms, start {Start:F0} ms, import (bridge, numpy, pandas, PyRates) {Import:F0} ms; interpreter {Interpreter}.",
                runtime.LocateSeconds * 1e3,
                runtime.StartSeconds * 1e3,
                runtime.ImportSeconds * 1e3,
                runtime.Interpreter.DisplayName);
        }

        return runtime.HasPyRates
            ? runtime
            : throw new BackendUnavailableException("pyrates", $"PyRates not importable from {runtime.Interpreter.DisplayName}: {runtime.PyRatesError}. {PythonLocator.InstallHint}");
    }
}

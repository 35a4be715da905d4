using Tvbo.Backends;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Experiment;

/// <summary>
/// What a backend integrates for one exploration, and how its raw result becomes the user's result. Backends only
/// ever integrate an autonomous system from its initial state over one time grid; this plan reduces an experiment to
/// that and maps the answer back, the same way for every backend:
/// <list type="bullet">
/// <item>time: a model that uses <c>t</c> is integrated with time as an extra last state variable (<c>dt/dt = 1</c>,
/// starting at <c>-transient_time</c>), so every stage of every method sees its own time;</item>
/// <item><c>transient_time</c>: the integration runs for transient + duration and the leading samples are dropped;
/// the result's time starts at 0;</item>
/// <item>outputs: state variables are copied, derived variables and observations are computed from the stored state
/// after the run (in float64, with <see cref="ExpressionEvaluator"/>); <c>record:</c> and the model's
/// <c>output:</c> select them.</item>
/// </list>
/// </summary>
internal sealed class SimulationPlan
{
    private readonly SimulationExperiment _experiment;
    private readonly int _skip;
    private readonly int _rawVariables;
    private readonly Output[] _outputs;
    private readonly IReadOnlyList<DerivedVariable> _derived;
    private readonly bool _needsSeries;

    private SimulationPlan(SimulationExperiment experiment, ExplorationGrid grid, SimulationExperiment integrated, int skip, Output[] outputs, bool needsSeries)
    {
        _experiment = experiment;
        Grid = grid;
        Integrated = integrated;
        _skip = skip;
        _outputs = outputs;
        _rawVariables = integrated.Model.StateVariables.Count;
        _derived = experiment.Model.DerivedVariablesInEvaluationOrder;
        _needsSeries = needsSeries;
    }

    /// <summary>The exploration's grid (axes over the model's parameters).</summary>
    public ExplorationGrid Grid { get; }

    /// <summary>The experiment the backend integrates (autonomous, no transient).</summary>
    public SimulationExperiment Integrated { get; }

    /// <summary>The result's output names, in order.</summary>
    public IReadOnlyList<string> OutputNames => _outputs.Select(o => o.Name).ToArray();

    /// <summary>Plans one exploration (or, with <paramref name="exploration"/> null, the plain integration).</summary>
    /// <param name="experiment">The validated experiment.</param>
    /// <param name="grid">The exploration's grid.</param>
    /// <param name="exploration">The exploration, for its <c>record:</c>.</param>
    public static SimulationPlan Create(SimulationExperiment experiment, ExplorationGrid grid, Exploration? exploration)
    {
        var model = experiment.Model;
        var integration = experiment.Integration;
        var transient = integration.TransientTime;
        var interval = integration.SampleInterval;
        var skip = transient > 0 ? (int)Math.Round(transient / interval, MidpointRounding.ToEven) : 0;

        var integratedModel = model.IsAutonomous ? model : model.WithTimeState(-transient);
        var integrated = new SimulationExperiment(integratedModel) { Label = experiment.Label, Description = experiment.Description };
        CopyIntegration(integration, integrated.Integration);
        integrated.Integration.TransientTime = 0;
        integrated.Integration.Duration = transient > 0 ? (integration.SampleCount + skip) * interval : integration.Duration;

        var names = experiment.OutputNamesFor(exploration);
        var outputs = names.Select(n => Resolve(experiment, n)).ToArray();
        var needsSeries = skip > 0 || outputs.Any(o => o.StateIndex < 0);
        return new SimulationPlan(experiment, grid, integrated, skip, outputs, needsSeries);
    }

    /// <summary>The options the backend runs with: the user's, but storing the series where outputs must be computed
    /// from it or a transient dropped before summarising.</summary>
    /// <param name="options">The user's options.</param>
    public RunOptions BackendOptions(RunOptions options) =>
        _needsSeries && options.Store == ResultStore.Summary
            ? new RunOptions { Store = ResultStore.Series, SummaryWindow = options.SummaryWindow, MaxResultBytes = options.MaxResultBytes, Logger = options.Logger }
            : options;

    /// <summary>The user's result from the backend's raw result.</summary>
    /// <param name="raw">The backend's result for <see cref="Integrated"/> and <see cref="Grid"/>.</param>
    /// <param name="options">The user's options.</param>
    public ExplorationResult Finish(ExplorationResult raw, RunOptions options)
    {
        var integration = _experiment.Integration;
        var time = integration.CreateTimeGrid();
        var failures = raw.Failures
            .Select(f => _skip > 0 ? f with { Time = Math.Max(0, f.Time - integration.TransientTime), Reason = f.Time < integration.TransientTime ? $"{f.Reason} (during the transient)" : f.Reason } : f)
            .ToArray();
        var identity = _skip == 0 && _outputs.Length == _rawVariables && _outputs.Select((o, i) => o.StateIndex == i).All(x => x);
        if (identity)
        {
            // A backend may have run a grid without axes as a one-value axis: the result keeps the plan's grid.
            return ReferenceEquals(raw.Grid, Grid) ? raw : new ExplorationResult(Grid, raw.OutputNames, raw.Time, raw.Dt, raw.HasSeries ? raw.Results : null, raw.Summary, failures, raw.Backend);
        }

        var n = Grid.ConditionCount;
        var nv = _outputs.Length;
        if (!raw.HasSeries)
        {
            // Only state variables, no transient: select the summary's columns.
            var s = raw.Summary!;
            double[] Pick(double[] a)
            {
                var r = new double[n * nv];
                for (var c = 0; c < n; c++)
                {
                    for (var v = 0; v < nv; v++)
                    {
                        r[(c * nv) + v] = a[(c * _rawVariables) + _outputs[v].StateIndex];
                    }
                }

                return r;
            }

            var picked = new SummaryStatistics(n, nv, s.WindowStart, Pick(s.First), Pick(s.Final), Pick(s.Min), Pick(s.Max), Pick(s.Mean));
            return new ExplorationResult(Grid, OutputNames, time, raw.Dt, null, picked, failures, raw.Backend);
        }

        var samples = time.Length;
        var series = ComputeOutputs(raw, samples);
        if (options.Store == ResultStore.Summary)
        {
            var summary = SummaryStatistics.FromSeries(series, n, samples, nv, options.SummaryWindow);
            return new ExplorationResult(Grid, OutputNames, time, raw.Dt, null, summary, failures, raw.Backend);
        }

        return new ExplorationResult(Grid, OutputNames, time, raw.Dt, series, null, failures, raw.Backend);
    }

    private double[] ComputeOutputs(ExplorationResult raw, int samples)
    {
        var n = Grid.ConditionCount;
        var nv = _outputs.Length;
        var rawSeries = raw.Results;
        var rawSamples = raw.SampleCount;
        var result = GC.AllocateUninitializedArray<double>(checked(n * samples * nv));
        var model = _experiment.Model;
        var computed = _outputs.Any(o => o.StateIndex < 0);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var states = Integrated.Model.StateVariables;
        var hasTimeState = !ReferenceEquals(Integrated.Model, model);
        var needed = computed ? NeededDerived() : [];
        var interval = _experiment.Integration.SampleInterval;
        for (var c = 0; c < n; c++)
        {
            if (computed)
            {
                values.Clear();
                foreach (var p in model.Parameters)
                {
                    values[p.Name] = p.Value;
                }

                foreach (var ct in model.CouplingTerms)
                {
                    values[ct.Name] = ct.Value;
                }

                var cond = Grid.Condition(c);
                for (var a = 0; a < Grid.Axes.Count; a++)
                {
                    values[Grid.Axes[a].Name] = cond[a];
                }
            }

            for (var k = 0; k < samples; k++)
            {
                var src = ((((long)c * rawSamples) + k + _skip) * _rawVariables);
                var dst = (((long)c * samples) + k) * nv;
                if (computed)
                {
                    for (var i = 0; i < states.Count; i++)
                    {
                        values[states[i].Name] = rawSeries[src + i];
                    }

                    if (!hasTimeState)
                    {
                        values[Dynamics.TimeSymbol] = k * interval;
                    }

                    foreach (var d in needed)
                    {
                        values[d.Name] = ExpressionEvaluator.Evaluate(d.Equation, Lookup);
                    }
                }

                for (var v = 0; v < nv; v++)
                {
                    var o = _outputs[v];
                    result[dst + v] = o.StateIndex >= 0 ? rawSeries[src + o.StateIndex] : ExpressionEvaluator.Evaluate(o.Expression!, Lookup);
                }
            }
        }

        return result;

        double Lookup(string name) =>
            values.TryGetValue(name, out var v) ? v
            : Functions.Constants.TryGetValue(name, out var k) ? k
            : throw new ModelException(model.Name, $"Model '{model.Name}': output computation cannot resolve '{name}'.", name);
    }

    /// <summary>The derived variables the computed outputs use, directly or through others, in evaluation order.</summary>
    private List<DerivedVariable> NeededDerived()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Expr>(_outputs.Where(o => o.Expression is not null).Select(o => o.Expression!));
        var byName = _derived.ToDictionary(d => d.Name, StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            foreach (var s in stack.Pop().FreeSymbols())
            {
                if (byName.TryGetValue(s, out var d) && names.Add(s))
                {
                    stack.Push(d.Equation);
                }
            }
        }

        return _derived.Where(d => names.Contains(d.Name)).ToList();
    }

    private static Output Resolve(SimulationExperiment experiment, string name)
    {
        var model = experiment.Model;
        var state = model.StateVariables.Select((s, i) => (s.Name, i)).FirstOrDefault(x => x.Name == name);
        if (state.Name is not null)
        {
            return new Output(name, state.i, null);
        }

        if (model.DerivedVariables.FirstOrDefault(d => d.Name == name) is { } derived)
        {
            return new Output(name, -1, new SymbolExpr(derived.Name));
        }

        if (experiment.Observations.FirstOrDefault(o => o.Name == name) is { } obs)
        {
            return new Output(name, -1, obs.Equation);
        }

        throw new ExperimentException($"Output '{name}' is not a state variable, derived variable or observation of the experiment.");
    }

    private static void CopyIntegration(IntegrationSettings from, IntegrationSettings to)
    {
        to.Duration = from.Duration;
        to.StepSize = from.StepSize;
        to.Method = from.Method;
        to.SamplingStepSize = from.SamplingStepSize;
        to.RelativeTolerance = from.RelativeTolerance;
        to.AbsoluteTolerance = from.AbsoluteTolerance;
        to.TransientTime = from.TransientTime;
    }

    private sealed record Output(string Name, int StateIndex, Expr? Expression);
}

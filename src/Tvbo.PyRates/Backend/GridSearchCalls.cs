using Tvbo.Experiment;
using Tvbo.Planning;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Templates;

namespace Tvbo.PyRates.Backend;

/// <summary>Builds the <c>grid_search</c> call of a range of an exploration's conditions: the template, the
/// conditions' parameter values, the outputs, the solver's settings and the conditions' input columns.</summary>
internal sealed class GridSearchCalls
{
    private readonly PyRatesTemplate _template;
    private readonly IntegrationSettings _integration;
    private readonly string _solver;
    private readonly string[] _parameterNames;
    private readonly string[] _parameterTargets;
    private readonly string[][]? _parameterNodes;
    private readonly (string Source, string Target)[]?[]? _parameterEdges;
    private readonly PyRatesCircuit? _circuit;
    private readonly Dictionary<double, CircuitNetwork> _networks = [];
    private readonly string[] _outputKeys;
    private readonly string[] _outputTargets;
    private readonly double[] _conditions;
    private readonly int _axes;
    private readonly (string Target, InputSeries Series)[] _inputs;

    /// <summary>Creates the calls of an exploration.</summary>
    /// <param name="template">The model's template.</param>
    /// <param name="job">The job (model, integration settings and input series).</param>
    /// <param name="grid">The job's grid, with at least one axis.</param>
    /// <param name="solver">The PyRates solver.</param>
    /// <param name="circuit">The job's network as a PyRates circuit of the template's node, or null to run the
    /// template's own circuit.</param>
    public GridSearchCalls(PyRatesTemplate template, BackendJob job, ExplorationGrid grid, string solver, PyRatesCircuit? circuit = null)
    {
        _template = template;
        _integration = job.Integration;
        _solver = solver;
        _conditions = grid.ToArray();
        _axes = grid.Axes.Count;
        if (circuit is null)
        {
            _parameterNames = grid.Axes.Select(a => template.PyRatesName(a.Name)).ToArray();
            _parameterTargets = grid.Axes.Select(a => template.ParameterTarget(a.Name)).ToArray();
            _outputKeys = job.Model.StateVariables.Select(s => template.PyRatesName(s.Name)).ToArray();
            _outputTargets = job.Model.StateVariables.Select(s => template.OutputTarget(s.Name)).ToArray();
        }
        else
        {
            // The axes are parameters of the lowered system; they keep its names as grid keys.
            var targets = grid.Axes.Select(a => circuit.ParameterTarget(template, a.Name)).ToArray();
            _parameterNames = grid.Axes.Select(a => a.Name).ToArray();
            _parameterTargets = targets.Select(t => t.Target).ToArray();
            _parameterNodes = targets.Select(t => t.Nodes).ToArray();
            _parameterEdges = targets.Any(t => t.Edges is not null) ? targets.Select(t => t.Edges).ToArray() : null;
            (_outputKeys, _outputTargets) = circuit.Outputs(template);
            _circuit = circuit;
        }

        _inputs = circuit is not null
            ? circuit.InputTargets(template).Select(t => (t.Target, job.Inputs[t.Series])).ToArray()
            : job.Model.Inputs.Zip(job.ModelInputs(), (u, series) => (Target: template.InputTarget(u), Series: series)).ToArray();
    }

    /// <summary>Whether the calls reduce to summaries on the Python side.</summary>
    public bool Summary { get; init; }

    /// <summary>The first sample of the summary window.</summary>
    public int SummaryWindowStart { get; init; }

    /// <summary>Per-state lower bounds, or null.</summary>
    public double[]? Lower { get; init; }

    /// <summary>Per-state upper bounds, or null.</summary>
    public double[]? Upper { get; init; }

    /// <summary>Whether the calls keep PyRates' caches for the exploration's scope.</summary>
    public bool KeepCaches { get; set; }

    /// <summary>The call of some conditions; a circuit's conditions share one conduction speed (its delays).</summary>
    /// <param name="conditions">The conditions (C order indices of the grid), in the order of the call's output.</param>
    /// <returns>The call.</returns>
    public GridSearchCall For(IReadOnlyList<int> conditions) => new()
    {
        Template = _template.Yaml,
        Circuit = _template.CircuitName,
        ParameterNames = _parameterNames,
        ParameterTargets = _parameterTargets,
        ParameterNodes = _parameterNodes,
        ParameterEdges = _parameterEdges,
        Network = NetworkFor(conditions),
        Conditions = Rows(conditions),
        OutputKeys = _outputKeys,
        OutputTargets = _outputTargets,
        StepSize = _integration.StepSize,
        SimulationTime = _integration.Duration,
        SamplingStepSize = _integration.SamplingStepSize,
        Solver = _solver,
        RelativeTolerance = _solver == "scipy" ? _integration.RelativeTolerance : null,
        AbsoluteTolerance = _solver == "scipy" ? _integration.AbsoluteTolerance : null,
        Summary = Summary,
        SummaryWindowStart = SummaryWindowStart,
        Lower = Lower,
        Upper = Upper,
        Inputs = InputsFor(conditions),
        KeepCaches = KeepCaches,
    };

    private CircuitNetwork? NetworkFor(IReadOnlyList<int> conditions)
    {
        if (_circuit is null)
        {
            return null;
        }

        var speed = _circuit.HasDelays ? _circuit.SpeedOf(conditions[0]) : 0;
        if (_circuit.HasDelays && conditions.Any(c => _circuit.SpeedOf(c).CompareTo(speed) != 0))
        {
            throw new ArgumentException("The conditions of a delayed circuit's call share one conduction speed.", nameof(conditions));
        }

        if (!_networks.TryGetValue(speed, out var network))
        {
            network = _circuit.Network(_template, speed);
            _networks[speed] = network;
        }

        return network;
    }

    private double[] Rows(IReadOnlyList<int> conditions)
    {
        var rows = new double[conditions.Count * _axes];
        for (var j = 0; j < conditions.Count; j++)
        {
            _conditions.AsSpan(conditions[j] * _axes, _axes).CopyTo(rows.AsSpan(j * _axes));
        }

        return rows;
    }

    // The conditions' inputs, [step, condition]: step k of every stage uses value k (grid_search indexes inputs by step).
    private (string Target, double[] Values, int Columns)[]? InputsFor(IReadOnlyList<int> conditions)
    {
        if (_inputs.Length == 0)
        {
            return null;
        }

        var steps = _integration.StepCount;
        var column = new double[steps];
        return _inputs.Select(u => (u.Target, Columns(u.Series, conditions, column), conditions.Count)).ToArray();
    }

    private static double[] Columns(InputSeries series, IReadOnlyList<int> conditions, double[] column)
    {
        var steps = column.Length;
        var count = conditions.Count;
        var values = new double[(long)steps * count];
        for (var j = 0; j < count; j++)
        {
            series.Fill(conditions[j], 0, column);
            for (var s = 0; s < steps; s++)
            {
                values[((long)s * count) + j] = column[s];
            }
        }

        return values;
    }
}

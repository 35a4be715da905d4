using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Results;

namespace Tvbo.Planning;

/// <summary>The outputs of one part computed from the series its backend stored, in float64 with
/// <see cref="ExpressionEvaluator"/>: state variables copied, derived variables and observations evaluated at every
/// returned sample (a delayed source read at the sample it was returned, an input at the step that starts there),
/// the transient's samples dropped.</summary>
internal sealed class OutputEvaluator
{
    private readonly PlanPart _part;
    private readonly ReadOnlyMemory<double> _raw;
    private readonly int _rawSamples;
    private readonly int _rawVariables;
    private readonly int _skip;
    private readonly Dynamics _model;
    private readonly IReadOnlyList<StateVariable> _states;
    private readonly Dictionary<string, int> _stateIndex;
    private readonly Dictionary<string, DelayedState> _delayed;
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly double[] _one = new double[1];
    private readonly Func<string, double> _lookup;
    private readonly double _interval;
    private readonly int _stepsPerSample;
    private int _condition;
    private int _sample;

    /// <summary>Prepares the evaluation of a part's outputs.</summary>
    /// <param name="integration">The user's integration settings (sampling interval and step).</param>
    /// <param name="part">The part.</param>
    /// <param name="raw">The backend's result, with its series.</param>
    /// <param name="skip">Leading samples of transient to drop.</param>
    public OutputEvaluator(IntegrationSettings integration, PlanPart part, ExplorationResult raw, int skip)
    {
        _part = part;
        _raw = raw.Results;
        _rawSamples = raw.SampleCount;
        _model = part.Job.Model;
        _states = _model.StateVariables;
        _rawVariables = _states.Count;
        _skip = skip;
        _stateIndex = _states.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _delayed = _model.DelayedStates.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _interval = integration.SampleInterval;
        _stepsPerSample = (int)Math.Round(_interval / integration.StepSize);
        _lookup = Lookup;
    }

    /// <summary>The outputs, laid out [condition, time, output].</summary>
    /// <param name="samples">Samples per condition in the result (after the transient).</param>
    public double[] Compute(int samples)
    {
        var outputs = _part.Outputs;
        var n = _part.Job.Grid.ConditionCount;
        var nv = outputs.Length;
        var result = GC.AllocateUninitializedArray<double>(checked(n * samples * nv));
        var computed = outputs.Any(o => o.StateIndex < 0);
        var needed = computed ? NeededDerived(_model, outputs) : [];
        var hasTimeState = _model.Resolve(Dynamics.TimeSymbol) == SymbolKind.StateVariable;
        var raw = _raw.Span;
        for (_condition = 0; _condition < n; _condition++)
        {
            if (computed)
            {
                SetParameters();
            }

            for (_sample = 0; _sample < samples; _sample++)
            {
                var src = (((long)_condition * _rawSamples) + _sample + _skip) * _rawVariables;
                var dst = (((long)_condition * samples) + _sample) * nv;
                if (computed)
                {
                    SetSample(src, hasTimeState, needed);
                }

                for (var v = 0; v < nv; v++)
                {
                    var o = outputs[v];
                    result[dst + v] = o.StateIndex >= 0 ? raw[(int)(src + o.StateIndex)] : ExpressionEvaluator.Evaluate(o.Expression!, _lookup);
                }
            }
        }

        return result;
    }

    /// <summary>The derived variables the computed outputs use, directly or through others, in evaluation order.</summary>
    private static List<DerivedVariable> NeededDerived(Dynamics model, PlanOutput[] outputs)
    {
        var derived = model.DerivedVariablesInEvaluationOrder;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Expr>(outputs.Where(o => o.Expression is not null).Select(o => o.Expression!));
        var byName = derived.ToDictionary(d => d.Name, StringComparer.Ordinal);
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

        return derived.Where(d => names.Contains(d.Name)).ToList();
    }

    /// <summary>The condition's parameter and coupling values (the model's, then the grid's).</summary>
    private void SetParameters()
    {
        _values.Clear();
        foreach (var p in _model.Parameters)
        {
            _values[p.Name] = p.Value;
        }

        foreach (var ct in _model.CouplingTerms)
        {
            _values[ct.Name] = ct.Value;
        }

        var grid = _part.Job.Grid;
        var cond = grid.Condition(_condition);
        for (var a = 0; a < grid.Axes.Count; a++)
        {
            _values[grid.Axes[a].Name] = cond[a];
        }
    }

    /// <summary>The sample's state, time and the derived variables the outputs need.</summary>
    private void SetSample(long src, bool hasTimeState, List<DerivedVariable> needed)
    {
        var raw = _raw.Span;
        for (var i = 0; i < _states.Count; i++)
        {
            _values[_states[i].Name] = raw[(int)(src + i)];
        }

        if (!hasTimeState)
        {
            _values[Dynamics.TimeSymbol] = _sample * _interval;
        }

        foreach (var d in needed)
        {
            _values[d.Name] = ExpressionEvaluator.Evaluate(d.Equation, _lookup);
        }
    }

    private double Lookup(string name)
    {
        if (_values.TryGetValue(name, out var v))
        {
            return v;
        }

        if (_delayed.TryGetValue(name, out var d))
        {
            return Delayed(d);
        }

        if (_part.Job.Inputs.TryGetValue(name, out var series))
        {
            // An input at a returned sample: the value of the step that starts there.
            series.Fill(_condition, (_sample + _skip) * _stepsPerSample, _one);
            return _one[0];
        }

        return Functions.Constants.TryGetValue(name, out var kv) ? kv
            : throw new ModelException(_model.Name, $"Model '{_model.Name}': output computation cannot resolve '{name}'.", name);
    }

    /// <summary>A delayed source at a returned sample: the sample d steps earlier, when it was returned.</summary>
    private double Delayed(DelayedState d)
    {
        if (d.Steps % _stepsPerSample != 0)
        {
            throw new ExperimentException(string.Create(CultureInfo.InvariantCulture, $"An output of exploration '{_part.Job.Exploration}' uses the coupling of a delayed network, which reads a source {d.Steps} steps back, between returned samples (every {_stepsPerSample} steps); set sampling_step_size to the step size, or record only state variables."));
        }

        var back = _sample + _skip - (d.Steps / _stepsPerSample);
        return back < 0 ? _states[_stateIndex[d.Source]].InitialValue
            : _raw.Span[(int)((((long)_condition * _rawSamples) + back) * _rawVariables) + _stateIndex[d.Source]];
    }
}

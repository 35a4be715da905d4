using Tvbo.Expressions;

namespace Tvbo.Model;

/// <summary>Building a model from parsed expressions: how a network is lowered into one system.</summary>
public sealed partial class Dynamics
{
    private readonly List<DelayedState> _delayed = [];
    private readonly List<string> _inputs = [];

    /// <summary>The input symbols: values per step supplied by the experiment's <see cref="Experiment.SimulationExperiment.Inputs"/>
    /// (empty unless the model is the system an experiment with inputs or noise is lowered to).</summary>
    public IReadOnlyList<string> Inputs => _inputs;

    /// <summary>The delayed-state symbols (empty unless this is the system a network with delays is lowered to).</summary>
    public IReadOnlyList<DelayedState> DelayedStates => _delayed;

    /// <summary>The longest delay, in steps (0 without delays).</summary>
    public int MaxDelaySteps => _delayed.Count == 0 ? 0 : _delayed.Max(d => d.Steps);

    /// <summary>Adds a state variable from a parsed right-hand side.</summary>
    internal StateVariable AddStateVariable(string name, Expr equation, double initialValue, Boundaries? boundaries, string? description)
    {
        Claim(name, SymbolKind.StateVariable);
        var v = new StateVariable(name, PyRatesPrinter.PrintPython(equation), equation, initialValue, boundaries, description);
        _stateVariables.Add(v);
        return v;
    }

    /// <summary>Adds a derived variable from a parsed expression.</summary>
    internal DerivedVariable AddDerivedVariable(string name, Expr equation, string? description)
    {
        Claim(name, SymbolKind.DerivedVariable);
        var d = new DerivedVariable(name, PyRatesPrinter.PrintPython(equation), equation, description);
        _derivedVariables.Add(d);
        return d;
    }

    /// <summary>A copy of this model with its equations rewritten: the parameters (and shadowed ones), then
    /// <paramref name="addSymbols"/>, the state variables with <paramref name="rewrite"/> applied to their right-hand
    /// sides and then <paramref name="stateRhs"/>, the derived variables rewritten, <paramref name="addDerived"/>, the
    /// coupling terms and the outputs. How stimuli and inputs are lowered into the model.</summary>
    internal Dynamics Derive(Func<Expr, Expr> rewrite, Action<Dynamics> addSymbols, Func<StateVariable, Expr, Expr> stateRhs, Action<Dynamics> addDerived)
    {
        var result = new Dynamics(Name, Description) { SystemType = SystemType, NumberOfModes = NumberOfModes };
        foreach (var p in _parameters)
        {
            result.AddParameter(p.Name, p.Value, p.Unit, p.Description);
        }

        foreach (var sp in _shadowed.Values)
        {
            result.AddShadowedParameter(sp.Name, sp.Value);
        }

        foreach (var input in _inputs)
        {
            result.AddInput(input);
        }

        addSymbols(result);
        foreach (var sv in _stateVariables)
        {
            var copy = result.AddStateVariable(sv.Name, stateRhs(sv, rewrite(sv.Equation)), sv.InitialValue, sv.Boundaries, sv.Description);
            copy.IsCouplingVariable = sv.IsCouplingVariable;
            copy.Unit = sv.Unit;
            copy.InitialValueIsDefault = sv.InitialValueIsDefault;
        }

        foreach (var d in _derivedVariables)
        {
            result.AddDerivedVariable(d.Name, rewrite(d.Equation), d.Description).HeldOverStep = d.HeldOverStep;
        }

        addDerived(result);
        foreach (var c in _couplingTerms)
        {
            result.AddCouplingTerm(c);
        }

        if (_outputs.Count > 0)
        {
            result.SetOutputs(_outputs);
        }

        result._events.AddRange(_events);
        return result;
    }

    /// <summary>Adds an input symbol (a value per step from outside).</summary>
    internal void AddInput(string name)
    {
        Claim(name, SymbolKind.Input);
        _inputs.Add(name);
    }

    /// <summary>Adds a symbol reading a state variable some steps in the past.</summary>
    internal void AddDelayedState(string name, string source, int steps)
    {
        Claim(name, SymbolKind.DelayedState);
        _delayed.Add(new DelayedState(name, source, steps));
    }
}

using Tvbo.Expressions;

namespace Tvbo.Model;

/// <summary>Building a model from parsed expressions: how a network is lowered into one system.</summary>
public sealed partial class Dynamics
{
    private readonly List<DelayedState> _delayed = [];

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

    /// <summary>Adds a symbol reading a state variable some steps in the past.</summary>
    internal void AddDelayedState(string name, string source, int steps)
    {
        Claim(name, SymbolKind.DelayedState);
        _delayed.Add(new DelayedState(name, source, steps));
    }
}

using System.Globalization;
using System.Text;
using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.Native.Compilation;

/// <summary>
/// The compiled view of a model: the state variables (outputs, in declaration order), the parameters (slot
/// <c>j</c> = the j-th declared parameter), the derived variables in evaluation order, and a structural key that
/// identifies the generated code (equal keys give identical kernels, whatever the parameter values).
/// </summary>
internal sealed class ModelLayout
{
    private readonly Dictionary<string, int> _parameterIndex;
    private readonly Dictionary<string, int> _stateIndex;
    private readonly Dictionary<string, int> _inputIndex;

    /// <summary>Builds the layout of a validated model.</summary>
    /// <param name="model">The model (validated by the experiment).</param>
    public ModelLayout(Dynamics model)
    {
        Model = model;
        StateVariables = model.StateVariables.ToArray();
        Parameters = model.Parameters.ToArray();
        Derived = model.DerivedVariablesInEvaluationOrder.ToArray();
        _parameterIndex = Parameters.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _stateIndex = StateVariables.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        DelayedSources = model.DelayedStates.Select(d => _stateIndex[d.Source]).Distinct().Order().ToArray();
        HistoryLength = model.DelayedStates.Count == 0 ? 0 : model.MaxDelaySteps + 1;
        Held = Derived.Where(d => d.HeldOverStep).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        DelaysOnlyHeld = model.DelayedStates.Count > 0 && ReadByStages().All(name => model.Resolve(name) != SymbolKind.DelayedState);
        Inputs = model.Inputs.ToArray();
        _inputIndex = Inputs.Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i, StringComparer.Ordinal);
        Key = BuildKey();
    }

    /// <summary>The model.</summary>
    public Dynamics Model { get; }

    /// <summary>The state variables, in declaration order.</summary>
    public IReadOnlyList<StateVariable> StateVariables { get; }

    /// <summary>The parameters, in declaration order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The derived variables, each after those it uses.</summary>
    public IReadOnlyList<DerivedVariable> Derived { get; }

    /// <summary>The state slots read with a delay, in slot order; each has a history slot (its position here).</summary>
    public IReadOnlyList<int> DelayedSources { get; }

    /// <summary>The derived variables evaluated once per step, at its start, and held over its stages
    /// (<see cref="DerivedVariable.HeldOverStep"/>).</summary>
    public IReadOnlySet<string> Held { get; }

    /// <summary>Whether the model has delayed sources and only <see cref="Held"/> variables read them: every delayed
    /// read is at a step's start, whatever the times of the method's stages.</summary>
    public bool DelaysOnlyHeld { get; }

    /// <summary>The input symbols (a value per step from the experiment's inputs), in slot order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The input slot of a name, or -1.</summary>
    /// <param name="name">The symbol.</param>
    public int InputIndex(string name) => _inputIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Steps of history kept per delayed source (the longest delay + 1), or 0 without delays.</summary>
    public int HistoryLength { get; }

    /// <summary>A text that identifies the model's equations, symbols and boundaries (not its values).</summary>
    public string Key { get; }

    /// <summary>The parameter slot of a name, or -1.</summary>
    /// <param name="name">The symbol.</param>
    public int ParameterIndex(string name) => _parameterIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The state slot of a name, or -1.</summary>
    /// <param name="name">The symbol.</param>
    public int StateIndex(string name) => _stateIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The symbols read by what is evaluated at every stage: the right-hand sides and the derived variables
    /// that are not held.</summary>
    private IEnumerable<string> ReadByStages() =>
        StateVariables.SelectMany(s => s.Equation.FreeSymbols())
            .Concat(Derived.Where(d => !d.HeldOverStep).SelectMany(d => d.Equation.FreeSymbols()));

    private string BuildKey()
    {
        var sb = new StringBuilder();
        sb.Append("P:").AppendJoin(',', Parameters.Select(p => p.Name)).Append(";C:").AppendJoin(',', Model.CouplingTerms.Select(c => c.Name)).Append(';');
        sb.Append("H:").AppendJoin(',', Model.DelayedStates.Select(d => $"{d.Name}={d.Source}-{d.Steps}")).Append(';');
        sb.Append("U:").AppendJoin(',', Model.Inputs).Append(';');
        foreach (var d in Derived)
        {
            sb.Append(d.HeldOverStep ? "DH:" : "D:").Append(d.Name).Append('=');
            Print(sb, d.Equation);
            sb.Append(';');
        }

        foreach (var s in StateVariables)
        {
            sb.Append("S:").Append(s.Name).Append('=');
            Print(sb, s.Equation);
            if (s.Boundaries is { } b)
            {
                sb.Append(b.Mode == BoundaryMode.Wrap ? "w[" : "[").Append(b.Lower.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(b.Upper.ToString("R", CultureInfo.InvariantCulture)).Append(']');
            }

            sb.Append(';');
        }

        foreach (var ev in Model.Events)
        {
            sb.Append("E:").Append(ev.Name).Append(':');
            Print(sb, ev.Condition);
            foreach (var a in ev.Assignments)
            {
                sb.Append(',').Append(a.Target).Append('=');
                Print(sb, a.Value);
            }

            sb.Append(';');
        }

        return sb.ToString();
    }

    private static void Print(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case NumberExpr n:
                sb.Append(n.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case SymbolExpr s:
                sb.Append(s.Name);
                break;
            case BooleanExpr b:
                sb.Append(b.Value ? "True" : "False");
                break;
            default:
                sb.Append(e switch
                {
                    UnaryExpr u => "u" + (int)u.Operator,
                    BinaryExpr b => "b" + (int)b.Operator,
                    ComparisonExpr c => "c" + (int)c.Operator,
                    LogicalExpr l => "l" + (int)l.Operator,
                    CallExpr c => "f" + (int)c.Function,
                    _ => "pw",
                }).Append('(');
                foreach (var c in e.Children)
                {
                    Print(sb, c);
                    sb.Append(' ');
                }

                sb.Append(')');
                break;
        }
    }
}

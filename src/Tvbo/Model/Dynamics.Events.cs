using Tvbo.Expressions;

namespace Tvbo.Model;

/// <summary>Spike-and-reset events (TVBO's model-level <c>events:</c>).</summary>
public sealed partial class Dynamics
{
    private readonly List<ModelEvent> _events = [];

    /// <summary>The model's spike-and-reset events, in declaration order (the order in which they are applied after
    /// each step). See <see cref="ModelEvent"/>.</summary>
    public IReadOnlyList<ModelEvent> Events => _events;

    /// <summary>Adds a spike-and-reset event: after each step, wherever <paramref name="condition"/> holds, the
    /// assignments of <paramref name="affect"/> are applied (all right-hand sides evaluated from the state before the
    /// event). Checked by <see cref="Validate"/>: assignments must target state variables, and the condition and values
    /// may read state variables, parameters, time <c>t</c> and constants.</summary>
    /// <param name="name">The event's name (e.g. <c>spike</c>).</param>
    /// <param name="condition">A comparison, or comparisons joined by <c>&amp;</c> and <c>|</c>, e.g. <c>v &gt; thresh</c>.</param>
    /// <param name="affect">The assignments, <c>;</c>-separated <c>x = expression</c>, e.g. <c>v = c; u = u + d</c>;
    /// <see langword="null"/> or empty for none.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ModelException">The name is invalid or taken, the condition is not a comparison, or an
    /// assignment is not of the form <c>x = expression</c>.</exception>
    /// <exception cref="ExpressionSyntaxException">The condition or a value cannot be parsed.</exception>
    public ModelEvent AddEvent(string name, string condition, string? affect = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(condition);
        if (!Identifier.IsValid(name))
        {
            throw new ModelException(Name, $"Model '{Name}': event name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (_events.Any(e => e.Name == name))
        {
            throw new ModelException(Name, $"Model '{Name}': event '{name}' is declared twice; give each event its own name.", name);
        }

        var cond = ExpressionParser.ParseCondition(condition, $"the condition of event '{name}' of model '{Name}'", _functions);
        if (!IsCondition(cond))
        {
            throw new ModelException(Name, $"Model '{Name}': the condition of event '{name}' ('{condition}') is not a comparison; write one such as 'v > thresh' (<, <=, >, >=, ==, !=, joined by & or |).", name);
        }

        var assignments = new List<EventAssignment>();
        foreach (var part in (affect ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var target = eq > 0 ? part[..eq].Trim() : string.Empty;
            var value = eq > 0 ? part[(eq + 1)..].Trim() : string.Empty;
            if (eq <= 0 || value.StartsWith('=') || part[eq - 1] is '<' or '>' or '!' || !Identifier.IsValid(target) || value.Length == 0)
            {
                throw new ModelException(Name, $"Model '{Name}': event '{name}' has the assignment '{part}'; write assignments as 'x = expression' separated by ';', e.g. 'v = reset; w = w + b'.", name);
            }

            assignments.Add(new EventAssignment(target, value, ExpressionParser.Parse(value, $"the assignment to '{target}' of event '{name}' of model '{Name}'", _functions)));
        }

        var ev = new ModelEvent(name, condition, cond, assignments);
        _events.Add(ev);
        _orderedDerived = null;
        return ev;
    }

    private static bool IsCondition(Expr e) => e switch
    {
        ComparisonExpr => true,
        LogicalExpr l => IsCondition(l.Left) && IsCondition(l.Right),
        _ => false,
    };

    /// <summary>Checks the events: each assignment targets a state variable (once per event), and the condition and
    /// values read only state variables, parameters, time and constants.</summary>
    private void CheckEvents()
    {
        foreach (var ev in _events)
        {
            CheckEventSymbols(ev, ev.Condition, $"the condition of event '{ev.Name}' ('{ev.ConditionText}')");
            var assigned = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in ev.Assignments)
            {
                var kind = Resolve(a.Target);
                if (kind != SymbolKind.StateVariable)
                {
                    var what = kind is { } k ? $"a {KindName(k)}" : "not declared";
                    throw new ModelException(Name, $"Model '{Name}': event '{ev.Name}' assigns '{a.Target}', which is {what}; an event may only assign state variables: {string.Join(", ", _stateVariables.Select(s => s.Name))}.", ev.Name);
                }

                if (!assigned.Add(a.Target))
                {
                    throw new ModelException(Name, $"Model '{Name}': event '{ev.Name}' assigns '{a.Target}' twice; assign each state variable once per event.", ev.Name);
                }

                CheckEventSymbols(ev, a.Value, $"the assignment '{a}' of event '{ev.Name}'");
            }
        }
    }

    private void CheckEventSymbols(ModelEvent ev, Expr e, string where)
    {
        foreach (var sym in e.FreeSymbols())
        {
            switch (Resolve(sym))
            {
                case SymbolKind.StateVariable or SymbolKind.Parameter or SymbolKind.Time or SymbolKind.Constant:
                    continue;
                case null:
                    throw new ModelException(Name, $"Model '{Name}': {where} uses '{sym}', which is not a parameter, state variable, time (t) or constant (pi, e). Declare it, e.g. AddParameter(\"{sym}\", value). Known names: {string.Join(", ", _kinds.Keys)}.", ev.Name);
                case var kind:
                    throw new ModelException(Name, $"Model '{Name}': {where} uses the {KindName(kind.Value)} '{sym}'; an event may read only state variables, parameters, time (t) and constants.", ev.Name);
            }
        }
    }
}

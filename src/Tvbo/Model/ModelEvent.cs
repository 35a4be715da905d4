using Tvbo.Expressions;

namespace Tvbo.Model;

/// <summary>A spike-and-reset event of a model (TVBO's model-level <c>events:</c>, e.g. <c>condition: v &gt; thresh</c>,
/// <c>affect: v = reset; w = w + b</c>): after each integration step, wherever the condition holds, the assigned state
/// variables are set to their new values, every right-hand side evaluated from the state before the event. Several
/// events are applied one after the other, in declaration order. Only the native backend applies events.</summary>
public sealed class ModelEvent
{
    internal ModelEvent(string name, string conditionText, Expr condition, IReadOnlyList<EventAssignment> assignments)
    {
        Name = name;
        ConditionText = conditionText;
        Condition = condition;
        Assignments = assignments;
    }

    /// <summary>The event's name (e.g. <c>spike</c>).</summary>
    public string Name { get; }

    /// <summary>The condition as written.</summary>
    public string ConditionText { get; }

    /// <summary>The parsed condition: a comparison, or comparisons joined by <c>&amp;</c> and <c>|</c>.</summary>
    public Expr Condition { get; }

    /// <summary>The assignments, in the order written (possibly none: an event that only marks a spike).</summary>
    public IReadOnlyList<EventAssignment> Assignments { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        Assignments.Count == 0 ? $"{Name}: when {ConditionText}" : $"{Name}: when {ConditionText}: {string.Join("; ", Assignments)}";
}

/// <summary>One assignment of a <see cref="ModelEvent"/>: a state variable and its new value.</summary>
public sealed class EventAssignment
{
    internal EventAssignment(string target, string valueText, Expr value)
    {
        Target = target;
        ValueText = valueText;
        Value = value;
    }

    /// <summary>The state variable assigned.</summary>
    public string Target { get; }

    /// <summary>The new value as written.</summary>
    public string ValueText { get; }

    /// <summary>The parsed new value, evaluated from the state before the event.</summary>
    public Expr Value { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Target} = {ValueText}";
}

namespace Tvbo.Backends;

/// <summary>Progress of an exploration's run, in condition-steps: each condition counts
/// <see cref="Planning.BackendJob.StepsPerCondition"/> integration steps (the same count on every backend), so
/// <see cref="Total"/> is the exploration's conditions times that count, whatever the backend, and however the run
/// is split (conduction-speed parts, memory chunks, Dask shards).</summary>
/// <param name="Exploration">The exploration being run.</param>
/// <param name="Completed">Condition-steps done so far.</param>
/// <param name="Total">Condition-steps in the exploration.</param>
/// <param name="Conditions">The exploration's conditions.</param>
public readonly record struct RunProgress(string Exploration, long Completed, long Total, int Conditions)
{
    /// <summary>The fraction done, in [0, 1].</summary>
    public double Fraction => Total <= 0 ? 1.0 : Math.Clamp((double)Completed / Total, 0.0, 1.0);

    /// <summary>The conditions done, in whole conditions (condition-steps done over the steps of one condition).</summary>
    public int ConditionsDone => Total <= 0 ? Conditions : (int)Math.Min(Conditions, (long)Math.Floor(Fraction * Conditions));

    /// <summary>Whether the exploration is done.</summary>
    public bool IsComplete => Completed >= Total;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Exploration}: {Fraction * 100:0}% ({ConditionsDone}/{Conditions} conditions)");
}

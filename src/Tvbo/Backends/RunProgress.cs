namespace Tvbo.Backends;

/// <summary>Progress of a run, counted in condition-steps (conditions × integration steps).</summary>
/// <param name="Exploration">The exploration being run.</param>
/// <param name="Completed">Condition-steps done so far.</param>
/// <param name="Total">Condition-steps in the exploration.</param>
public readonly record struct RunProgress(string Exploration, long Completed, long Total)
{
    /// <summary>The fraction done, in [0, 1].</summary>
    public double Fraction => Total == 0 ? 1.0 : (double)Completed / Total;
}

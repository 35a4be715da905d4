namespace Tvbo.PyRates.Bridge;

/// <summary>What one <c>grid_search</c> job returned, in Tvbo's layout (conditions in C order).</summary>
/// <param name="Data">The series [condition, time, variable], or the statistics [5, condition, variable]
/// (first, final, min, max, mean) of a summary job.</param>
/// <param name="Shape">The shape of <paramref name="Data"/>.</param>
/// <param name="Time">The sample times.</param>
/// <param name="Failures">Conditions with a non-finite sample or a sample outside its bounds.</param>
/// <param name="Order">PyRates' name of each C-order condition (<c>&lt;circuit&gt;_&lt;k&gt;</c>).</param>
/// <param name="Log">Lines PyRates printed.</param>
/// <param name="Warnings">Warnings Python raised during the run.</param>
/// <param name="Timing">Seconds spent in the Python job's phases (<c>prepare</c>, <c>grid_search</c>, <c>collect</c>);
/// empty when not measured.</param>
internal sealed record GridSearchOutput(
    double[] Data,
    int[] Shape,
    double[] Time,
    IReadOnlyList<SampleFailure> Failures,
    IReadOnlyList<string> Order,
    IReadOnlyList<string> Log,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, double>? Timing = null);

/// <summary>The first bad sample of one condition.</summary>
/// <param name="Condition">The condition (C order, within the job).</param>
/// <param name="Sample">The sample index.</param>
/// <param name="Variable">The variable index.</param>
/// <param name="OutOfBounds">Whether the sample is finite but outside the variable's boundaries (otherwise it is NaN or infinite).</param>
internal readonly record struct SampleFailure(int Condition, int Sample, int Variable, bool OutOfBounds);

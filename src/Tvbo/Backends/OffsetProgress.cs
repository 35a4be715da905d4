namespace Tvbo.Backends;

/// <summary>The progress of one piece of an exploration (a conduction-speed part, a memory chunk, a Dask shard) as the
/// whole exploration's: the piece's condition-steps counted after the pieces before it, out of the exploration's.</summary>
/// <param name="inner">The exploration's receiver.</param>
/// <param name="offset">Condition-steps of the pieces before this one.</param>
/// <param name="total">Condition-steps of the whole exploration.</param>
/// <param name="conditions">The whole exploration's conditions.</param>
internal sealed class OffsetProgress(IProgress<RunProgress> inner, long offset, long total, int conditions) : IProgress<RunProgress>
{
    /// <summary>Passes a piece's report on as the exploration's; the piece's own completion is not the exploration's
    /// unless it is the last piece.</summary>
    /// <param name="value">The piece's progress.</param>
    public void Report(RunProgress value) =>
        inner.Report(new RunProgress(value.Exploration, Math.Min(total, offset + value.Completed), total, conditions));

    /// <summary>Wraps <paramref name="inner"/> for a piece, or returns <see langword="null"/> when there is no receiver.</summary>
    /// <param name="inner">The exploration's receiver, or <see langword="null"/>.</param>
    /// <param name="offset">Condition-steps of the pieces before this one.</param>
    /// <param name="total">Condition-steps of the whole exploration.</param>
    /// <param name="conditions">The whole exploration's conditions.</param>
    public static IProgress<RunProgress>? For(IProgress<RunProgress>? inner, long offset, long total, int conditions) =>
        inner is null ? null : new OffsetProgress(inner, offset, total, conditions);
}

using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>A run folder read back (<see cref="RunFolder.Read"/>): the results, and each exploration's files with
/// what they record.</summary>
/// <param name="Result">The results, in the folder's order.</param>
/// <param name="Explorations">Each exploration as read, in the same order.</param>
public sealed record LoadedRun(ExperimentResult Result, IReadOnlyList<LoadedResult> Explorations);

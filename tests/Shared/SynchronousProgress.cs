using System.Collections.Concurrent;
using Tvbo.Backends;

namespace Tvbo.TestSupport;

/// <summary>Collects progress reports as they are made (unlike Progress&lt;T&gt;, which posts them).</summary>
internal sealed class SynchronousProgress : IProgress<RunProgress>
{
    public ConcurrentQueue<RunProgress> Reports { get; } = new();

    public Action<RunProgress>? OnReport { get; init; }

    public void Report(RunProgress value)
    {
        Reports.Enqueue(value);
        OnReport?.Invoke(value);
    }
}

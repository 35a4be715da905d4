using Microsoft.Extensions.Logging;

namespace Tvbo.TestSupport;

/// <summary>An <see cref="ILogger"/> that keeps every entry, for asserting warnings, errors and logged defaults.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    /// <summary>The entries so far, in order.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>The entries so far as "Level: message" lines.</summary>
    public IReadOnlyList<string> Lines => Entries.Select(e => $"{e.Level}: {e.Message}").ToArray();

    /// <summary>The warnings.</summary>
    public string[] Warnings => At(LogLevel.Warning);

    /// <summary>The messages logged at <paramref name="level"/>.</summary>
    public string[] At(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message).ToArray();

    /// <summary>The single message at <paramref name="level"/> containing every one of <paramref name="parts"/>;
    /// fails when there is none.</summary>
    public string Single(LogLevel level, params string[] parts)
    {
        var hits = At(level).Where(m => parts.All(p => m.Contains(p, StringComparison.Ordinal))).ToArray();
        Assert.HasCount(1, hits, $"expected one {level} entry containing [{string.Join(" | ", parts)}]; entries:\n{string.Join("\n", Lines)}");
        return hits[0];
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}

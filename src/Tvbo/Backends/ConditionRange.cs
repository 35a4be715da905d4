using System.Globalization;

namespace Tvbo.Backends;

/// <summary>Conditions <see cref="Start"/> … <see cref="Stop"/> − 1 of an exploration's grid (C order): a shard, run
/// alone and joined to the others later (<c>tvbo run --conditions START:STOP</c>, <c>tvbo merge</c>).</summary>
/// <param name="Start">The first condition.</param>
/// <param name="Stop">One past the last condition.</param>
public readonly record struct ConditionRange(int Start, int Stop)
{
    /// <summary>The number of conditions.</summary>
    public int Count => Stop - Start;

    /// <summary>Parses <c>START:STOP</c>.</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="FormatException">Not two whole numbers with 0 ≤ START &lt; STOP.</exception>
    public static ConditionRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var stop)
            && start < stop)
        {
            return new ConditionRange(start, stop);
        }

        throw new FormatException($"'{text}' is not a condition range START:STOP of whole numbers with 0 <= START < STOP (conditions START to STOP - 1, C order), e.g. 0:1000.");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start}:{Stop}");
}

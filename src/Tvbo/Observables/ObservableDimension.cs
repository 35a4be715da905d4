namespace Tvbo.Observables;

/// <summary>One dimension of an observable's value: its name and its coordinate, either labels (channels) or numbers
/// (frequencies, times).</summary>
/// <param name="Name">The dimension's name (<c>channel</c>, <c>frequency</c>, <c>time</c>).</param>
/// <param name="Labels">The labels along it, or null.</param>
/// <param name="Values">The numbers along it, or null.</param>
/// <param name="Unit">The unit of <paramref name="Values"/>, or null.</param>
public sealed record ObservableDimension(string Name, IReadOnlyList<string>? Labels, IReadOnlyList<double>? Values, string? Unit = null)
{
    /// <summary>The number of cells along the dimension.</summary>
    public int Length => Labels?.Count ?? Values?.Count ?? 0;

    /// <summary>A dimension labelled by the channels.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="channels">The channels.</param>
    public static ObservableDimension Of(string name, IReadOnlyList<string> channels) => new(name, channels, null);

    /// <summary>The dimensions of a value per pair of channels: <c>[channel, channel_2]</c>.</summary>
    /// <param name="channels">The channels.</param>
    internal static ObservableDimension[] Pairs(IReadOnlyList<string> channels) => [Of("channel", channels), Of("channel_2", channels)];
}

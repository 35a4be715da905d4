namespace Tvbo.Observables;

/// <summary>What an <see cref="ObservableFunction"/> knows of a run besides one condition's series: its channels, the
/// sampling, the step's arguments and the matrices it may compare with.</summary>
/// <param name="Channels">The source outputs, in the order of the series' columns (<c>V[0]</c>, <c>V[1]</c>, …).</param>
/// <param name="Samples">The number of samples (rows) of a condition's series.</param>
/// <param name="SampleInterval">The time between two samples, in the experiment's time unit (ms for TVB models).</param>
/// <param name="Arguments">The step's arguments, every documented one present (defaults filled in).</param>
/// <param name="Matrices">Matrices an argument may name (a network's <c>observational_measures</c>, e.g. an empirical
/// BOLD correlation), by name.</param>
internal sealed record ObservableContext(
    IReadOnlyList<string> Channels,
    int Samples,
    double SampleInterval,
    IReadOnlyDictionary<string, double> Arguments,
    IReadOnlyDictionary<string, double[,]> Matrices)
{
    /// <summary>The number of channels (columns of the series).</summary>
    public int ChannelCount => Channels.Count;

    /// <summary>An argument's value.</summary>
    /// <param name="name">Its name.</param>
    public double Argument(string name) => Arguments[name];
}

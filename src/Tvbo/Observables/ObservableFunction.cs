namespace Tvbo.Observables;

/// <summary>
/// A function of one condition's stored series that an observation's pipeline applies: a window statistic, a power
/// spectrum, an order parameter, a functional connectivity, a BOLD signal. It reads the series of its source outputs
/// (its channels: <c>V[0]</c>, <c>V[1]</c>, … for a network's <c>V</c>) and writes one value per cell of its
/// dimensions, the same for every condition of a run.
/// </summary>
internal abstract class ObservableFunction
{
    /// <summary>The name a pipeline step calls it by (<c>function: order_parameter</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What it computes, for the documentation and error messages.</summary>
    public abstract string Description { get; }

    /// <summary>Its arguments, with their defaults.</summary>
    public abstract IReadOnlyList<ObservableArgument> Arguments { get; }

    /// <summary>The dimensions of one condition's value (the condition dimension is not included): none for a
    /// number, e.g. <c>[channel]</c>, <c>[channel, frequency]</c>, <c>[channel, channel_2]</c>.</summary>
    /// <param name="context">The channels, sampling and arguments of the run.</param>
    /// <exception cref="ObservableException">The input does not suit the function (too few samples or channels, a
    /// missing matrix).</exception>
    public abstract IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context);

    /// <summary>Computes one condition's value.</summary>
    /// <param name="context">The channels, sampling and arguments of the run (as given to <see cref="Dimensions"/>).</param>
    /// <param name="series">The condition's series of the channels, [sample, channel] row-major, <see cref="ObservableContext.Samples"/> rows.</param>
    /// <param name="destination">Where the value goes, row-major over <see cref="Dimensions"/>.</param>
    public abstract void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination);

    /// <summary>The number of values of one condition's value.</summary>
    /// <param name="context">The run's context.</param>
    public int ValueCount(ObservableContext context) => Dimensions(context).Aggregate(1, (n, d) => checked(n * d.Length));

    /// <inheritdoc/>
    public override string ToString() => Name;
}

namespace Tvbo.Observables;

/// <summary>The built-in observable functions a pipeline step can call by name (<c>function: order_parameter</c>),
/// computed natively from any backend's result.</summary>
internal static class ObservableLibrary
{
    private static readonly ObservableFunction[] Functions =
    [
        new WindowStatisticFunction(WindowStatistic.Mean),
        new WindowStatisticFunction(WindowStatistic.Variance),
        new WindowStatisticFunction(WindowStatistic.StandardDeviation),
        new WindowStatisticFunction(WindowStatistic.Min),
        new WindowStatisticFunction(WindowStatistic.Max),
        new WindowStatisticFunction(WindowStatistic.PeakToPeak),
        new OrderParameterFunction(),
        new PhaseLockingFunction(),
        new WelchSpectrumFunction(),
        new SpectralPeakFunction(power: false),
        new SpectralPeakFunction(power: true),
        new FunctionalConnectivityFunction(),
        new FcCorrelationFunction(),
        new TemporalAverageFunction(),
        new SubsampleFunction(),
        new BoldFunction(),
    ];

    /// <summary>Every built-in function, by name.</summary>
    public static IReadOnlyList<ObservableFunction> All => Functions;

    /// <summary>The built-in function of a name, or null.</summary>
    /// <param name="name">The name.</param>
    public static ObservableFunction? Find(string name) => Array.Find(Functions, f => f.Name == name);
}

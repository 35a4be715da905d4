using System.Globalization;

namespace Tvbo.Observables;

/// <summary>How well the simulated functional connectivity (<c>fc</c>) matches an empirical one: the Pearson
/// correlation between the strict upper triangles (above the diagonal, row-major) of the simulated matrix and the
/// C × C matrix <c>Matrices["empirical"]</c>, a number.</summary>
internal sealed class FcCorrelationFunction : ObservableFunction
{
    /// <summary>The key of the empirical matrix in <see cref="ObservableContext.Matrices"/>.</summary>
    public const string Empirical = "empirical";

    private static readonly ObservableArgument[] Args =
    [
        Window.Argument("the simulated correlations are taken"),
    ];

    /// <inheritdoc/>
    public override string Name => "fc_correlation";

    /// <inheritdoc/>
    public override string Description => "the Pearson correlation between the upper triangles of the simulated functional connectivity (fc) and the empirical matrix";

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableArgument> Arguments => Args;

    /// <inheritdoc/>
    public override IReadOnlyList<ObservableDimension> Dimensions(ObservableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = Window.Start(context, Name);
        _ = Matrix(context);
        return [];
    }

    /// <inheritdoc/>
    public override void Compute(ObservableContext context, ReadOnlySpan<double> series, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        var empirical = Matrix(context);
        var c = context.ChannelCount;
        var fc = new double[c * c];
        FunctionalConnectivityFunction.Correlations(context, series, Name, fc);
        var n = c * (c - 1) / 2;
        var x = new double[n];
        var y = new double[n];
        var i = 0;
        for (var a = 0; a < c; a++)
        {
            for (var b = a + 1; b < c; b++, i++)
            {
                x[i] = fc[(a * c) + b];
                y[i] = empirical[a, b];
            }
        }

        destination[0] = Pearson(x, y);
    }

    /// <summary>The Pearson correlation of two sequences as <c>numpy.corrcoef(x, y)[0, 1]</c>.</summary>
    /// <param name="x">The first.</param>
    /// <param name="y">The second, as long.</param>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        var r = sxy / Math.Sqrt(sxx) / Math.Sqrt(syy);
        return double.IsNaN(r) ? r : Math.Clamp(r, -1, 1);
    }

    private double[,] Matrix(ObservableContext context)
    {
        var c = context.ChannelCount;
        if (!context.Matrices.TryGetValue(Empirical, out var m))
        {
            throw new ObservableException($"{Name}: needs an empirical matrix: give the observation's 'empirical' the name of one of the network's observational_measures.");
        }

        if (m.GetLength(0) != c || m.GetLength(1) != c)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{Name}: the empirical matrix is {m.GetLength(0)} × {m.GetLength(1)}; it must be {c} × {c}, one row and column per channel."));
        }

        if (c < 3)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"{Name}: there are {c} channels; correlating upper triangles needs at least 3 (two or more pairs)."));
        }

        return m;
    }
}

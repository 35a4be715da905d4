namespace Tvbo.Bifurcation;

/// <summary>
/// Orthogonal collocation of degree m on one mesh interval, as AUTO: the solution is the polynomial of degree m through
/// its values at m + 1 equally spaced nodes <c>z_k = k/m</c> of the interval (mapped to [0, 1]), and the differential
/// equation holds at the m Gauss–Legendre points. The tables here give the Lagrange basis and its derivative at the
/// Gauss points and at the nodes, and quadrature weights of the nodes.
/// </summary>
internal sealed class CollocationScheme
{
    /// <summary>Builds the tables of degree <paramref name="degree"/>.</summary>
    /// <param name="degree">m, 2 to 7.</param>
    public CollocationScheme(int degree)
    {
        Degree = degree;
        Nodes = Enumerable.Range(0, degree + 1).Select(k => (double)k / degree).ToArray();
        var (gauss, _) = GaussLegendre(degree);
        Basis = new double[degree, degree + 1];
        BasisDerivative = new double[degree, degree + 1];
        for (var c = 0; c < degree; c++)
        {
            for (var k = 0; k <= degree; k++)
            {
                Basis[c, k] = Lagrange(k, gauss[c]);
                BasisDerivative[c, k] = LagrangeDerivative(k, gauss[c]);
            }
        }

        NodeDerivative = new double[degree + 1, degree + 1];
        for (var i = 0; i <= degree; i++)
        {
            for (var k = 0; k <= degree; k++)
            {
                NodeDerivative[i, k] = LagrangeDerivative(k, Nodes[i]);
            }
        }

        // ∫₀¹ L_k: Gauss quadrature with m + 1 points is exact for the degree-m basis.
        var (points, weights) = GaussLegendre(degree + 1);
        NodeWeights = Enumerable.Range(0, degree + 1).Select(k => points.Select((z, q) => weights[q] * Lagrange(k, z)).Sum()).ToArray();
    }

    /// <summary>m.</summary>
    public int Degree { get; }

    /// <summary>The nodes z_k = k/m.</summary>
    public double[] Nodes { get; }

    /// <summary>L_k at Gauss point c: <c>[c, k]</c>.</summary>
    public double[,] Basis { get; }

    /// <summary>L_k' at Gauss point c: <c>[c, k]</c>.</summary>
    public double[,] BasisDerivative { get; }

    /// <summary>L_k' at node i: <c>[i, k]</c>.</summary>
    public double[,] NodeDerivative { get; }

    /// <summary>∫₀¹ L_k: the weight of node k in an integral over the interval (Newton–Cotes).</summary>
    public double[] NodeWeights { get; }

    /// <summary>The Lagrange basis polynomial of node k at z.</summary>
    /// <param name="k">The node.</param>
    /// <param name="z">The point in [0, 1].</param>
    public double Lagrange(int k, double z)
    {
        var v = 1.0;
        for (var i = 0; i < Nodes.Length; i++)
        {
            if (i != k)
            {
                v *= (z - Nodes[i]) / (Nodes[k] - Nodes[i]);
            }
        }

        return v;
    }

    private double LagrangeDerivative(int k, double z)
    {
        var sum = 0.0;
        for (var l = 0; l < Nodes.Length; l++)
        {
            if (l == k)
            {
                continue;
            }

            var term = 1.0 / (Nodes[k] - Nodes[l]);
            for (var i = 0; i < Nodes.Length; i++)
            {
                if (i != k && i != l)
                {
                    term *= (z - Nodes[i]) / (Nodes[k] - Nodes[i]);
                }
            }

            sum += term;
        }

        return sum;
    }

    /// <summary>The Gauss–Legendre points and weights on [0, 1].</summary>
    private static (double[] Points, double[] Weights) GaussLegendre(int count)
    {
        var points = new double[count];
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (count + 0.5));
            double derivative = 0;
            for (var iteration = 0; iteration < 100; iteration++)
            {
                // P_count(x) and its derivative by the three-term recurrence.
                double p0 = 1, p1 = x;
                for (var k = 2; k <= count; k++)
                {
                    (p0, p1) = (p1, (((2 * k) - 1) * x * p1 - ((k - 1) * p0)) / k);
                }

                var p = count == 1 ? x : p1;
                var pPrevious = count == 1 ? 1 : p0;
                derivative = count * ((x * p) - pPrevious) / ((x * x) - 1);
                var dx = p / derivative;
                x -= dx;
                if (Math.Abs(dx) < 1e-16)
                {
                    break;
                }
            }

            points[count - 1 - i] = (x + 1) / 2;
            weights[count - 1 - i] = 1.0 / ((1 - (x * x)) * derivative * derivative);
        }

        return (points, weights);
    }
}

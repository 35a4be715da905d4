using Tvbo.Experiment;

namespace Tvbo.Bifurcation;

/// <summary>
/// The state a continuation starts from: the model's initial state, or where an integration of the model from it ends
/// (TVBO's <c>initial_state: {method: time_integration, duration}</c>), refined by Newton's method to an equilibrium.
/// The integration is adaptive Dormand–Prince 5(4) with relative tolerance 1e-8 and absolute 1e-10: the end state only
/// needs to lie in the equilibrium's basin, but an accurate integration keeps the start the same on every machine.
/// </summary>
internal static class SteadyStateSearch
{
    private const int MaxSteps = 20_000_000;

    /// <summary>Integrates <c>dx/dt = f(x, p)</c> from <paramref name="x0"/> for <paramref name="duration"/>.</summary>
    /// <param name="system">The system.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="x0">The initial state.</param>
    /// <param name="duration">How long.</param>
    /// <param name="cancellationToken">Stops the integration.</param>
    /// <returns>The end state and the time average of the state over the last fifth of the integration (near the
    /// equilibrium inside an orbit the state circles, where Newton's method may converge when it does not from the end
    /// state), or <see langword="null"/> when the state stopped being finite or the step size collapsed.</returns>
    public static (double[] End, double[] Mean)? Integrate(ContinuationSystem system, double[] p, double[] x0, double duration, CancellationToken cancellationToken)
    {
        var n = system.Dimension;
        var x = (double[])x0.Clone();
        var k = new double[7][];
        for (var i = 0; i < 7; i++)
        {
            k[i] = new double[n];
        }

        var stage = new double[n];
        var next = new double[n];
        var t = 0.0;
        var h = Math.Min(duration, 1e-3);
        var averageFrom = 0.8 * duration;
        var mean = new double[n];
        system.Evaluate(x, p, k[0]);
        for (var step = 0; t < duration && step < MaxSteps; step++)
        {
            if ((step & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            h = Math.Min(h, duration - t);
            // The six stages, then f at the fifth-order solution (first same as last).
            for (var s = 1; s < 7; s++)
            {
                var row = s < 6 ? DormandPrinceTableau.A[s] : DormandPrinceTableau.B;
                for (var i = 0; i < n; i++)
                {
                    var sum = x[i];
                    for (var j = 0; j < s; j++)
                    {
                        sum += h * row[j] * k[j][i];
                    }

                    stage[i] = sum;
                }

                system.Evaluate(stage, p, k[s]);
            }

            var error = 0.0;
            for (var i = 0; i < n; i++)
            {
                next[i] = stage[i];
                var e = 0.0;
                for (var s = 0; s < 7; s++)
                {
                    e += DormandPrinceTableau.E[s] * k[s][i];
                }

                var scale = 1e-10 + (1e-8 * Math.Max(Math.Abs(x[i]), Math.Abs(next[i])));
                error = Math.Max(error, Math.Abs(h * e) / scale);
            }

            if (!double.IsFinite(error))
            {
                if (h < 1e-14 * Math.Max(1.0, t))
                {
                    return null;
                }

                h /= 10;
                continue;
            }

            if (error <= 1.0)
            {
                // The trapezoid rule over the step, for the part of it inside the averaging window.
                var inside = Math.Min(h, t + h - averageFrom);
                if (inside > 0)
                {
                    for (var i = 0; i < n; i++)
                    {
                        mean[i] += inside * (x[i] + next[i]) / 2;
                    }
                }

                t += h;
                (x, next) = (next, x);
                (k[0], k[6]) = (k[6], k[0]);
            }

            h *= Math.Clamp(0.9 * Math.Pow(Math.Max(error, 1e-10), -0.2), 0.2, 5.0);
            if (h < 1e-14 * Math.Max(1.0, t))
            {
                return null;
            }
        }

        return t >= duration ? (x, mean.Select(v => v / (duration - averageFrom)).ToArray()) : null;
    }

    /// <summary>Newton's method on <c>f(x, p) = 0</c> in the state.</summary>
    /// <param name="system">The system.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="x0">The first guess.</param>
    /// <returns>The equilibrium, or <see langword="null"/> when Newton's method does not converge from the guess.</returns>
    public static double[]? Newton(ContinuationSystem system, double[] p, double[] x0)
    {
        var n = system.Dimension;
        var x = (double[])x0.Clone();
        var f = new double[n];
        var jac = new double[n * n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            system.Evaluate(x, p, f);
            system.Jacobian(x, p, jac);
            var dx = DenseLinearAlgebra.Solve(jac, f.Select(v => -v).ToArray());
            if (dx is null)
            {
                return null;
            }

            var size = 0.0;
            for (var i = 0; i < n; i++)
            {
                x[i] += dx[i];
                size = Math.Max(size, Math.Abs(dx[i]) / (1.0 + Math.Abs(x[i])));
            }

            if (size < 1e-12)
            {
                system.Evaluate(x, p, f);
                return f.All(double.IsFinite) ? x : null;
            }
        }

        return null;
    }
}

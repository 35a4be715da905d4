namespace Tvbo.TestSupport;

/// <summary>
/// An independent integrator of a network written directly in C#: per-node right-hand sides as delegates, the
/// coupling <c>c_i = post(Σ_j W_ij · pre(x_i, x_j(t − d_ij·dt)))</c> computed with loops, delays as whole steps read
/// from a stored history (the initial state before the start). Euler, and Heun whose second stage (at <c>t + dt</c>)
/// reads the source <c>d − 1</c> steps back (its own predictor when the delay is 0). It shares no code with the
/// project's network lowering.
/// </summary>
internal static class NetworkReference
{
    /// <summary>The right-hand side of one node: (the node, its state, its coupling input, derivative out).</summary>
    public delegate void NodeRhs(int node, ReadOnlySpan<double> state, double coupling, Span<double> derivative);

    /// <summary>Integrates; returns [sample, variable, node] (the samples every <paramref name="stepsPerSample"/> steps,
    /// the first the initial state).</summary>
    public static double[] Integrate(
        NodeRhs rhs,
        double[][] initial,
        double[,] weights,
        int[,] delaySteps,
        int sourceVariable,
        Func<double, double, double> pre,
        Func<double, double> post,
        double dt,
        int samples,
        int stepsPerSample,
        bool heun)
    {
        var n = initial.Length;
        var nv = initial[0].Length;
        var totalSteps = samples * stepsPerSample;
        var history = new List<double[][]>(totalSteps + 1);
        var y = initial.Select(a => (double[])a.Clone()).ToArray();
        var result = new double[samples * nv * n];
        var k1 = New();
        var k2 = New();
        var predictor = New();
        var step = 0;
        for (var s = 0; s < samples; s++)
        {
            for (var v = 0; v < nv; v++)
            {
                for (var i = 0; i < n; i++)
                {
                    result[(((s * nv) + v) * n) + i] = y[i][v];
                }
            }

            if (s == samples - 1)
            {
                break;
            }

            for (var m = 0; m < stepsPerSample; m++, step++)
            {
                history.Add(y.Select(a => (double[])a.Clone()).ToArray());
                Derivative(y, 0, k1);
                if (!heun)
                {
                    for (var i = 0; i < n; i++)
                    {
                        for (var v = 0; v < nv; v++)
                        {
                            y[i][v] += dt * k1[i][v];
                        }
                    }

                    continue;
                }

                for (var i = 0; i < n; i++)
                {
                    for (var v = 0; v < nv; v++)
                    {
                        predictor[i][v] = y[i][v] + (dt * k1[i][v]);
                    }
                }

                Derivative(predictor, 1, k2);
                for (var i = 0; i < n; i++)
                {
                    for (var v = 0; v < nv; v++)
                    {
                        y[i][v] += dt / 2 * (k1[i][v] + k2[i][v]);
                    }
                }
            }
        }

        return result;

        double[][] New() => Enumerable.Range(0, n).Select(_ => new double[nv]).ToArray();

        void Derivative(double[][] at, int stage, double[][] into)
        {
            for (var i = 0; i < n; i++)
            {
                var g = 0.0;
                for (var j = 0; j < n; j++)
                {
                    if (weights[i, j] == 0)
                    {
                        continue;
                    }

                    var d = delaySteps[i, j];
                    double xj;
                    if (d == 0)
                    {
                        xj = at[j][sourceVariable];
                    }
                    else
                    {
                        var back = step + stage - d;
                        xj = back < 0 ? initial[j][sourceVariable] : history[back][j][sourceVariable];
                    }

                    g += weights[i, j] * pre(at[i][sourceVariable], xj);
                }

                rhs(i, at[i], post(g), into[i]);
            }
        }
    }
}

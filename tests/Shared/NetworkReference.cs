namespace Tvbo.TestSupport;

/// <summary>
/// An independent integrator of a network written directly in C#: per-node right-hand sides as delegates, the
/// coupling <c>c_i = post(Σ_j W_ij · pre(x_i, x_j(t − d_ij·dt)))</c> computed with loops, delays as whole steps read
/// from a stored history (the initial state before the start). Euler, Heun and RK4. Per stage (the default), every stage
/// computes the coupling from its own state: Heun's second stage (at <c>t + dt</c>) reads the source <c>d − 1</c> steps
/// back (its own predictor when the delay is 0); RK4 only without delays. Per step (TVB's timing), the coupling is
/// computed once from the state at the step's start, the source <c>d</c> steps before it (delay 0: the step's start),
/// and every stage reads that value. It shares no code with the project's network lowering.
/// </summary>
internal static class NetworkReference
{
    /// <summary>The fixed-step schemes.</summary>
    public enum Scheme
    {
        /// <summary><c>y += dt·f(y)</c>.</summary>
        Euler,

        /// <summary><c>k1 = f(y); k2 = f(y + dt·k1); y += dt/2·(k1 + k2)</c>.</summary>
        Heun,

        /// <summary>Classical RK4.</summary>
        RK4,
    }

    /// <summary>The right-hand side of one node: (the node, its state, its coupling input, derivative out).</summary>
    public delegate void NodeRhs(int node, ReadOnlySpan<double> state, double coupling, Span<double> derivative);

    /// <summary>Integrates with the coupling evaluated at every stage, by Euler or Heun; returns [sample, variable, node]
    /// (the samples every <paramref name="stepsPerSample"/> steps, the first the initial state).</summary>
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
        bool heun) =>
        Integrate(rhs, initial, weights, delaySteps, sourceVariable, pre, post, dt, samples, stepsPerSample, heun ? Scheme.Heun : Scheme.Euler, perStep: false);

    /// <summary>Integrates; returns [sample, variable, node] (the samples every <paramref name="stepsPerSample"/> steps,
    /// the first the initial state).</summary>
    /// <param name="perStep">Whether the coupling is computed once per step, at its start, and held over its stages.</param>
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
        Scheme scheme,
        bool perStep)
    {
        var n = initial.Length;
        var nv = initial[0].Length;
        if (scheme == Scheme.RK4 && !perStep && delaySteps.Cast<int>().Any(d => d != 0))
        {
            throw new ArgumentException("RK4 with delays is defined only per step (its stages fall between steps).");
        }

        var history = new List<double[][]>((samples * stepsPerSample) + 1);
        var y = initial.Select(a => (double[])a.Clone()).ToArray();
        var result = new double[samples * nv * n];
        var k = Enumerable.Range(0, 4).Select(_ => New()).ToArray();
        var point = New();
        var held = new double[n];
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
                if (perStep)
                {
                    for (var i = 0; i < n; i++)
                    {
                        held[i] = Coupling(y, 0, i);
                    }
                }

                Derivative(y, 0, k[0]);
                switch (scheme)
                {
                    case Scheme.Euler:
                        Update(dt, (i, v) => k[0][i][v]);
                        break;
                    case Scheme.Heun:
                        Offset(dt, k[0]);
                        Derivative(point, 1, k[1]);
                        Update(dt / 2, (i, v) => k[0][i][v] + k[1][i][v]);
                        break;
                    default:
                        Offset(dt / 2, k[0]);
                        Derivative(point, 0, k[1]);
                        Offset(dt / 2, k[1]);
                        Derivative(point, 0, k[2]);
                        Offset(dt, k[2]);
                        Derivative(point, 0, k[3]);
                        Update(dt / 6, (i, v) => k[0][i][v] + (2 * k[1][i][v]) + (2 * k[2][i][v]) + k[3][i][v]);
                        break;
                }
            }
        }

        return result;

        double[][] New() => Enumerable.Range(0, n).Select(_ => new double[nv]).ToArray();

        void Offset(double h, double[][] slope)
        {
            for (var i = 0; i < n; i++)
            {
                for (var v = 0; v < nv; v++)
                {
                    point[i][v] = y[i][v] + (h * slope[i][v]);
                }
            }
        }

        void Update(double h, Func<int, int, double> slope)
        {
            for (var i = 0; i < n; i++)
            {
                for (var v = 0; v < nv; v++)
                {
                    y[i][v] += h * slope(i, v);
                }
            }
        }

        // The coupling input of node i at a stage (at its time t_step + stage·dt), from the stage's state.
        double Coupling(double[][] at, int stage, int i)
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

            return post(g);
        }

        void Derivative(double[][] at, int stage, double[][] into)
        {
            for (var i = 0; i < n; i++)
            {
                rhs(i, at[i], perStep ? held[i] : Coupling(at, stage, i), into[i]);
            }
        }
    }
}

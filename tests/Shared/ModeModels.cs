using Tvbo.Model;

namespace Tvbo.TestSupport;

/// <summary>A small three-mode model in TVBO's form (TVB's multi-mode meaning: per-mode lists, a mode matrix for
/// <c>mode_dot</c>, <c>mode_sum</c>), and its Euler integration written out by hand with numpy's meaning.</summary>
internal static class ModeModels
{
    /// <summary>x_i' = y_i - w_i·x_i³ + k·(Σ_k x_k·A[k, i] - x_i) + Σ_k c; y_i' = -x_i + s·Σ_k x_k/3 - 0.1·y_i, with
    /// w_i = g_i·k per mode and s = 2k shared; c is a coupling input (0 for a single node).</summary>
    public const string Yaml = """
        name: ThreeModes
        number_of_modes: 3
        parameters:
          k: {value: 0.4}
          g:
            value: [0.5, 1.0, 1.5]
            description: gain per mode
          A:
            value:
            - [0.2, 0.1, 0.0]
            - [0.3, 0.4, 0.2]
            - [0.0, 0.5, 0.1]
        derived_parameters:
          w: {equation: {lhs: w, rhs: g*k}}
          s: {equation: {lhs: s, rhs: 2*k}}
        coupling_inputs:
          c: {}
        state_variables:
          x:
            equation:
              lhs: Derivative(x, t)
              rhs: y - w*x**3 + k*(mode_dot(x, A) - x) + mode_sum(c)
            initial_value: 0.1
            coupling_variable: true
          y:
            equation:
              lhs: Derivative(y, t)
              rhs: -x + s*mode_sum(x)/3 - 0.1*y
            initial_value: -0.2
        """;

    /// <summary>The model read from <see cref="Yaml"/>.</summary>
    public static Dynamics Model() => Dynamics.FromYaml(Yaml, "three_modes.yaml");

    /// <summary>Euler's x_i and y_i at every step 0 … <paramref name="steps"/> (as [step][mode]), for k and the gains g.</summary>
    public static (double[][] X, double[][] Y) Euler(double k, double[] g, double dt, int steps)
    {
        double[,] a = { { 0.2, 0.1, 0.0 }, { 0.3, 0.4, 0.2 }, { 0.0, 0.5, 0.1 } };
        var (x, y) = (new[] { 0.1, 0.1, 0.1 }, new[] { -0.2, -0.2, -0.2 });
        var (xs, ys) = (new double[steps + 1][], new double[steps + 1][]);
        xs[0] = (double[])x.Clone();
        ys[0] = (double[])y.Clone();
        for (var n = 1; n <= steps; n++)
        {
            var (dx, dy) = (new double[3], new double[3]);
            for (var i = 0; i < 3; i++)
            {
                var dot = 0.0;
                for (var j = 0; j < 3; j++)
                {
                    dot += x[j] * a[j, i];
                }

                dx[i] = y[i] - (g[i] * k * x[i] * x[i] * x[i]) + (k * (dot - x[i]));
                dy[i] = -x[i] + (2 * k * (x[0] + x[1] + x[2]) / 3) - (0.1 * y[i]);
            }

            for (var i = 0; i < 3; i++)
            {
                x[i] += dt * dx[i];
                y[i] += dt * dy[i];
            }

            xs[n] = (double[])x.Clone();
            ys[n] = (double[])y.Clone();
        }

        return (xs, ys);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Networks;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Reference;

/// <summary>
/// The native backend's <see cref="CouplingEvaluation.PerStep"/> against TVB's own simulator (HeunDeterministic and
/// RungeKutta4thOrderDeterministic, a
/// Generic2dOscillator network with delays, including a delay of 0, and Linear coupling, from a constant initial history).
/// TVB is not part of this repository: the test runs it through <c>/usr/bin/python3</c> (or <c>TVB_PYTHON</c>) from the
/// <c>tvb_library</c> folder of a tvb-root checkout named by <c>TVB_LIBRARY_PATH</c>, else <c>/tmp/tvb-root/tvb_library</c>,
/// and is inconclusive, with the reason, where TVB is not there or does not import (it needs numpy, scipy, numba,
/// networkx and Deprecated: Debian's python3-numpy python3-scipy python3-numba python3-networkx python3-deprecated).
/// </summary>
/// <remarks>TVB keeps its history, the coupling weights and the coupling sum in float32 (its <c>SparseHistory</c> arrays
/// are <c>'f'</c>), so it agrees with a float64 integration of the same timing to about 1e-8 here, not to round-off.</remarks>
[TestClass]
public sealed class TvbSimulatorTests
{
    /// <summary>The default location of the tvb_library folder, when <c>TVB_LIBRARY_PATH</c> is not set.</summary>
    public const string DefaultTvbLibrary = "/tmp/tvb-root/tvb_library";

    private const int Steps = 1000;
    private const double Dt = 0.1;
    private const double Speed = 10.0;
    private const double CouplingA = 0.1;
    private const double D = 0.02;

    // W[i, j]: from j to i (TVB's orientation too: rows are targets). Lengths / speed / dt give delays of 0 (3 <- 2), 1, 3,
    // 5, 7, 12 and 20 steps.
    private static readonly double[,] Weights = { { 0, 1.3, 0, 0.6 }, { 0.4, 0, 0.9, 0 }, { 0, 2.1, 0, 0.7 }, { 0.5, 0, 1.1, 0 } };
    private static readonly double[,] Lengths = { { 0, 5, 0, 0 }, { 1, 0, 12, 0 }, { 0, 3, 0, 20 }, { 7, 0, 0, 0 } };
    private static readonly double[] V0 = [0.1, -1.2, 1.7, 0.6];
    private static readonly double[] W0 = [0.0, 0.5, -0.3, 0.2];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(IntegrationMethod.Heun, "HeunDeterministic")]
    [DataRow(IntegrationMethod.RK4, "RungeKutta4thOrderDeterministic")]
    public void PerStepAgreesWithTvbsSimulator(IntegrationMethod method, string tvbIntegrator)
    {
        var tvb = RunTvb(tvbIntegrator); // [step 1..Steps][variable][node]
        var perStep = RunNative(method, CouplingEvaluation.PerStep);

        // Per stage (Heun only: RK4 has delays only per step) is another system.
        var perStage = method == IntegrationMethod.Heun ? RunNative(method, CouplingEvaluation.PerStage) : null;
        double worst = 0, worstStage = 0, lo = double.MaxValue, hi = double.MinValue;
        for (var k = 1; k <= Steps; k++)
        {
            for (var v = 0; v < 2; v++)
            {
                for (var i = 0; i < 4; i++)
                {
                    var t = tvb[k - 1][v][i];
                    var o = (v * 4) + i;
                    worst = Math.Max(worst, Math.Abs(perStep[0, k, o] - t));
                    worstStage = perStage is null ? worstStage : Math.Max(worstStage, Math.Abs(perStage[0, k, o] - t));
                    if (v == 0)
                    {
                        lo = Math.Min(lo, t);
                        hi = Math.Max(hi, t);
                    }
                }
            }
        }

        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generic2dOscillator, 4 nodes, delays 0-20 steps, {tvbIntegrator} dt={Dt}, {Steps} steps (V in [{lo:G4}, {hi:G4}]): max |native per_step - TVB| = {worst:E2}{(perStage is null ? string.Empty : $"; per_stage - TVB = {worstStage:E2}")}"));
        Assert.IsLessThan(1e-6, worst, $"max |native per_step - TVB| = {worst:E2}");
        if (perStage is not null)
        {
            Assert.IsGreaterThan(1e-5, worstStage, $"per_stage must differ from TVB (it is another system): {worstStage:E2}");
        }

        Assert.IsGreaterThan(1.0, hi - lo, "the network must move");
    }

    /// <summary>TVB's Generic2dOscillator (its defaults, <c>d</c> = 0.02) with the coupling input <c>c_glob</c>.</summary>
    private static Dynamics Generic2dOscillator()
    {
        var m = new Dynamics("Generic2dOscillator");
        foreach (var (name, value) in new (string, double)[] { ("tau", 1), ("I", 0), ("a", -2), ("b", -10), ("c", 0), ("d", D), ("e", 3), ("f", 1), ("g", 0), ("alpha", 1), ("beta", 1), ("gamma", 1) })
        {
            m.AddParameter(name, value);
        }

        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "d*tau*(alpha*W - f*V**3 + e*V**2 + g*V + gamma*I + gamma*c_glob)", 0.1).IsCouplingVariable = true;
        m.AddStateVariable("W", "d*(a + b*V + c*V**2 - beta*W)/tau", 0.0);
        return m;
    }

    private static ExplorationResult RunNative(IntegrationMethod method, CouplingEvaluation evaluation)
    {
        var exp = new SimulationExperiment(Generic2dOscillator());
        exp.Integration.Method = method;
        exp.Integration.StepSize = Dt;
        exp.Integration.Duration = (Steps + 1) * Dt; // samples 0..Steps: the state after 0..Steps steps
        exp.Integration.CouplingEvaluation = evaluation;
        exp.Network = Network.FromMatrix(Weights, Lengths);
        exp.Network.ConductionSpeed = Speed;
        for (var i = 0; i < 4; i++)
        {
            exp.Network.Nodes[i].InitialState["V"] = V0[i];
            exp.Network.Nodes[i].InitialState["W"] = W0[i];
        }

        var linear = Coupling.FromLibrary("Linear");
        linear.Parameters["a"] = CouplingA;
        linear.Parameters["b"] = 0.0;
        exp.Network.Coupling["c_glob"] = linear;
        var r = exp.Run("native").Explorations[SimulationExperiment.IntegrationName];
        Assert.AreEqual(Steps + 1, r.SampleCount);
        return r;
    }

    /// <summary>Runs TVB's simulator; returns the raw monitor's states after each step, [step][variable][node].</summary>
    private static double[][][] RunTvb(string integrator)
    {
        var library = Environment.GetEnvironmentVariable("TVB_LIBRARY_PATH") is { Length: > 0 } env ? env : DefaultTvbLibrary;
        if (!File.Exists(Path.Combine(library, "tvb", "simulator", "simulator.py")))
        {
            Assert.Inconclusive($"TVB is not here: {library} has no tvb/simulator/simulator.py. Set TVB_LIBRARY_PATH to the tvb_library folder of a the-virtual-brain/tvb-root checkout (or check it out to {DefaultTvbLibrary}).");
        }

        var python = Environment.GetEnvironmentVariable("TVB_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";
        if (!File.Exists(python))
        {
            Assert.Inconclusive($"No Python at {python} to run TVB (set TVB_PYTHON).");
        }

        var dir = Directory.CreateTempSubdirectory("tvbo-tvb-").FullName;
        try
        {
            var script = Path.Combine(dir, "run_tvb.py");
            var output = Path.Combine(dir, "states.txt");
            File.WriteAllText(script, Script(integrator, output));
            var psi = new ProcessStartInfo(python, [script]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            psi.Environment["PYTHONPATH"] = library;
            psi.Environment["NUMBA_CACHE_DIR"] = dir;
            using var process = Process.Start(psi) ?? throw new AssertInconclusiveException($"{python} cannot be started.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("TVB did not finish within 5 minutes.");
            }

            var err = stderr.Result;
            if (process.ExitCode == 3)
            {
                Assert.Inconclusive($"TVB from {library} does not import with {python}: {stdout.Result.Trim()} (Debian: apt-get install python3-numpy python3-scipy python3-numba python3-networkx python3-deprecated).");
            }

            Assert.AreEqual(0, process.ExitCode, $"TVB failed:\n{err}");
            return Parse(File.ReadAllLines(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double[][][] Parse(string[] lines)
    {
        Assert.HasCount(Steps, lines, "one line per step");
        return lines.Select(line =>
        {
            var x = line.Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.HasCount(8, x);
            return new[] { x[..4], x[4..] };
        }).ToArray();
    }

    /// <summary>The Python that runs TVB: its Simulator with a constant initial history as long as the longest delay,
    /// the integrator (HeunDeterministic, RungeKutta4thOrderDeterministic), Linear coupling and the Raw monitor; each step's V and W of every node on a line (repr).</summary>
    private static string Script(string integrator, string output)
    {
        static string Matrix(double[,] m) => "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(i => "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(j => R(m[i, j]))) + "]")) + "]";
        static string Vector(double[] v) => "[" + string.Join(", ", v.Select(R)) + "]";
        static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine("import sys");
        s.AppendLine("try:");
        s.AppendLine("    import numpy as np");
        s.AppendLine("    from tvb.simulator import simulator, models, coupling, integrators, monitors");
        s.AppendLine("    from tvb.datatypes import connectivity");
        s.AppendLine("except ImportError as e:");
        s.AppendLine("    print(repr(e))");
        s.AppendLine("    sys.exit(3)");
        s.AppendLine($"W = np.array({Matrix(Weights)})");
        s.AppendLine($"L = np.array({Matrix(Lengths)})");
        s.AppendLine($"init = np.array([{Vector(V0)}, {Vector(W0)}])");
        s.AppendLine($"dt, speed, steps = {R(Dt)}, {R(Speed)}, {Steps}");
        s.AppendLine("n = W.shape[0]");
        s.AppendLine("conn = connectivity.Connectivity(weights=W, tract_lengths=L, speed=np.array([speed]), centres=np.zeros((n, 3)), region_labels=np.array([str(i) for i in range(n)]))");
        s.AppendLine($"model = models.Generic2dOscillator(d=np.array([{R(D)}]))");
        s.AppendLine("model.variables_of_interest = ('V', 'W')");
        s.AppendLine("horizon = int(np.rint(L / speed / dt).max()) + 1");
        s.AppendLine("history = np.repeat(init[np.newaxis, :, :, np.newaxis], horizon, axis=0)");
        s.AppendLine($"sim = simulator.Simulator(connectivity=conn, model=model, coupling=coupling.Linear(a=np.array([{R(CouplingA)}]), b=np.array([0.0])),");
        s.AppendLine($"    integrator=integrators.{integrator}(dt=dt), monitors=(monitors.Raw(),), initial_conditions=history, simulation_length=steps * dt)");
        s.AppendLine("sim.configure()");
        s.AppendLine("(t, data), = sim.run()");
        s.AppendLine("assert data.shape == (steps, 2, n, 1), data.shape");
        s.AppendLine($"with open({Tvbo.TestSupport.PythonText.Quote(output)}, 'w') as f:");
        s.AppendLine("    for k in range(steps):");
        s.AppendLine("        f.write(' '.join(repr(float(x)) for x in data[k, :, :, 0].ravel()) + '\\n')");
        return s.ToString();
    }
}

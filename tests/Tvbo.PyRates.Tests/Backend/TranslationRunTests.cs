using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>Models PyRates 1.2.3 rejects when written naively (integer literals, constant right-hand sides,
/// non-finite constants, builtin and non-ASCII names, compound conditions, <c>%</c>) run for real through PyRates
/// and agree with the native backend.</summary>
[TestClass]
public sealed class TranslationRunTests
{
    public TestContext TestContext { get; set; } = null!;

    private static (ExplorationResult PyRates, ExplorationResult Native) RunBoth(Dynamics model, Exploration exploration, double duration, double dt, IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var exp = TestExperiments.Experiment(model, duration, dt, method, exploration);
        var pyrates = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4 })).Explorations[exploration.Name];
        var native = exp.Run(new NativeBackend()).Explorations[exploration.Name];
        Assert.AreEqual(native.TimeseriesShape, pyrates.TimeseriesShape);
        CollectionAssert.AreEqual(native.OutputNames.ToArray(), pyrates.OutputNames.ToArray());
        CollectionAssert.AreEqual(native.Time.ToArray(), pyrates.Time.ToArray());
        return (pyrates, native);
    }

    private double Agree(Dynamics model, Exploration exploration, double duration, double dt, IntegrationMethod method, double tolerance)
    {
        var (pyrates, native) = RunBoth(model, exploration, duration, dt, method);
        Assert.IsEmpty(native.Failures, string.Join("; ", native.Failures));
        Assert.IsEmpty(pyrates.Failures, string.Join("; ", pyrates.Failures));
        var worst = 0.0;
        for (var c = 0; c < pyrates.ConditionCount; c++)
        {
            CollectionAssert.AreEqual(native.ParameterValues(c).ToArray(), pyrates.ParameterValues(c).ToArray());
            var error = Compare.MaxRelativeError(pyrates, c, native.ConditionSeries(c).ToArray());
            Assert.IsLessThanOrEqualTo(tolerance, error, $"{model.Name} condition {c}");
            worst = Math.Max(worst, error);
        }

        TestContext.WriteLine($"{model.Name} ({method}): {pyrates.ConditionCount} conditions, largest relative difference PyRates vs native {worst:E2}");
        return worst;
    }

    private static double[] Column(ExplorationResult r, int condition, int variable)
    {
        var series = r.ConditionSeries(condition).ToArray();
        var n = r.OutputNames.Count;
        return Enumerable.Range(0, r.SampleCount).Select(k => series[(k * n) + variable]).ToArray();
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void FitzHughNagumoWithIntegerLiteralsRunsLikeNative(IntegrationMethod method)
    {
        // TVBO's FitzHugh–Nagumo as written: (1 - v) made PyRates 1.2.3 fail with "TypeError: Cannot convert
        // expression to float" before literals were written as floats.
        var m = new Dynamics("Fhn");
        m.AddParameter("b", 0.2);
        m.AddParameter("I", 0.5);
        m.AddParameter("eps", 0.08);
        m.AddParameter("gamma", 1.0);
        m.AddStateVariable("v", "v*(v - b)*(1 - v) - w + I", 0.1);
        m.AddStateVariable("w", "eps*(v - gamma*w)", 0.0);
        var sweep = TestExperiments.Sweep("b_I", ExplorationMode.Product, ("b", Domain.Values(0.1, 0.2, 0.3)), ("I", Domain.Values(0.3, 0.5)));
        Agree(m, sweep, 20.0, 0.01, method, 1e-9);
    }

    [TestMethod]
    public void ClassicFitzHughNagumoWithACubeRunsLikeNative()
    {
        // v**3 stays an integer exponent (PyRates handles it); numpy computes pow(v, 3) where the native backend
        // multiplies v*v*v, which may differ in the last bit.
        var m = new Dynamics("FhnCubic");
        m.AddParameter("a", 0.7);
        m.AddParameter("b", 0.8);
        m.AddParameter("tau", 12.5);
        m.AddParameter("I", 0.5);
        m.AddStateVariable("v", "v - v**3/3 - w + I", -1.0);
        m.AddStateVariable("w", "(v + a - b*w)/tau", 1.0);
        Agree(m, TestExperiments.Sweep("I", ExplorationMode.Product, ("I", Domain.Values(0.3, 0.5, 0.8))), 50.0, 0.01, IntegrationMethod.Heun, 1e-9);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void TimeStateWithRightHandSideOneIsBitForBitNative(IntegrationMethod method)
    {
        // The hidden time variable of non-autonomous models: t' = 1 (PyRates: "Shapes of state variable ... do
        // not match" when written as d/dt * t_ = 1.0).
        var m = new Dynamics("Clock");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "-k*x", 1.0);
        m.AddStateVariable("t", "1", 0.0);
        var (pyrates, native) = RunBoth(m, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(0.5, 1.0, 2.0))), 5.0, 0.01, method);
        Assert.IsEmpty(pyrates.Failures);
        for (var c = 0; c < pyrates.ConditionCount; c++)
        {
            var t = Column(pyrates, c, 1);
            CollectionAssert.AreEqual(Column(native, c, 1), t, $"t of condition {c} must be bit for bit the native t");
            var expected = new double[t.Length];
            for (var k = 1; k < t.Length; k++)
            {
                expected[k] = method == IntegrationMethod.Euler ? expected[k - 1] + (0.01 * 1.0) : expected[k - 1] + (0.01 / 2 * (1.0 + 1.0));
            }

            CollectionAssert.AreEqual(expected, t);
            var error = Compare.MaxRelativeError(pyrates, c, native.ConditionSeries(c).ToArray());
            Assert.IsLessThanOrEqualTo(1e-12, error, $"condition {c}");
        }
    }

    [TestMethod]
    public void RightHandSidesSympyFoldsToANumberRun()
    {
        var m = new Dynamics("Folded");
        m.AddParameter("k", 0.5);
        m.AddStateVariable("x", "k - k", 1.0);
        m.AddStateVariable("y", "2*pi", 0.0);
        m.AddStateVariable("z", "(k - k)*z - z + z + 0.25", 0.0);
        m.AddStateVariable("u", "k", 0.0);
        Agree(m, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(0.5, 1.0))), 2.0, 0.01, IntegrationMethod.Heun, 0.0);
        Agree(m, TestExperiments.Sweep("one", ExplorationMode.Product, ("k", Domain.Values(0.5))), 2.0, 0.01, IntegrationMethod.Euler, 0.0);
    }

    [TestMethod]
    [DataRow("x/0", "x")]
    [DataRow("k*x/0", "x")]
    [DataRow("(-8)**(1.0/3)*k", "x")]
    [DataRow("log(0)*(k + 2)", "x")]
    public void NonFiniteConstantsGiveTheNativeFailures(string term, string variable)
    {
        // x/0 (PyRates: KeyError 'ComplexInfinity') and (-8)**(1.0/3) (NameError 'I') are computed as IEEE
        // values (±inf, NaN), so both backends fail every condition at the same time, on the same variable.
        var m = new Dynamics("Singular");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "-x + " + term, 0.5);
        m.AddStateVariable("z", "-z + exp(-1/0)", 0.5); // a harmless infinity: exp(-inf) = 0
        var (pyrates, native) = RunBoth(m, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(-1.0, 0.0, 1.0))), 1.0, 0.1, IntegrationMethod.Euler);
        TestContext.WriteLine("native: " + string.Join("; ", native.Failures));
        TestContext.WriteLine("pyrates: " + string.Join("; ", pyrates.Failures));
        Assert.HasCount(3, native.Failures);
        CollectionAssert.AreEqual(native.Failures.Select(f => (f.Condition, f.Variable, f.Time)).ToArray(), pyrates.Failures.Select(f => (f.Condition, f.Variable, f.Time)).ToArray());
        Assert.IsTrue(native.Failures.All(f => f.Variable == variable && f.Time == 0.1));
        for (var c = 0; c < 3; c++)
        {
            Assert.AreEqual(Column(native, c, 0)[0], Column(pyrates, c, 0)[0]);
        }
    }

    [TestMethod]
    public void AHarmlessInfinityRunsLikeNative()
    {
        var m = new Dynamics("Harmless");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("z", "-k*z + exp(-1/0) + 1/(1/0.0)", 0.5); // exp(-inf) = 0, 1/inf = 0
        Agree(m, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(0.5, 1.0))), 1.0, 0.1, IntegrationMethod.Heun, 0.0);
    }

    [TestMethod]
    public void PiecewiseWithAnInfiniteBranchFailsWhereItIsChosenOnly()
    {
        // numpy's where selects: the infinite branch reaches the state only where it is chosen, as natively.
        var m = new Dynamics("InfBranch");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "-x + Piecewise((1/0, k > 1.5), (0, True))", 0.5);
        var (pyrates, native) = RunBoth(m, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(1.0, 2.0))), 0.5, 0.1, IntegrationMethod.Euler);
        Assert.AreEqual(1, native.Failures.Single().Condition);
        Assert.AreEqual(1, pyrates.Failures.Single().Condition);
        CollectionAssert.AreEqual(native.ConditionSeries(0).ToArray(), pyrates.ConditionSeries(0).ToArray());
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void NonFiniteBranchesNotTakenDoNotReachTheResult(IntegrationMethod method)
    {
        // z ramps through 0: each branch below is NaN or infinite on one side (sqrt of a negative, an overflowing exp,
        // a division by a literal zero, a NaN compared), and the Piecewise never chooses it there.
        var m = new Dynamics("Untaken");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("z", "k", -1.0);
        m.AddDerivedVariable("r", "Piecewise((sqrt(z), z >= 0), (-sqrt(-z), True))");
        m.AddDerivedVariable("g", "Piecewise((exp(1000*z), z < 0), (z/0, z > 100), (cos(z), True))");
        m.AddDerivedVariable("c", "Piecewise((0.5, sqrt(z) > 0.5), (Piecewise((1.0, (sqrt(-z) < 0.5) | Eq(z, 0)), (log(z), False), (2.0, True)), True))");
        m.AddStateVariable("x", "r - 0.5*x", 0.0);
        m.AddStateVariable("w", "g*c - w", 0.0);
        Agree(m, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(0.5, 1.0, 1.7))), 2.0, 0.01, method, 1e-12);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void AModelWithoutParametersRunsLikeNativeAndShowsOnlyItsOwnNames(IntegrationMethod method)
    {
        // A harmonic oscillator (y is reserved in PyRates) and a state named like the constant grid_search sweeps.
        PythonFixture.PyRates();
        var m = new Dynamics("Oscillator");
        m.AddStateVariable("x", "y", 1.0);
        m.AddStateVariable("y", "-x", 0.0);
        m.AddStateVariable("sweep", "x - 0.5*sweep", 0.25);
        var template = PyRatesTemplateWriter.Create(m);
        var constant = template.SweepConstant!;
        Assert.IsFalse(new[] { "x", "y", "sweep" }.Contains(constant) || template.Renamed.Values.Contains(constant), constant);
        Assert.AreEqual("0.0", TemplateEquations.Variables(template)[constant]);
        Assert.IsFalse(TemplateEquations.Parsed(template).Values.Any(e => e.FreeSymbols().Contains(constant)), "no equation uses it");

        var exp = TestExperiments.Experiment(m, 10.0, 0.01, method);
        var pyrates = exp.Run(new PyRatesBackend()).Explorations[SimulationExperiment.IntegrationName];
        var native = exp.Run(new NativeBackend()).Explorations[SimulationExperiment.IntegrationName];
        Assert.IsEmpty(pyrates.Failures, string.Join("; ", pyrates.Failures));
        CollectionAssert.AreEqual(new[] { "x", "y", "sweep" }, pyrates.OutputNames.ToArray());
        Assert.IsEmpty(pyrates.Axes);
        Assert.AreEqual(native.TimeseriesShape, pyrates.TimeseriesShape);
        var error = Compare.MaxRelativeError(pyrates, 0, native.ConditionSeries(0).ToArray());
        TestContext.WriteLine($"Oscillator ({method}): largest relative difference PyRates vs native {error:E2}");
        Assert.IsLessThanOrEqualTo(1e-12, error);

        // The backend's own result, before the plan maps it: no axis either.
        var raw = new PyRatesBackend().RunExploration(exp.Jobs().Single(), null, CancellationToken.None);
        Assert.IsEmpty(raw.Axes);
        CollectionAssert.AreEqual(new[] { "x", "y", "sweep" }, raw.OutputNames.ToArray());
    }

    [TestMethod]
    public void BuiltinAndDunderNamesRunAndComeBackUnderTheirNames()
    {
        var m = new Dynamics("Builtins");
        m.AddParameter("aiter", 0.5);
        m.AddParameter("__import__", 0.2);
        m.AddParameter("anext", 1.0);
        m.AddParameter("Ellipsis", 0.1);
        m.AddDerivedVariable("license", "aiter*x + Ellipsis");
        m.AddStateVariable("x", "-license + __import__*anext", 1.0);
        m.AddStateVariable("__x__", "-__x__ + x", 0.0);
        var sweep = TestExperiments.Sweep("builtins", ExplorationMode.Product, ("aiter", Domain.Values(0.5, 1.0)), ("__import__", Domain.Values(0.2, 0.4)));
        Agree(m, sweep, 2.0, 0.01, IntegrationMethod.Heun, 1e-12);
        var (pyrates, _) = RunBoth(m, sweep, 0.1, 0.01, IntegrationMethod.Euler);
        CollectionAssert.AreEqual(new[] { "x", "__x__" }, pyrates.OutputNames.ToArray());
        CollectionAssert.AreEqual(new[] { "aiter", "__import__" }, pyrates.Axes.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void NonAsciiNamesRunAndComeBackUnderTheirNames()
    {
        var m = new Dynamics("Gating");
        m.AddParameter("σ_ext", 0.5);
        m.AddParameter("sigma_ext", 0.1); // what σ_ext spells in ASCII
        m.AddParameter("τ", 2.0);
        m.AddParameter("β", 1.5);
        m.AddDerivedVariable("m_∞", "1/(1 + exp(-β*(V - σ_ext)))");
        m.AddStateVariable("V", "(m_∞ - V)/τ + sigma_ext", 0.0);
        m.AddStateVariable("x′", "-x′ + V", 0.0);
        var sweep = TestExperiments.Sweep("greek", ExplorationMode.Product, ("σ_ext", Domain.Values(0.2, 0.5)), ("τ", Domain.Values(1.0, 2.0)));
        Agree(m, sweep, 5.0, 0.01, IntegrationMethod.Heun, 1e-12);
        var (pyrates, _) = RunBoth(m, sweep, 0.1, 0.01, IntegrationMethod.Euler);
        CollectionAssert.AreEqual(new[] { "V", "x′" }, pyrates.OutputNames.ToArray());
        CollectionAssert.AreEqual(new[] { "σ_ext", "τ" }, pyrates.Axes.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ModuloIsPythonsModuloBitForBit(IntegrationMethod method)
    {
        // z sweeps through many periods with both signs; x, y and w integrate Python's % of it (positive and
        // negative divisors and dividends), so any difference in % shows up. One % per equation: sympy reorders
        // sums (a + b - y becomes -y + a + b), which would differ in the last bit for reasons other than %.
        var m = new Dynamics("Saw");
        m.AddParameter("k", 1.0);
        m.AddParameter("p", 0.3);
        m.AddStateVariable("z", "k", -2.0);
        m.AddStateVariable("x", "z % p - x", 0.0);
        m.AddStateVariable("y", "(z*3.7) % -p - y", 0.0);
        m.AddStateVariable("w", "(-z) % 0.7 - w", 0.0);
        var worst = Agree(m, TestExperiments.Sweep("k_p", ExplorationMode.Product, ("k", Domain.Values(1.0, 2.3)), ("p", Domain.Values(0.3, 0.45))), 4.0, 0.01, method, 0.0);
        Assert.AreEqual(0.0, worst, "numpy.remainder is Python's % bit for bit");
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void CompoundPiecewiseConditionsRunLikeNative(IntegrationMethod method)
    {
        var m = new Dynamics("Window");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("z", "k", 0.0);
        m.AddStateVariable("x", "Piecewise((1, (z > 0.2) & (z < 0.5)), (-1, (z < 0.1) | (z >= 0.8) & (z < 1.5)), (0.25, True)) - x", 0.0);
        Agree(m, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(0.5, 1.0, 1.3))), 2.0, 0.01, method, 1e-12);
    }
}

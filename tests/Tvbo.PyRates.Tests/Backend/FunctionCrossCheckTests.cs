using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>Every function of TVBO's sympy equations (erf, erfc, atan2, fmod, Max/Min, floor, ceiling, log10, exp2,
/// Heaviside, pow, Mod, Eq/Ne/Lt/Le/Gt/Ge) run through PyRates 1.2.3 and natively: one state variable per function,
/// driven by a ramp that crosses zero and whole numbers exactly.</summary>
[TestClass]
public sealed class FunctionCrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    // The state variable of each function and its right-hand side. z is the ramp; s = floor(4*z)/4 takes exact
    // values 0, 1, -1, ... for many steps (Heaviside at 0, Eq, Ne).
    private static readonly (string Name, string Function, string Rhs)[] Equations =
    [
        ("v_erf", "erf", "erf(z*k) - v_erf"),
        ("v_erfc", "erfc", "erfc(3*z) - 0.5*v_erfc"),
        ("v_atan2", "atan2", "atan2(z, p) - v_atan2"),
        ("v_atan2b", "atan2 (other quadrants)", "atan2(-p, z) + 0.1*v_atan2b"),
        ("v_fmod", "fmod", "fmod(3.7*z, p) - v_fmod"),
        ("v_max", "Max", "Max(z, -0.5*z, p) - v_max"),
        ("v_min", "Min", "Min(z, p) - v_min"),
        ("v_floor", "floor", "floor(3*z) - v_floor"),
        ("v_ceil", "ceiling", "ceiling(2*z) - v_ceil"),
        ("v_log10", "log10", "log10(1 + z*z) - v_log10"),
        ("v_exp2", "exp2", "exp2(z) - v_exp2"),
        ("v_h", "Heaviside", "Heaviside(s) - v_h"),
        ("v_h0", "Heaviside(x, h0)", "Heaviside(s, 0.25) - v_h0"),
        ("v_pow", "pow", "pow(z, 3) + pow(2.5, z) - v_pow"),
        ("v_mod", "Mod", "Mod(z, p) - v_mod"),
        ("v_eq", "Eq/Ne", "Piecewise((p, Eq(s, 0)), (-1.0, Ne(s, 1)), (0.5, True)) - v_eq"),
        ("v_cmp", "Lt/Le/Gt/Ge", "Piecewise((z, Lt(z, 0) & Ge(z, -1)), (2*z, Le(z, 1) & Gt(z, 0.5)), (0, True)) - v_cmp"),
    ];

    private static Dynamics Model()
    {
        var m = new Dynamics("Functions");
        m.AddParameter("k", 1.0);
        m.AddParameter("p", 0.3);
        m.AddStateVariable("z", "k", -2.0);
        m.AddDerivedVariable("s", "floor(4*z)/4");
        foreach (var (name, _, rhs) in Equations)
        {
            m.AddStateVariable(name, rhs, 0.0);
        }

        return m;
    }

    [TestMethod]
    public void TheTemplateCallsWhatPyRatesKnowsOrWhatTheBridgeRegisters()
    {
        var text = PyRatesTemplateWriter.Write(Model());
        var yaml = text[text.IndexOf("  equations:", StringComparison.Ordinal)..]; // after the model's equations as comments
        foreach (var call in new[] { "erf(", "erfc(", "arctan2(", "fmod(", "maxi(", "mini(", "floor(", "ceil(", "log10(", "exp2(", "heaviside(", "remainder(" })
        {
            StringAssert.Contains(yaml, " = " + call, call);
        }

        Assert.DoesNotContain("maximum(", yaml);
        Assert.DoesNotContain(" = Max(", yaml);
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void EveryFunctionRunsInPyRatesAsNatively(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var model = Model();
        var sweep = TestExperiments.Sweep("k_p", ExplorationMode.Product, ("k", Domain.Values(1.0, 2.3)), ("p", Domain.Values(0.3, -0.45)));
        var exp = TestExperiments.Experiment(model, 3.0, 0.01, method, sweep);
        var pyrates = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4 })).Explorations[sweep.Name];
        var native = exp.Run(new NativeBackend()).Explorations[sweep.Name];
        Assert.IsEmpty(native.Failures, string.Join("; ", native.Failures));
        Assert.IsEmpty(pyrates.Failures, string.Join("; ", pyrates.Failures));
        CollectionAssert.AreEqual(native.OutputNames.ToArray(), pyrates.OutputNames.ToArray());
        Assert.AreEqual(native.TimeseriesShape, pyrates.TimeseriesShape);

        var n = native.OutputNames.Count;
        var worst = new double[n];
        for (var c = 0; c < native.ConditionCount; c++)
        {
            CollectionAssert.AreEqual(native.ParameterValues(c).ToArray(), pyrates.ParameterValues(c).ToArray());
            var a = native.ConditionSeries(c).ToArray();
            var b = pyrates.ConditionSeries(c).ToArray();
            for (var i = 0; i < a.Length; i++)
            {
                // Relative to the value, or absolute below 1 (as Compare.MaxRelativeError).
                var e = Math.Abs(a[i] - b[i]) / Math.Max(1.0, Math.Abs(a[i]));
                worst[i % n] = double.IsNaN(e) ? double.PositiveInfinity : Math.Max(worst[i % n], e);
            }
        }

        for (var v = 0; v < n; v++)
        {
            var name = native.OutputNames[v];
            var function = Equations.FirstOrDefault(q => q.Name == name).Function ?? "ramp";
            TestContext.WriteLine($"{method} {function,-24} ({name}): largest difference PyRates vs native {worst[v]:E2}");
        }

        for (var v = 0; v < n; v++)
        {
            Assert.IsLessThanOrEqualTo(1e-12, worst[v], native.OutputNames[v]);
        }
    }
}

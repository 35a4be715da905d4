using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Compilation;

/// <summary>Python modulo, compound Piecewise conditions (<c>&amp;</c>, <c>|</c>), Unicode names and inlined model
/// functions compile to code that gives, lane by lane, exactly the numbers of the scalar reference.</summary>
[TestClass]
public sealed class ExtendedExpressionTests
{
    public static IEnumerable<object[]> Layouts =>
    [
        [IntegrationMethod.Euler, 128, 1],
        [IntegrationMethod.Heun, 256, 3],
        [IntegrationMethod.RK4, 512, 2],
    ];

    [TestMethod]
    [DynamicData(nameof(Layouts))]
    public void ModuloLogicalConditionsUnicodeNamesAndInlinedFunctionsMatchTheScalarReference(IntegrationMethod method, int bits, int groups)
    {
        var exp = TestExperiments.Experiment(Model("&"), 3.0, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product,
            ("a", Domain.Range(-1, 1, 7)), ("\u03c3_ext", Domain.Values(0.25, 0.5, 2.0))));
        var backend = new NativeBackend(new NativeBackendOptions { VectorBits = bits, GroupsPerBlock = groups });

        var result = exp.Run(backend).Explorations["sweep"];

        Assert.AreEqual(21, result.ConditionCount);
        Assert.IsEmpty(result.Failures, "the model stays finite, so every sample is compared as a number");
        ScalarReference.AssertMatches(exp, result);
    }

    [TestMethod]
    [DynamicData(nameof(Layouts))]
    public void TheFunctionsOfSympyEquationsMatchTheScalarReferenceInEveryLane(IntegrationMethod method, int bits, int groups)
    {
        // One state variable per function; s = floor(4*z)/4 is exactly 0 for a while (Heaviside at 0, Eq); terms of
        // parameters only (erf(a), Max(a, 0.3, -a)) are computed once, before the time loop.
        var m = new Dynamics("SympyFunctions");
        m.AddParameter("a", 0.5);
        m.AddParameter("p", 0.3);
        m.AddStateVariable("z", "1 + 0*a", -2.0);
        m.AddDerivedVariable("s", "floor(4*z)/4");
        m.AddStateVariable("u1", "erf(a*z) + erfc(3*z) - u1", 0.0);
        m.AddStateVariable("u2", "atan2(z, p) + atan2(-p, z*a) - u2", 0.0);
        m.AddStateVariable("u3", "fmod(3.7*z, p) + Mod(z, p) - u3", 0.0);
        m.AddStateVariable("u4", "Max(z, -0.5*z, p) + Min(z, a) + Max(a, 0.3, -a) - u4", 0.0);
        m.AddStateVariable("u5", "floor(3*z) + ceiling(2*z) + log10(1 + z*z) + exp2(z) - u5", 0.0);
        m.AddStateVariable("u6", "Heaviside(s) + Heaviside(s, a) + erf(a) + pow(z, 3) + pow(1 + a*a, z) - u6", 0.0);
        m.AddStateVariable("u7", "Piecewise((p, Eq(s, 0)), (-1.0, Ne(s, 1) & Lt(z, 0.5) | Ge(z, 0.75)), (0.5, True)) - u7", 0.0);
        var exp = TestExperiments.Experiment(m, 3.0, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product,
            ("a", Domain.Range(-1, 1, 7)), ("p", Domain.Values(0.3, -0.45, 2.0))));
        var backend = new NativeBackend(new NativeBackendOptions { VectorBits = bits, GroupsPerBlock = groups });

        var result = exp.Run(backend).Explorations["sweep"];

        Assert.IsEmpty(result.Failures);
        ScalarReference.AssertMatches(exp, result);
    }

    [TestMethod]
    public void AndAndOrGiveDifferentKernels()
    {
        // Same structure but for one connective: a kernel cached for the first must not be reused for the second.
        var and = TestExperiments.Experiment(Model("&"), 2.0, 0.01, IntegrationMethod.Heun, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(-0.5, 0.5))));
        var or = TestExperiments.Experiment(Model("|"), 2.0, 0.01, IntegrationMethod.Heun, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Values(-0.5, 0.5))));

        var first = and.Run("native").Explorations["sweep"];
        var second = or.Run("native").Explorations["sweep"];

        ScalarReference.AssertMatches(and, first);
        ScalarReference.AssertMatches(or, second);
        CollectionAssert.AreNotEqual(first.Results.ToArray(), second.Results.ToArray());
    }

    [TestMethod]
    public void ModuloFollowsPythonInEveryLane()
    {
        // x' = 0 and y' = x % b: y(t) = t*(x0 % b), with x0 % b's sign that of b (Python), not of x0 (fmod).
        var m = new Dynamics("Mod");
        m.AddParameter("b", 2.0);
        m.AddStateVariable("x", "0", -5.5);
        m.AddStateVariable("y", "x % b", 0.0);
        var exp = TestExperiments.Experiment(m, 1.0, 0.5, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("b", Domain.Values(2, -2, 0.75, -0.75, 5.5, 0))));

        var result = exp.Run(new NativeBackend(new NativeBackendOptions { VectorBits = 256 })).Explorations["sweep"];

        ScalarReference.AssertMatches(exp, result);
        double[] expected = [0.5, -1.5, 0.5, -0.25, 0.0, double.NaN];
        for (var c = 0; c < expected.Length; c++)
        {
            Assert.AreEqual(expected[c] * 0.5, result[c, 1, 1], $"condition {c}");
        }
    }

    /// <summary>A model with every new construct: Unicode parameter, state and derived names, a model function
    /// <c>S(v, θ)</c> (whose body reads the model's <c>σ_ext</c>) inlined into a derived variable, <c>%</c> with
    /// positive and negative divisors, and compound conditions with <paramref name="connective"/> and nesting.</summary>
    private static Dynamics Model(string connective)
    {
        var functions = new Dictionary<string, FunctionDefinition>(StringComparer.Ordinal);
        functions["S"] = new FunctionDefinition("S", ["v", "\u03b8"], ExpressionParser.Parse("1/(1 + exp(-(v - \u03b8)/\u03c3_ext))"));
        functions["W"] = new FunctionDefinition("W", ["v"], ExpressionParser.Parse("S(v, 0.1) % 0.75 - S(-v, a)", null, functions));

        var m = new Dynamics("Extended");
        m.AddParameter("a", 0.7);
        m.AddParameter("\u03c3_ext", 0.5);
        m.AddParameter("\u03c4_e", 2.0);
        m.AddDerivedVariable("m_\u221e", Inline("W(x) + S(y, a)*0.5", functions));
        m.AddDerivedVariable("h_\u221e", Inline($"Piecewise((0.3, (x > 0.2) {connective} (y < 0.5)), (-0.2, (x < -0.1) | (y > 1.2) & (a > 0)), (0.05, True))", functions));
        m.AddStateVariable("x", "(-x + m_\u221e)/\u03c4_e + h_\u221e + x % 0.3 - (-y) % 0.45 - 0.5*x**3", 0.3);
        m.AddStateVariable("y", $"a*x - y % -0.6 + Piecewise((0.1, ((x > 0) {connective} (y > 0)) & (a % 1 > 0.2)), (-0.1, True)) - 0.2*y**3", 0.9);
        return m;
    }

    /// <summary>The text of an expression with the model's function calls inlined (as a model reader does).</summary>
    private static string Inline(string text, IReadOnlyDictionary<string, FunctionDefinition> functions)
    {
        var parsed = ExpressionParser.Parse(text, null, functions);
        var printed = PyRatesPrinter.PrintPython(parsed);
        Assert.AreEqual(parsed, ExpressionParser.Parse(printed), printed);
        return printed;
    }
}

using Tvbo.TestSupport;
using Tvbo.Experiment;
using Tvbo.Model;

namespace Tvbo.Native.Tests.Compilation;

/// <summary>The compiled vector code gives, lane by lane, exactly the numbers of the scalar reference
/// (ExpressionEvaluator semantics), for every scheme, vector width and block size.</summary>
[TestClass]
public sealed class CompiledModelTests
{
    public static IEnumerable<object[]> Layouts =>
    [
        [IntegrationMethod.Euler, 512, 1],
        [IntegrationMethod.Euler, 256, 3],
        [IntegrationMethod.Heun, 128, 2],
        [IntegrationMethod.Heun, 512, 4],
        [IntegrationMethod.RK4, 256, 1],
        [IntegrationMethod.RK4, 512, 2],
    ];

    [TestMethod]
    [DynamicData(nameof(Layouts))]
    public void EveryFeatureMatchesTheScalarReference(IntegrationMethod method, int bits, int groups)
    {
        var m = new Dynamics("Features");
        m.AddParameter("a", 0.7);
        m.AddParameter("b", -1.3);
        m.AddParameter("pi", 3.0); // shadows the constant
        m.AddCouplingTerm("c_in");
        m.AddDerivedVariable("h2", "h1*2 + a**3");
        m.AddDerivedVariable("h1", "tanh(x) + sigmoid_gain/(1 + exp(-y))");
        m.AddParameter("sigmoid_gain", 1.5);
        m.AddDerivedVariable("pw", "Piecewise((x**2, x < 0), (-x, x >= 0.5), (sin(x)*cos(y), True))");
        m.AddStateVariable("x", "-x + h2*0.1 + pw - (y**2 + 1)**-2*1e-3 + abs(y)**0.5*0.01 + sign(y - 0.2)*0.05 + c_in", 0.3);
        m.AddStateVariable("y", "a*x - b*y/pi + log(1 + x**2) + 0.1*sqrt(1 + y**2) + arctan(x)*Piecewise((1, x > 0.1), (2, x == y), (3, x != 0.25), (0, True)) + Piecewise((y, y <= 0.9), (0.1*y, True)) + sinh(0.1*x) - cosh(0.1*y) + e", 1.1);
        var exp = TestExperiments.Experiment(m, 2.0, 0.01, method, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("a", Domain.Range(-1, 1, 7)), ("b", Domain.Values(-2, 0.5, 3))));
        var backend = new NativeBackend(new NativeBackendOptions { VectorBits = bits, GroupsPerBlock = groups });
        var result = exp.Run(backend).Explorations["sweep"];
        Assert.AreEqual(21, result.ConditionCount);
        Assert.IsEmpty(result.Failures, "the feature model stays finite, so every sample is compared as a number");
        ScalarReference.AssertMatches(exp, result);
    }

    [TestMethod]
    public void ResultsDoNotDependOnVectorWidthBlockSizeOrThreads()
    {
        var exp = TestExperiments.Experiment(GuideModels.Qif(), 5, 0.001, IntegrationMethod.Heun, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Range(-10, 5, 37)), ("J", Domain.Range(5, 25, 5))));
        var reference = exp.Run(new NativeBackend(new NativeBackendOptions { VectorBits = 128, GroupsPerBlock = 1, MaxDegreeOfParallelism = 1 })).Explorations["sweep"].Results.ToArray();
        foreach (var options in new[]
        {
            new NativeBackendOptions(),
            new NativeBackendOptions { VectorBits = 256, GroupsPerBlock = 3 },
            new NativeBackendOptions { VectorBits = 512, GroupsPerBlock = 8, MaxDegreeOfParallelism = 2 },
        })
        {
            var actual = exp.Run(new NativeBackend(options)).Explorations["sweep"].Results.ToArray();
            CollectionAssert.AreEqual(reference, actual, $"VectorBits={options.VectorBits}, GroupsPerBlock={options.GroupsPerBlock}");
        }
    }

    [TestMethod]
    public void ParameterValuesDoNotLeakBetweenRunsOfACachedKernel()
    {
        // Same structure, other values: the compiled kernel is reused, values must come from the new model.
        var first = TestExperiments.Experiment(GuideModels.Qif(), 1, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Values(-3, 1))));
        var second = GuideModels.Qif();
        second.FindParameter("J")!.Value = 2.5;
        second.StateVariables[0].InitialValue = 0.4;
        var secondExp = TestExperiments.Experiment(second, 1, 0.01, IntegrationMethod.Euler, TestExperiments.Sweep("sweep", ExplorationMode.Product, ("eta", Domain.Values(-3, 1))));
        var a = first.Run("native").Explorations["sweep"];
        var b = secondExp.Run("native").Explorations["sweep"];
        ScalarReference.AssertMatches(first, a);
        ScalarReference.AssertMatches(secondExp, b);
        Assert.AreEqual(0.4, b[0, 0, 0]);
    }
}

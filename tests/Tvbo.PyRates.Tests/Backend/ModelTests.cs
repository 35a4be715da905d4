using Tvbo.TestSupport;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>Models beyond the guide's, run through PyRates and checked against a scalar Euler/Heun built on
/// <see cref="Expressions.ExpressionEvaluator"/> (the native backend is compared in <see cref="CrossCheckTests"/>).</summary>
[TestClass]
public sealed class ModelTests
{
    public TestContext TestContext { get; set; } = null!;

    private double RunAndCompare(Dynamics model, Exploration exploration, double duration, double dt, IntegrationMethod method, double tolerance, bool failuresAllowed = false)
    {
        var exp = TestExperiments.Experiment(model, duration, dt, method, exploration);
        var result = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 2 })).Explorations[exploration.Name];
        if (!failuresAllowed)
        {
            Assert.IsEmpty(result.Failures, string.Join("; ", result.Failures));
        }

        var worst = 0.0;
        for (var c = 0; c < result.ConditionCount; c++)
        {
            var parameters = result.Axes.Select((a, j) => (a.Name, result.ParameterValues(c)[j])).ToDictionary(x => x.Name, x => x.Item2);
            var reference = ScalarReference.Integrate(model, exp.Integration, parameters, applyBoundaries: false);
            var error = Compare.MaxRelativeError(result, c, reference);
            Assert.IsLessThanOrEqualTo(tolerance, error, $"{model.Name} condition {c}: largest relative difference {error:E3}");
            worst = Math.Max(worst, error);
        }

        TestContext.WriteLine($"{model.Name}: {result.ConditionCount} conditions, {result.Failures.Count} failures, largest relative difference to scalar {method} {worst:E2}");
        return worst;
    }

    [TestMethod]
    public void EverySharedTvboModelRunsASmallSweep()
    {
        PythonFixture.PyRates();
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive(SharedTvboModels.MissingReason);
        }

        var files = Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        Assert.IsNotEmpty(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                var model = Dynamics.Load(file);
                var p = model.Parameters[0];
                var values = p.Value == 0 ? new[] { -0.1, 0.0, 0.1 } : new[] { p.Value * 0.9, p.Value, p.Value * 1.1 };
                RunAndCompare(model, TestExperiments.Sweep("small", ExplorationMode.Product, (p.Name, Domain.Values(values))), 2.0, 0.01, IntegrationMethod.Heun, 1e-9);
            }
            catch (Exception ex) when (ex is TvboException or Tvbo.Backends.BackendException or AssertFailedException)
            {
                problems.Add($"{Path.GetFileName(file)}: {ex.Message}");
            }
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void ReservedNamesRunInPyRatesAndComeBackUnderTheModelsNames()
    {
        PythonFixture.PyRates();
        var m = new Dynamics("ReservedRun");
        m.AddParameter("beta", 0.5);
        m.AddParameter("gamma", 2.0);
        m.AddParameter("I", 0.1);
        m.AddParameter("re", 0.3);
        m.AddCouplingTerm("E");
        m.AddDerivedVariable("S", "gamma*y + I + E");
        m.AddStateVariable("y", "-beta*y + t", 1.0);
        m.AddStateVariable("t", "-S*t + re", 0.5);
        var exploration = TestExperiments.Sweep("beta_gamma", ExplorationMode.Product, ("beta", Domain.Values(0.5, 1.5)), ("gamma", Domain.Values(1.0, 2.0, 3.0)));
        RunAndCompare(m, exploration, 5.0, 0.01, IntegrationMethod.Euler, 1e-12);
        var result = TestExperiments.Experiment(m, 1.0, 0.01, IntegrationMethod.Euler, exploration).Run("pyrates").Explorations["beta_gamma"];
        CollectionAssert.AreEqual(new[] { "y", "t" }, result.OutputNames.ToArray());
        CollectionAssert.AreEqual(new[] { "beta", "gamma" }, result.Axes.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void PiecewiseModelRunsInPyRatesLikeThePiecewise()
    {
        PythonFixture.PyRates();
        var m = new Dynamics("Switch");
        m.AddParameter("a", 1.0);
        m.AddDerivedVariable("f", "Piecewise((-0.1*x**3, x < 0), (a*x - x**2, x <= 1), (0.5, True))");
        m.AddStateVariable("x", "f + cos(y)", -1.0);
        m.AddStateVariable("y", "-x", 0.0);
        RunAndCompare(m, TestExperiments.Sweep("a", ExplorationMode.Product, ("a", Domain.Values(0.5, 1.0, 2.0))), 10.0, 0.01, IntegrationMethod.Heun, 1e-12);
    }

    [TestMethod]
    public void BoundaryViolationsAreReportedAsFailures()
    {
        PythonFixture.PyRates();
        var m = new Dynamics("Bounded");
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "k", 0.0, new Boundaries(double.NegativeInfinity, 0.5));
        var exp = TestExperiments.Experiment(m, 1.0, 0.1, IntegrationMethod.Euler, TestExperiments.Sweep("k", ExplorationMode.Product, ("k", Domain.Values(-1.0, 1.0))));
        var result = exp.Run("pyrates").Explorations["k"];
        var failure = result.Failures.Single();
        Assert.AreEqual(1, failure.Condition);
        Assert.AreEqual("x", failure.Variable);
        Assert.AreEqual(0.6, failure.Time, 1e-12);
        StringAssert.Contains(failure.Reason, "boundaries");
        Assert.AreEqual(-0.9, result[0, 9, 0], 1e-12);
    }
}

using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.SharedModels;

/// <summary>A model file written as TVBO writes sympy equations, calling <c>Piecewise((a, Eq(x, 0)), (b, True))</c>,
/// <c>erfc</c>, <c>atan2</c>, <c>Min</c> and <c>pow</c>: it loads, runs natively and gives the values computed by hand.</summary>
[TestClass]
public sealed class TvboFunctionsModelTests
{
    private const string Yaml = """
        name: SympyFunctions
        parameters:
          a: {value: 2.0}
          b: {value: -0.5}
          c: {value: 0.75}
        derived_variables:
          g:
            equation: {lhs: g, rhs: "Piecewise((a, Eq(y, 0)), (b, True))"}
        state_variables:
          x:
            equation: {lhs: Derivative(x, t), rhs: "erfc(x) + atan2(y - 1, c)"}
            initial_value: 0.5
          y:
            equation: {lhs: Derivative(y, t), rhs: "g + Min(x, c, 0.25*a) - pow(y, 2)"}
            initial_value: 0.0
        """;

    [TestMethod]
    public void LoadsRunsAndMatchesTheValueByHand()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-functions-").FullName;
        var path = Path.Combine(dir, "SympyFunctions.yaml");
        File.WriteAllText(path, Yaml);
        var model = Dynamics.Load(path);

        const double dt = 0.01;
        var exp = TestExperiments.Experiment(model, 3 * dt, dt, IntegrationMethod.Euler, TestExperiments.Sweep("a", ExplorationMode.Product, ("a", Domain.Values(2.0, 3.0))));
        var result = exp.Run("native").Explorations["a"];
        Assert.IsEmpty(result.Failures);
        CollectionAssert.AreEqual(new[] { "x", "y" }, result.OutputNames.ToArray());

        // By hand: at t = 0, y = 0 so Eq(y, 0) holds and g = a; erfc(0.5) = 0.4795001221869534623..., atan2(-1, 0.75) =
        // -0.9272952180016122324... (the angle of (0.75, -1)); Min(0.5, 0.75, 0.25*a) = 0.5; pow(0, 2) = 0.
        // At the second step y != 0, so g = b.
        foreach (var (c, a) in new[] { (0, 2.0), (1, 3.0) })
        {
            var s = result.ConditionSeries(c).ToArray();
            const double Erfc05 = 0.47950012218695346;
            const double Atan2 = -0.9272952180016122;
            var x1 = 0.5 + (dt * (Erfc05 + Atan2));
            var y1 = dt * (a + 0.5);
            Assert.AreEqual(0.5, s[0]);
            Assert.AreEqual(0.0, s[1]);
            Assert.AreEqual(x1, s[2], 1e-15, $"x after one step, a = {a}");
            Assert.AreEqual(y1, s[3], 1e-15, $"y after one step, a = {a}");

            // Once y has left 0, g = b; Min(x1, 0.75, 0.25*a) = x1 (about 0.4955).
            var y2 = y1 + (dt * (-0.5 + x1 - (y1 * y1)));
            Assert.AreEqual(y2, s[5], 1e-15, $"y after two steps, a = {a}");
        }
    }
}

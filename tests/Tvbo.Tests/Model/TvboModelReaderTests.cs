using Tvbo.Expressions;
using Tvbo.Files;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Model;

[TestClass]
public sealed class TvboModelReaderTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "models", name);

    [TestMethod]
    public void OwnModelFileLoadsEveryPart()
    {
        var m = Dynamics.Load(DataFile("Rossler.yaml"));
        Assert.AreEqual("Rossler", m.Name);
        Assert.AreEqual("Rossler system with a clipped drive.", m.Description);
        CollectionAssert.AreEqual(new[] { "a", "b", "c", "local_coupling" }, m.Parameters.Select(p => p.Name).ToArray());
        Assert.AreEqual("1/ms", m.FindParameter("a")!.Unit);
        Assert.AreEqual(0.0, m.FindParameter("local_coupling")!.Value);
        CollectionAssert.AreEqual(new[] { "x", "y", "z" }, m.StateVariables.Select(s => s.Name).ToArray());
        Assert.AreEqual("x + a*y", m.StateVariables[1].EquationText, "the short form 'equation: rhs' is accepted");
        Assert.AreEqual(new Boundaries(0.0, double.PositiveInfinity), m.StateVariables[2].Boundaries);
        Assert.IsInstanceOfType<PiecewiseExpr>(m.DerivedVariables[0].Equation);
        Assert.AreEqual("c_pop0", m.CouplingTerms.Single().Name);
    }

    [TestMethod]
    public void AllSharedTvboModelsLoadAndReport()
    {
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive("The shared TVBO model files (../shared/tvbo-models) are not beside this checkout.");
        }

        var files = Directory.GetFiles(dir, "*.yaml").Order().ToArray();
        Assert.AreEqual(9, files.Length);
        foreach (var file in files)
        {
            var m = Dynamics.Load(file);
            Assert.AreEqual(Path.GetFileNameWithoutExtension(file), m.Name);
            Assert.IsTrue(m.StateVariables.Count >= 1);
            var report = m.GenerateReport();
            StringAssert.StartsWith(report, $"# {m.Name}");
            Assert.AreEqual(m.StateVariables.Count, report.Split("$$\\dot{").Length - 1, file);
        }
    }

    [TestMethod]
    public void SharedModelsHaveTheirDeclaredStructure()
    {
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive("The shared TVBO model files (../shared/tvbo-models) are not beside this checkout.");
        }

        var jr = Dynamics.Load(Path.Combine(dir, "JansenRit.yaml"));
        Assert.AreEqual(6, jr.StateVariables.Count);
        Assert.AreEqual(3, jr.DerivedVariables.Count);
        Assert.AreEqual("Millivolt", jr.FindParameter("A")!.Unit);
        Assert.AreEqual(0.0, jr.FindParameter("local_coupling")!.Value, "JansenRit uses local_coupling without declaring it");

        var mpr = Dynamics.Load(Path.Combine(dir, "MontbrioPazoRoxin.yaml"));
        Assert.IsNull(mpr.FindParameter("local_coupling"), "only files that use local_coupling get it");
        Assert.AreEqual(new Boundaries(0.0, double.PositiveInfinity), mpr.StateVariables.Single(s => s.Name == "r").Boundaries);
        Assert.AreEqual(2, mpr.CouplingTerms.Count);

        var e2d = Dynamics.Load(Path.Combine(dir, "Epileptor2D.yaml"));
        CollectionAssert.AreEqual(new[] { "x1cond", "zcond", "h" }, e2d.DerivedVariablesInEvaluationOrder.Select(d => d.Name).ToArray());
    }

    [TestMethod]
    [DataRow("name: M\nstate_variables:\n  x: {equation: {rhs: 'k*x'}, boundary: {lo: 0}}\n", 3, "did you mean 'boundaries'")]
    [DataRow("name: M\nstate_variables:\n  x:\n    equation: {rhs: '1 +'}\n    initial_value: 0\n", 4, "unexpected end")]
    [DataRow("name: M\nstate_variables:\n  x:\n    equation:\n      rhs: k*x\n    initial_value: 0\n", 5, "'k'")]
    [DataRow("name: M\nstate_variables:\n  x:\n    equation: {lhs: 'Derivative(y, t)', rhs: '1'}\n    initial_value: 0\n  y: {equation: x}\n", 4, "the derivative of another state variable")]
    [DataRow("name: M\nparameters:\n  k: {value: fast}\nstate_variables:\n  x: {equation: k, initial_value: 0}\n", 3, "must be a number, got 'fast'")]
    [DataRow("name: M\nparameters:\n  k: {unit: ms}\nstate_variables:\n  x: {equation: k, initial_value: 0}\n", 3, "no 'value:'")]
    [DataRow("name: M\nparameters: {}\n", 1, "no 'state_variables:'")]
    [DataRow("name: M\nstate_variables:\n  x: {equation: x, initial_value: 0, boundaries: {lo: 1, hi: 0}}\n", 3, "lower bound")]
    [DataRow("name: M\nstate_variables:\n  x: {equation: x, initial_value: 0, boundaries: {low: 1}}\n", 3, "unknown key 'low'")]
    [DataRow("name: M\nstate_variables: [x, y]\n", 2, "has no equation")]
    [DataRow("name: M\n  bad: indentation\n", 2, "not valid YAML")]
    [DataRow("- a\n- b\n", 1, "must hold a YAML mapping")]
    public void BadFilesNameFileLineAndProblem(string yaml, int line, string problem)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(yaml, "model.yaml"));
        Assert.AreEqual("model.yaml", ex.File);
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.StartsWith(ex.Message, $"model.yaml:{line}:");
        StringAssert.Contains(ex.Message, problem);
    }

    [TestMethod]
    public void MissingFileIsATypedError()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.Load("/nonexistent/model.yaml"));
        StringAssert.Contains(ex.Message, "/nonexistent/model.yaml");
    }
}

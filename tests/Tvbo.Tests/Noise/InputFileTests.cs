using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Tests.Noise;

/// <summary>Input series from files named in the experiment (<c>inputs:</c>) and <c>n_trials</c>.</summary>
[TestClass]
public sealed class InputFileTests
{
    private const string Model = """
        dynamics:
          name: Leak
          parameters: {I: 0.0}
          state_variables:
            x: {equation: {rhs: "-x + I"}, initial_value: 0.0}
        integration: {method: euler, step_size: 0.5, duration: 2.0}

        """;

    private static (string Dir, string Path) Write(string text)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-in-").FullName;
        var path = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(path, text);
        return (dir, path);
    }

    [TestMethod]
    public void ASingleColumnFileIsOneSeriesForEveryCondition()
    {
        var (dir, path) = Write(Model + "inputs:\n  I: {file: drive.csv}\n");
        File.WriteAllText(Path.Combine(dir, "drive.csv"), "# one row per step\n1\n2\n3\n4\n");
        var exp = SimulationExperiment.Load(path);
        var series = exp.Inputs["I"];
        Assert.AreEqual(4, series.Length);
        Assert.IsNull(series.Conditions);
        var values = new double[4];
        series.Fill(0, 0, values);
        CollectionAssert.AreEqual(new[] { 1.0, 2, 3, 4 }, values);
    }

    [TestMethod]
    public void ColumnsAreConditions()
    {
        var (dir, path) = Write(Model + "inputs:\n  I: drive.txt\n");
        File.WriteAllText(Path.Combine(dir, "drive.txt"), "1 10\n2 20\n3 30\n4 40\n");
        var series = SimulationExperiment.Load(path).Inputs["I"];
        Assert.AreEqual(2, series.Conditions);
        var values = new double[2];
        series.Fill(1, 2, values);
        CollectionAssert.AreEqual(new[] { 30.0, 40 }, values);
    }

    [TestMethod]
    public void TooFewRowsOrAMissingFileAreNamed()
    {
        var (dir, path) = Write(Model + "inputs:\n  I: drive.csv\n");
        File.WriteAllText(Path.Combine(dir, "drive.csv"), "1\n2\n");
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
        StringAssert.Contains(ex.Problem, "has 2 values; the integration takes 4 steps");
        Assert.AreEqual(8, ex.Line);

        (_, path) = Write(Model + "inputs:\n  x: nowhere.csv\n");
        ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
        StringAssert.Contains(ex.Problem, "the file 'nowhere.csv' does not exist");
    }

    [TestMethod]
    public void NTrialsAddsATrialAxis()
    {
        var (_, path) = Write(Model.Replace("duration: 2.0}", "duration: 2.0, noise: {parameters: {sigma: 0.1}, seed: 3}}", StringComparison.Ordinal)
            + "explorations:\n  e: {n_trials: 5, space: {I: {explored_values: [0.0, 1.0]}}}\n");
        var grid = SimulationExperiment.Load(path).Validate()[0];
        CollectionAssert.AreEqual(new[] { "I", "trial" }, grid.Axes.Select(a => a.Name).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 5 }, grid.Shape.ToArray());
    }
}

using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Results;

namespace Tvbo.Native.Tests.Observables;

/// <summary>Observables are not lost: they load back from the CSV folder and the NetCDF file bit for bit, shards merge
/// them by condition, and a name that would clash in the files is refused.</summary>
[TestClass]
public sealed class ObservableFilesTests
{
    private static SimulationExperiment Experiment()
    {
        var m = new Tvbo.Model.Dynamics("Osc");
        m.AddParameter("w", 0.3);
        m.AddStateVariable("x", "y", 1.0);
        m.AddStateVariable("y", "-w*w*x - 0.05*y", 0.0);
        var exp = new SimulationExperiment(m);
        exp.Integration.Duration = 200;
        exp.Integration.StepSize = 0.1;
        exp.Explorations.Add(new Exploration("w", [new ExplorationParameter("w", Domain.Values(0.2, 0.3, 0.5, 0.8))]));
        exp.Observables.Add(new Observable("r", ["x", "y"], [new ObservableStep("order_parameter")]));
        exp.Observables.Add(new Observable("psd", ["x"], [new ObservableStep("psd", new Dictionary<string, double> { ["segment"] = 128 })]));
        exp.Observables.Add(new Observable("fc", ["x", "y"], [new ObservableStep("fc")]));
        return exp;
    }

    private static void AssertSameObservables(ExplorationResult expected, ExplorationResult actual)
    {
        CollectionAssert.AreEquivalent(expected.Observables.Keys.ToArray(), actual.Observables.Keys.ToArray());
        foreach (var (name, o) in expected.Observables)
        {
            var loaded = actual.Observables[name];
            Assert.AreEqual(o.ConditionCount, loaded.ConditionCount, name);
            CollectionAssert.AreEqual(o.Dimensions.Select(d => d.Name).ToArray(), loaded.Dimensions.Select(d => d.Name).ToArray(), name);
            for (var k = 0; k < o.Dimensions.Count; k++)
            {
                CollectionAssert.AreEqual(o.Dimensions[k].Labels?.ToArray(), loaded.Dimensions[k].Labels?.ToArray(), name);
                CollectionAssert.AreEqual(o.Dimensions[k].Values?.ToArray(), loaded.Dimensions[k].Values?.ToArray(), name);
                Assert.AreEqual(o.Dimensions[k].Unit, loaded.Dimensions[k].Unit, name);
            }

            CollectionAssert.AreEqual(o.Values.ToArray(), loaded.Values.ToArray(), $"{name}: bit for bit");
        }
    }

    [TestMethod]
    [DataRow(ResultFormat.Csv)]
    [DataRow(ResultFormat.NetCdf)]
    public void ObservablesLoadBackBitForBit(ResultFormat format)
    {
        var result = Experiment().Run(new NativeBackend()).Explorations["w"];
        var dir = Directory.CreateTempSubdirectory("tvbo-obs-files-").FullName;
        var written = ResultWriters.Create(format).Write(result, dir, ResultMetadata.Empty);
        var loaded = ExplorationResult.Load(format == ResultFormat.Csv ? Path.Combine(dir, "w") : written.Single());
        AssertSameObservables(result, loaded);
    }

    [TestMethod]
    public void ShardsMergeTheirObservablesByCondition()
    {
        var exp = Experiment();
        var whole = exp.Run(new NativeBackend()).Explorations["w"];
        var first = exp.Run(new NativeBackend(), new RunOptions { Conditions = new ConditionRange(0, 1) }).Explorations["w"];
        var rest = exp.Run(new NativeBackend(), new RunOptions { Conditions = new ConditionRange(1, 4) }).Explorations["w"];
        var merged = ExplorationResult.Merge(whole.Grid, [(new ConditionRange(0, 1), first), (new ConditionRange(1, 4), rest)]);
        AssertSameObservables(whole, merged);
    }

    [TestMethod]
    public void ATruncatedObservableFileIsRefusedNamingIt()
    {
        var result = Experiment().Run(new NativeBackend()).Explorations["w"];
        var dir = Directory.CreateTempSubdirectory("tvbo-obs-files-").FullName;
        new CsvResultWriter().Write(result, dir, ResultMetadata.Empty);
        var file = Path.Combine(dir, "w", "observable_psd.csv");
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, lines[..^3]);
        var ex = Assert.ThrowsExactly<ResultFileException>(() => ExplorationResult.Load(Path.Combine(dir, "w")));
        StringAssert.Contains(ex.Message, "observable_psd.csv");
        StringAssert.Contains(ex.Message, "truncated");
    }

    [TestMethod]
    public void AnObservableNamedLikeAVariableIsRefused()
    {
        var exp = Experiment();
        exp.Observables.Add(new Observable("x", ["x"], [new ObservableStep("mean")]));
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Run(new NativeBackend()));
        StringAssert.Contains(ex.Message, "Observable 'x' has the name of a state variable");
    }
}

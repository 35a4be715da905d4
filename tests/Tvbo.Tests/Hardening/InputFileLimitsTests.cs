using Tvbo.Experiment;
using Tvbo.Files;

namespace Tvbo.Tests.Hardening;

/// <summary>Files and numbers a reader must not take silently: devices and huge files, unclosed flow collections,
/// numbers float64 cannot hold, ranges whose values would not be finite.</summary>
[TestClass]
public sealed class InputFileLimitsTests
{
    private static string Write(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-limits-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Model = "dynamics:\n  name: Leak\n  parameters: {k: %K%}\n  state_variables:\n    x: {equation: {rhs: \"-k*x\"}, initial_value: 1.0}\nintegration: {method: euler, step_size: 0.1, duration: 1.0}\n";

    [TestMethod]
    public void ADeviceIsNotReadAndAHugeFileIsRefusedBeforeReading()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Uses /dev/zero.");
        }

        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write("model: /dev/zero\n" + "integration: {method: euler, step_size: 0.1, duration: 1.0}\n")));
        StringAssert.Contains(ex.Message, "is not a YAML file name");
        ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load("/dev/zero"));
        StringAssert.Contains(ex.Message, "is not a regular file");

        // A model path that is not a YAML file name says the same whether the file exists or not.
        var secret = Path.Combine(Directory.CreateTempSubdirectory("tvbo-secret-").FullName, "shadow");
        File.WriteAllText(secret, "root:x:0:0");
        var there = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write($"model: {secret}\nintegration: {{method: euler, step_size: 0.1, duration: 1.0}}\n"))).Problem;
        var absent = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write($"model: {secret}2\nintegration: {{method: euler, step_size: 0.1, duration: 1.0}}\n"))).Problem;
        Assert.AreEqual(there.Replace(secret, "P", StringComparison.Ordinal), absent.Replace(secret + "2", "P", StringComparison.Ordinal));
        var include = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write($"dynamics: !include {secret}\n")));
        StringAssert.Contains(include.Message, "is not a YAML file name");

        var huge = Path.Combine(Directory.CreateTempSubdirectory("tvbo-huge-").FullName, "huge.yaml");
        using (var f = File.Create(huge))
        {
            f.SetLength(YamlSource.MaxFileBytes + 1);
        }

        ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(huge));
        StringAssert.Contains(ex.Message, "model and experiment files are at most 16 MiB");
    }

    [TestMethod]
    public void AnUnclosedFlowMappingIsAYamlError()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write("dynamics:\n  name: Leak\n  parameters: {k: {value: 1.0\n  state_variables:\n    x: {equation: {rhs: \"-k*x\"}}\n")));
        StringAssert.Contains(ex.Message, "not valid YAML");
    }

    [TestMethod]
    [DataRow("1e-400", "below the smallest float64")]
    [DataRow("1e400", "beyond the largest float64")]
    public void NumbersFloat64CannotHoldAreRefused(string value, string problem)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(Model.Replace("%K%", value, StringComparison.Ordinal))));
        StringAssert.Contains(ex.Message, problem);
        Assert.AreEqual(3, ex.Line);
    }

    [TestMethod]
    public void ARangeWiderThanFloat64IsRefused()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(Model.Replace("%K%", "1.0", StringComparison.Ordinal) + "explorations:\n  e: {space: {k: {domain: {lo: -1e308, hi: 1e308, n: 3}}}}\n")));
        StringAssert.Contains(ex.Message, "wider than float64 can hold");
        var ok = SimulationExperiment.Load(Write(Model.Replace("%K%", "0.0e-5", StringComparison.Ordinal)));
        Assert.AreEqual(0.0, ok.Model.Parameters[0].Value);
    }
}

using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Files.ExperimentFile;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Backend;

/// <summary>TVBO-format experiment files (the project's examples, and every shared TVBO model through
/// <c>dynamics: {iri: ...}</c>) run on PyRates and on the native backend, condition by condition, and pass the
/// cross-check (<see cref="Tvbo.Validation.CrossCheck"/>) with its default tolerance.</summary>
[TestClass]
public sealed class TvboFileCrossCheckTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", "tvbo", name);

    /// <summary>The largest absolute difference between the two backends' series, and the largest magnitude.</summary>
    private static (double Abs, double Scale) Difference(ExplorationResult a, ExplorationResult b)
    {
        Assert.AreEqual(a.TimeseriesShape, b.TimeseriesShape);
        CollectionAssert.AreEqual(a.OutputNames.ToArray(), b.OutputNames.ToArray());
        CollectionAssert.AreEqual(a.Time.ToArray(), b.Time.ToArray());
        var worst = 0.0;
        var scale = 0.0;
        var x = a.Results.Span;
        var y = b.Results.Span;
        for (var i = 0; i < x.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(x[i] - y[i]));
            scale = Math.Max(scale, Math.Abs(x[i]));
        }

        return (worst, scale);
    }

    private (double Abs, double Scale) CrossCheck(SimulationExperiment exp, string label)
    {
        var pyrates = exp.Run(new PyRatesBackend(new PyRatesBackendOptions { ChunkSize = 4 }));
        var native = exp.Run(new NativeBackend());
        var check = Tvbo.Validation.CrossCheck.Compare(native, pyrates);
        Assert.IsTrue(check.Passed, $"{label}: the cross-check found disagreements:\n{check.ToMarkdown()}");
        var worst = (Abs: 0.0, Scale: 0.0);
        foreach (var name in native.Order)
        {
            var a = native.Explorations[name];
            var b = pyrates.Explorations[name];
            Assert.IsEmpty(b.Failures, $"{label}/{name}: {string.Join("; ", b.Failures)}");
            var d = Difference(a, b);
            TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {exp.Integration.Method} '{name}' {a.TimeseriesShape}: max |native - pyrates| = {d.Abs:E2} (values up to {d.Scale:G3})"));
            worst = (Math.Max(worst.Abs, d.Abs), Math.Max(worst.Scale, d.Scale));
        }

        return worst;
    }

    [TestMethod]
    [DataRow(IntegrationMethod.Euler)]
    [DataRow(IntegrationMethod.Heun)]
    public void ForcedOscillatorWithTransientAndObservationAgrees(IntegrationMethod method)
    {
        PythonFixture.PyRates();
        var exp = SimulationExperiment.Load(Example("forced_oscillator.yaml"));
        exp.Integration.Method = method;
        Assert.IsFalse(exp.Model.IsAutonomous);
        var d = CrossCheck(exp, "forced_oscillator");
        Assert.IsLessThanOrEqualTo(1e-9, d.Abs);
    }

    [TestMethod]
    [DataRow("1")]
    [DataRow("2")]
    public void StudyOnALibraryModelAgrees(string experiment)
    {
        PythonFixture.PyRates();
        var exp = SimulationExperiment.Load(Example("rate_study.yaml"), new ExperimentLoadOptions { ModelDirectories = [Example("models")], Experiment = experiment });
        var d = CrossCheck(exp, $"rate_study #{experiment}");
        Assert.IsLessThanOrEqualTo(1e-9, d.Abs);
    }

    [TestMethod]
    public void PlainIntegrationRunsOnPyRates()
    {
        PythonFixture.PyRates();
        var exp = SimulationExperiment.Load(Example("forced_oscillator.yaml"));
        exp.Explorations.Remove("omega_sweep");
        exp.Integration.TransientTime = 0;
        var d = CrossCheck(exp, "forced_oscillator (plain)");
        Assert.IsLessThanOrEqualTo(1e-9, d.Abs);
        var r = exp.Run(new PyRatesBackend()).Explorations[SimulationExperiment.IntegrationName];
        Assert.IsEmpty(r.Axes);
        Assert.AreEqual(1, r.ConditionCount);
    }

    [TestMethod]
    [DataRow("euler")]
    [DataRow("Heun")]
    public void EverySharedModelAsAnIriExperimentAgrees(string method)
    {
        PythonFixture.PyRates();
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive(SharedTvboModels.MissingReason);
        }

        var problems = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var model = Tvbo.Model.Dynamics.Load(file);
            var p = model.Parameters[0];
            var values = p.Value == 0 ? "[-0.1, 0.0, 0.1]" : string.Create(CultureInfo.InvariantCulture, $"[{p.Value * 0.9:R}, {p.Value:R}, {p.Value * 1.1:R}]");
            var yaml = $$"""
                id: 1
                label: {{name}} sweep
                dynamics: {iri: "tvbo:{{name}}"}
                network: {number_of_nodes: 1}
                integration: {method: {{method}}, step_size: 0.01, duration: 2.0, transient_time: 1.0}
                explorations:
                  small:
                    space:
                      - {parameter: "{{name}}.{{p.Name}}", explored_values: {{values}}}
                """;
            var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-iri-").FullName, "exp.yaml");
            File.WriteAllText(path, yaml);
            try
            {
                var exp = SimulationExperiment.Load(path, new ExperimentLoadOptions { ModelDirectories = [dir] });
                var d = CrossCheck(exp, name);
                if (d.Abs > 1e-9)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: max |native - pyrates| = {d.Abs:E2}"));
                }
            }
            catch (Exception ex) when (ex is TvboException or Tvbo.Backends.BackendException or AssertFailedException)
            {
                problems.Add($"{name}: {ex.Message}");
            }
        }

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native;
using Tvbo.PyRates.Backend;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Networks;

/// <summary>What the network tests share: FitzHugh–Nagumo nodes with one coupling input, and an exploration run on
/// both backends and compared value by value.</summary>
internal static class NetworkComparison
{
    /// <summary>FitzHugh–Nagumo with parameters I and eps, coupled into V through <c>c_glob</c>.</summary>
    public static Dynamics Fhn()
    {
        var m = new Dynamics("Fhn");
        m.AddParameter("I", 0.5);
        m.AddParameter("eps", 0.08);
        m.AddCouplingTerm("c_glob");
        m.AddStateVariable("V", "V - V**3/3 - W + I + c_glob", 0.1);
        m.AddStateVariable("W", "eps*(V + 0.7 - 0.8*W)", 0.0);
        return m;
    }

    /// <summary>Runs an exploration on both backends (PyRates' debug log recorded) and returns the largest difference
    /// relative to the largest value, both results and PyRates' debug lines; PyRates must not fail a condition.</summary>
    public static (double Relative, ExplorationResult Native, ExplorationResult PyRates, string[] Debug) Compare(SimulationExperiment exp, string exploration, string label, TestContext context, PyRatesBackend? backend = null)
    {
        var native = exp.Run(new NativeBackend()).Explorations[exploration];
        var logger = new RecordingLogger();
        var pyrates = exp.Run(backend ?? new PyRatesBackend(), new RunOptions { Logger = logger }).Explorations[exploration];
        Assert.IsEmpty(pyrates.Failures, string.Join("; ", pyrates.Failures));
        CollectionAssert.AreEqual(native.OutputNames.ToArray(), pyrates.OutputNames.ToArray());
        Assert.AreEqual(native.TimeseriesShape, pyrates.TimeseriesShape);
        var worst = 0.0;
        var scale = 0.0;
        for (var i = 0; i < native.Results.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(native.Results.Span[i] - pyrates.Results.Span[i]));
            scale = Math.Max(scale, Math.Abs(native.Results.Span[i]));
        }

        context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} {exp.Integration.Method}: max |native - pyrates| = {worst:E2} (values up to {scale:G3})"));
        return (worst / scale, native, pyrates, logger.At(LogLevel.Debug));
    }
}

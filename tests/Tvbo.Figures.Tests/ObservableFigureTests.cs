using Tvbo.Experiment;
using Tvbo.Native;

namespace Tvbo.Figures.Tests;

/// <summary>The observables figure: numbers per condition against a 1-D sweep's parameter, or over a 2-D product sweep.</summary>
[TestClass]
public sealed class ObservableFigureTests
{
    private static SimulationExperiment Fhn(params ExplorationParameter[] axes)
    {
        var exp = new SimulationExperiment(Results.Fhn());
        exp.Integration.Duration = 100;
        exp.Integration.StepSize = 0.01;
        exp.Integration.Method = IntegrationMethod.Heun;
        exp.Explorations.Add(new Exploration("sweep", axes));
        exp.Observables.Add(new Observable("amplitude", ["v"], [new ObservableStep("ptp", new Dictionary<string, double> { ["window"] = 0.3 })]));
        exp.Observables.Add(new Observable("r", ["v", "w"], [new ObservableStep("order_parameter")]));
        return exp;
    }

    [TestMethod]
    public void A1DSweepGetsACurveAndA2DProductSweepAHeatmapOfTheNumbersPerCondition()
    {
        var dir = Results.TempDirectory();
        var options = new FigureOptions { Width = 700, Height = 500 };
        foreach (var axes in new[]
        {
            new[] { new ExplorationParameter("I_ext", Domain.Range(0, 1, 6)) },
            [new ExplorationParameter("a", Domain.Range(0.5, 1, 3)), new ExplorationParameter("I_ext", Domain.Range(0, 1, 3))],
        })
        {
            var result = Fhn(axes).Run(new NativeBackend()).Explorations["sweep"];
            Assert.AreEqual("r", ObservableFigure.Drawn(result).Single().Name, "a per-channel observable (amplitude) is not drawn");
            Assert.IsTrue(FigureSet.KindsFor(result).Contains(FigureKind.Observables));
            var paths = FigureSet.Write(result, FigureKind.Observables, Path.Combine(dir, axes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), options);
            PngImage.AssertFigure(paths[0], 700, 500);
        }

        Assert.IsFalse(FigureSet.KindsFor(Results.Fhn2D).Contains(FigureKind.Observables), "no observables, no figure");
    }

    [TestMethod]
    public void ASpectrumAndAMatrixObservableGetTheirFigures()
    {
        var exp = Fhn(new ExplorationParameter("I_ext", Domain.Range(0.3, 1, 4)));
        exp.Observables.Add(new Observable("psd", ["v", "w"], [new ObservableStep("psd", new Dictionary<string, double> { ["segment"] = 2048 })]));
        exp.Observables.Add(new Observable("fc", ["v", "w"], [new ObservableStep("fc")]));
        var result = exp.Run(new NativeBackend()).Explorations["sweep"];
        Assert.AreEqual("psd", SpectrumFigure.Drawn(result)!.Name);
        Assert.AreEqual("fc", ConnectivityFigure.Drawn(result)!.Name);
        var dir = Results.TempDirectory();
        var written = FigureSet.Write(result, dir, new FigureOptions { Width = 700, Height = 500 });
        foreach (var kind in new[] { FigureKind.Spectra, FigureKind.Connectivity })
        {
            var path = written.Single(p => Path.GetFileNameWithoutExtension(p) == FigureSet.FileName(kind));
            PngImage.AssertFigure(path, 700, 500);
        }
    }
}

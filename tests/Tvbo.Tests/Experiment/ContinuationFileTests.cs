using Microsoft.Extensions.Logging;
using Tvbo.Bifurcation;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Experiment;

/// <summary>TVBO's <c>continuations:</c> as TVBO writes them (its bifurcation experiments): every key mapped onto
/// <see cref="Continuation"/>, TVBO's defaults, and each bad input as an error naming the file, line and key.</summary>
[TestClass]
public sealed class ContinuationFileTests
{
    /// <summary>A population model in the form of TVBO's QIF experiment (lines 1-16), parameters tau, eta, Delta, J.</summary>
    private const string Pop = """
        id: 7
        label: "Population model: equilibria in eta"
        dynamics:
          name: Pop
          parameters:
            tau: {value: 2.0}
            eta: {value: -4.0}
            Delta: {value: 0.5}
            J: {value: 12.0}
          state_variables:
            r:
              equation: {rhs: "(Delta/(pi*tau) + 2*r*v) / tau"}
              initial_value: 0.02
            v:
              equation: {rhs: "(v**2 + eta + J*r*tau - (pi*r*tau)**2) / tau"}
              initial_value: -1.5

        """;

    /// <summary>A small model with two parameters (lines 1-7).</summary>
    private const string Osc = """
        dynamics:
          name: Osc
          parameters:
            a: {value: 1.5}
            b: {value: 2.0}
          state_variables:
            y1: {equation: {rhs: "a*y2 - y1**3"}, initial_value: 0.5}
            y2: {equation: {rhs: "-b*y1"}, initial_value: 0.0}

        """;

    private static string Write(string text)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-cont-").FullName;
        var path = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static SimulationExperiment Load(string text, RecordingLogger? log = null, params string[] modelDirs) =>
        SimulationExperiment.Load(Write(text), new ExperimentLoadOptions { Logger = log ?? new RecordingLogger(), ModelDirectories = modelDirs });

    private static TvboFileException Fails(string text)
    {
        var path = Write(text);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = new RecordingLogger() }));
        Assert.AreEqual(path, ex.File, ex.Message);
        StringAssert.StartsWith(ex.Message, $"{path}:{ex.Line}:{ex.Column}: ");
        return ex;
    }

    /// <summary>The 1-based line of the first line of <paramref name="text"/> containing <paramref name="marker"/>.</summary>
    private static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(marker, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        Assert.Fail($"'{marker}' is not in the text");
        return 0;
    }

    // ---------------------------------------------------------------- the shapes of TVBO's bifurcation files

    [TestMethod]
    public void AOneParameterContinuationInTheFormOfTvbosQifFileMapsEveryKey()
    {
        var log = new RecordingLogger();
        var exp = Load(Pop + """
            continuations:
              eq_eta:
                name: eq_eta
                label: "Equilibria in eta"
                description: >-
                  Equilibria of the population
                  as eta varies.
                dynamics: Pop
                free_parameters:
                  - name: eta
                    domain:
                      lo: -15
                      hi: 10
                ds: 0.002
                ds_min: 1.0e-7
                ds_max: 0.04
                max_steps: 1500
                detect_bifurcation: 3
                detect_fold: false
                initial_state:
                  method: time_integration
                  duration: 3000.0
                bothside: true
            """, log);
        var c = exp.Continuations.Single();
        Assert.AreEqual("eq_eta", c.Name);
        Assert.AreEqual("Equilibria in eta", c.Label);
        Assert.AreEqual("Equilibria of the population as eta varies.", c.Description);
        Assert.AreEqual(new ContinuationParameter("eta", -15, 10), c.FreeParameters.Single());
        Assert.AreEqual(0.002, c.InitialStep);
        Assert.AreEqual(1e-7, c.MinStep);
        Assert.AreEqual(0.04, c.MaxStep);
        Assert.AreEqual(1500, c.MaxSteps);
        Assert.AreEqual(3, c.DetectBifurcation);
        Assert.IsFalse(c.DetectFold);
        Assert.AreEqual(ContinuationStartKind.TimeIntegration, c.InitialState.Kind);
        Assert.AreEqual(3000.0, c.InitialState.Duration);
        Assert.IsTrue(c.BothSides);
        Assert.IsEmpty(c.Branches);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    /// <summary>The form of TVBO's Jansen-Rit file: equilibria with a branch of periodic orbits, and two curves (a fold
    /// and a Hopf point) started from points of the first.</summary>
    private const string ThreeContinuations = """
        continuations:
          # equilibria in a
          eq_a:
            name: eq_a
            label: "Equilibria in a"
            dynamics: Osc
            free_parameters:
              - name: a
                domain:
                  lo: 0
                  hi: 3
            ds: 0.005
            ds_min: 1.0e-6
            ds_max: 0.05
            max_steps: 800
            detect_bifurcation: 2
            initial_state:
              method: time_integration
              duration: 100.0
            bothside: true
            branches:
              - name: cycles
                description: "Periodic orbits from the Hopf points"
                source_point: "hopf:all"
                discretization:
                  method: collocation
                  parameters:
                    - name: mesh_intervals
                      value: 60
                    - name: degree
                      value: 5
                continuation:
                  name: cycles_continuation
                  max_steps: 150
          # a fold curve in (a, b)
          fold_ab:
            name: fold_ab
            label: "Fold curve in (a, b)"
            description: >-
              The fold of eq_a continued in two parameters.
            free_parameters:
              - name: a
                domain:
                  lo: 0
                  hi: 3
              - name: b
                domain:
                  lo: 0.5
                  hi: 20
            ds: 0.01
            max_steps: 300
            initial_state:
              method: from_branch
              source_branch: eq_a
              source_point: "fold:1"
          hopf_ab:
            name: hopf_ab
            free_parameters:
              - name: a
                domain: {lo: 0, hi: 3}
              - name: b
                domain: {lo: 0.5, hi: 20}
            ds: 0.01
            max_steps: 300
            initial_state:
              method: from_branch
              source_branch: eq_a
              source_point: "hopf:1"
        """;

    [TestMethod]
    public void ThreeContinuationsInTheFormOfTvbosJansenRitFileMapEveryKey()
    {
        var log = new RecordingLogger();
        var exp = Load(Osc + ThreeContinuations, log);
        CollectionAssert.AreEqual(new[] { "eq_a", "fold_ab", "hopf_ab" }, exp.Continuations.Select(c => c.Name).ToArray());
        var eq = exp.Continuations["eq_a"];
        Assert.AreEqual(new ContinuationParameter("a", 0, 3), eq.FreeParameters.Single());
        Assert.AreEqual((0.005, 1e-6, 0.05, 800, 2), (eq.InitialStep, eq.MinStep, eq.MaxStep, eq.MaxSteps, eq.DetectBifurcation));
        Assert.AreEqual(100.0, eq.InitialState.Duration);
        Assert.IsTrue(eq.BothSides);
        var cycles = eq.Branches.Single();
        Assert.AreEqual("cycles", cycles.Name);
        Assert.AreEqual("Periodic orbits from the Hopf points", cycles.Description);
        Assert.AreEqual(new SpecialPointReference(SpecialPointKind.Hopf, null), cycles.SourcePoint);
        Assert.AreEqual((60, 5, (int?)150), (cycles.MeshIntervals, cycles.Degree, cycles.MaxSteps));

        var fold = exp.Continuations["fold_ab"];
        Assert.AreEqual("Fold curve in (a, b)", fold.Label);
        Assert.AreEqual("The fold of eq_a continued in two parameters.", fold.Description);
        CollectionAssert.AreEqual(new[] { new ContinuationParameter("a", 0, 3), new ContinuationParameter("b", 0.5, 20) }, fold.FreeParameters.ToArray());
        Assert.AreEqual(ContinuationStartKind.FromBranch, fold.InitialState.Kind);
        Assert.AreEqual(("eq_a", "fold:1"), (fold.InitialState.SourceBranch, fold.InitialState.SourcePoint));
        Assert.AreEqual((0.01, 300), (fold.InitialStep, fold.MaxSteps));
        Assert.AreEqual(1e-8, fold.MinStep, "ds_min absent: TVBO's runner default");

        var hopf = exp.Continuations["hopf_ab"];
        Assert.AreEqual(("eq_a", "hopf:1"), (hopf.InitialState.SourceBranch, hopf.InitialState.SourcePoint));
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    // ---------------------------------------------------------------- defaults and other forms

    [TestMethod]
    public void OmittedKeysTakeTvbosDefaults()
    {
        var log = new RecordingLogger();
        var exp = Load(Osc + """
            continuations:
              c:
                free_parameters: [a]
                branches:
                  - name: po
            """, log);
        var c = exp.Continuations["c"];
        Assert.AreEqual(new ContinuationParameter("a"), c.FreeParameters.Single(), "no domain: unbounded");
        Assert.IsTrue(double.IsNegativeInfinity(c.FreeParameters[0].Lower) && double.IsPositiveInfinity(c.FreeParameters[0].Upper));
        Assert.AreEqual((0.01, 1e-8, 0.1, 2000, 2), (c.InitialStep, c.MinStep, c.MaxStep, c.MaxSteps, c.DetectBifurcation));
        Assert.IsTrue(c.DetectFold);
        Assert.IsFalse(c.BothSides);
        Assert.AreEqual(ContinuationStartKind.TimeIntegration, c.InitialState.Kind);
        Assert.AreEqual(2000.0, c.InitialState.Duration);
        Assert.IsNull(c.Label);
        var po = c.Branches.Single();
        Assert.AreEqual("hopf:all", po.SourcePoint.ToString());
        Assert.AreEqual((50, 4, (int?)null), (po.MeshIntervals, po.Degree, po.MaxSteps));
        log.Single(LogLevel.Information, "exp.yaml:10:", "continuation 'c' has no 'initial_state:'", "time_integration, duration 2000");
        log.Single(LogLevel.Information, "branch 'po' of continuation 'c' has no 'source_point'", "hopf:all");
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));

        var defaults = new Continuation("d", new ContinuationParameter("a"));
        Assert.AreEqual((c.InitialStep, c.MinStep, c.MaxStep, c.MaxSteps, c.DetectBifurcation, c.DetectFold, c.BothSides, c.InitialState),
            (defaults.InitialStep, defaults.MinStep, defaults.MaxStep, defaults.MaxSteps, defaults.DetectBifurcation, defaults.DetectFold, defaults.BothSides, defaults.InitialState),
            "the reader's defaults are the type's");
    }

    [TestMethod]
    public void TheMappingFormsAndTheOtherStartsAreRead()
    {
        var exp = Load(Osc + """
            continuations:
              given:
                free_parameters:
                  a: {domain: {lo: -1}}
                initial_state: {method: given}
                detect_bifurcation: true
                branches:
                  po:
                    source_point: "hopf:2"
                    discretization: {mesh_intervals: 30, degree: 3}
              newton:
                free_parameters:
                  b: {domain: {hi: 5}}
                initial_state: {method: newton}
                detect_bifurcation: false
              integrated:
                free_parameters: [{name: a}]
                initial_state: {}
            """);
        var given = exp.Continuations["given"];
        Assert.AreEqual(new ContinuationParameter("a", -1, double.PositiveInfinity), given.FreeParameters.Single());
        Assert.AreSame(ContinuationStart.ModelInitialState, given.InitialState);
        Assert.AreEqual(2, given.DetectBifurcation);
        var po = given.Branches.Single();
        Assert.AreEqual(("po", "hopf:2", 30, 3), (po.Name, po.SourcePoint.ToString(), po.MeshIntervals, po.Degree));
        var newton = exp.Continuations["newton"];
        Assert.AreEqual(new ContinuationParameter("b", double.NegativeInfinity, 5), newton.FreeParameters.Single());
        Assert.AreSame(ContinuationStart.ModelInitialState, newton.InitialState);
        Assert.AreEqual(0, newton.DetectBifurcation);
        Assert.AreEqual(2000.0, exp.Continuations["integrated"].InitialState.Duration);
    }

    [TestMethod]
    public void AnExperimentWithoutContinuationsHasNone()
    {
        var log = new RecordingLogger();
        Assert.IsEmpty(Load(Osc + "continuations: {}\n", log).Continuations);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    // ---------------------------------------------------------------- what is warned about

    [TestMethod]
    [DataRow("dynamics: Other", "dynamics: Other", "'dynamics' names 'Other', but the experiment's model is 'Osc'")]
    [DataRow("newton_tol: 1.0e-9", "newton_tol", "'newton_tol' is not applied")]
    [DataRow("nev: 4", "nev", "'nev' is not applied")]
    [DataRow("options: {tangent: Bordered}", "options", "'options' is not applied")]
    [DataRow("algorithm: Natural", "algorithm", "algorithm 'Natural' is not applied; the branch is followed by pseudo-arclength")]
    [DataRow("initial_state: {method: time_integration, duration: 10, abs_tol: 1.0e-9}", "initial_state", "'abs_tol' is not applied")]
    [DataRow("initial_state: {method: given, duration: 10}", "initial_state", "'duration' is not used by method given")]
    [DataRow("branches: [{name: po, bothside: true}]", "branches", "branch 'po' of continuation 'c': 'bothside' is not applied")]
    [DataRow("branches: [{name: po, discretization: {method: shooting}}]", "branches", "method 'shooting' is not applied; the periodic orbits are computed by collocation")]
    [DataRow("branches: [{name: po, discretization: {n_sections: 4}}]", "branches", "'n_sections' is not applied")]
    [DataRow("branches: [{name: po, continuation: {ds: 0.5}}]", "branches", "'ds' is not applied; only max_steps overrides")]
    public void KeysThatAreNotAppliedAreWarningsNamingTheKeyAndLine(string entry, string marker, string warning)
    {
        var text = Osc + "continuations:\n  c:\n    free_parameters: [a]\n    " + entry + "\n";
        var log = new RecordingLogger();
        Assert.HasCount(1, Load(text, log).Continuations);
        var line = log.Single(LogLevel.Warning, warning);
        StringAssert.Contains(line, $"exp.yaml:{LineOf(text, marker)}:");
    }

    [TestMethod]
    public void AFreeParametersValueIsWarnedAbout()
    {
        var text = Osc + "continuations:\n  c:\n    free_parameters:\n      - name: a\n        value: 1.0\n";
        var log = new RecordingLogger();
        _ = Load(text, log);
        StringAssert.Contains(log.Single(LogLevel.Warning, "free parameter 'a' of continuation 'c': 'value' is not applied"), $"exp.yaml:{LineOf(text, "value: 1.0")}:");
    }

    // ---------------------------------------------------------------- errors: file, line, continuation, key, what is valid

    [TestMethod]
    [DataRow("free_parameters: [{name: aa}]", "aa", "continuation 'c': free parameter 'aa' is not a parameter of model 'Osc'. Did you mean 'a'? Valid: a, b.")]
    [DataRow("free_parameters: [a]\n    ds: 0.5", "ds: 0.5", "Continuation 'c': ds is 0.5; valid: a step whose size lies within ds_min..ds_max (1E-08..0.1)")]
    [DataRow("free_parameters: [a]\n    ds: 1.0e-9", "ds: 1.0e-9", "ds is 1E-09; valid:")]
    [DataRow("free_parameters: [a]\n    ds_min: 0", "ds_min", "ds_min is 0; valid: a positive number")]
    [DataRow("free_parameters: [a]\n    ds_max: 1.0e-9", "ds_max", "ds_max is 1E-09; valid: a number at least ds_min")]
    [DataRow("free_parameters: [a]\n    max_steps: 0", "max_steps", "max_steps is 0; valid: a positive number of steps")]
    [DataRow("free_parameters: [a]\n    detect_bifurcation: 7", "detect_bifurcation", "detect_bifurcation is 7; valid: 0 (none)")]
    [DataRow("free_parameters: [a]\n    detect_bifurcation: some", "detect_bifurcation", "detect_bifurcation is 'some'; valid: 0 (none)")]
    [DataRow("free_parameters: [a]\n    detect_fold: 2", "detect_fold", "detect_fold of continuation 'c' must be true or false")]
    [DataRow("free_parameters: [a]\n    algorithm: Secant", "algorithm", "continuation 'c': algorithm is 'Secant'; valid: PALC")]
    [DataRow("free_parameters: [a]\n    initial_state: {method: settle}", "initial_state", "the initial_state of continuation 'c': method is 'settle'; valid: time_integration")]
    [DataRow("free_parameters: [a]\n    initial_state: {duration: -1}", "initial_state", "continuation 'c': initial_state: duration is -1; valid: a positive time")]
    [DataRow("free_parameters: [a]\n    initial_state: {method: time_integration, ramp: {parameter: a}}", "initial_state", "'ramp' is not supported")]
    [DataRow("free_parameters: [{name: a, domain: {lo: 2, hi: 1}}]", "domain", "continuation 'c': the domain of free parameter 'a' is 2..1; valid: lo < hi.")]
    [DataRow("free_parameters: [a, b]", "free_parameters", "Continuation 'c': two free parameters continue a fold or Hopf point, which initial_state must name: {method: from_branch")]
    [DataRow("free_parameters: [a, b]\n    initial_state: {method: time_integration}", "initial_state", "which initial_state must name")]
    [DataRow("free_parameters: [a, b, a]", "free_parameters", "free parameter 'a' is given twice")]
    [DataRow("ds: 0.1", "c:", "continuation 'c' has no 'free_parameters:'; valid: one parameter of model 'Osc'")]
    [DataRow("free_parameters: [a]\n    speed: 2", "speed", "'speed' is not a key of continuation 'c'; valid keys are:")]
    [DataRow("free_parameters: [a]\n    ds_mni: 2", "ds_mni", "'ds_mni' is not a key of continuation 'c'; did you mean 'ds_min'?")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, source_point: \"fold:1\"}]", "branches", "continuation 'c': Branch 'po': source_point 'fold:1': periodic orbits are continued from Hopf points")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, source_point: \"hopf:x\"}]", "branches", "source_point 'hopf:x': 'x' is not an index; valid: kind:index")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, discretization: {method: spline}}]", "branches", "method is 'spline'; valid: collocation (TVBO's default), trapezoid, shooting, poincare.")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, discretization: {parameters: [{name: mesh_interval, value: 20}]}}]", "branches", "parameter 'mesh_interval' is not a setting of collocation. Did you mean 'mesh_intervals'? Valid: mesh_intervals, degree.")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, discretization: {mesh_intervals: 2}}]", "branches", "Continuation 'c', branch 'po': mesh_intervals is 2; valid: 4 to 1000.")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, discretization: {degree: 9}}]", "branches", "degree is 9; valid: 2 to 7")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, continuation: {max_steps: 0}}]", "branches", "branch 'po': max_steps is 0; valid: a positive number of steps.")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po, continuation: {free_parameters: [b]}}]", "branches", "'free_parameters' (a fold or Hopf curve) is not read here; valid: write the curve as its own continuation")]
    [DataRow("free_parameters: [a]\n    branches: [{name: po}, {name: po}]", "branches", "branch 'po' is given twice")]
    public void EachBadInputIsAnErrorNamingTheKeyTheLineAndWhatIsValid(string entry, string marker, string problem)
    {
        var text = Osc + "continuations:\n  c:\n    " + entry + "\n";
        var ex = Fails(text);
        StringAssert.Contains(ex.Problem, problem);
        Assert.AreEqual(LineOf(text, marker), ex.Line, ex.Message);
    }

    [TestMethod]
    [DataRow("fold:x", "source_point", "continuation 'fold_ab': initial_state.source_point 'fold:x': 'x' is not an index; valid: kind:index")]
    [DataRow("cusp:1", "source_point", "initial_state.source_point 'cusp:1' names no kind of special point; valid: kind:index with kind fold, hopf")]
    [DataRow("fold:0", "source_point", "'0' is not an index")]
    public void ABadSourcePointIsAnErrorAtIt(string point, string marker, string problem)
    {
        var text = Osc + ThreeContinuations.Replace("\"fold:1\"", $"\"{point}\"", StringComparison.Ordinal);
        var ex = Fails(text);
        StringAssert.Contains(ex.Problem, problem);
        Assert.AreEqual(LineOf(text, $"source_point: \"{point}\""), ex.Line, ex.Message);
    }

    [TestMethod]
    public void FromBranchNamingAMissingContinuationListsTheOthers()
    {
        var text = Osc + ThreeContinuations.Replace("source_branch: eq_a\n      source_point: \"fold:1\"", "source_branch: eq_b\n      source_point: \"fold:1\"", StringComparison.Ordinal);
        var ex = Fails(text);
        StringAssert.Contains(ex.Problem, "continuation 'fold_ab': initial_state.source_branch 'eq_b' names no other continuation of the file. Did you mean 'eq_a'? Valid: eq_a, hopf_ab.");
        Assert.AreEqual(LineOf(text, "source_branch: eq_b"), ex.Line);
    }

    [TestMethod]
    public void FromBranchNamingItselfOrMissingItsKeysIsAnError()
    {
        var self = Osc + "continuations:\n  c:\n    free_parameters: [a]\n    initial_state: {method: from_branch, source_branch: c, source_point: \"fold:1\"}\n";
        var ex = Fails(self);
        StringAssert.Contains(ex.Problem, "initial_state.source_branch 'c' names this continuation itself. Valid: none: this file has no other continuation.");
        Assert.AreEqual(LineOf(self, "source_branch"), ex.Line);

        var noBranch = Osc + "continuations:\n  e: {free_parameters: [a]}\n  c:\n    free_parameters: [a, b]\n    initial_state: {method: from_branch, source_point: \"fold:1\"}\n";
        StringAssert.Contains(Fails(noBranch).Problem, "from_branch needs 'source_branch', the continuation whose branch holds the start; valid: e.");

        var noPoint = Osc + "continuations:\n  e: {free_parameters: [a]}\n  c:\n    free_parameters: [a, b]\n    initial_state: {method: from_branch, source_branch: e}\n";
        StringAssert.Contains(Fails(noPoint).Problem, "from_branch needs 'source_point', the special point of 'e' to start from; valid: fold:1, hopf:1");
    }

    [TestMethod]
    public void AContinuationGivenTwiceOrWithABadNameIsAnError()
    {
        var twice = Osc + "continuations:\n  - {name: c, free_parameters: [a]}\n  - {name: c, free_parameters: [b]}\n";
        var ex = Fails(twice);
        StringAssert.Contains(ex.Problem, "continuation 'c' is given twice");
        Assert.AreEqual(LineOf(twice, "free_parameters: [b]"), ex.Line);

        var empty = Osc + "continuations:\n  c:\n";
        StringAssert.Contains(Fails(empty).Problem, "continuation 'c' is empty; give its 'free_parameters:'");
    }

    // ---------------------------------------------------------------- TVBO's own bifurcation experiments

    /// <summary>Where TVBO's bifurcation experiments are: beside TVBO_MODELS_DIR (its <c>experiments/bifurcation</c>
    /// or the folder itself), else in a TVBO checkout at /tmp/tvbo-current; with the model folders to search.</summary>
    private static (string Experiments, string[] Models)? TvboBifurcationFiles()
    {
        var models = new List<string>();
        if (SharedTvboModels.Folder() is { } shared)
        {
            models.Add(shared);
        }

        var candidates = new List<(string Experiments, string? Models)>();
        if (Environment.GetEnvironmentVariable("TVBO_MODELS_DIR") is { Length: > 0 } env)
        {
            candidates.Add((Path.Combine(env, "experiments", "bifurcation"), Path.Combine(env, "models")));
            candidates.Add((env, null));
        }

        candidates.Add(("/tmp/tvbo-current/tvbo/database/experiments/bifurcation", "/tmp/tvbo-current/tvbo/database/models"));
        foreach (var (experiments, modelDir) in candidates)
        {
            if (File.Exists(Path.Combine(experiments, "QIF-bifurcation.yaml")) && File.Exists(Path.Combine(experiments, "JansenRit-bifurcation.yaml")))
            {
                if (modelDir is not null && Directory.Exists(modelDir))
                {
                    models.Insert(0, modelDir);
                }

                return (experiments, models.ToArray());
            }
        }

        return null;
    }

    [TestMethod]
    public void TvbosOwnBifurcationExperimentsLoad()
    {
        if (TvboBifurcationFiles() is not var (dir, models))
        {
            Assert.Inconclusive("TVBO's QIF-bifurcation.yaml and JansenRit-bifurcation.yaml are not here (set TVBO_MODELS_DIR to a folder holding them, or to TVBO's database with experiments/bifurcation and models, or check TVBO out at /tmp/tvbo-current).");
            return;
        }

        var log = new RecordingLogger();
        var qif = SimulationExperiment.Load(Path.Combine(dir, "QIF-bifurcation.yaml"), new ExperimentLoadOptions { Logger = log, ModelDirectories = models });
        var eq = qif.Continuations.Single();
        Assert.AreEqual("eq_eta", eq.Name);
        Assert.AreEqual("eta_bar", eq.FreeParameters.Single().Name);
        Assert.AreEqual(ContinuationStartKind.TimeIntegration, eq.InitialState.Kind);
        Assert.IsTrue(eq.BothSides);
        Assert.IsFalse(log.Warnings.Any(w => w.Contains("continuation", StringComparison.Ordinal)), string.Join("\n", log.Warnings));

        // TVBO's file continues 'p' and 'C' of model JansenRit, whose parameters in TVBO's library are A, B, J, a_1 …
        // mu (TVB's form); 'p' and 'C' are Jansen and Rit's own, in JansenRit1995. The error says so at the line.
        var jrPath = Path.Combine(dir, "JansenRit-bifurcation.yaml");
        var jrText = File.ReadAllText(jrPath);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(jrPath, new ExperimentLoadOptions { Logger = new RecordingLogger(), ModelDirectories = models }));
        StringAssert.Contains(ex.Problem, "continuation 'eq_in_p': free parameter 'p' is not a parameter of model 'JansenRit'. Valid: A, B, J,");
        Assert.AreEqual(LineOf(jrText, "- name: p"), ex.Line);

        // With the model whose parameters they are, every continuation of the file is read.
        log = new RecordingLogger();
        var jr = Load(jrText.Replace("model: JansenRit\n", "model: JansenRit1995\n", StringComparison.Ordinal).Replace("dynamics: JansenRit\n", "dynamics: JansenRit1995\n", StringComparison.Ordinal), log, models);
        CollectionAssert.AreEqual(new[] { "eq_in_p", "fold_p_C", "hopf_p_C" }, jr.Continuations.Select(c => c.Name).ToArray());
        Assert.AreEqual("hopf:all", jr.Continuations["eq_in_p"].Branches.Single().SourcePoint.ToString());
        Assert.AreEqual(("eq_in_p", "fold:1"), (jr.Continuations["fold_p_C"].InitialState.SourceBranch, jr.Continuations["fold_p_C"].InitialState.SourcePoint));
        Assert.AreEqual(2, jr.Continuations["hopf_p_C"].FreeParameters.Count);
        Assert.IsFalse(log.Warnings.Any(w => w.Contains("continuation", StringComparison.Ordinal)), string.Join("\n", log.Warnings));
    }
}

using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Experiment;

/// <summary>TVBO's experiment files as TVBO writes them (see TVBO-FORMAT.md §1): file in, numbers or the exact error out.</summary>
[TestClass]
public sealed class TvboExperimentFormatTests
{
    /// <summary>A small two-variable model, inline under 'dynamics:' (lines 1-8).</summary>
    private const string Osc = """
        dynamics:
          name: Osc
          parameters:
            a: {value: 1.5}
            b: {value: 2.0}
          state_variables:
            y1: {equation: {rhs: "a*y2"}, initial_value: 0.5}
            y2: {equation: {rhs: "-b*y1"}, initial_value: 0.0}

        """;

    /// <summary>Osc with a short integration (lines 1-9).</summary>
    private const string OscRun = Osc + "integration: {method: euler, step_size: 0.1, duration: 1.0}\n";

    /// <summary>A library model, written as TVBO's database/models files are (inner 'name:', units, descriptions).</summary>
    private const string Lib = """
        name: Lib
        description: A library model.
        parameters:
          p:
            name: p
            value: 1.0
            unit: ms
            description: The rate.
          q: {value: 3.0, description: The drive.}
        state_variables:
          x: {equation: {rhs: "-x/p + q"}, initial_value: 0.2}
        """;

    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-fmt-").FullName;

    private static string Put(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Write(string text) => Put(NewDir(), "exp.yaml", text);

    private static SimulationExperiment Load(string text, RecordingLogger? log = null, params string[] modelDirs) =>
        SimulationExperiment.Load(Write(text), new ExperimentLoadOptions { Logger = log ?? new RecordingLogger(), ModelDirectories = modelDirs });

    private static TvboFileException Fails(string text, params string[] modelDirs)
    {
        var path = Write(text);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { ModelDirectories = modelDirs }));
        Assert.AreEqual(path, ex.File, ex.Message);
        StringAssert.StartsWith(ex.Message, ex.Line > 0 ? $"{path}:{ex.Line}:{ex.Column}: " : $"{path}: ");
        return ex;
    }

    private static double[] Values(ExplorationGrid grid, int axis) => grid.Axes[axis].ExploredValues.ToArray();

    private static double[][] Conditions(ExplorationGrid grid) =>
        Enumerable.Range(0, grid.ConditionCount).Select(c => grid.Condition(c).ToArray()).ToArray();

    private static void AreEqual(double[][] expected, double[][] actual)
    {
        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i], actual[i], $"condition {i}");
        }
    }

    // ---------------------------------------------------------------- dynamics / model

    [TestMethod]
    public void InlineDynamicsIsTheModel()
    {
        var exp = Load(OscRun);
        Assert.AreEqual("Osc", exp.Model.Name);
        CollectionAssert.AreEqual(new[] { "a", "b" }, exp.Model.Parameters.Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(new[] { 1.5, 2.0 }, exp.Model.Parameters.Select(p => p.Value).ToArray());
        CollectionAssert.AreEqual(new[] { 0.5, 0.0 }, exp.Model.StateVariables.Select(s => s.InitialValue).ToArray());
        Assert.AreEqual("-b*y1", exp.Model.StateVariables[1].EquationText);
    }

    [TestMethod]
    public void IriResolvesThroughModelDirectoriesAndOverridesMergePerKey()
    {
        var lib = NewDir();
        Put(lib, "Lib.yaml", Lib);
        var exp = Load("dynamics: {iri: tvbo:Lib, parameters: {p: {value: 2}}}\nintegration: {step_size: 0.1, duration: 1}\n", null, NewDir(), lib);
        Assert.AreEqual("Lib", exp.Model.Name);
        Assert.AreEqual("A library model.", exp.Model.Description);
        var p = exp.Model.FindParameter("p")!;
        Assert.AreEqual(2.0, p.Value, "the override replaces the value");
        Assert.AreEqual("ms", p.Unit, "the library's unit of p stays");
        Assert.AreEqual("The rate.", p.Description, "the library's description of p stays");
        Assert.AreEqual(3.0, exp.Model.FindParameter("q")!.Value, "parameters not overridden stay");
        Assert.AreEqual(0.2, exp.Model.StateVariables.Single().InitialValue);
        Assert.AreEqual("-x/p + q", exp.Model.StateVariables.Single().EquationText);
    }

    [TestMethod]
    public void IriOverridesAStateVariableKeyByKey()
    {
        var lib = NewDir();
        Put(lib, "Lib.yaml", Lib);
        var exp = Load("dynamics:\n  iri: tvbo:Lib\n  state_variables:\n    x: {initial_value: 0.7}\nintegration: {step_size: 0.1, duration: 1}\n", null, lib);
        Assert.AreEqual(0.7, exp.Model.StateVariables.Single().InitialValue);
        Assert.AreEqual("-x/p + q", exp.Model.StateVariables.Single().EquationText, "the library equation stays");
    }

    [TestMethod]
    public void ListFormOverridesMergePerName()
    {
        // Fixed: a list-form override ('- {name: p, value: 2}') used to replace the library's whole collection, so q was lost.
        var lib = NewDir();
        Put(lib, "Lib.yaml", Lib);
        var exp = Load("dynamics:\n  iri: tvbo:Lib\n  parameters:\n    - {name: p, value: 2}\nintegration: {step_size: 0.1, duration: 1}\n", null, lib);
        Assert.AreEqual(2.0, exp.Model.FindParameter("p")!.Value);
        Assert.AreEqual("ms", exp.Model.FindParameter("p")!.Unit);
        Assert.AreEqual(3.0, exp.Model.FindParameter("q")!.Value);

        var listLib = NewDir();
        Put(listLib, "Lib.yaml", "name: Lib\nparameters:\n  - {name: p, value: 1.0, unit: ms}\n  - {name: q, value: 3.0}\nstate_variables:\n  - {name: x, equation: '-x/p + q', initial_value: 0.2}\n");
        var over = Load("dynamics: {iri: tvbo:Lib, parameters: {q: {value: 5}}}\nintegration: {step_size: 0.1, duration: 1}\n", null, listLib);
        Assert.AreEqual(1.0, over.Model.FindParameter("p")!.Value, "a keyed override of a list-form library merges too");
        Assert.AreEqual(5.0, over.Model.FindParameter("q")!.Value);
    }

    [TestMethod]
    public void OldModelKeyWithAnIriIsALibraryReference()
    {
        // Fixed: 'model: {iri: tvbo:Lib}' was read as an inline model without state variables.
        var lib = NewDir();
        Put(lib, "Lib.yaml", Lib);
        var exp = Load("model: {iri: tvbo:Lib, parameters: {p: {value: 2}}}\nintegration: {step_size: 0.1, duration: 1}\n", null, lib);
        Assert.AreEqual("Lib", exp.Model.Name);
        Assert.AreEqual(2.0, exp.Model.FindParameter("p")!.Value);
        Assert.AreEqual(3.0, exp.Model.FindParameter("q")!.Value);
    }

    [TestMethod]
    public void OldModelKeyWithABareNameResolvesThroughTheLibrary()
    {
        var lib = NewDir();
        Put(lib, "Lib.yaml", Lib);
        Assert.AreEqual("Lib", Load("model: Lib\nintegration: {step_size: 0.1, duration: 1}\n", null, lib).Model.Name);
    }

    [TestMethod]
    public void ErrorsInALibraryModelNameTheLibraryFileAndOverrideErrorsTheExperiment()
    {
        var lib = NewDir();
        var libFile = Put(lib, "Bad.yaml", Lib.Replace("Lib", "Bad", StringComparison.Ordinal).Replace("\"-x/p + q\"", "\"-x/p +\"", StringComparison.Ordinal));
        var path = Write("dynamics: {iri: tvbo:Bad}\n");
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { ModelDirectories = [lib] }));
        Assert.AreEqual(libFile, ex.File, ex.Message);
        Assert.AreEqual(11, ex.Line, ex.Message);

        Put(lib, "Lib.yaml", Lib);
        var over = Fails("dynamics:\n  iri: tvbo:Lib\n  parameters:\n    p: {value: fast}\n", lib);
        Assert.AreEqual(4, over.Line);
        StringAssert.Contains(over.Problem, "the value of parameter 'p' must be a number, got 'fast'");
    }

    [TestMethod]
    [DoNotParallelize]
    public void IriResolvesThroughTheEnvironmentVariablePathList()
    {
        var lib = NewDir();
        Put(lib, "Lib.yaml", Lib);
        var saved = Environment.GetEnvironmentVariable(ModelLibrary.EnvironmentVariable);
        try
        {
            var missing = Path.Combine(NewDir(), "does-not-exist");
            Environment.SetEnvironmentVariable(ModelLibrary.EnvironmentVariable, missing + Path.PathSeparator + lib);
            var exp = SimulationExperiment.Load(Write("dynamics: {iri: tvbo:Lib, parameters: {q: {value: 4}}}\nintegration: {step_size: 0.1, duration: 1}\n"));
            Assert.AreEqual("Lib", exp.Model.Name);
            Assert.AreEqual(4.0, exp.Model.FindParameter("q")!.Value);
            Assert.AreEqual(1.0, exp.Model.FindParameter("p")!.Value);

            var ex = Fails("dynamics: {iri: tvbo:Nope}\n");
            StringAssert.Contains(ex.Message, missing, "the env var's folders are listed");
            StringAssert.Contains(ex.Message, lib);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModelLibrary.EnvironmentVariable, saved);
        }
    }

    [TestMethod]
    public void UnknownIriErrorListsEveryFolderSearched()
    {
        var a = NewDir();
        var b = NewDir();
        Put(b, "Lib.yaml", Lib);
        var ex = Fails("integration: {step_size: 0.1, duration: 1}\ndynamics: {iri: tvbo:Nope}\n", a, b);
        Assert.AreEqual(2, ex.Line);
        StringAssert.Contains(ex.Problem, "'tvbo:Nope'");
        StringAssert.Contains(ex.Problem, "Nope.yaml");
        StringAssert.Contains(ex.Problem, a);
        StringAssert.Contains(ex.Problem, b);
        StringAssert.Contains(ex.Problem, ModelLibrary.EnvironmentVariable, "says how to add a folder");
    }

    [TestMethod]
    public void OldModelKeyInlineStillWorks()
    {
        var exp = Load(OscRun.Replace("dynamics:", "model:", StringComparison.Ordinal));
        Assert.AreEqual("Osc", exp.Model.Name);
        Assert.AreEqual(2.0, exp.Model.FindParameter("b")!.Value);
    }

    [TestMethod]
    public void OldModelKeyAsAPathIsRelativeToTheExperimentFile()
    {
        var dir = NewDir();
        Put(dir, "models/Lib.yaml", Lib);
        var path = Put(dir, "exp.yaml", "model: models/Lib.yaml\nintegration: {step_size: 0.1, duration: 1}\n");
        var exp = SimulationExperiment.Load(path);
        Assert.AreEqual("Lib", exp.Model.Name);
        Assert.AreEqual(3.0, exp.Model.FindParameter("q")!.Value);
    }

    [TestMethod]
    public void ModelNameBesideInlineDynamicsIsAccepted()
    {
        // TVBO's QIF database experiment writes 'model: QIF' beside an inline 'dynamics'.
        var exp = Load("model: QIF\n" + OscRun);
        Assert.AreEqual("Osc", exp.Model.Name, "the dynamics come from 'dynamics:'");
    }

    [TestMethod]
    public void InlineModelBesideInlineDynamicsIsAnError()
    {
        var ex = Fails("model: {name: X, state_variables: {x: {equation: '1'}}}\n" + OscRun);
        Assert.AreEqual(1, ex.Line);
        StringAssert.Contains(ex.Problem, "the experiment gives two models: 'dynamics:' (line 2) and an inline 'model:' (line 1)");
        StringAssert.Contains(ex.Problem, "keep one of them");
    }

    [TestMethod]
    public void NoModelAtAllIsAnError()
    {
        var ex = Fails("integration: {step_size: 0.1, duration: 1}\n");
        StringAssert.Contains(ex.Problem, "no 'dynamics:' (or 'model:')");
    }

    // ---------------------------------------------------------------- explorations

    [TestMethod]
    public void SpaceAsAMapWithScopedAndBareNames()
    {
        var exp = Load(OscRun + """
            explorations:
              sweep:
                label: a and b
                space:
                  Osc.a: {domain: {lo: 0, hi: 1, n: 3}}
                  b: {explored_values: [10, 20]}
            """);
        var grid = exp.Validate().Single();
        Assert.AreEqual("sweep", grid.Exploration);
        Assert.AreEqual("a and b", grid.Label);
        Assert.AreEqual(ExplorationMode.Product, grid.Mode, "mode defaults to product");
        CollectionAssert.AreEqual(new[] { "a", "b" }, grid.ParameterNames.ToArray(), "'Osc.a' is the model's parameter a");
        CollectionAssert.AreEqual(new[] { 0.0, 0.5, 1.0 }, Values(grid, 0));
        CollectionAssert.AreEqual(new[] { 10.0, 20.0 }, Values(grid, 1));
        CollectionAssert.AreEqual(new[] { 3, 2 }, grid.Shape.ToArray());
        AreEqual([[0, 10], [0, 20], [0.5, 10], [0.5, 20], [1, 10], [1, 20]], Conditions(grid));
    }

    [TestMethod]
    public void SpaceAsAListNamesEachParameterByParameterOrName()
    {
        var exp = Load(OscRun + """
            explorations:
              sweep:
                space:
                  - {parameter: b, explored_values: [3, 4, 5]}
                  - name: Osc.a
                    domain: {lo: 1, hi: 2, n: 2}
            """);
        var grid = exp.Validate().Single();
        CollectionAssert.AreEqual(new[] { "b", "a" }, grid.ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { 3.0, 4.0, 5.0 }, Values(grid, 0));
        CollectionAssert.AreEqual(new[] { 1.0, 2.0 }, Values(grid, 1));
        Assert.AreEqual(6, grid.ConditionCount);
    }

    [TestMethod]
    public void SpaceListEntryWithoutParameterIsAnError()
    {
        var ex = Fails(OscRun + "explorations:\n  s:\n    space:\n      - {explored_values: [1]}\n");
        Assert.AreEqual(13, ex.Line);
        StringAssert.Contains(ex.Problem, "an axis of exploration 's' has neither 'name:' nor 'parameter:' naming its parameter.");
    }

    [TestMethod]
    public void DomainStepGivesEvenlySpacedValuesIncludingHi()
    {
        var exp = Load(OscRun + "explorations:\n  s:\n    space:\n      a: {domain: {lo: 0, hi: 1, step: 0.25}}\n");
        CollectionAssert.AreEqual(new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }, Values(exp.Validate().Single(), 0));
    }

    [TestMethod]
    public void DomainStepThatDoesNotDivideIsAnError()
    {
        var ex = Fails(OscRun + "explorations:\n  s:\n    space:\n      a: {domain: {lo: 0, hi: 1, step: 0.3}}\n");
        Assert.AreEqual(13, ex.Line);
        StringAssert.Contains(ex.Problem, "axis 'a' of exploration 's'");
        StringAssert.Contains(ex.Problem, "step 0.3 does not divide hi - lo = 1");
        StringAssert.Contains(ex.Problem, "give 'n'");
    }

    [TestMethod]
    public void ZipModePairsValues()
    {
        var exp = Load(OscRun + """
            explorations:
              pairs:
                mode: zip
                space:
                  a: {explored_values: [1, 2, 3]}
                  b: {domain: {lo: 10, hi: 30, n: 3}}
            """);
        var grid = exp.Validate().Single();
        Assert.AreEqual(ExplorationMode.Zip, grid.Mode);
        CollectionAssert.AreEqual(new[] { 3 }, grid.Shape.ToArray());
        AreEqual([[1, 10], [2, 20], [3, 30]], Conditions(grid));
    }

    [TestMethod]
    public void ZipModeWithDifferentLengthsIsAnError()
    {
        var ex = Fails(OscRun + "explorations:\n  pairs:\n    mode: zip\n    space:\n      a: {explored_values: [1, 2, 3]}\n      b: {explored_values: [1, 2]}\n");
        Assert.AreEqual(11, ex.Line, "the exploration's key");
        StringAssert.Contains(ex.Problem, "a: 3, b: 2");
    }

    [TestMethod]
    public void OlderParametersFormGivesTheAxes()
    {
        var exp = Load(OscRun + "explorations:\n  old:\n    parameters:\n      a: {domain: {lo: 2, hi: 4, n: 3}}\n");
        var grid = exp.Validate().Single();
        CollectionAssert.AreEqual(new[] { "a" }, grid.ParameterNames.ToArray());
        CollectionAssert.AreEqual(new[] { 2.0, 3.0, 4.0 }, Values(grid, 0));
    }

    [TestMethod]
    public void ParametersBesideSpaceAreHyperParametersAndWarned()
    {
        var log = new RecordingLogger();
        var exp = Load(OscRun + "explorations:\n  s:\n    space:\n      a: {explored_values: [1]}\n    parameters:\n      batch: 4\n", log);
        CollectionAssert.AreEqual(new[] { "a" }, exp.Validate().Single().ParameterNames.ToArray());
        log.Single(LogLevel.Warning, "exploration 's'", "'parameters' holds the exploration's own settings");
    }

    [TestMethod]
    public void ExplorationsWrittenAsAListWithNames()
    {
        // Fixed: explorations were read only as a mapping; TVBO collections may be lists with 'name:'.
        var exp = Load(OscRun + """
            explorations:
              - name: first
                space: {a: {explored_values: [1, 2]}}
              - name: second
                label: b sweep
                space: {b: {domain: {lo: 0, hi: 1, n: 2}}}
            """);
        CollectionAssert.AreEqual(new[] { "first", "second" }, exp.Explorations.Select(e => e.Name).ToArray());
        Assert.AreEqual("b sweep", exp.Explorations["second"].Label);
        var grids = exp.Validate();
        CollectionAssert.AreEqual(new[] { 1.0, 2.0 }, Values(grids[0], 0));
        CollectionAssert.AreEqual(new[] { 0.0, 1.0 }, Values(grids[1], 0));
    }

    [TestMethod]
    public void ExplorationGivenTwiceInAListIsAnError()
    {
        var ex = Fails(OscRun + "explorations:\n  - {name: s, space: {a: {explored_values: [1]}}}\n  - {name: s, space: {b: {explored_values: [1]}}}\n");
        Assert.AreEqual(12, ex.Line);
        StringAssert.Contains(ex.Problem, "exploration 's' is given twice; exploration names must be unique.");
    }

    [TestMethod]
    [DataRow("c_glob.G", "coupling parameters ('c_glob' is a coupling input of model 'Osc') need a network: give 'network:'")]
    [DataRow("network.conduction_speed", "network parameters (conduction speed, edge weights) need a network")]
    [DataRow("noise.sigma", "noise parameters need integration.noise")]
    [DataRow("stimulus.t0", "there is no event named 'stimulus'; events: none")]
    [DataRow("Other.a", "'Other' is neither the model's name ('Osc') nor a known scope")]
    public void AxesOutsideTheModelNameTheMissingCapability(string axis, string problem)
    {
        var withCoupling = Osc.Replace("  state_variables:", "  coupling_inputs: {c_glob: {}}\n  state_variables:", StringComparison.Ordinal)
            .Replace("-b*y1", "-b*y1 + c_glob", StringComparison.Ordinal);
        foreach (var form in new[] { $"space:\n      {axis}: {{explored_values: [1, 2]}}\n", $"space:\n      - {{parameter: {axis}, explored_values: [1, 2]}}\n" })
        {
            var path = Write(withCoupling + "integration: {step_size: 0.1, duration: 1}\nexplorations:\n  s:\n    " + form);
            var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
            Assert.AreEqual(14, ex.Line, ex.Message);
            StringAssert.Contains(ex.Problem, $"exploration 's': axis '{axis}': ");
            StringAssert.Contains(ex.Problem, problem);
        }
    }

    [TestMethod]
    public void AxisThatIsNotAParameterListsTheParameters()
    {
        var ex = Fails(OscRun + "explorations:\n  s:\n    space:\n      y1: {explored_values: [1]}\n");
        Assert.AreEqual(13, ex.Line);
        StringAssert.Contains(ex.Problem, "'y1' is a state variable, not a parameter");
        StringAssert.Contains(ex.Problem, "Parameters: a, b.");
    }

    // ---------------------------------------------------------------- integration

    [TestMethod]
    [DataRow("Heun", IntegrationMethod.Heun)]
    [DataRow("heun", IntegrationMethod.Heun)]
    [DataRow("HeunDeterministic", IntegrationMethod.Heun)]
    [DataRow("EULER", IntegrationMethod.Euler)]
    [DataRow("EulerDeterministic", IntegrationMethod.Euler)]
    [DataRow("HeunStochastic", IntegrationMethod.Heun)]
    [DataRow("EulerStochastic", IntegrationMethod.Euler)]
    [DataRow("rk4", IntegrationMethod.RK4)]
    [DataRow("RK4", IntegrationMethod.RK4)]
    [DataRow("RungeKutta4", IntegrationMethod.RK4)]
    [DataRow("RungeKutta4thOrder", IntegrationMethod.RK4)]
    [DataRow("rk45", IntegrationMethod.RK45)]
    public void IntegrationMethodSpellings(string method, IntegrationMethod expected)
    {
        var exp = Load(Osc + $"integration: {{method: {method}, step_size: 0.1, duration: 1}}\n");
        Assert.AreEqual(expected, exp.Integration.Method);
    }

    [TestMethod]
    [DataRow("leapfrog", "valid (any case): euler, heun, rk4, rk45")]
    public void IntegrationMethodsRefused(string method, string problem)
    {
        var ex = Fails(Osc + $"integration: {{method: {method}, step_size: 0.1, duration: 1}}\n");
        Assert.AreEqual(9, ex.Line);
        StringAssert.Contains(ex.Problem, $"integration.method '{method}'");
        StringAssert.Contains(ex.Problem, problem);
    }

    [TestMethod]
    public void DtIsAnAliasOfStepSize()
    {
        Assert.AreEqual(0.05, Load(Osc + "integration: {dt: 0.05, duration: 1}\n").Integration.StepSize);

        var log = new RecordingLogger();
        var both = Load(Osc + "integration: {dt: 0.05, step_size: 0.1, duration: 1}\n", log);
        Assert.AreEqual(0.1, both.Integration.StepSize, "step_size wins");
        log.Single(LogLevel.Warning, "both 'step_size' and 'dt'", "'step_size' is used");
    }

    [TestMethod]
    public void TolerancesAreRead()
    {
        var exp = Load(Osc + "integration: {method: rk45, step_size: 0.1, duration: 1, abs_tol: 1.0e-8, rel_tol: 1.0e-6}\n");
        Assert.AreEqual(1e-8, exp.Integration.AbsoluteTolerance);
        Assert.AreEqual(1e-6, exp.Integration.RelativeTolerance);

        var log = new RecordingLogger();
        var defaults = Load(Osc + "integration: {method: rk45, step_size: 0.1, duration: 1}\n", log);
        Assert.AreEqual(1e-10, defaults.Integration.AbsoluteTolerance, "TVBO's ifabsent");
        Assert.AreEqual(1e-10, defaults.Integration.RelativeTolerance);
        log.Single(LogLevel.Information, "integration.abs_tol not given", "1e-10");
        log.Single(LogLevel.Information, "integration.rel_tol not given", "1e-10");
    }

    [TestMethod]
    public void TvboIntegrationDefaultsWhenTheBlockIsAbsentAreLogged()
    {
        var log = new RecordingLogger();
        var exp = Load(Osc, log);
        Assert.AreEqual(IntegrationMethod.Euler, exp.Integration.Method);
        Assert.AreEqual(0.01220703125, exp.Integration.StepSize);
        Assert.AreEqual(1000.0, exp.Integration.Duration);
        Assert.AreEqual(0.0, exp.Integration.TransientTime);
        Assert.AreEqual(81920, exp.Integration.StepCount);
        log.Single(LogLevel.Information, "no 'integration:'", "euler", "0.01220703125", "1000");
        log.Single(LogLevel.Information, "integration.method not given", "'euler'");
        log.Single(LogLevel.Information, "integration.step_size not given", "0.01220703125");
        log.Single(LogLevel.Information, "integration.duration not given", "1000");
    }

    [TestMethod]
    public void TvboIntegrationDefaultsForKeysAbsentFromTheBlock()
    {
        var log = new RecordingLogger();
        var exp = Load(Osc + "integration: {duration: 100.0}\n", log);
        Assert.AreEqual(IntegrationMethod.Euler, exp.Integration.Method);
        Assert.AreEqual(0.01220703125, exp.Integration.StepSize);
        Assert.AreEqual(100.0, exp.Integration.Duration);
        log.Single(LogLevel.Information, "integration.method not given");
        log.Single(LogLevel.Information, "integration.step_size not given");
        Assert.IsFalse(log.At(LogLevel.Information).Any(m => m.Contains("duration not given", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void TransientTimeIsRead()
    {
        var exp = Load(Osc + "integration: {step_size: 0.1, duration: 1.0, transient_time: 5.0}\n");
        Assert.AreEqual(5.0, exp.Integration.TransientTime);
        Assert.AreEqual(1.0, exp.Integration.Duration, "the duration is the measured window");
    }

    [TestMethod]
    public void NoExplorationsGiveOneIntegrationCondition()
    {
        var log = new RecordingLogger();
        var exp = Load(OscRun, log);
        Assert.AreEqual(0, exp.Explorations.Count);
        var grid = exp.Validate().Single();
        Assert.AreEqual(SimulationExperiment.IntegrationName, grid.Exploration);
        Assert.AreEqual("integration", grid.Exploration);
        Assert.AreEqual(1, grid.ConditionCount);
        Assert.IsEmpty(grid.Axes);
        log.Single(LogLevel.Information, "no 'explorations:'");
    }

    // ---------------------------------------------------------------- top-level keys

    [TestMethod]
    public void MetadataAndASingleNodeNetworkAreAccepted()
    {
        var exp = Load("""
            id: 7
            label: Oscillator study
            description: |
              A two-line
              description.
            references: [doi:10.1000/xyz, "Someone et al. 2020"]
            network: {number_of_nodes: 1}
            """ + "\n" + OscRun);
        Assert.AreEqual("7", exp.Id);
        Assert.AreEqual("Oscillator study", exp.Label);
        Assert.AreEqual("A two-line\ndescription.", exp.Description);
        Assert.AreEqual("Osc", exp.Model.Name);
    }

    [TestMethod]
    [DataRow("network: {iri: tvbo:NoSuchAtlas}\n", 10, "the network 'tvbo:NoSuchAtlas'")]
    [DataRow("stimulation:\n  pulse: {amplitude: 1}\n", 11, "'stimulation': events and stimuli are not supported yet")]
    [DataRow("initial_state: {method: time_integration, duration: 100}\n", 10, "'initial_state': a separate settling run")]
    public void UnsupportedTopLevelKeysAreErrorsNamingTheKey(string block, int line, string problem)
    {
        var ex = Fails(OscRun + block);
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, problem);
    }

    [TestMethod]
    [DataRow("noise: {noise_type: gaussian}", "integration.noise has no parameters.sigma (or nsig)")]
    [DataRow("state_wise_sigma: [0.1, 0.2]", "integration.state_wise_sigma is not supported")]
    public void IntegrationNoiseIsAnErrorNamingTheKey(string entry, string problem)
    {
        var ex = Fails(Osc + $"integration:\n  step_size: 0.1\n  duration: 1\n  {entry}\n");
        Assert.AreEqual(12, ex.Line);
        StringAssert.Contains(ex.Problem, problem);
    }

    [TestMethod]
    public void ZeroNoiseIsAccepted()
    {
        Assert.AreEqual(0.1, Load(Osc + "integration: {step_size: 0.1, duration: 1, noise: 0}\n").Integration.StepSize);
    }

    [TestMethod]
    public void EveryTopLevelKeyOfTvbosSchemaIsReadOrRefusedOrWarnedAboutByName()
    {
        // The keys this reader applies; every other key of TVBO's experiment schema must be named by an error or a
        // warning when a file gives it, never silently ignored.
        string[] read =
        [
            "id", "model", "dynamics", "integration", "network", "connectivity", "coupling", "observations", "derived_observations",
            "functions", "events", "explorations", "continuations", "simulation_experiments", "inputs", "monitors",
        ];
        var documentation = new[] { "name", "label", "description", "definition", "references", "iri", "comment", "symbol", "unit", "acronym", "keywords", "notes", "source", "has_reference", "bibliography", "grounding" };
        var others = Tvbo.Files.TvboSchema.Experiment.Except(read).Except(documentation).Order(StringComparer.Ordinal).ToArray();
        Assert.IsNotEmpty(others);
        foreach (var key in others)
        {
            var log = new RecordingLogger();
            try
            {
                _ = Load(OscRun + $"{key}: {{something: 1}}\n", log);
                Assert.IsTrue(log.Warnings.Any(w => w.Contains($"'{key}'", StringComparison.Ordinal)), $"'{key}' is neither read, refused nor warned about: {string.Join(" | ", log.Warnings)}");
            }
            catch (TvboFileException ex)
            {
                StringAssert.Contains(ex.Message, $"'{key}'", $"the error about '{key}' names it");
            }
        }
    }

    [TestMethod]
    public void NotAppliedKeysAreWarningsAndTheLoadSucceeds()
    {
        var log = new RecordingLogger();
        var exp = Load(OscRun + """
            execution: {backend: tvboptim, precision: float64}
            observations:
              bold:
                source: y1
                period: 1000
            """, log);
        Assert.AreEqual("Osc", exp.Model.Name);
        Assert.AreEqual("bold", exp.Observations.Single().Name);
        Assert.AreEqual("y1", exp.Observations.Single().EquationText);
        log.Single(LogLevel.Warning, "exp.yaml:10:", "'execution' is read but not applied");
        log.Single(LogLevel.Warning, "exp.yaml:14:", "observation 'bold': 'period' is not applied");
        Assert.HasCount(2, log.Warnings, string.Join("\n", log.Warnings));
    }

    [TestMethod]
    [DataRow("ms", false)]
    [DataRow("millisecond", false)]
    [DataRow("s", true)]
    [DataRow("us", true)]
    public void ATimeScaleOtherThanMillisecondsIsReadAsTheModelsUnitAndSaidSo(string unit, bool warned)
    {
        var log = new RecordingLogger();
        var exp = Load(Osc + $"integration: {{step_size: 0.1, duration: 2, time_scale: {unit}}}\n", log);
        Assert.AreEqual(2.0, exp.Integration.Duration, "nothing is converted");
        Assert.HasCount(warned ? 1 : 0, log.Warnings, string.Join("\n", log.Warnings));
        if (warned)
        {
            log.Single(LogLevel.Warning, "exp.yaml:", $"integration.time_scale is '{unit}': nothing is converted");
        }
    }

    [TestMethod]
    public void ObservationsAreOutputsAfterTheStates()
    {
        var exp = Load(OscRun + """
            observations:
              eeg:
                source: [y1, y2]
                equation: {rhs: "y1 - y2"}
              energy: {equation: "y1**2 + y2**2"}
            """);
        CollectionAssert.AreEqual(new[] { "eeg", "energy" }, exp.Observations.Select(o => o.Name).ToArray());
        Assert.AreEqual("y1 - y2", exp.Observations.First().EquationText);
        CollectionAssert.AreEquivalent(new[] { "y1", "y2" }, exp.Observations.First().Equation.FreeSymbols().ToArray());
        CollectionAssert.AreEqual(new[] { "y1", "y2", "eeg", "energy" }, exp.OutputNamesFor(null).ToArray());
    }

    [TestMethod]
    public void ObservationsWrittenAsAList()
    {
        var exp = Load(OscRun + "observations:\n  - {name: eeg, source: [y1, y2], equation: {rhs: 'y1 - y2'}}\n");
        CollectionAssert.AreEqual(new[] { "y1", "y2", "eeg" }, exp.OutputNamesFor(null).ToArray());
    }

    [TestMethod]
    [DataRow("  eeg: {source: [y1, z], equation: {rhs: 'y1'}}\n", 11, "observation 'eeg': source 'z' is not a state or derived variable of model 'Osc'")]
    [DataRow("  eeg: {source: [y1, y2]}\n", 11, "observation 'eeg' has 2 sources and no equation")]
    [DataRow("  y1: {source: y1}\n", 11, "Observation 'y1' has the name of a state variable")]
    public void BadObservations(string entry, int line, string problem)
    {
        var ex = Fails(OscRun + "observations:\n" + entry);
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, problem);
    }

    [TestMethod]
    public void ObservationUsingAnUnknownSymbolIsAnError()
    {
        var ex = Fails(OscRun + "observations:\n  eeg: {equation: {rhs: 'y1 - w'}}\n");
        StringAssert.Contains(ex.Problem, "Observation 'eeg' ('y1 - w') uses 'w'");
    }

    [TestMethod]
    public void RecordSelectsTheOutputsOfAnExploration()
    {
        var exp = Load(OscRun + """
            observations:
              eeg: {source: [y1, y2], equation: {rhs: "y1 - y2"}}
            explorations:
              s:
                record: [eeg, y1]
                space:
                  a: {explored_values: [1, 2]}
              t:
                space:
                  b: {explored_values: [1]}
            """);
        CollectionAssert.AreEqual(new[] { "eeg", "y1" }, exp.OutputNamesFor(exp.Explorations["s"]).ToArray());
        CollectionAssert.AreEqual(new[] { "y1", "y2", "eeg" }, exp.OutputNamesFor(exp.Explorations["t"]).ToArray(), "no record: every output");
    }

    [TestMethod]
    public void UnknownRecordNameIsAnError()
    {
        var ex = Fails(OscRun + "observations:\n  eeg: {source: y1}\nexplorations:\n  s:\n    record: [eeg, bold]\n    space:\n      a: {explored_values: [1]}\n");
        Assert.AreEqual(14, ex.Line, "the record line");
        StringAssert.Contains(ex.Problem, "records 'bold', which is not a state variable, derived variable or observation; valid: y1, y2, eeg.");
    }

    // ---------------------------------------------------------------- YAML idioms

    [TestMethod]
    public void AnchorsAliasesAndMergeKeys()
    {
        var exp = Load("""
            dynamics:
              name: Osc
              parameters:
                a: &pa {value: 1.5, unit: ms, description: shared}
                b:
                  <<: *pa
                  value: 2.5
                c: *pa
              state_variables:
                y1: {equation: {rhs: "a*y2 + c"}, initial_value: &zero 0.0}
                y2: {equation: {rhs: "-b*y1"}, initial_value: *zero}
            integration: &run {method: heun, step_size: 0.1, duration: 1.0}
            explorations:
              s:
                space:
                  a: &vals {explored_values: [1, 2]}
                  b: *vals
            """);
        var b = exp.Model.FindParameter("b")!;
        Assert.AreEqual(2.5, b.Value, "the explicit key overrides the merged one");
        Assert.AreEqual("ms", b.Unit, "the merged key is inherited");
        Assert.AreEqual("shared", b.Description);
        Assert.AreEqual(1.5, exp.Model.FindParameter("a")!.Value, "merging does not change the anchored mapping");
        Assert.AreEqual(1.5, exp.Model.FindParameter("c")!.Value);
        Assert.AreEqual(0.0, exp.Model.StateVariables[1].InitialValue);
        Assert.AreEqual(IntegrationMethod.Heun, exp.Integration.Method);
        var grid = exp.Validate().Single();
        CollectionAssert.AreEqual(new[] { 1.0, 2.0 }, Values(grid, 0));
        CollectionAssert.AreEqual(new[] { 1.0, 2.0 }, Values(grid, 1));
    }

    [TestMethod]
    public void MergeKeyWithAListOfMappingsFirstWins()
    {
        var exp = Load("""
            dynamics:
              name: Osc
              parameters:
                a: &one {value: 1.0, unit: ms}
                b: &two {value: 2.0, description: second}
                c:
                  <<: [*one, *two]
              state_variables:
                y1: {equation: {rhs: "a + b + c"}, initial_value: 0}
            integration: {step_size: 0.1, duration: 1.0}
            """);
        var c = exp.Model.FindParameter("c")!;
        Assert.AreEqual(1.0, c.Value, "in a merge list, earlier mappings win (YAML merge-key rule)");
        Assert.AreEqual("ms", c.Unit);
        Assert.AreEqual("second", c.Description);
    }

    [TestMethod]
    public void IncludeIsRelativeToTheIncludingFile()
    {
        var dir = NewDir();
        Put(dir, "models/osc.yaml", """
            name: Osc
            parameters: !include params.yaml
            state_variables:
              y1: {equation: {rhs: "a*y2"}, initial_value: 0.5}
              y2: {equation: {rhs: "-b*y1"}, initial_value: 0.0}
            """);
        Put(dir, "models/params.yaml", "a: {value: 1.25}\nb: {value: 4.0}\n");
        Put(dir, "params.yaml", "a: {value: 99}\nb: {value: 99}\n"); // a decoy beside the experiment
        var path = Put(dir, "exp.yaml", "dynamics: !include models/osc.yaml\nintegration: !include run.yaml\n");
        Put(dir, "run.yaml", "{method: rk4, step_size: 0.1, duration: 2.0}\n");
        var exp = SimulationExperiment.Load(path);
        Assert.AreEqual(1.25, exp.Model.FindParameter("a")!.Value);
        Assert.AreEqual(4.0, exp.Model.FindParameter("b")!.Value);
        Assert.AreEqual(IntegrationMethod.RK4, exp.Integration.Method);
        Assert.AreEqual(2.0, exp.Integration.Duration);
    }

    [TestMethod]
    public void ErrorsInsideAnIncludedFileNameThatFile()
    {
        var dir = NewDir();
        var included = Put(dir, "models/osc.yaml", "name: Osc\nstate_variables:\n  y1: {equation: {rhs: 'a*'}, initial_value: 0}\n");
        var path = Put(dir, "exp.yaml", "dynamics: !include models/osc.yaml\nintegration: {step_size: 0.1, duration: 1}\n");
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
        Assert.AreEqual(Path.GetFullPath(included), Path.GetFullPath(ex.File), ex.Message);
        Assert.AreEqual(3, ex.Line);
    }

    [TestMethod]
    public void MissingAndCyclicIncludesAreErrors()
    {
        var dir = NewDir();
        var path = Put(dir, "exp.yaml", "dynamics: !include nope.yaml\n");
        var missing = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path));
        Assert.AreEqual(1, missing.Line);
        StringAssert.Contains(missing.Problem, "'!include nope.yaml': the file does not exist");
        StringAssert.Contains(missing.Problem, Path.Combine(dir, "nope.yaml"));

        Put(dir, "a.yaml", "x: !include b.yaml\n");
        Put(dir, "b.yaml", "y: !include a.yaml\n");
        var cyclic = Put(dir, "cyc.yaml", "dynamics: !include a.yaml\n");
        var cycle = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(cyclic));
        StringAssert.Contains(cycle.Problem, "includes a file that is already being included");
    }

    [TestMethod]
    public void DuplicateKeyIsAnErrorWithItsLine()
    {
        var ex = Fails(OscRun + "integration: {step_size: 0.2, duration: 1.0}\n");
        Assert.AreEqual(10, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "integration");
        StringAssert.Contains(ex.Problem.ToLowerInvariant(), "duplicate");
    }

    [TestMethod]
    public void DuplicateNestedKeyIsAnErrorWithItsLine()
    {
        var ex = Fails("dynamics:\n  name: Osc\n  parameters:\n    a: {value: 1}\n    a: {value: 2}\n  state_variables:\n    y1: {equation: a}\n");
        Assert.AreEqual(5, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem.ToLowerInvariant(), "duplicate");
    }

    [TestMethod]
    public void ASecondYamlDocumentIsAnError()
    {
        var ex = Fails(OscRun + "---\n" + OscRun);
        Assert.AreEqual(11, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "the file holds 2 YAML documents");
        StringAssert.Contains(ex.Problem, "one document");
    }

    // ---------------------------------------------------------------- study files

    private const string Study = """
        simulation_experiments:
          - id: 1
            label: first
            dynamics: {name: One, state_variables: {x: {equation: '-x', initial_value: 1}}}
            integration: {step_size: 0.1, duration: 1}
          - id: 2
            label: second
            dynamics: {name: Two, state_variables: {x: {equation: '-2*x', initial_value: 1}}}
            integration: {step_size: 0.1, duration: 2}
          - id: 3
            label: third
            dynamics: {name: Three, state_variables: {x: {equation: '-3*x', initial_value: 1}}}
            integration: {step_size: 0.1, duration: 3}
        """;

    [TestMethod]
    [DataRow("2", "Two", 2.0)]
    [DataRow("third", "Three", 3.0)]
    [DataRow("first", "One", 1.0)]
    public void StudyExperimentChosenByIdOrLabel(string choice, string model, double duration)
    {
        var exp = SimulationExperiment.Load(Write(Study), new ExperimentLoadOptions { Experiment = choice });
        Assert.AreEqual(model, exp.Model.Name);
        Assert.AreEqual(duration, exp.Integration.Duration);
    }

    [TestMethod]
    public void StudyWithoutAChoiceListsTheExperiments()
    {
        var ex = Fails(Study);
        Assert.AreEqual(2, ex.Line);
        StringAssert.Contains(ex.Problem, "the study holds 3 experiments; choose one by id or label");
        StringAssert.Contains(ex.Problem, "id 1 'first'; id 2 'second'; id 3 'third'");
    }

    [TestMethod]
    public void StudyWithAWrongChoiceListsTheExperiments()
    {
        var path = Write(Study);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { Experiment = "fourth" }));
        StringAssert.Contains(ex.Problem, "no experiment with id or label 'fourth'");
        StringAssert.Contains(ex.Problem, "id 1 'first'; id 2 'second'; id 3 'third'");
    }

    [TestMethod]
    public void StudyWithOneExperimentNeedsNoChoice()
    {
        var one = "simulation_experiments:\n  - label: only\n" + OscRun.Replace("\n", "\n    ", StringComparison.Ordinal).Insert(0, "    ");
        var exp = SimulationExperiment.Load(Write(one));
        Assert.AreEqual("only", exp.Label);
        Assert.AreEqual("Osc", exp.Model.Name);
    }

    [TestMethod]
    public void StudyLevelKeysAreChecked()
    {
        // Fixed: keys beside 'simulation_experiments' were not looked at.
        var log = new RecordingLogger();
        var ok = SimulationExperiment.Load(Write("title: A study\nyear: 2024\ndoi: 10.1000/xyz\nprovenance: someone\n" + Study), new ExperimentLoadOptions { Experiment = "2", Logger = log });
        Assert.AreEqual("Two", ok.Model.Name);
        log.Single(LogLevel.Warning, "exp.yaml:4:", "'provenance' is not a key of a study (SimulationStudy)", "ignored");

        var path = Write("labl: A study\n" + Study);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { Experiment = "2" }));
        Assert.AreEqual(1, ex.Line);
        StringAssert.Contains(ex.Problem, "'labl' is not a key of a study (SimulationStudy); did you mean 'label'?");
    }

    [TestMethod]
    public void ListExperimentsAndIsExperimentFile()
    {
        var study = Write(Study);
        var list = SimulationExperiment.ListExperiments(study);
        CollectionAssert.AreEqual(new (string?, string?)[] { ("1", "first"), ("2", "second"), ("3", "third") }, list.ToArray());
        Assert.IsTrue(SimulationExperiment.IsExperimentFile(study));

        var plain = Write(OscRun);
        Assert.IsEmpty(SimulationExperiment.ListExperiments(plain));
        Assert.IsTrue(SimulationExperiment.IsExperimentFile(plain));

        var model = Write(Lib);
        Assert.IsFalse(SimulationExperiment.IsExperimentFile(model));
    }

    [TestMethod]
    public void ErrorInsideAStudyExperimentHasItsLine()
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(Write(Study.Replace("duration: 2", "duration: 2, method: rk9", StringComparison.Ordinal)), new ExperimentLoadOptions { Experiment = "2" }));
        Assert.AreEqual(9, ex.Line);
        StringAssert.Contains(ex.Problem, "integration.method 'rk9'");
    }

    // ---------------------------------------------------------------- unknown keys

    [TestMethod]
    public void UnknownTopLevelKeyIsAnErrorListingTheValidKeys()
    {
        var ex = Fails(OscRun + "frobnicate: {x: 1}\n");
        Assert.AreEqual(10, ex.Line);
        StringAssert.Contains(ex.Problem, "'frobnicate' is not a key of an experiment (SimulationExperiment)");
        StringAssert.Contains(ex.Problem, "valid keys are:");
        StringAssert.Contains(ex.Problem, "explorations");
        StringAssert.Contains(ex.Problem, "integration");
    }

    [TestMethod]
    [DataRow("explorationz", "explorations")]
    [DataRow("integrator", "integration")]
    [DataRow("observation", "observations")]
    [DataRow("Dynamics", "dynamics")]
    public void NearMissTopLevelKeyGetsASuggestion(string key, string meant)
    {
        var ex = Fails(OscRun + key + ": {}\n");
        Assert.AreEqual(10, ex.Line);
        StringAssert.Contains(ex.Problem, $"'{key}' is not a key of an experiment (SimulationExperiment); did you mean '{meant}'?");
    }

    [TestMethod]
    public void UnknownKeyInsideInlineDynamicsIsAnError()
    {
        // Inside an experiment file, models are read strictly.
        var ex = Fails(Osc.Replace("  parameters:", "  colour: blue\n  parameters:", StringComparison.Ordinal) + "integration: {step_size: 0.1, duration: 1}\n");
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "'colour' is not a key of a model (Dynamics)");
    }

    [TestMethod]
    public void ShadowedParameterCannotBeExploredFromAFile()
    {
        var ex = Fails("""
            dynamics:
              name: Sh
              parameters:
                k: {value: 2.0}
                g: {value: 3.0}
              derived_variables:
                k: {equation: {rhs: "2*g"}}
              state_variables:
                x: {equation: {rhs: "-k*x"}, initial_value: 1}
            integration: {step_size: 0.1, duration: 1}
            explorations:
              s:
                space:
                  k: {explored_values: [1, 2]}
            """);
        Assert.AreEqual(14, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "parameter 'k' of model 'Sh' is hidden by the derived variable of the same name");
        StringAssert.Contains(ex.Problem, "derived variable 'k'");
        Assert.IsInstanceOfType<ExperimentException>(ex.InnerException);
    }

    // ---------------------------------------------------------------- TVBO's own model files

    [TestMethod]
    public void EverySharedTvboModelLoadsThroughItsIri()
    {
        var dir = SharedTvboModels.Folder();
        if (dir is null)
        {
            Assert.Inconclusive(SharedTvboModels.MissingReason);
        }

        var files = SharedTvboModels.Files()!;
        Assert.IsNotEmpty(files);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                var log = new RecordingLogger();
                var exp = Load($"dynamics: {{iri: tvbo:{name}}}\nintegration: {{step_size: 0.01, duration: 1.0}}\n", log, dir);
                Assert.AreEqual(name, exp.Model.Name, file);
                Assert.IsNotEmpty(exp.Model.StateVariables, file);
                var direct = Dynamics.Load(file);
                CollectionAssert.AreEqual(direct.StateVariables.Select(s => s.EquationText).ToArray(), exp.Model.StateVariables.Select(s => s.EquationText).ToArray(), file);
                CollectionAssert.AreEqual(direct.Parameters.Select(p => p.Value).ToArray(), exp.Model.Parameters.Select(p => p.Value).ToArray(), file);
                Assert.AreEqual(1, exp.Validate().Single().ConditionCount, file);
            }
            catch (Exception ex) when (ex is TvboException or AssertFailedException)
            {
                failures.Add($"{name}: {ex.Message}");
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    public void SharedTvboModelParametersCanBeOverriddenAndExplored()
    {
        var dir = SharedTvboModels.Folder();
        if (dir is null || !File.Exists(Path.Combine(dir, "Generic2dOscillator.yaml")))
        {
            Assert.Inconclusive(SharedTvboModels.MissingReason);
        }

        var exp = Load("""
            dynamics:
              iri: tvbo:Generic2dOscillator
              parameters:
                a: {value: 1.5}
            integration: {step_size: 0.01, duration: 1.0}
            explorations:
              sweep:
                space:
                  Generic2dOscillator.I: {domain: {lo: 0, hi: 1, n: 3}}
            """, null, dir);
        var direct = Dynamics.Load(Path.Combine(dir, "Generic2dOscillator.yaml"));
        Assert.AreEqual(1.5, exp.Model.FindParameter("a")!.Value);
        Assert.AreEqual(direct.FindParameter("a")!.Description, exp.Model.FindParameter("a")!.Description);
        Assert.AreEqual(direct.FindParameter("b")!.Value, exp.Model.FindParameter("b")!.Value);
        CollectionAssert.AreEqual(new[] { 0.0, 0.5, 1.0 }, Values(exp.Validate().Single(), 0));
    }
}

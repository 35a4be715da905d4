using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Experiment;

/// <summary>The forms of TVBO's older study files (its <c>database/studies/</c>): a study's top-level model inherited by
/// its experiments, a model named after a library model, <c>derived_from_model</c>, <c>dynamics:</c> as regime labels
/// beside <c>model:</c>, list entries keyed by name, and TVB's <c>monitors</c>. Each test file is written here in
/// TVBO's form.</summary>
[TestClass]
public sealed class TvboStudyFormsTests
{
    /// <summary>A library model as TVBO's database writes one.</summary>
    private const string Lib = """
        name: Lib
        parameters:
          p: {name: p, value: 1.0, description: The rate.}
          q: {value: 3.0}
        state_variables:
          x: {equation: {rhs: "-x/p + q"}, initial_value: 0.2}
        """;

    /// <summary>A study with a top-level model (lines 1-7) shared by its experiments.</summary>
    private const string SharedModel = """
        key: Shared2024
        model:
          name: Decay
          parameters: {k: {value: 0.5}, c: {value: 1.0}}
          state_variables:
            x: {equation: {rhs: "-k*x + c"}, initial_value: 1.0}
            y: {equation: {rhs: "-y"}, initial_value: 2.0}
        simulation_experiments:
        """ + "\n";

    private const string Run = "integration: {method: euler, step_size: 0.1, duration: 1.0}";

    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-study-").FullName;

    private static string Put(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Library()
    {
        var dir = NewDir();
        Put(dir, "Lib.yaml", Lib);
        return dir;
    }

    private static SimulationExperiment Load(string text, string? experiment = null, RecordingLogger? log = null, params string[] modelDirs) =>
        SimulationExperiment.Load(Put(NewDir(), "study.yaml", text.Replace("RUN", Run, StringComparison.Ordinal)), new ExperimentLoadOptions { Experiment = experiment, Logger = log ?? new RecordingLogger(), ModelDirectories = modelDirs });

    private static TvboFileException Fails(string text, string? experiment = null, params string[] modelDirs)
    {
        var path = Put(NewDir(), "study.yaml", text.Replace("RUN", Run, StringComparison.Ordinal));
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { Experiment = experiment, ModelDirectories = modelDirs }));
        StringAssert.StartsWith(ex.Message, $"{ex.File}:{ex.Line}:{ex.Column}: ");
        return ex;
    }

    private static double Param(Dynamics m, string name) => m.Parameters.Single(p => p.Name == name).Value;

    private static StateVariable State(Dynamics m, string name) => m.StateVariables.Single(s => s.Name == name);

    // ---------------------------------------------------------------- the study's top-level model

    [TestMethod]
    public void ExperimentsWithoutAModelInheritTheStudysModel()
    {
        var text = SharedModel + """
              - id: 1
                RUN
              - id: 2
                model:
                RUN
              - id: 3
                dynamics: [Low activity]
                RUN
            """;
        foreach (var id in new[] { "1", "2", "3" })
        {
            var exp = Load(text, id);
            Assert.AreEqual("Decay", exp.Model.Name, $"experiment {id}");
            Assert.AreEqual(0.5, Param(exp.Model, "k"));
            CollectionAssert.AreEqual(new[] { "x", "y" }, exp.Model.StateVariables.Select(s => s.Name).ToArray());
        }
    }

    [TestMethod]
    public void AnExperimentsOwnModelIsCompletedFromTheStudysKeyByKey()
    {
        // TVBO's SimulationStudy.update_experiment_model: the experiment's values win; what it leaves out is the study's.
        var exp = Load(SharedModel + """
              - id: 1
                model:
                  name: Decay
                  parameters: {k: {value: 2.0}}
                  state_variables:
                    y: {initial_value: 5.0}
                    z: {equation: {rhs: "x - z"}, initial_value: 0.0}
                RUN
            """);
        Assert.AreEqual(2.0, Param(exp.Model, "k"));
        Assert.AreEqual(1.0, Param(exp.Model, "c"), "a parameter the experiment does not give is the study's");
        CollectionAssert.AreEqual(new[] { "x", "y", "z" }, exp.Model.StateVariables.Select(s => s.Name).ToArray(), "the study's order, new variables after");
        Assert.AreEqual(5.0, State(exp.Model, "y").InitialValue);
        Assert.AreEqual("-y", State(exp.Model, "y").EquationText, "the equation the experiment leaves out is the study's");
        Assert.AreEqual(1.0, State(exp.Model, "x").InitialValue);
    }

    [TestMethod]
    public void AnExperimentWithItsOwnDynamicsInheritsNothing()
    {
        var exp = Load(SharedModel + """
              - id: 1
                dynamics: {name: Own, state_variables: {u: {equation: '-u', initial_value: 1}}}
                RUN
            """);
        Assert.AreEqual("Own", exp.Model.Name);
        Assert.AreEqual("u", exp.Model.StateVariables.Single().Name);
    }

    [TestMethod]
    public void AStudyWithoutExperimentsIsRefusedWithWhatToWriteAndItsModelIsReported()
    {
        var text = SharedModel.Replace("simulation_experiments:\n", string.Empty, StringComparison.Ordinal);
        var ex = Fails(text);
        Assert.AreEqual(1, ex.Line);
        StringAssert.Contains(ex.Problem, "the study 'Shared2024' has no 'simulation_experiments:', so nothing runs");
        StringAssert.Contains(ex.Problem, "Its top-level 'model:' (Decay) is what its experiments inherit");
        StringAssert.Contains(ex.Problem, "add 'simulation_experiments: [{id: 1, integration:");

        var path = Put(NewDir(), "study.yaml", text);
        Assert.IsTrue(SimulationExperiment.IsExperimentFile(path));
        Assert.IsEmpty(SimulationExperiment.ListExperiments(path));
        var model = ExperimentFileReader.ReadStudyModel(path, new ExperimentLoadOptions())!;
        Assert.AreEqual("Decay", model.Name);
        Assert.AreEqual(2, model.StateVariables.Count);
    }

    [TestMethod]
    public void AnErrorInsideAStudysExperimentNamesTheExperiment()
    {
        var ex = Fails(SharedModel + """
              - id: 7
                RUN
                integraton: {}
            """);
        Assert.AreEqual(11, ex.Line);
        StringAssert.StartsWith(ex.Problem, "experiment 7: 'integraton' is not a key of an experiment");
        StringAssert.Contains(ex.Problem, "did you mean 'integration'?");
    }

    // ---------------------------------------------------------------- 'dynamics:' labels and an empty 'model:'

    [TestMethod]
    public void DynamicsLabelsBesideAModelAreDocumentation()
    {
        var log = new RecordingLogger();
        var exp = Load("""
            simulation_experiments:
              - id: 1
                model: {name: Decay, state_variables: {x: {equation: '-x', initial_value: 1}}}
                dynamics: ["Low level of spontaneous activity", "3 Hz"]
                RUN
            """, log: log);
        Assert.AreEqual("Decay", exp.Model.Name);
        log.Single(LogLevel.Information, "study.yaml:4:", "lists labels of dynamical regimes (TVBO's older schema: documentation)");
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    [TestMethod]
    public void DynamicsLabelsWithoutAModelAreRefused()
    {
        var ex = Fails("""
            simulation_experiments:
              - id: 3
                dynamics: ["default"]
                RUN
            """);
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "experiment 3: 'dynamics: ['default']' lists labels of dynamical regimes (TVBO's older schema), not a model, and the experiment has no 'model:'");
        StringAssert.Contains(ex.Problem, "give the model under 'model:'");
    }

    [TestMethod]
    public void AnEmptyModelWithoutAStudyModelIsRefused()
    {
        var ex = Fails("""
            key: Empty2011
            simulation_experiments:
              - id: 1
                network: {number_of_nodes: 2}
                model:

            """);
        Assert.AreEqual(5, ex.Line);
        StringAssert.Contains(ex.Problem, "experiment 1: the experiment's 'model:' is empty");
        StringAssert.Contains(ex.Problem, "a library model by name (model: {name: JansenRit}");
    }

    // ---------------------------------------------------------------- a model named after a library model

    [TestMethod]
    public void AModelNamedAfterALibraryModelWithoutEquationsIsThatModelWithTheOverrides()
    {
        var log = new RecordingLogger();
        var exp = Load("""
            simulation_experiments:
              - id: 1
                model:
                  name: Lib
                  parameters:
                    q: {value: 5.0}
                    v_0: {value: 6.0}
                    E: {value: 220.0}
                RUN
            """, log: log, modelDirs: Library());
        Assert.AreEqual("Lib", exp.Model.Name);
        Assert.AreEqual(5.0, Param(exp.Model, "q"));
        Assert.AreEqual(1.0, Param(exp.Model, "p"));
        Assert.AreEqual(0.2, State(exp.Model, "x").InitialValue);
        var w = log.Single(LogLevel.Warning, "study.yaml:7:", "parameters 'v_0', 'E' are not parameters of the library model Lib");
        StringAssert.Contains(w, "no equation uses them: their values have no effect. Lib's parameters: p, q.");
    }

    [TestMethod]
    public void AModelWithoutEquationsWhoseNameIsNoLibraryModelIsRefused()
    {
        var dir = Library();
        var ex = Fails("""
            simulation_experiments:
              - id: 1
                model:
                  name: NoSuchLibraryModel
                  parameters: {A: {value: 3.25}}
                RUN
            """, null, dir);
        Assert.AreEqual(4, ex.Line);
        StringAssert.Contains(ex.Problem, "experiment 1: model 'NoSuchLibraryModel' has no 'state_variables:'");
        StringAssert.Contains(ex.Problem, $"no model folder searched ({dir}"); // then TVBO_MODELS_DIR's, where it is set
        StringAssert.Contains(ex.Problem, ") holds NoSuchLibraryModel.yaml");
        StringAssert.Contains(ex.Problem, "--models DIR (ExperimentLoadOptions.ModelDirectories)");
    }

    [TestMethod]
    public void ParametersWrittenAsOneKeyListEntriesAreKeyedByName()
    {
        // Deco2014's form: '- a_E: {value: 310}' (LinkML reads a one-key mapping in a list as the keyed form).
        var exp = Load("""
            simulation_experiments:
              - id: 1
                model:
                  name: Lib
                  parameters:
                    - q: {value: 4.0}
                    - p: {value: 2.0}
                RUN
            """, modelDirs: Library());
        Assert.AreEqual(4.0, Param(exp.Model, "q"));
        Assert.AreEqual(2.0, Param(exp.Model, "p"));
    }

    [TestMethod]
    public void ExploredValuesInAModelAreWarnedAboutWithTheExplorationToWrite()
    {
        var log = new RecordingLogger();
        var exp = Load("""
            simulation_experiments:
              - id: 1
                model:
                  name: Lib
                  parameters:
                    p: {explored_values: [0.5, 1.0, 2.0]}
                RUN
            """, log: log, modelDirs: Library());
        Assert.AreEqual(1.0, Param(exp.Model, "p"));
        log.Single(LogLevel.Warning, "study.yaml:6:", "parameter 'p': explored_values in a model are not swept", "explorations: {p_sweep: {space: {p: {explored_values: [...]}}}}");
    }

    // ---------------------------------------------------------------- derived_from_model

    [TestMethod]
    public void DerivedFromModelTakesTheParentsEquationsUnderTheModelsOwnKeys()
    {
        var log = new RecordingLogger();
        var exp = Load("""
            simulation_experiments:
              - id: 1
                model:
                  name: Child
                  derived_from_model: {name: Lib}
                  parameters: {p: {value: 2.0}}
                  state_variables:
                    x: {initial_value: 0.7}
                    w: {equation: {rhs: "x - w"}, initial_value: 0.0}
                RUN
            """, log: log, modelDirs: Library());
        Assert.AreEqual("Child", exp.Model.Name);
        Assert.AreEqual(2.0, Param(exp.Model, "p"));
        Assert.AreEqual(3.0, Param(exp.Model, "q"));
        Assert.AreEqual(0.7, State(exp.Model, "x").InitialValue);
        Assert.AreEqual("-x/p + q", State(exp.Model, "x").EquationText);
        CollectionAssert.AreEqual(new[] { "x", "w" }, exp.Model.StateVariables.Select(s => s.Name).ToArray());
        log.Single(LogLevel.Information, "study.yaml:5:", "model 'Child' derives from 'Lib': the library model Lib");
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    [TestMethod]
    public void AModelNamedAfterALibraryModelKeepsItsDerivedFromModelAsLineage()
    {
        // Breakspear2003's form: LarterBreakspear (a library model) derived from MorrisLecar, parameters only.
        var log = new RecordingLogger();
        var exp = Load("""
            simulation_experiments:
              - id: 1
                model:
                  name: Lib
                  derived_from_model: {name: MorrisLecar}
                  parameters: {q: {value: 0.3}}
                RUN
            """, log: log, modelDirs: Library());
        Assert.AreEqual("-x/p + q", State(exp.Model, "x").EquationText);
        Assert.AreEqual(0.3, Param(exp.Model, "q"));
        log.Single(LogLevel.Information, "study.yaml:5:", "derived_from_model 'MorrisLecar' is its lineage");
    }

    [TestMethod]
    public void DerivedFromAMissingModelWithoutEquationsIsRefused()
    {
        var dir = Library();
        var ex = Fails("""
            simulation_experiments:
              - id: 4
                model:
                  name: Child
                  derived_from_model: {name: Nowhere}
                  parameters: {p: {value: 2.0}}
                RUN
            """, null, dir);
        Assert.AreEqual(5, ex.Line);
        StringAssert.Contains(ex.Problem, "experiment 4: model 'Child' derives from 'Nowhere' (derived_from_model) and gives no state_variables of its own");
        StringAssert.Contains(ex.Problem, $"no model folder searched ({dir}"); // then TVBO_MODELS_DIR's, where it is set
        StringAssert.Contains(ex.Problem, ") holds Nowhere.yaml");
        StringAssert.Contains(ex.Problem, "--models DIR (ExperimentLoadOptions.ModelDirectories)");
    }

    [TestMethod]
    public void DerivedFromAMissingModelWithItsOwnEquationsIsReadAsWrittenWithAWarning()
    {
        var log = new RecordingLogger();
        var exp = Load("""
            simulation_experiments:
              - id: 1
                model:
                  name: Child
                  derived_from_model: {name: Nowhere}
                  state_variables: {x: {equation: '-x', initial_value: 1}}
                RUN
            """, log: log, modelDirs: Library());
        Assert.AreEqual("Child", exp.Model.Name);
        log.Single(LogLevel.Warning, "study.yaml:5:", "derived_from_model 'Nowhere' is not in any model folder searched", "read from its own equations");
    }

    [TestMethod]
    public void AModelDerivedFromTheStudysModelInheritsIt()
    {
        // Jansen1995's experiment 4: a model derived from the study's top-level model adds states and overrides one.
        var log = new RecordingLogger();
        var exp = Load(SharedModel + """
              - id: 4
                model:
                  name: DecayDelayed
                  derived_from_model: {name: Decay}
                  modified: true
                  state_variables:
                    z: {equation: {rhs: "x - z"}, initial_value: 0.0}
                    y: {equation: {rhs: "-2*y + z"}}
                RUN
            """, log: log);
        Assert.AreEqual("DecayDelayed", exp.Model.Name);
        CollectionAssert.AreEqual(new[] { "x", "y", "z" }, exp.Model.StateVariables.Select(s => s.Name).ToArray());
        Assert.AreEqual("-2*y + z", State(exp.Model, "y").EquationText);
        Assert.AreEqual(2.0, State(exp.Model, "y").InitialValue, "the initial value the derived model leaves out is the parent's");
        log.Single(LogLevel.Information, "study.yaml:12:", "experiment 4: the model derives from the study's model 'Decay'");
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    [TestMethod]
    public void AModelFileReadOnItsOwnSaysItsParentIsNotLookedUp()
    {
        var log = new RecordingLogger();
        var m = Dynamics.Load(Put(NewDir(), "Child.yaml", "name: Child\nderived_from_model: {name: Lib}\nstate_variables: {x: {equation: '-x'}}\n"), log);
        Assert.AreEqual("Child", m.Name);
        log.Single(LogLevel.Warning, "Child.yaml:2:", "derived_from_model is not looked up when a model file is read on its own");

        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.Load(Put(NewDir(), "Child.yaml", "name: Child\nderived_from_model: {name: Lib}\nparameters: {p: 2.0}\n")));
        Assert.AreEqual(2, ex.Line);
        StringAssert.Contains(ex.Problem, "model 'Child' derives from another model (derived_from_model) and gives no state_variables");
    }

    // ---------------------------------------------------------------- monitors

    [TestMethod]
    public void SampledMonitorsAreObservablesOfTvbsFunctions()
    {
        var log = new RecordingLogger();
        var exp = Load(SharedModel + """
              - id: 1
                integration: {method: euler, step_size: 0.1, duration: 10.0}
                monitors:
                  Raw:
                  TemporalAverage: {period: 0.5}
                  SubSample: {period: 1.0, select_variable: {name: y}}
                  Bold: {period: 2.0, parameters: {hrf_length: {value: 8.0}}}
            """, log: log);
        CollectionAssert.AreEqual(new[] { "TemporalAverage", "SubSample", "Bold" }, exp.Observables.Select(o => o.Name).ToArray());
        var ta = exp.Observables["TemporalAverage"];
        CollectionAssert.AreEqual(new[] { "x", "y" }, ta.Source.ToArray());
        Assert.AreEqual("temporal_average", ta.Steps.Single().Function);
        Assert.AreEqual(0.5, ta.Steps.Single().Arguments["period"]);
        Assert.AreEqual("y", exp.Observables["SubSample"].Source.Single());
        Assert.AreEqual("subsample", exp.Observables["SubSample"].Steps.Single().Function);
        Assert.AreEqual(8.0, exp.Observables["Bold"].Steps.Single().Arguments["hrf_length"]);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    [TestMethod]
    public void MonitorsWithoutAnEquivalentAreWarnedAboutWithWhatToWrite()
    {
        var log = new RecordingLogger();
        var exp = Load(SharedModel + """
              - id: 1
                integration: {method: euler, step_size: 0.1, duration: 4000.0}
                monitors:
                  - name: Raw
                    period: 1.0
                    imaging_modality: EEG
                    select_variable: {name: v_pyr}
                  - name: EEG
                  - name: Bold
                    imaging_modality: BOLD
            """, log: log);
        log.Single(LogLevel.Warning, "study.yaml:13:", "monitor 'Raw': TVB's Raw monitor records every sample and has no period", "integration.sampling_step_size");
        log.Single(LogLevel.Warning, "study.yaml:15:", "monitor 'Raw' selects 'v_pyr', which is not a state or derived variable of model 'Decay'", "observations: {v_pyr: {equation: {rhs: ...}}}");
        log.Single(LogLevel.Warning, "study.yaml:16:", "monitor 'EEG' has no equivalent here and is not computed", "write an observation");
        Assert.HasCount(3, log.Warnings, string.Join("\n", log.Warnings));
        Assert.AreEqual(2000.0, exp.Observables["Bold"].Steps.Single().Arguments["period"], "TVB's default period");
    }

    [TestMethod]
    [DataRow("Foo: {period: 1.0}", 12, "monitor 'Foo' is not one of TVB's monitors; known: Raw, RawVoi, TemporalAverage")]
    [DataRow("TemporalAverage: {period: 0.25}", 12, "monitor 'TemporalAverage': period 0.25 ms is not a positive multiple of the sample interval 0.1 ms")]
    [DataRow("SubSample: {period: 20.0}", 12, "monitor 'SubSample': period 20 ms is longer than the run (integration.duration 10 ms)")]
    [DataRow("Bold: {parameters: {tau: {value: 1}}}", 12, "monitor 'Bold': parameter 'tau' is not one of bold's: period, hrf_length, tau_s, tau_f, k_1, V_0.")]
    [DataRow("Bold: {pipeline: [{function: mean}]}", 12, "monitor 'Bold': 'pipeline' (a monitor's own processing) is not supported; write it as an observation")]
    [DataRow("Raw: {selct_variable: x}", 12, "'selct_variable' is not a key of monitor 'Raw'")]
    public void MonitorErrorsNameTheMonitorAndWhatIsValid(string monitor, int line, string problem)
    {
        var ex = Fails(SharedModel + """
              - id: 1
                integration: {method: euler, step_size: 0.1, duration: 10.0}
                monitors:
                  MONITOR
            """.Replace("MONITOR", monitor, StringComparison.Ordinal));
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "experiment 1: " + problem);
    }

    // ---------------------------------------------------------------- integration: Jansen1995's method

    [TestMethod]
    public void RungeKuttaFehlberg45IsRefusedWithTheAdaptiveMethodToWrite()
    {
        var ex = Fails(SharedModel + """
              - id: 5
                integration: {method: RungeKuttaFehlberg45, duration: 1000}
            """);
        Assert.AreEqual(10, ex.Line);
        StringAssert.Contains(ex.Problem, "experiment 5: integration.method 'RungeKuttaFehlberg45' is not known; valid (any case): euler, heun, rk4, rk45");
        StringAssert.Contains(ex.Problem, "For an adaptive 4(5) Runge–Kutta write rk45 (Dormand–Prince, TVB's Dopri5 and scipy's RK45");
    }

    // ---------------------------------------------------------------- noise: the older 'gaussian' flag

    [TestMethod]
    public void TheOlderGaussianNoiseFlagIsAccepted()
    {
        var log = new RecordingLogger();
        var exp = Load(SharedModel + """
              - id: 1
                integration:
                  method: heun
                  step_size: 0.1
                  duration: 1.0
                  noise: {gaussian: true, additive: true, parameters: {sigma: {value: 0.01}}}
            """, log: log);
        Assert.AreEqual(0.01, exp.Integration.Noise!.Sigma);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));

        log = new RecordingLogger();
        _ = Load(SharedModel + """
              - id: 1
                integration:
                  method: heun
                  step_size: 0.1
                  duration: 1.0
                  noise: {gaussian: false, parameters: {sigma: {value: 0.01}}}
            """, log: log);
        log.Single(LogLevel.Warning, "study.yaml:14:", "integration.noise.gaussian: false is not applied");
    }
}

using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Networks;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Networks;

/// <summary>Connectomes from TVBO's files (<c>network.iri</c>, <c>data_file</c>, <c>bids_dir</c>): the test connectome
/// (tests/Data/connectomes) read from each of TVBO's layouts gives the same network as its inline matrices; bad files
/// are refused naming the file, the line and what would be valid.</summary>
[TestClass]
public sealed class ConnectomeFileTests
{
    /// <summary>A linear model with a coupling input (lines 1-6); the network block starts on line 7.</summary>
    private const string Lin = """
        dynamics:
          name: Lin
          coupling_inputs: {c_glob: {}}
          state_variables:
            x: {equation: {rhs: "-x + c_glob"}, initial_value: 1.0, coupling_variable: true}
        integration: {method: euler, step_size: 0.1, duration: 1.0}

        """;

    private static string Put(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-connectome-exp-").FullName;

    private static SimulationExperiment Load(string network, string[] folders, RecordingLogger? log = null, string? dir = null) =>
        SimulationExperiment.Load(Put(dir ?? NewDir(), "exp.yaml", Lin + network), new ExperimentLoadOptions { ModelDirectories = folders, Logger = log ?? new RecordingLogger() });

    private static TvboFileException Fails(string network, string[] folders, string? dir = null)
    {
        var path = Put(dir ?? NewDir(), "exp.yaml", Lin + network);
        return Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { ModelDirectories = folders, Logger = new RecordingLogger() }));
    }

    private static void AssertTestConnectome(Network? network, double weightScale = 1.0)
    {
        Assert.IsNotNull(network);
        Assert.AreEqual(4, network.NodeCount);
        var w = network.Weights;
        var l = network.Lengths;
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Assert.AreEqual(TestConnectomes.Weights[i, j] * weightScale, w[i, j], $"weight [{i}, {j}]");
                Assert.AreEqual(TestConnectomes.Lengths[i, j], l[i, j], $"length [{i}, {j}]");
            }
        }

        CollectionAssert.AreEqual(TestConnectomes.Labels, network.Nodes.Select(n => n.Label).ToArray());
    }

    private static void AssertMatrix(double[,] expected, double[,] actual)
    {
        Assert.AreEqual(expected.GetLength(0), actual.GetLength(0));
        for (var i = 0; i < expected.GetLength(0); i++)
        {
            for (var j = 0; j < expected.GetLength(1); j++)
            {
                Assert.AreEqual(expected[i, j], actual[i, j], $"[{i}, {j}]");
            }
        }
    }

    // ---- TVBO's older layout: database/networks/space-…_desc-<tractogram>.yaml with CSV files by the author's paths.

    [TestMethod]
    public void AnAtlasNameFindsTheOlderLayoutsDtorNetworkItsCsvFilesByNameAndItsAtlasLabels()
    {
        var log = new RecordingLogger();
        var exp = Load("network:\n  iri: tvbo:Tiny\n  coupling: {c_glob: {iri: tvbo:Linear}}\n", [TestConnectomes.Older], log);
        AssertTestConnectome(exp.Network);
        StringAssert.EndsWith(log.Single(LogLevel.Information, "network.iri 'tvbo:Tiny' is"), "space-Test_atlas-Tiny_desc-dTOR.yaml.",
            "desc-Other sorts first, but TVBO's default tractogram is dTOR");
        log.Single(LogLevel.Information, "4 node labels", "'left-frontal' as 'left_frontal'");
        Assert.AreEqual(0, exp.Network!.ObservationalMeasures.Count);
    }

    [TestMethod]
    public void TheOlderLayoutIsFoundFromTheDatabaseModelsFolderOrTheNetworksFolderToo()
    {
        var models = Path.Combine(TestConnectomes.Copy(TestConnectomes.Older), "database", "models");
        Directory.CreateDirectory(models);
        AssertTestConnectome(Load("network: {iri: tvbo:Tiny}\n", [models]).Network);
        AssertTestConnectome(Load("network: {iri: tvbo:Tiny}\n", [Path.Combine(TestConnectomes.Older, "database", "networks")]).Network);
    }

    [TestMethod]
    public void AFileNameOrTheNetworksNameChoosesAnotherTractogram()
    {
        AssertTestConnectome(Load("network: {iri: tvbo:space-Test_atlas-Tiny_desc-Other}\n", [TestConnectomes.Older]).Network, 10.0);
        AssertTestConnectome(Load("network: {iri: 'tvbo:Tiny (Other)'}\n", [TestConnectomes.Older]).Network, 10.0);
    }

    [TestMethod]
    public void AnOlderNetworkWhoseCsvFileIsNowhereSaysWhereItLooked()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Older);
        var connectome = Path.Combine(root, "tvbo", "data", "tvbo_data", "connectome");
        File.Delete(Path.Combine(connectome, "space-Test_atlas-Tiny_desc-dTOR_lengths.csv"));
        var ex = Fails("network: {iri: tvbo:Tiny}\n", [root]);
        Assert.AreEqual(Path.Combine(root, "database", "networks", "space-Test_atlas-Tiny_desc-dTOR.yaml"), ex.File, "the network file names the CSV");
        Assert.AreEqual(9, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "the lengths file 'space-Test_atlas-Tiny_desc-dTOR_lengths.csv' cannot be found: not at /Users/someone/tools/tvbo-python/tvbo/data/tvbo_data/connectome/space-Test_atlas-Tiny_desc-dTOR_lengths.csv");
        StringAssert.Contains(ex.Problem, connectome);
        StringAssert.Contains(ex.Problem, "--models DIR (ExperimentLoadOptions.ModelDirectories) or TVBO_MODELS_DIR");
    }

    [TestMethod]
    public void AnOlderNetworkWhoseRegionCountDisagreesWithItsCsvIsRefusedAtItsLine()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Older);
        var file = Path.Combine(root, "database", "networks", "space-Test_atlas-Tiny_desc-dTOR.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("number_of_regions: 4", "number_of_regions: 5", StringComparison.Ordinal));
        var ex = Fails("network: {iri: tvbo:Tiny}\n", [root]);
        Assert.AreEqual(file, ex.File);
        Assert.AreEqual(10, ex.Line);
        StringAssert.Contains(ex.Problem, "number_of_regions is 5, but the matrix of the weights (");
        StringAssert.Contains(ex.Problem, "is 4×4; they must agree");
    }

    [TestMethod]
    public void ACsvValueThatIsNoNumberIsRefusedAtItsLineInTheCsvFile()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Older);
        var csv = Path.Combine(root, "tvbo", "data", "tvbo_data", "connectome", "space-Test_atlas-Tiny_desc-dTOR_lengths.csv");
        File.WriteAllText(csv, "0,10,0,25\n10,0,15,0\n0,15,0,-20\n25,0,20,0\n");
        var ex = Fails("network: {iri: tvbo:Tiny}\n", [root]);
        Assert.AreEqual(csv, ex.File);
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "the lengths: line 3 (row 2), column 3 is -20; the lengths must be finite and not negative");
    }

    [TestMethod]
    public void WithoutItsAtlasFileAnOlderNetworksNodesAreNumbered()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Older);
        Directory.Delete(Path.Combine(root, "tvbo", "data", "tvbo_data", "atlas"), recursive: true);
        var network = Load("network: {iri: tvbo:Tiny}\n", [root]).Network!;
        CollectionAssert.AreEqual(new[] { "0", "1", "2", "3" }, network.Nodes.Select(n => n.Label).ToArray());
    }

    // ---- TVBO's current layout: tvbo/database/networks/tpl-…_relmat.yaml with an HDF5 companion.

    [TestMethod]
    public void AnAtlasNameFindsTheFirstCurrentNetworkInSortedOrderWithItsH5MatricesAndNodeLabels()
    {
        var log = new RecordingLogger();
        var exp = Load("network:\n  iri: tvbo:Tiny\n  observational_measures: [fc]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n", [TestConnectomes.Current], log);
        AssertTestConnectome(exp.Network);
        StringAssert.EndsWith(log.Single(LogLevel.Information, "network.iri 'tvbo:Tiny' is"), "tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.yaml.");
        CollectionAssert.AreEqual(new[] { "fc" }, exp.Network!.ObservationalMeasures.Keys.ToArray());
        AssertMatrix(TestConnectomes.Correlation, exp.Network.ObservationalMeasures["fc"]);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Lines));
    }

    [TestMethod]
    public void TvbosScopedIriTheFileNameAndTheFallbackFoldersResolveToo()
    {
        AssertTestConnectome(Load("network: {iri: 'tvbo:network/Tiny'}\n", [TestConnectomes.CurrentNetworks]).Network);
        AssertTestConnectome(Load("network: {iri: tvbo:tpl-Test_cohort-B_rec-dTOR_atlas-Tiny_desc-SC_relmat}\n", [TestConnectomes.Current]).Network, 10.0);
        var path = Put(NewDir(), "exp.yaml", Lin + "network: {iri: tvbo:Tiny}\n");
        var calls = 0;
        var exp = SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = new RecordingLogger(), FallbackModelDirectories = () => { calls++; return [TestConnectomes.Current]; } });
        AssertTestConnectome(exp.Network);
        Assert.AreEqual(1, calls);
    }

    [TestMethod]
    public void TheAtlasItselfComesBeforeAnAtlasWhoseNameStartsTheSame()
    {
        // atlas-Tiny8 sorts first and contains the text atlas-Tiny (TVBO's registry would take it).
        var root = TestConnectomes.Copy(TestConnectomes.Current);
        var networks = Path.Combine(root, "tvbo", "database", "networks");
        const string B = "tpl-Test_cohort-B_rec-dTOR_atlas-Tiny_desc-SC_relmat";
        const string Tiny8 = "tpl-Test_cohort-0_rec-dTOR_atlas-Tiny8_desc-SC_relmat";
        File.Copy(Path.Combine(networks, B + ".h5"), Path.Combine(networks, Tiny8 + ".h5"));
        File.WriteAllText(Path.Combine(networks, Tiny8 + ".yaml"), File.ReadAllText(Path.Combine(networks, B + ".yaml")).Replace(B, Tiny8, StringComparison.Ordinal));
        AssertTestConnectome(Load("network: {iri: tvbo:Tiny}\n", [root]).Network);
        AssertTestConnectome(Load("network: {iri: tvbo:Tiny8}\n", [root]).Network, 10.0);
    }

    [TestMethod]
    public void AtlasRegionsListedAsAListGiveTheLabelsToo()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Older);
        var atlas = Path.Combine(root, "tvbo", "data", "tvbo_data", "atlas", "tpl-Test_atlas-Tiny_desc-ranked_dseg.yaml");
        File.WriteAllText(atlas, """
            name: Tiny
            terminology:
              entities:
              - {name: right-parietal, lookupLabel: 4}
              - {name: left-frontal, lookupLabel: 1}
              - {name: left-parietal, lookupLabel: 2}
              - {name: right-frontal, lookupLabel: 3}
            """);
        AssertTestConnectome(Load("network: {iri: tvbo:Tiny}\n", [root]).Network);
    }

    [TestMethod]
    public void ADataFileNamesTheH5OrItsSidecarRelativeToTheExperiment()
    {
        var dir = Path.Combine(TestConnectomes.Copy(TestConnectomes.Current), "tvbo", "database", "experiments");
        AssertTestConnectome(Load("network: {data_file: ../networks/tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.h5}\n", [], dir: dir).Network);
        AssertTestConnectome(Load("network: {data_file: ../networks/tpl-Test_cohort-B_rec-dTOR_atlas-Tiny_desc-SC_relmat.yaml}\n", [], dir: dir).Network, 10.0);
    }

    [TestMethod]
    public void NodesEdgesAndTheSpeedOfTheBlockApplyOnTopOfTheConnectome()
    {
        var exp = Load("""
            network:
              iri: tvbo:Tiny
              number_of_nodes: 4
              conduction_speed: 5.0
              nodes: [{label: LF}, {}, {parameters: {}}, {state: {x: 0.5}}]
              edges: [{source: LF, target: right_frontal, parameters: {weight: 7.0}, directed: true}]
              coupling: {c_glob: {iri: tvbo:Linear}}
            """, [TestConnectomes.Current]);
        var network = exp.Network!;
        CollectionAssert.AreEqual(new[] { "LF", "left_parietal", "right_frontal", "right_parietal" }, network.Nodes.Select(n => n.Label).ToArray());
        Assert.AreEqual(7.0, network.GetWeight(2, 0), "the edge LF -> right_frontal");
        Assert.AreEqual(0.0, network.GetWeight(0, 2), "directed: the other direction keeps the connectome's 0");
        Assert.AreEqual(2.0, network.GetWeight(1, 0));
        Assert.AreEqual(5.0, network.ConductionSpeed);
        Assert.AreEqual(0.5, network.Nodes[3].InitialState["x"]);
    }

    [TestMethod]
    public void ANetworkFilesOwnConductionSpeedIsNotTakenAsInTvbo()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Current);
        var file = Path.Combine(root, "tvbo", "database", "networks", "tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("value: 3.0", "value: 5.0", StringComparison.Ordinal));
        var log = new RecordingLogger();
        var exp = Load("network: {iri: tvbo:Tiny, coupling: {c_glob: {iri: tvbo:Linear}}}\n", [root], log);
        Assert.AreEqual(3.0, exp.Network!.ConductionSpeed);
        StringAssert.Contains(log.Single(LogLevel.Warning, "gives the conduction speed 5"), "the experiment's is used (3 mm/ms, TVBO's default). Set network.conduction_speed to use another.");
        log = new RecordingLogger();
        exp = Load("network: {iri: tvbo:Tiny, conduction_speed: 4.0, coupling: {c_glob: {iri: tvbo:Linear}}}\n", [root], log);
        Assert.AreEqual(4.0, exp.Network!.ConductionSpeed);
        Assert.IsEmpty(log.Warnings);
    }

    [TestMethod]
    public void ACurrentNetworkWithoutAWeightMatrixSaysWhichMatricesItDeclares()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Current);
        var file = Path.Combine(root, "tvbo", "database", "networks", "tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("- label: weight", "- label: streamlines", StringComparison.Ordinal));
        var ex = Fails("network: {iri: tvbo:Tiny}\n", [root]);
        Assert.AreEqual(file, ex.File);
        StringAssert.Contains(ex.Problem, "the network has no weight matrix: TVBO takes it from an edge 'weight', 'weights' or 'sc'; the file declares streamlines, length, fc");
    }

    [TestMethod]
    public void AMissingObservationalMatrixIsRefusedWithTheMatricesThereAre()
    {
        var ex = Fails("network: {iri: tvbo:Tiny, observational_measures: [BoldCorrelation]}\n", [TestConnectomes.Current]);
        StringAssert.EndsWith(ex.File, "tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.yaml");
        StringAssert.Contains(ex.Problem, "the observational measure 'BoldCorrelation' is not a matrix of this network; it declares weight, length, fc");
    }

    [TestMethod]
    public void ATruncatedH5FileIsRefusedNamingIt()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Current);
        var h5 = Path.Combine(root, "tvbo", "database", "networks", "tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.h5");
        var bytes = File.ReadAllBytes(h5);
        File.WriteAllBytes(h5, bytes[..(bytes.Length / 3)]);
        var ex = Fails("network: {iri: tvbo:Tiny}\n", [root]);
        Assert.AreEqual(h5, ex.File);
        StringAssert.Contains(ex.Problem, "network.iri in ");
        StringAssert.Matches(ex.Problem, new System.Text.RegularExpressions.Regex("truncated|damaged"));
    }

    [TestMethod]
    public void AnH5FileThatIsNoHdf5IsRefusedNamingIt()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Current);
        var h5 = Path.Combine(root, "tvbo", "database", "networks", "tpl-Test_cohort-A_rec-dTOR_atlas-Tiny_desc-SC_relmat.h5");
        File.WriteAllText(h5, "0,1\n1,0\n");
        var ex = Fails("network: {iri: tvbo:Tiny}\n", [root]);
        Assert.AreEqual(h5, ex.File);
        StringAssert.Contains(ex.Problem, "cannot be decoded: it is damaged or not HDF5");
    }

    [TestMethod]
    public void AnAsymmetricMatrixDeclaredUndirectedIsUsedAsWrittenWithAWarning()
    {
        var root = TestConnectomes.Copy(TestConnectomes.Current);
        var bids = Path.Combine(root, "tvbo", "database", "networks", "bids", "tiny_average");
        File.WriteAllText(Path.Combine(bids, "atlas-Tiny_meas-streamlineCount_relmat.dense.tsv"), "0\t2\t0\t1\n2\t0\t3\t0\n0\t3\t0\t4\n1\t0\t9\t0\n");
        var log = new RecordingLogger();
        var exp = Load($"network: {{bids_dir: '{bids}'}}\n", [], log);
        Assert.AreEqual(9.0, exp.Network!.GetWeight(3, 2), "row = target 3, column = source 2, as written");
        Assert.AreEqual(4.0, exp.Network.GetWeight(2, 3));
        StringAssert.Contains(log.Single(LogLevel.Warning, "declared undirected"), "[2, 3] = 4, [3, 2] = 9. They are used as written, as TVBO does");
    }

    // ---- BIDS connectivity folders (BEP017).

    private static string BidsExperimentFolder()
    {
        // TVBO's layout: tvbo/database/experiments/x.yaml names ../networks/bids/<name>.
        var root = TestConnectomes.Copy(TestConnectomes.Current);
        return Path.Combine(root, "tvbo", "database", "experiments");
    }

    [TestMethod]
    public void ABidsFolderGivesWeightsLengthsLabelsAndTheObservationalMeasureApart()
    {
        var exp = Load("""
            network:
              bids_dir: ../networks/bids/tiny_average
              structural_measures: [streamlineCount, tractLength]
              observational_measures: [BoldCorrelation]
            """, [], dir: BidsExperimentFolder());
        AssertTestConnectome(exp.Network);
        CollectionAssert.AreEqual(new[] { "BoldCorrelation" }, exp.Network!.ObservationalMeasures.Keys.ToArray());
        AssertMatrix(TestConnectomes.Correlation, exp.Network.ObservationalMeasures["BoldCorrelation"]);
    }

    [TestMethod]
    public void WithoutStructuralMeasuresTheFoldersMeasuresAreClassifiedByTvbosNames()
    {
        var exp = Load("network: {bids_dir: ../networks/bids/tiny_average}\n", [], dir: BidsExperimentFolder());
        AssertTestConnectome(exp.Network);
        Assert.AreEqual(0, exp.Network!.ObservationalMeasures.Count, "BoldCorrelation is read only when asked for");
    }

    [TestMethod]
    public void AMissingMeasureListsTheFoldersMeasures()
    {
        var dir = BidsExperimentFolder();
        var ex = Fails("network: {bids_dir: ../networks/bids/tiny_average, observational_measures: [BoldCoherence]}\n", [], dir);
        StringAssert.EndsWith(ex.File, Path.Combine("bids", "tiny_average"));
        StringAssert.Contains(ex.Problem, "the measure 'BoldCoherence' is not in the folder (no *meas-BoldCoherence_relmat.dense.tsv); its measures: BoldCorrelation, streamlineCount, tractLength");
    }

    [TestMethod]
    public void StructuralMeasuresInTheWrongOrderAreRefused()
    {
        var ex = Fails("network: {bids_dir: ../networks/bids/tiny_average, structural_measures: [tractLength, streamlineCount]}\n", [], BidsExperimentFolder());
        StringAssert.Contains(ex.Problem, "the first is the weights and the second the lengths (TVBO's order); 'tractLength' is a length measure: write [streamlineCount, tractLength]");
    }

    [TestMethod]
    public void ANodeFileThatDoesNotMatchTheMatricesIsRefusedAtItsLastRow()
    {
        var dir = BidsExperimentFolder();
        var nodes = Path.Combine(dir, "..", "networks", "bids", "tiny_average", "atlas-Tiny_nodeindices.tsv");
        File.WriteAllText(nodes, "matrix_index\tnode_file\tnode_index\tlabel\n0\tatlas-Tiny\t0\ta\n1\tatlas-Tiny\t1\tb\n2\tatlas-Tiny\t2\tc\n");
        var ex = Fails("network: {bids_dir: ../networks/bids/tiny_average}\n", [], dir);
        Assert.AreEqual(Path.GetFullPath(nodes), ex.File);
        Assert.AreEqual(4, ex.Line);
        StringAssert.Contains(ex.Problem, "the node file lists 3 nodes, but the matrices are 4×4; it must list one row per node");
    }

    [TestMethod]
    public void ASidecarWhoseSizeDisagreesWithItsMatrixIsRefusedAtItsLine()
    {
        var dir = BidsExperimentFolder();
        var json = Path.GetFullPath(Path.Combine(dir, "..", "networks", "bids", "tiny_average", "atlas-Tiny_meas-tractLength_relmat.json"));
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"Size\": 4", "\"Size\": 5", StringComparison.Ordinal));
        var ex = Fails("network: {bids_dir: ../networks/bids/tiny_average}\n", [], dir);
        Assert.AreEqual(json, ex.File);
        Assert.AreEqual(11, ex.Line);
        StringAssert.Contains(ex.Problem, "Axes: Size is 5, but atlas-Tiny_meas-tractLength_relmat.dense.tsv is 4×4; they must agree");
    }

    [TestMethod]
    public void LengthsInMetresAreRefused()
    {
        var dir = BidsExperimentFolder();
        var json = Path.GetFullPath(Path.Combine(dir, "..", "networks", "bids", "tiny_average", "atlas-Tiny_meas-tractLength_relmat.json"));
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"MeasureUnits\": \"mm\"", "\"MeasureUnits\": \"m\"", StringComparison.Ordinal));
        var ex = Fails("network: {bids_dir: ../networks/bids/tiny_average}\n", [], dir);
        Assert.AreEqual(json, ex.File);
        StringAssert.Contains(ex.Problem, "lengths are in 'm'; they are read in mm");
    }

    [TestMethod]
    public void ASidecarThatIsNoJsonIsRefusedAtItsLine()
    {
        var dir = BidsExperimentFolder();
        var json = Path.GetFullPath(Path.Combine(dir, "..", "networks", "bids", "tiny_average", "atlas-Tiny_meas-streamlineCount_relmat.json"));
        File.WriteAllText(json, "{\n  \"RelationshipMeasure\": \"streamlineCount\",\n  \"Directed\": nope\n}\n");
        var ex = Fails("network: {bids_dir: ../networks/bids/tiny_average}\n", [], dir);
        Assert.AreEqual(json, ex.File);
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "the sidecar is not valid JSON");
    }

    [TestMethod]
    public void AMissingBidsFolderIsRefusedAtTheKey()
    {
        var ex = Fails("network:\n  bids_dir: ../networks/bids/nothing_here\n", [], BidsExperimentFolder());
        Assert.AreEqual(8, ex.Line);
        StringAssert.Contains(ex.Problem, "network.bids_dir '../networks/bids/nothing_here' does not exist (looked for ");
    }

    // ---- The block: what may stand beside a connectome, and names that resolve to nothing.

    [TestMethod]
    public void AnUnknownAtlasListsTheAtlasesAvailable()
    {
        var ex = Fails("network:\n  iri: tvbo:Desikan\n", [TestConnectomes.Current, TestConnectomes.Older]);
        Assert.AreEqual(8, ex.Line);
        StringAssert.Contains(ex.Problem, "the network 'tvbo:Desikan' is not in the network folders searched (");
        StringAssert.Contains(ex.Problem, "no file Desikan.yaml, none named 'Desikan', none whose file name has atlas-Desikan. Atlases available: Tiny.");
    }

    [TestMethod]
    public void AnIriWithoutAnyNetworkFolderSaysHowToGiveOne()
    {
        var ex = Fails("network: {iri: tvbo:DesikanKilliany}\n", [Path.Combine(TestConnectomes.Folder, "no-such-folder")]);
        if (Environment.GetEnvironmentVariable("TVBO_MODELS_DIR") is { Length: > 0 } models && Directory.Exists(models))
        {
            // TVBO_MODELS_DIR (set by .ci/run where the shared model folder exists) is searched and holds no network.
            StringAssert.Contains(ex.Problem, $"the network 'tvbo:DesikanKilliany' is not in the network folders searched ({Path.GetFullPath(models)}");
        }
        else
        {
            StringAssert.Contains(ex.Problem, "the network 'tvbo:DesikanKilliany' cannot be found: no network folder is configured. Give TVBO's database");
        }
    }

    [TestMethod]
    public void AConnectomeAndMatricesOrTwoConnectomesAreRefused()
    {
        var ex = Fails("network:\n  iri: tvbo:Tiny\n  weights: [[0, 1], [1, 0]]\n", [TestConnectomes.Current]);
        Assert.AreEqual(9, ex.Line);
        StringAssert.Contains(ex.Problem, "network.weights and network.iri both give the network's matrices");
        ex = Fails("network:\n  iri: tvbo:Tiny\n  bids_dir: x\n", [TestConnectomes.Current]);
        Assert.AreEqual(9, ex.Line);
        StringAssert.Contains(ex.Problem, "network.iri and network.bids_dir both give the connectome; give one.");
        ex = Fails("network:\n  iri: tvbo:Tiny\n  structural_measures: [weight, length]\n", [TestConnectomes.Current]);
        StringAssert.Contains(ex.Problem, "network.structural_measures selects the weights and lengths of a bids_dir");
        ex = Fails("network:\n  number_of_nodes: 2\n  observational_measures: [BoldCorrelation]\n", []);
        StringAssert.Contains(ex.Problem, "network.observational_measures selects matrices of a connectome");
    }

    [TestMethod]
    public void ASizeThatDisagreesWithTheConnectomeIsRefused()
    {
        var ex = Fails("network:\n  number_of_nodes: 3\n  iri: tvbo:Tiny\n", [TestConnectomes.Current]);
        Assert.AreEqual(9, ex.Line);
        StringAssert.Contains(ex.Problem, "network.iri gives 4 nodes (");
        StringAssert.Contains(ex.Problem, "but network.number_of_nodes is 3 (line 8); they must agree.");
    }

    [TestMethod]
    public void TransformsApplyToAConnectomeAndAParcellationAloneNamesNoConnectome()
    {
        var exp = Load("network:\n  iri: tvbo:Tiny\n  transforms: [{name: weight, equation: {rhs: weight / max(weight)}}]\n", [TestConnectomes.Current]);
        AssertTestConnectome(exp.Network, weightScale: 1.0 / 4.0);
        var ex = Fails("network:\n  parcellation: {atlas: {name: Tiny}}\n", [TestConnectomes.Current]);
        StringAssert.Contains(ex.Problem, "network.parcellation is not supported: give a connectome by network.iri (tvbo:DesikanKilliany)");
    }
}

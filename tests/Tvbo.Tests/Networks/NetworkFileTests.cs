using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Networks;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Networks;

/// <summary>The <c>network:</c> block and the couplings of experiment files, read into <see cref="Network"/>: file in,
/// network or the exact error (with its line) out.</summary>
[TestClass]
public sealed class NetworkFileTests
{
    /// <summary>A linear model with two coupling inputs (lines 1-9); the network block starts on line 10.</summary>
    private const string Lin = """
        dynamics:
          name: Lin
          parameters:
            a: {value: 1.0}
          coupling_inputs: {c_glob: {}, c_loc: {}}
          state_variables:
            x: {equation: {rhs: "-a*x + c_glob + c_loc"}, initial_value: 1.0, coupling_variable: true}
            y: {equation: {rhs: "-y"}, initial_value: 0.5}
        integration: {method: euler, step_size: 0.1, duration: 1.0}

        """;

    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-net-").FullName;

    private static string Put(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static SimulationExperiment Load(string text, string? dir = null, RecordingLogger? log = null) =>
        SimulationExperiment.Load(Put(dir ?? NewDir(), "exp.yaml", text), new ExperimentLoadOptions { Logger = log ?? new RecordingLogger() });

    private static TvboFileException Fails(string text, string? dir = null)
    {
        var path = Put(dir ?? NewDir(), "exp.yaml", text);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = new RecordingLogger() }));
        Assert.AreEqual(path, ex.File, ex.Message);
        StringAssert.StartsWith(ex.Message, $"{path}:{ex.Line}:{ex.Column}: ");
        return ex;
    }

    private static void Fails(string text, int line, string problem, string? dir = null)
    {
        var ex = Fails(text, dir);
        StringAssert.Contains(ex.Problem, problem, ex.Message);
        Assert.AreEqual(line, ex.Line, ex.Message);
    }

    /// <summary>A NumPy .npy file (format 1.0) as np.save writes it: magic, version, header dict padded with spaces and a
    /// newline to a multiple of 64 bytes, then the data.</summary>
    private static byte[] Npy(double[,] m, string descr = "<f8", bool fortran = false)
    {
        var (r, c) = (m.GetLength(0), m.GetLength(1));
        var dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({r}, {c}), }}");
        var pad = (64 - ((10 + dict.Length + 1) % 64)) % 64;
        var header = Encoding.Latin1.GetBytes(dict + new string(' ', pad) + "\n");
        Assert.AreEqual(0, (10 + header.Length) % 64);
        var size = descr[^1] - '0';
        var bytes = new byte[10 + header.Length + (r * c * size)];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bytes, 10);
        var at = 10 + header.Length;
        for (var k = 0; k < r * c; k++)
        {
            var (i, j) = fortran ? (k % r, k / r) : (k / c, k % c);
            var cell = bytes.AsSpan(at + (k * size), size);
            switch (descr)
            {
                case "<f8": BinaryPrimitives.WriteDoubleLittleEndian(cell, m[i, j]); break;
                case "<f4": BinaryPrimitives.WriteSingleLittleEndian(cell, (float)m[i, j]); break;
                case "<i8": BinaryPrimitives.WriteInt64LittleEndian(cell, (long)m[i, j]); break;
                default: BinaryPrimitives.WriteInt32LittleEndian(cell, (int)m[i, j]); break;
            }
        }

        return bytes;
    }

    private static void AreEqual(double[,] expected, double[,] actual, string what)
    {
        Assert.AreEqual(expected.GetLength(0), actual.GetLength(0), what);
        Assert.AreEqual(expected.GetLength(1), actual.GetLength(1), what);
        for (var i = 0; i < expected.GetLength(0); i++)
        {
            for (var j = 0; j < expected.GetLength(1); j++)
            {
                Assert.AreEqual(expected[i, j], actual[i, j], $"{what}[{i}, {j}]");
            }
        }
    }

    // ---------------------------------------------------------------- matrices

    [TestMethod]
    public void InlineWeightsAreRowTargetColumnSource()
    {
        var exp = Load(Lin + "network:\n  weights: [[0, 2.5], [0.5, 0]]\n");
        var net = exp.Network!;
        Assert.AreEqual(2, net.NodeCount);
        Assert.AreEqual(2.5, net.GetWeight(target: 0, source: 1));
        Assert.AreEqual(0.5, net.GetWeight(target: 1, source: 0));
        CollectionAssert.AreEqual(new[] { "0", "1" }, net.Nodes.Select(n => n.Label).ToArray());
        Assert.AreEqual(3.0, net.ConductionSpeed, "TVBO's default speed");
        Assert.IsEmpty(net.Coupling);
    }

    [TestMethod]
    public void TvbosOlderMatrixFormIsReadRowByRow()
    {
        // TVBO's older Matrix (x, y: the node labels; values: the entries row by row), as in its Jansen1995 study.
        var exp = Load(Lin + """
            network:
              weights:
                x: {values: [1, 2]}
                y: {values: [1, 2]}
                values: [0, 70, 30, 0]
              lengths: {values: [0, 100, 100, 0]}
            """);
        Assert.AreEqual(70.0, exp.Network!.GetWeight(target: 0, source: 1));
        Assert.AreEqual(30.0, exp.Network.GetWeight(target: 1, source: 0));
        Assert.AreEqual(100.0, exp.Network.Lengths[0, 1]);
    }

    [TestMethod]
    public void CsvAndTextMatricesAreReadRelativeToTheExperimentFile()
    {
        var dir = NewDir();
        Put(dir, "data/w.csv", "# target x source\n0, 1.5, 0\n\n2,0,0 # a comment\n0 ,0, 3\n");
        Put(dir, "data/l.txt", "0 4 0\n4\t0 0\n  0 0 0  \n");
        var exp = Load(Lin + "network:\n  number_of_regions: 3\n  weights: data/w.csv\n  tract_lengths: data/l.txt\n", dir);
        AreEqual(new double[,] { { 0, 1.5, 0 }, { 2, 0, 0 }, { 0, 0, 3 } }, exp.Network!.Weights, "weights");
        AreEqual(new double[,] { { 0, 4, 0 }, { 4, 0, 0 }, { 0, 0, 0 } }, exp.Network.Lengths, "lengths");
        Assert.AreEqual(4.0 / 3.0, exp.Network.GetDelay(target: 0, source: 1), "length / default speed 3");
    }

    [TestMethod]
    [DataRow("<f8", false)]
    [DataRow("<f8", true)]
    [DataRow("<f4", false)]
    [DataRow("<i8", true)]
    [DataRow("<i4", false)]
    public void NpyMatricesAreRead(string descr, bool fortran)
    {
        var w = new double[,] { { 0, 1, 2 }, { 3, 0, 5 }, { 6, 7, 0 } };
        var dir = NewDir();
        File.WriteAllBytes(Path.Combine(dir, "w.npy"), Npy(w, descr, fortran));
        var exp = Load(Lin + "network:\n  weights: w.npy\n", dir);
        AreEqual(w, exp.Network!.Weights, $"{descr} fortran={fortran}");
    }

    [TestMethod]
    public void ExplicitDelaysMatrixIsRead()
    {
        var exp = Load(Lin + "network:\n  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 6], [6, 0]]\n  delays: [[0, 0.5], [0, 0]]\n  conduction_speed: 3\n");
        Assert.AreEqual(0.5, exp.Network!.GetDelay(target: 0, source: 1), "the explicit delay wins over the length");
        Assert.AreEqual(0.0, exp.Network.GetDelay(target: 1, source: 0), "a delays matrix gives every delay: 0 is 0, whatever the length");
    }

    // ---------------------------------------------------------------- nodes and edges

    [TestMethod]
    public void EdgesAreBothDirectionsUnlessDirected()
    {
        var exp = Load(Lin + """
            network:
              nodes: [A, B, C]
              edges:
                - {source: A, target: B, parameters: {weight: 2}}
                - {source: 2, target: 0, parameters: {weight: {value: 3}, distance: 6}, directed: true}
                - {source: B, target: C}
            """);
        var net = exp.Network!;
        Assert.AreEqual(2.0, net.GetWeight(target: 1, source: 0));
        Assert.AreEqual(2.0, net.GetWeight(target: 0, source: 1), "undirected by default (TVBO's ifabsent false)");
        Assert.AreEqual(3.0, net.GetWeight(target: 0, source: 2));
        Assert.AreEqual(0.0, net.GetWeight(target: 2, source: 0), "directed: true adds one direction only");
        Assert.AreEqual(2.0, net.GetDelay(target: 0, source: 2), "distance 6 / speed 3");
        Assert.AreEqual(1.0, net.GetWeight(target: 2, source: 1), "an edge without a weight has weight 1");
        Assert.AreEqual(1.0, net.GetWeight(target: 1, source: 2));
    }

    [TestMethod]
    public void EdgesOverrideMatrixCellsAndKeepTheirLengths()
    {
        var exp = Load(Lin + "network:\n  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 9], [9, 0]]\n  edges:\n    - {source: 1, target: 0, parameters: {weight: 4}, directed: true}\n");
        Assert.AreEqual(4.0, exp.Network!.GetWeight(target: 0, source: 1));
        Assert.AreEqual(1.0, exp.Network.GetWeight(target: 1, source: 0));
        Assert.AreEqual(3.0, exp.Network.GetDelay(target: 0, source: 1), "the edge gives no length: the matrix's 9 stays");
    }

    [TestMethod]
    public void NodesGiveLabelsParametersAndState()
    {
        var exp = Load(Lin + """
            network:
              number_of_nodes: 3
              nodes:
                - {id: n0, label: left, parameters: {a: {value: 2.0}}, state: {x: {value: 0.25}}}
                - {id: n1, parameters: {a: 3}, state: {y: 0.125}, position: [0, 1, 2], dynamics: Lin}
                - {}
              edges:
                - {source: n1, target: left, directed: true}
            """);
        var net = exp.Network!;
        CollectionAssert.AreEqual(new[] { "left", "n1", "2" }, net.Nodes.Select(n => n.Label).ToArray(), "label, else id, else index");
        Assert.AreEqual(2.0, net.Nodes[0].Parameters["a"]);
        Assert.AreEqual(0.25, net.Nodes[0].InitialState["x"]);
        Assert.AreEqual(3.0, net.Nodes[1].Parameters["a"]);
        Assert.AreEqual(0.125, net.Nodes[1].InitialState["y"]);
        Assert.IsEmpty(net.Nodes[2].Parameters);
        Assert.AreEqual(1.0, net.GetWeight(target: 0, source: 1), "edges find nodes by id too");
    }

    [TestMethod]
    public void ASingleNodeWithoutEdgesIsNoNetworkAndItsCouplingIsIgnored()
    {
        var log = new RecordingLogger();
        var exp = Load(Lin + "network: {number_of_nodes: 1}\ncoupling:\n  c_glob: {iri: tvbo:Linear}\n", log: log);
        Assert.IsNull(exp.Network);
        log.Single(LogLevel.Warning, "'coupling' has no effect on a single node without edges");
    }

    [TestMethod]
    public void NodesWithoutEdgesAreANetworkOfUncoupledNodes()
    {
        var exp = Load(Lin + "network: {number_of_nodes: 3}\n");
        Assert.AreEqual(3, exp.Network!.NodeCount);
        Assert.IsFalse(exp.Network.HasEdges);
    }

    // ---------------------------------------------------------------- coupling and conduction speed

    [TestMethod]
    public void CouplingStartsFromTheLibraryAndTheFileOverrides()
    {
        var exp = Load(Lin + """
            network:
              weights: [[0, 1], [1, 0]]
              coupling:
                c_glob:
                  iri: tvbo:Linear
                  parameters: {a: {value: 0.5}, G: 2}
                  post_expression: {rhs: "G*a*gx + b"}
                  incoming_states: [x]
                  delayed: false
                c_loc:
                  pre_expression: "x_j - x_i"
                  post_expression: "gx"
            """);
        var c = exp.Network!.Coupling["c_glob"];
        Assert.AreEqual("tvbo:Linear", c.Iri);
        Assert.AreEqual("x_j", c.PreExpression, "the library's pre_expression stays");
        Assert.AreEqual("G*a*gx + b", c.PostExpression);
        Assert.AreEqual(0.5, c.Parameters["a"]);
        Assert.AreEqual(0.0, c.Parameters["b"], "the library's b stays");
        Assert.AreEqual(2.0, c.Parameters["G"]);
        CollectionAssert.AreEqual(new[] { "x" }, c.IncomingStates.ToArray());
        Assert.IsFalse(c.Delayed);
        var loc = exp.Network.Coupling["c_loc"];
        Assert.IsNull(loc.Iri);
        Assert.AreEqual("x_j - x_i", loc.PreExpression);
        Assert.IsTrue(loc.Delayed);
    }

    [TestMethod]
    public void TopLevelCouplingMergesWithTheNetworks()
    {
        var exp = Load(Lin + """
            network:
              weights: [[0, 1], [1, 0]]
              coupling: {c_glob: {iri: tvbo:Scaling}}
            coupling:
              c_loc: {iri: tvbo:Difference, parameters: {a: 0.25}}
            """);
        CollectionAssert.AreEquivalent(new[] { "c_glob", "c_loc" }, exp.Network!.Coupling.Keys.ToArray());
        Assert.AreEqual("tvbo:Scaling", exp.Network.Coupling["c_glob"].Iri);
        Assert.AreEqual(0.25, exp.Network.Coupling["c_loc"].Parameters["a"]);
        Assert.AreEqual("-x_i + x_j", exp.Network.Coupling["c_loc"].PreExpression, "TVBO's Difference");
    }

    [TestMethod]
    public void TheNetworksUnitsAreMillimetresAndMillisecondsAndOthersAreRefusedOrSaid()
    {
        const string Net = "network:\n  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 5], [5, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}, c_loc: {iri: tvbo:Linear}}\n";
        var log = new RecordingLogger();
        Load(Lin + Net + "  distance_unit: mm\n  time_unit: ms\n", log: log);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));

        Fails(Lin + Net + "  distance_unit: cm\n", 14, "lengths are in 'cm'; they are read in mm");
        Fails(Lin + Net + "  time_unit: fortnight\n", 14, "network.time_unit 'fortnight' is not known; valid: ms, s, us");

        log = new RecordingLogger();
        Load(Lin + Net + "  time_unit: s\n", log: log);
        log.Single(LogLevel.Warning, ":14: ", "network.time_unit is 's': nothing is converted");
        log = new RecordingLogger();
        Load(Lin + Net + "  distance_unit: mV\n", log: log);
        log.Single(LogLevel.Warning, ":14: ", "the unit of the lengths is 'mV', not a length; they are read as mm");
    }

    [TestMethod]
    public void ACouplingInputWithoutAnEntryIsWarnedAbout()
    {
        var log = new RecordingLogger();
        var exp = Load(Lin + "network:\n  weights: [[0, 1], [1, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n", log: log);
        Assert.AreEqual(1, exp.Network!.Coupling.Count);
        log.Single(LogLevel.Warning, ":10: ", "the coupling input 'c_loc' of model 'Lin' has no entry under network.coupling (or coupling); it stays 0");

        // An input no equation uses (TVBO's models declare c_pop0 beside c_glob) changes nothing: no warning.
        log = new RecordingLogger();
        Load(Lin.Replace("c_glob + c_loc", "c_glob", StringComparison.Ordinal) + "network:\n  weights: [[0, 1], [1, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n", log: log);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
        Assert.IsFalse(log.Warnings.Any(w => w.Contains("'c_glob'", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("  conduction_speed: 6\n")]
    [DataRow("  conduction_speed: {value: 6}\n")]
    [DataRow("  parameters:\n    conduction_speed: {value: 6.0, unit: mm/ms}\n")]
    [DataRow("  parameters: {conduction_speed: 6}\n")]
    public void ConductionSpeedIsReadInEitherPlace(string entry)
    {
        var exp = Load(Lin + "network:\n  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 3], [3, 0]]\n" + entry);
        Assert.AreEqual(6.0, exp.Network!.ConductionSpeed);
        Assert.AreEqual(0.5, exp.Network.GetDelay(0, 1));
    }

    [TestMethod]
    public void NetworkAxesAreReadAndCheckedAgainstTheNetwork()
    {
        var exp = Load(Lin + """
            network:
              nodes: [{label: left}, {label: right}]
              weights: [[0, 1], [1, 0]]
              coupling: {c_glob: {iri: tvbo:Linear}}
            explorations:
              s:
                space:
                  c_glob.a: {explored_values: [0.1, 0.2]}
                  left.a: {explored_values: [1, 2]}
                  network.conduction_speed: {explored_values: [1, 3]}
                  network.edges[left->right].weight: {explored_values: [0.5]}
                  Lin.a: {explored_values: [1]}
            """);
        CollectionAssert.AreEqual(
            new[] { "c_glob.a", "left.a", "network.conduction_speed", "network.edges[left->right].weight", "a" },
            exp.Explorations["s"].Parameters.Select(p => p.Name).ToArray());
    }

    // ---------------------------------------------------------------- errors

    [TestMethod]
    [DataRow("network:\n  weights: [[0, 1],\n            [1, 0, 2]]\n", 12, "network.weights: row 1 has 3 values, but row 0 has 2; the matrix must be square (N×N; row = target node, column = source node).")]
    [DataRow("network:\n  weights: [[0, 1, 2], [1, 0, 2]]\n", 11, "network.weights is 2×3; the matrix must be square")]
    [DataRow("network:\n  number_of_nodes: 3\n  weights: [[0, 1], [1, 0]]\n", 12, "network.weights is 2×2, but network.number_of_nodes is 3 (line 11); they must agree.")]
    [DataRow("network:\n  number_of_nodes: 2\n  nodes: [{id: a}, {id: b}, {id: c}]\n", 12, "network.nodes lists 3 nodes, but network.number_of_nodes is 2 (line 11); they must agree.")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 1, 0], [1, 0, 0], [0, 0, 0]]\n", 12, "network.lengths is 3×3, but network.weights is 2×2 (line 11); they must agree.")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  lengths:\n    - [0, 1]\n    - [-1, 0]\n", 14, "network.lengths[1][0] is -1; lengths must be finite and not negative.")]
    [DataRow("network:\n  weights: [[0, .inf], [1, 0]]\n", 11, "network.weights[0][1] is ")]
    [DataRow("network:\n  weights: [[0, x], [1, 0]]\n", 11, "network.weights[0][1] must be a number, got 'x'.")]
    [DataRow("network:\n  weights: {a: 1}\n", 11, "network.weights must be a list of rows")]
    [DataRow("network:\n  weights: {x: {values: [a, b]}, values: [0, 1, 1]}\n", 11, "network.weights: 3 values for a 2×2 matrix; the older Matrix form needs N×N values, row by row")]
    [DataRow("network:\n  weights: {values: [0, 1, 1, 0], z: 1}\n", 11, "network.weights has an unknown key 'z'")]
    public void MatrixErrorsNameTheKeyAndLine(string block, int line, string problem) => Fails(Lin + block, line, problem);

    [TestMethod]
    [DataRow("w.csv", "0, 1\nnan, 0\n", 11, "network.weights: 'w.csv' line 2 (row 1), column 0: NaN; weights must be finite.")]
    [DataRow("w.csv", "0, 1\n1\n", 11, "network.weights: 'w.csv': line 2 (row 1) has 1 values, but line 1 (row 0) has 2; every row must have the same number of values.")]
    [DataRow("w.csv", "a, b\n0, 1\n1, 0\n", 11, "network.weights: 'w.csv': line 1, column 0: expected a number, found 'a' (a header line must be commented out with '#').")]
    [DataRow("w.csv", "root:x:0:0:root:/root:/bin/bash\n", 11, "network.weights: 'w.csv': line 1, column 0: expected a number, found a text of 31 characters (not shown)")]
    [DataRow("w.txt", "0 1 2\n1 0 2\n", 11, "network.weights: the matrix in 'w.txt' is 2×3; it must be square")]
    [DataRow("w.txt", "# nothing\n", 11, "network.weights: 'w.txt': the file holds no rows of numbers.")]
    [DataRow("w.mat", "0", 11, "network.weights: 'w.mat' is not a matrix file read here (by its extension); give .csv, .txt, .tsv or .dat (rows of numbers) or .npy (NumPy, 2-D), or the rows inline.")]
    public void MatrixFileErrorsNameTheFileAndRow(string name, string content, int line, string problem)
    {
        var dir = NewDir();
        Put(dir, name, content);
        Fails(Lin + $"network:\n  weights: {name}\n", line, problem, dir);
    }

    [TestMethod]
    public void NegativeLengthInAFileNamesTheFileAndLine()
    {
        var dir = NewDir();
        Put(dir, "l.csv", "# lengths\n0, 4\n-4, 0\n");
        Fails(Lin + "network:\n  weights: [[0, 1], [1, 0]]\n  lengths: l.csv\n", 12, "network.lengths: 'l.csv' line 3 (row 1), column 0: -4; lengths must be finite and not negative.", dir);
    }

    [TestMethod]
    public void DelaysWithAMethodBetweenStepsPointAtTheLengths()
    {
        var text = Lin.Replace("method: euler", "method: rk4", StringComparison.Ordinal)
            + "network:\n  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 3], [3, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n";
        Fails(text, 12, "The network has delays, which are defined for the methods whose stages fall on the step grid (Euler, Heun); RK4 evaluates between steps.");
    }

    [TestMethod]
    [DataRow(null, CouplingEvaluation.PerStage)]
    [DataRow("per_stage", CouplingEvaluation.PerStage)]
    [DataRow("per_step", CouplingEvaluation.PerStep)]
    public void CouplingEvaluationIsRead(string? value, CouplingEvaluation expected)
    {
        var text = value is null ? Lin : Lin.Replace("method: euler", $"method: heun, coupling_evaluation: {value}", StringComparison.Ordinal);
        var exp = Load(text + "network:\n  weights: [[0, 1], [1, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n");
        Assert.AreEqual(expected, exp.Integration.CouplingEvaluation);
        Assert.AreEqual(expected, Load(text).Integration.CouplingEvaluation, "a single system reads it too (it has nothing to hold)");
    }

    [TestMethod]
    public void TheDefaultIsNotedWhereItDiffersFromTvbos()
    {
        const string Net = "network:\n  weights: [[0, 1], [1, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n";
        int Noted(string text)
        {
            var log = new RecordingLogger();
            _ = Load(text, log: log);
            return log.At(LogLevel.Information).Count(m => m.Contains("integration.coupling_evaluation not given; using per_stage", StringComparison.Ordinal) && m.Contains("TVBO's schema default is per_step", StringComparison.Ordinal));
        }

        var heun = Lin.Replace("method: euler", "method: heun", StringComparison.Ordinal);
        Assert.AreEqual(1, Noted(heun + Net), "heun on a coupled network");
        Assert.AreEqual(0, Noted(Lin + Net), "euler: the two are the same");
        Assert.AreEqual(0, Noted(heun), "a single system has no coupling");
        Assert.AreEqual(0, Noted(heun.Replace("method: heun", "method: heun, coupling_evaluation: per_stage", StringComparison.Ordinal) + Net), "given");
    }

    [TestMethod]
    public void PerStepAllowsDelaysWithRK4()
    {
        var text = Lin.Replace("method: euler", "method: rk4, coupling_evaluation: per_step", StringComparison.Ordinal)
            + "network:\n  weights: [[0, 1], [1, 0]]\n  lengths: [[0, 3], [3, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n";
        var exp = Load(text);
        Assert.AreEqual(IntegrationMethod.RK4, exp.Integration.Method);
        Assert.AreEqual(CouplingEvaluation.PerStep, exp.Integration.CouplingEvaluation);
        Assert.HasCount(1, exp.Validate());
    }

    [TestMethod]
    public void PerStepWithRK45PointsAtTheSetting()
    {
        var text = Lin.Replace("method: euler", "method: rk45, coupling_evaluation: per_step", StringComparison.Ordinal)
            + "network:\n  weights: [[0, 1], [1, 0]]\n  coupling: {c_glob: {iri: tvbo:Linear}}\n";
        var ex = Fails(text);
        Assert.AreEqual(9, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "integration.coupling_evaluation 'per_step'", ex.Message);
        StringAssert.Contains(ex.Problem, "rk45 chooses its own steps", ex.Message);
        Fails(Lin.Replace("method: euler", "method: heun, coupling_evaluation: per_node", StringComparison.Ordinal), 9, "integration.coupling_evaluation 'per_node' is not known; valid: per_step, per_stage.");
    }

    [TestMethod]
    public void MissingMatrixFileNamesThePathLookedFor()
    {
        var dir = NewDir();
        Fails(Lin + "network:\n  weights: nope.csv\n", 11, $"network.weights: the file 'nope.csv' does not exist (looked for {Path.Combine(dir, "nope.csv")}); paths are relative to the experiment file.", dir);
    }

    [TestMethod]
    public void NpyErrorsNameTheProblem()
    {
        var w = new double[,] { { 0, 1 }, { 1, 0 } };
        var dir = NewDir();
        var good = Npy(w);
        var bigEndian = (byte[])good.Clone();
        var at = Encoding.Latin1.GetString(bigEndian).IndexOf("<f8", StringComparison.Ordinal);
        bigEndian[at] = (byte)'>';
        File.WriteAllBytes(Path.Combine(dir, "be.npy"), bigEndian);
        Fails(Lin + "network:\n  weights: be.npy\n", 11, "network.weights: 'be.npy': the .npy dtype '>f8' (big-endian) is not read; save the matrix as float64 ('<f8')", dir);

        File.WriteAllBytes(Path.Combine(dir, "short.npy"), good[..^8]);
        Fails(Lin + "network:\n  weights: short.npy\n", 11, "network.weights: 'short.npy': the .npy file holds 24 bytes of data, but shape (2, 2) of '<f8' needs 32", dir);

        File.WriteAllBytes(Path.Combine(dir, "rect.npy"), Npy(new double[,] { { 0, 1, 2 }, { 1, 0, 2 } }));
        Fails(Lin + "network:\n  weights: rect.npy\n", 11, "network.weights: the matrix in 'rect.npy' is 2×3; it must be square", dir);

        File.WriteAllBytes(Path.Combine(dir, "nan.npy"), Npy(new double[,] { { 0, 1 }, { double.NaN, 0 } }));
        Fails(Lin + "network:\n  weights: nan.npy\n", 11, "network.weights: 'nan.npy' row 1, column 0: NaN; weights must be finite.", dir);

        File.WriteAllBytes(Path.Combine(dir, "text.npy"), Encoding.ASCII.GetBytes("0, 1\n1, 0\n"));
        Fails(Lin + "network:\n  weights: text.npy\n", 11, "network.weights: 'text.npy': not a NumPy .npy file", dir);
    }

    [TestMethod]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  coupling:\n    c_foo: {iri: tvbo:Linear}\n", 13,
        "Network coupling 'c_foo' does not name a coupling input of model 'Lin' (its coupling inputs: c_glob, c_loc)")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\ncoupling:\n  c_glob:\n    iri: tvbo:Linear\n    incoming_states: [z]\n", 15,
        "Network coupling 'c_glob': incoming_states names 'z', which is not a state variable of model 'Lin'; state variables: x, y.")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  coupling:\n    c_glob:\n      iri: tvbo:Nope\n", 14,
        "network.coupling.c_glob: iri 'tvbo:Nope' is not a library coupling function; known: tvbo:Linear, tvbo:Scaling, tvbo:Difference")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  coupling:\n    c_glob:\n      parameters: {G: 1}\n      pre_expression: {rhs: \"k*x_j\"}\n", 15,
        "uses 'k', which is not x_i, x_j (x_i0…, x_j0…) or a parameter of the coupling (G)")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  coupling: {c_glob: {}}\ncoupling:\n  c_glob: {iri: tvbo:Linear}\n", 14,
        "coupling 'c_glob' is given twice: under 'network.coupling' (line 12) and under 'coupling'; give each coupling input once.")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  coupling:\n    c_glob: {iri: tvbo:Linear, parameters: {a: {valeu: 1}}}\n", 13,
        "'valeu' is not a key of network.coupling.c_glob.parameters.a; did you mean 'value'?")]
    [DataRow("network:\n  weights: [[0, 1], [1, 0]]\n  coupling:\n    c_glob: {iri: tvbo:Linear, incomming_states: [x]}\n", 13,
        "did you mean 'incoming_states'?")]
    public void CouplingErrorsNameTheCouplingAndLine(string block, int line, string problem) => Fails(Lin + block, line, problem);

    [TestMethod]
    [DataRow("network:\n  graph_generator: {type: RandomReservoir}\n", 11, "network.graph_generator is not supported: give a connectome by network.iri (tvbo:DesikanKilliany), network.data_file or network.bids_dir, or weights/lengths as matrices or files")]
    [DataRow("network:\n  data_file: connectivity.zip\n", 11, "network.data_file 'connectivity.zip' is not a network file read here; give TVBO's network file (.yaml) or its .h5 file")]
    [DataRow("network:\n  dynamics: {Other: {}}\n", 11, "network.dynamics is not supported")]
    [DataRow("network:\n  nodes:\n    - {id: 0, dynamics: Other}\n    - {id: 1}\n", 12, "network.nodes[0].dynamics is not supported: every node runs the experiment's dynamics ('Lin')")]
    [DataRow("network:\n  nodes:\n    - {id: 0}\n    - {id: 1, events: {I: {event_type: stimulus}}}\n", 13, "network.nodes[1].events is not supported")]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {source: 0, target: 1, source_var: x}\n", 13, "network.edges[0].source_var is not supported")]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {source: 0, target: 1, target_var: x}\n", 13, "network.edges[0].target_var is not supported")]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {source: 0, target: 1, coupling: {c_glob: {}}}\n", 13, "network.edges[0].coupling is not supported")]
    [DataRow("network:\n  number_of_nodes: 2\n  coupling:\n    c_glob: {aggregation: max}\n", 13, "network.coupling.c_glob.aggregation is not supported")]
    public void UnsupportedKeysAreErrorsNamingTheKey(string block, int line, string problem) => Fails(Lin + block, line, problem);

    [TestMethod]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {source: 0, target: 5}\n", 13, "network.edges[0].target '5' is not a node of the network; name a node by its label, id or index (0 to 1); labels: 0, 1.")]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {target: 1}\n", 13, "network.edges[0] has no 'source:'")]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {source: 0, target: 1, parameters: {wieght: 2}}\n", 13, "'wieght' is not a key of network.edges[0].parameters; did you mean 'weight'?")]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {source: 0, target: 1, parameters: {delay: -1}}\n", 13, "network.edges[0].parameters.delay is -1; it must not be negative.")]
    [DataRow("network:\n  nodes:\n    - {id: 0, parameters: {zz: 1}}\n    - {id: 1}\n", 12, "network.nodes[0].parameters: 'zz' is not a parameter of model 'Lin'; parameters: a.")]
    [DataRow("network:\n  nodes:\n    - {id: 0}\n    - {id: 1, state: {v: 1}}\n", 13, "network.nodes[1].state: 'v' is not a state variable of model 'Lin'; state variables: x, y.")]
    [DataRow("network:\n  nodes:\n    - {label: A}\n    - {label: A}\n", 13, "Network nodes 0 and 1 have the same label 'A'; labels must be unique.")]
    [DataRow("network:\n  nodes:\n    - {label: Lin}\n    - {label: B}\n", 12, "Network node 0 is labelled 'Lin', which is also the name of the model")]
    [DataRow("network:\n  number_of_nodes: 0\n", 11, "network.number_of_nodes is 0; a network has 1 to 10000 nodes.")]
    [DataRow("network:\n  number_of_nodes: 2\n  conduction_speed: 0\n", 12, "network.conduction_speed is 0; it must be a finite number > 0 (mm/ms).")]
    [DataRow("network:\n  number_of_nodes: 2\n  conduction_speed: 3\n  parameters: {conduction_speed: 4}\n", 13, "the conduction speed is given twice: network.conduction_speed (line 12) and network.parameters.conduction_speed; give it once.")]
    [DataRow("network:\n  number_of_nodes: 2\n  parameters: {speed: 4}\n", 12, "'speed' is not a key of network.parameters")]
    [DataRow("network:\n  number_of_nodes: 2\n  nodez: []\n", 12, "'nodez' is not a key of the network; did you mean 'nodes'?")]
    [DataRow("network:\n  number_of_nodes: 2\n  edges:\n    - {source: 0, target: 1, directed: maybe}\n", 13, "network.edges[0].directed must be true or false, got 'maybe'.")]
    public void NodeEdgeAndSettingErrorsNameTheCulpritAndLine(string block, int line, string problem) => Fails(Lin + block, line, problem);

    [TestMethod]
    [DataRow("left.zz", "'zz' is not a parameter of model 'Lin' (at node 'left')")]
    [DataRow("c_glob.G", "coupling 'c_glob' has no parameter 'G'; its parameters: a, b.")]
    [DataRow("network.edges[left->nowhere].weight", "does not name an edge")]
    [DataRow("network.delays", "is not an explorable network setting")]
    [DataRow("elsewhere.a", "'elsewhere' is neither the model ('Lin'), a coupling (c_glob), a node label (left, right) nor 'network'.")]
    [DataRow("noise.sigma", "noise parameters need integration.noise")]
    public void AxisErrorsOfANetworkPointAtTheAxis(string axis, string problem)
    {
        var text = Lin + """
            network:
              nodes: [left, right]
              weights: [[0, 1], [1, 0]]
              coupling: {c_glob: {iri: tvbo:Linear}}
            explorations:
              s:
                space:
                  Lin.a: {explored_values: [1]}
                  AXIS: {explored_values: [1, 2]}
            """.Replace("AXIS", axis, StringComparison.Ordinal);
        Fails(text, 18, problem);
    }

    [TestMethod]
    public void CouplingAxesWithoutANetworkNameWhatIsMissing()
    {
        Fails(Lin + "explorations:\n  s:\n    space:\n      c_glob.G: {explored_values: [1]}\n", 13,
            "exploration 's': axis 'c_glob.G': coupling parameters ('c_glob' is a coupling input of model 'Lin') need a network: give 'network:' with more than one node, or with weights or edges, and 'coupling: {c_glob: ...}'.");
        Fails(Lin + "explorations:\n  s:\n    space:\n      network.conduction_speed: {explored_values: [1]}\n", 13,
            "exploration 's': axis 'network.conduction_speed': network parameters (conduction speed, edge weights) need a network");
    }
}

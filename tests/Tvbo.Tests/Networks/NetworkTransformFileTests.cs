using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Networks;

/// <summary><c>network.transforms</c> in experiment files: applied to inline matrices and to matrices from files, in
/// order, recorded on the network; each error names the transform, its position and its line.</summary>
[TestClass]
public sealed class NetworkTransformFileTests
{
    /// <summary>A linear model (lines 1-6); the network block starts on line 7.</summary>
    private const string Lin = """
        dynamics:
          name: Lin
          coupling_inputs: {c_glob: {}}
          state_variables:
            x: {equation: {rhs: "-x + c_glob"}, initial_value: 1.0, coupling_variable: true}
        integration: {method: euler, step_size: 0.1, duration: 1.0}

        """;

    private static string NewDir() => Directory.CreateTempSubdirectory("tvbo-transform-").FullName;

    private static string Put(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static SimulationExperiment Load(string text, string? dir = null, RecordingLogger? log = null) =>
        SimulationExperiment.Load(Put(dir ?? NewDir(), "exp.yaml", text), new ExperimentLoadOptions { Logger = log ?? new RecordingLogger() });

    private static TvboFileException Fails(string text, int line, string problem)
    {
        var path = Put(NewDir(), "exp.yaml", text);
        var ex = Assert.ThrowsExactly<TvboFileException>(() => SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = new RecordingLogger() }));
        StringAssert.Contains(ex.Problem, problem, ex.Message);
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.StartsWith(ex.Message, $"{path}:{line}:");
        return ex;
    }

    [TestMethod]
    public void TvbosTwoTransformsApplyInOrderToInlineWeights()
    {
        var exp = Load(Lin + """
            network:
              weights: [[0, 2, 6], [4, 0, 0], [0, 0, 0]]
              transforms:
                - name: weight
                  equation:
                    rhs: "weight / mean(weight[weight > 0])"
                - {name: weight, equation: {rhs: "weight / max(weight)"}}
            """);
        // mean of 2, 6, 4 is 4: 0.5, 1.5, 1; then over the max 1.5.
        var w = exp.Network!.Weights;
        Assert.AreEqual(0.5 / 1.5, w[0, 1]);
        Assert.AreEqual(1.5 / 1.5, w[0, 2]);
        Assert.AreEqual(1.0 / 1.5, w[1, 0]);
        Assert.AreEqual(0.0, w[2, 2]);
        CollectionAssert.AreEqual(new[] { "weight = weight / mean(weight[weight > 0])", "weight = weight / max(weight)" }, exp.Network.Transforms.Select(t => t.ToString()).ToArray());
    }

    [TestMethod]
    public void TransformsApplyToMatricesFromFilesArgumentsAndParameters()
    {
        var dir = NewDir();
        Put(dir, "w.csv", "0,3\n1,0\n");
        Put(dir, "l.csv", "0,12\n12,0\n");
        var exp = Load(Lin + """
            network:
              weights: w.csv
              lengths: l.csv
              transforms:
                - target: weight
                  equation: {rhs: "weight * k / j", parameters: {j: {value: 2}}}
                  arguments: {k: {value: 10}, unused: {description: "no value: nothing substituted"}}
                - name: lengths
                  equation: "length / 4"
            """, dir);
        Assert.AreEqual(15.0, exp.Network!.GetWeight(0, 1));
        Assert.AreEqual(5.0, exp.Network.GetWeight(1, 0));
        Assert.AreEqual(1.0, exp.Network.GetDelay(0, 1), "length 12 / 4 = 3, over the default speed 3");
    }

    [TestMethod]
    public void TvbosGraphLaplacianCallableIsKnown()
    {
        var exp = Load(Lin + """
            network:
              weights: [[0, 2], [4, 0]]
              transforms:
                - name: weight
                  callable: {module: tvbo.classes.network, name: normalized_graph_laplacian}
            """);
        var w = exp.Network!.Weights;
        Assert.AreEqual(-0.5, w[0, 0]);
        Assert.AreEqual(0.5, w[0, 1]);
        Assert.AreEqual(1.0, w[1, 0]);
        Assert.AreEqual(-1.0, w[1, 1]);
    }

    [TestMethod]
    public void ASingleNodeIgnoresTransformsWithAWarning()
    {
        var log = new RecordingLogger();
        var exp = Load(Lin + "network:\n  number_of_nodes: 1\n  transforms: [{name: weight, equation: {rhs: 'weight / max(weight)'}}]\n", log: log);
        Assert.IsNull(exp.Network);
        log.Single(LogLevel.Warning, ":9: ", "network.transforms has no effect on a single node without edges");
    }

    [TestMethod]
    [DataRow("  transforms:\n    - {name: weight, equation: {rhs: 'W / max(W)'}}\n", 10,
        "network.transforms[0] ('weight'): 'W' is not a name a transform can use (did you mean 'weight'?")]
    [DataRow("  transforms:\n    - {name: weight, equation: {rhs: 'weight / 2'}}\n    - name: weight\n      equation: {rhs: 'weight / mean(weight[weight > 5])'}\n", 12,
        "network.transforms[1] ('weight'): 'mean(weight[weight > 5])' selects nothing: no entry of 'weight' has weight > 5.")]
    [DataRow("  transforms:\n    - {name: weight, equation: {rhs: 'weight / min(weight)'}}\n", 10,
        "network.transforms[0] ('weight'): the result is not finite: 'weight / min(weight)' divides by zero: 'min(weight)' is 0.")]
    [DataRow("  transforms:\n    - name: weight\n      equation:\n        rhs: 'weight / max(weight'\n", 12,
        "network.transforms[0] ('weight'): unexpected end of expression at column 20; the '(' of max( at column 13 is not closed: add ')'")]
    [DataRow("  transforms:\n    - {name: fc, equation: {rhs: 'fc / max(fc)'}}\n", 10,
        "network.transforms[0]: 'fc' is not a matrix of the network; a transform rewrites weight, length (tract_length) or delay.")]
    [DataRow("  transforms:\n    - {name: weight}\n", 10, "network.transforms[0] ('weight') has no equation")]
    [DataRow("  transforms:\n    - {name: weight, source_code: 'W / W.max()'}\n", 10, "source_code is Python, which this project does not run")]
    [DataRow("  transforms:\n    - {name: weight, callable: {module: mylib, name: norm}}\n", 10, "the callable mylib.norm is Python code, which this project does not run; the callables it knows are tvbo.classes.network.graph_laplacian and tvbo.classes.network.normalized_graph_laplacian")]
    [DataRow("  transforms:\n    - {name: weight, equation: {rhs: weight}, rhs: weight}\n", 10, "'rhs' is not a key of network.transforms[0]")]
    [DataRow("  transforms:\n    - {name: weight, target: length, equation: {rhs: weight}}\n", 10, "'target' is another spelling of 'name'")]
    [DataRow("  transforms: {weight: {equation: weight}}\n", 9, "network.transforms must be a list")]
    [DataRow("  transforms:\n    - {name: length, equation: {rhs: 'length - weight'}}\n", 10, "network.transforms[0] ('length'): the result is -2 at [0, 1]; lengths must not be negative.")]
    public void TransformErrorsNameTheTransformAndItsLine(string transforms, int line, string problem) =>
        Fails(Lin + "network:\n  weights: [[0, 2], [4, 0]]\n" + transforms, line, problem);
}

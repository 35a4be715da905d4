using Tvbo.Networks;

namespace Tvbo.Tests.Networks;

/// <summary>The matrix language of network transforms (<see cref="MatrixTransform"/>, <see cref="Network.ApplyTransforms"/>):
/// each result against numbers computed here, independently, from the matrices; and the errors.</summary>
[TestClass]
public sealed class MatrixTransformTests
{
    /// <summary>A 3-node weight matrix with a zero, a negative entry and a non-zero diagonal entry.</summary>
    private static readonly double[,] W = { { 0, 2, 0 }, { 4, 1, 0 }, { -3, 8, 0 } };

    private static readonly double[,] L = { { 0, 10, 20 }, { 10, 0, 30 }, { 20, 30, 0 } };

    private static Network Net()
    {
        var net = Network.FromMatrix(W, L);
        net.ConductionSpeed = 5.0;
        return net;
    }

    private static double[,] Apply(params (string Target, string Expression)[] transforms)
    {
        var net = Net();
        net.ApplyTransforms(transforms.Select(t => new MatrixTransform(t.Target, t.Expression)).ToArray());
        return net.Weights;
    }

    /// <summary>The entries of W (all nine, the diagonal included) that a condition keeps.</summary>
    private static double[] Entries(Func<double, bool> keep)
    {
        var list = new List<double>();
        foreach (var v in W)
        {
            if (keep(v))
            {
                list.Add(v);
            }
        }

        return list.ToArray();
    }

    private static double[,] Each(Func<double, double> f)
    {
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                r[i, j] = f(W[i, j]);
            }
        }

        return r;
    }

    private static void AreEqual(double[,] expected, double[,] actual, double tolerance = 0.0)
    {
        for (var i = 0; i < expected.GetLength(0); i++)
        {
            for (var j = 0; j < expected.GetLength(1); j++)
            {
                Assert.AreEqual(expected[i, j], actual[i, j], tolerance, $"[{i}, {j}]");
            }
        }
    }

    private static MatrixTransformException Fails(string expression, string target = "weight", Network? net = null)
    {
        net ??= Net();
        var before = net.Weights;
        var ex = Assert.ThrowsExactly<MatrixTransformException>(() => net.ApplyTransforms([new MatrixTransform(target, expression)]));
        AreEqual(before, net.Weights);
        Assert.IsEmpty(net.Transforms, "a failed transform is not recorded");
        return ex;
    }

    // ---------------------------------------------------------------- values

    [TestMethod]
    public void WeightOverItsMaximum()
    {
        AreEqual(Each(v => v / 8.0), Apply(("weight", "weight / max(weight)")));
    }

    [TestMethod]
    [DataRow("weight / mean(weight[weight > 0])")]
    [DataRow("weight / mean(weight, weight > 0)")]
    [DataRow("weights / mean(weights[(weights > 0)])")]
    public void MeanOverTheSelectedEntriesCountsOnlyThemDiagonalIncluded(string expression)
    {
        // The positive entries of W, the diagonal's 1 among them: 2, 4, 1, 8.
        var positive = Entries(v => v > 0);
        CollectionAssert.AreEquivalent(new[] { 2.0, 4.0, 1.0, 8.0 }, positive);
        var mean = positive.Sum() / positive.Length;
        Assert.AreEqual(3.75, mean);
        AreEqual(Each(v => v / mean), Apply(("weight", expression)));
    }

    [TestMethod]
    public void EachReductionOverAllEntriesAndOverASelection()
    {
        var all = Entries(_ => true);
        var nonZero = Entries(v => v != 0);
        Assert.HasCount(9, all);
        Assert.HasCount(5, nonZero);
        var cases = new (string Reduction, Func<double[], double> Reference)[]
        {
            ("sum", a => a.Sum()),
            ("mean", a => a.Sum() / a.Length),
            ("max", a => a.Max()),
            ("min", a => a.Min()),
            ("nanmax", a => a.Max()),
            ("nanmin", a => a.Min()),
            ("std", a => Math.Sqrt(a.Select(v => (v - a.Average()) * (v - a.Average())).Sum() / a.Length)),
            ("median", a => { var s = a.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2; }),
        };
        foreach (var (reduction, reference) in cases)
        {
            AreEqual(Each(_ => reference(all)), Apply(("weight", $"0*weight + {reduction}(weight)")), 1e-15);
            AreEqual(Each(_ => reference(nonZero)), Apply(("weight", $"0*weight + {reduction}(weight[weight != 0])")), 1e-15);
        }

        // The median of an even count is the mean of the two middle values: non-zero entries above -3 are 2, 4, 1, 8.
        AreEqual(Each(_ => 3.0), Apply(("weight", "median(weight[(weight != 0) & (weight > -3)])")));
        // std is the population one (numpy's ddof = 0): of 2, 4, 1, 8 (mean 3.75), sqrt(((1.75)² + 0.25² + 2.75² + 4.25²)/4).
        var std = Math.Sqrt(((1.75 * 1.75) + (0.25 * 0.25) + (2.75 * 2.75) + (4.25 * 4.25)) / 4);
        AreEqual(Each(_ => std), Apply(("weight", "std(weight[weight > 0])")), 1e-15);
    }

    [TestMethod]
    public void ANegativeMinimumSelectsAndAreNumbersNotOnlyThePositive()
    {
        AreEqual(Each(_ => -3.0), Apply(("weight", "min(weight) + 0*weight")));
        AreEqual(Each(_ => -3.0), Apply(("weight", "min(weight, (weight < 0) | (weight > 7))")));
        AreEqual(Each(_ => 8.0), Apply(("weight", "max(weight[(weight < 0) | (weight > 7)])")));
    }

    [TestMethod]
    public void NanMaxAndNanMinSkipNaNWhereMaxRefusesIt()
    {
        // sqrt of the negative entry (-3) is NaN: nanmax skips it; max names it.
        AreEqual(Each(_ => Math.Sqrt(8)), Apply(("weight", "nanmax(sqrt(weight)) + 0*weight")));
        AreEqual(Each(_ => 0.0), Apply(("weight", "nanmin(sqrt(weight)) + 0*weight")));
        StringAssert.Contains(Fails("max(sqrt(weight)) + 0*weight").Message, "max() reads a value that is not finite: 'sqrt(weight)' is NaN at [2, 0]");
    }

    [TestMethod]
    public void ElementwiseArithmeticFunctionsAndPiecewise()
    {
        AreEqual(Each(v => Math.Exp(-Math.Abs(v)) * 2 - (v % 3) + (v * v)), Apply(("weight", "exp(-abs(weight))*2 - weight % 3 + weight**2")));
        AreEqual(Each(v => v > 1 ? Math.Log(v) : v < 0 ? -v : 0.5), Apply(("weight", "Piecewise((log(weight), weight > 1), (-weight, weight < 0), (0.5, True))")));
        AreEqual(Each(v => Math.Sqrt(Math.Abs(v)) / Math.PI), Apply(("weight", "sqrt(abs(weight)) / pi")));
    }

    [TestMethod]
    public void ANumberIsPutInEveryEntryTheDiagonalIncluded()
    {
        AreEqual(Each(_ => 0.25), Apply(("weight", "0.25")));
        AreEqual(Each(_ => Entries(_ => true).Sum()), Apply(("weight", "sum(weight)")));
    }

    [TestMethod]
    public void TransformsOfOneMatrixChainInOrder()
    {
        // First max-normalised (÷8), then squared: (v/8)².
        AreEqual(Each(v => v / 8 * (v / 8)), Apply(("weight", "weight / max(weight)"), ("weight", "weight**2")));
        // The other order: v²/64.
        AreEqual(Each(v => v * v / 64), Apply(("weight", "weight**2"), ("weight", "weight / max(weight)")));
    }

    [TestMethod]
    public void AnotherMatrixsNameMeansItAfterAllOfItsTransforms()
    {
        // The weight transform comes first but reads length after length's own transform (TVBO's lazy chains).
        var net = Net();
        net.ApplyTransforms([new MatrixTransform("weight", "weight * length"), new MatrixTransform("length", "length / 10")]);
        var expected = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                expected[i, j] = W[i, j] * (L[i, j] / 10);
            }
        }

        AreEqual(expected, net.Weights);
        AreEqual(new double[,] { { 0, 1, 2 }, { 1, 0, 3 }, { 2, 3, 0 } }, net.Lengths);
        Assert.AreEqual(3.0 / 5.0, net.GetDelay(target: 2, source: 1), "delays follow the transformed lengths");
        CollectionAssert.AreEqual(new[] { "weight = weight * length", "length = length / 10" }, net.Transforms.Select(t => t.ToString()).ToArray());
    }

    [TestMethod]
    public void DelayIsEachEdgesDelayAndCanBeRewritten()
    {
        var net = Net();
        net.AddEdge(source: 2, target: 0, weight: 0.5, delay: 1.25, directed: true);
        // delay[0, 2] is explicit (1.25), the others length / 5.
        net.ApplyTransforms([new MatrixTransform("weight", "delay"), new MatrixTransform("delay", "delay * 2")]);
        // 'delay' in the weight transform is the delays after their own transform (TVBO's lazy chains).
        var w = net.Weights;
        Assert.AreEqual(2.5, w[0, 2]);
        Assert.AreEqual(10.0 / 5.0 * 2, w[0, 1]);
        Assert.AreEqual(0.0, w[1, 1]);
        Assert.AreEqual(2.5, net.GetDelay(0, 2));
        Assert.AreEqual(4.0, net.GetDelay(0, 1));
        net.ConductionSpeed = 1.0;
        Assert.AreEqual(4.0, net.GetDelay(0, 1), "a rewritten delay is explicit: the speed no longer applies");
    }

    [TestMethod]
    public void APerNodeParameterIsOneValuePerTargetRow()
    {
        var net = Net();
        double[] size = [2, 4, 8];
        for (var i = 0; i < 3; i++)
        {
            net.Nodes[i].Parameters["roi_size"] = size[i];
        }

        net.ApplyTransforms([new MatrixTransform("weight", "weight / roi_size + 0*mean(roi_size[roi_size > 3])")]);
        var expected = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                expected[i, j] = (W[i, j] / size[i]) + 0.0;
            }
        }

        AreEqual(expected, net.Weights);
        var rows = Net();
        for (var i = 0; i < 3; i++)
        {
            rows.Nodes[i].Parameters["k"] = i;
        }

        // A per-node condition keeps whole rows: rows 1 and 2 hold 4, 1, 0, -3, 8, 0.
        rows.ApplyTransforms([new MatrixTransform("weight", "sum(weight, k > 0) + 0*weight")]);
        Assert.AreEqual(10.0, rows.Weights[0, 0]);
    }

    [TestMethod]
    public void ArgumentsAreNamedNumbersThatWinOverTheNetworksNames()
    {
        var net = Net();
        var t = new MatrixTransform("weights", "weight / scale + length");
        t.Arguments["scale"] = 4.0;
        t.Arguments["length"] = 1.0;
        net.ApplyTransforms([t]);
        AreEqual(Each(v => (v / 4) + 1), net.Weights);
        Assert.AreEqual("weight", t.Target, "the target's name is canonical");
    }

    [TestMethod]
    public void GraphLaplaciansAreTvbos()
    {
        var lap = new double[3, 3];
        var norm = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            var row = 0.0;
            var rowNorm = 0.0;
            for (var j = 0; j < 3; j++)
            {
                row += W[i, j];
                rowNorm += W[i, j] / 8;
            }

            for (var j = 0; j < 3; j++)
            {
                lap[i, j] = W[i, j] - (i == j ? row : 0);
                norm[i, j] = (W[i, j] / 8) - (i == j ? rowNorm : 0);
            }
        }

        AreEqual(lap, Apply(("weight", "graph_laplacian(weight)")));
        AreEqual(norm, Apply(("weight", "normalized_graph_laplacian(weight)")), 1e-15);
    }

    // ---------------------------------------------------------------- errors

    [TestMethod]
    public void ADivisionByZeroNamesTheDivisor()
    {
        var zero = new Network(2);
        var ex = Fails("weight / max(weight)", net: zero);
        Assert.AreEqual("network.transforms[0] ('weight'): the result is not finite: 'weight / max(weight)' divides by zero: 'max(weight)' is 0.", ex.Message);
        Assert.AreEqual(0, ex.Index);
        Assert.AreEqual("weight", ex.Target);

        ex = Fails("weight / length");
        StringAssert.Contains(ex.Message, "'weight / length' divides by zero: 'length' is 0 at [0, 0]", ex.Message);
        ex = Fails("weight / mean(1 / length)");
        StringAssert.Contains(ex.Message, "mean() reads a value that is not finite: '1 / length' divides by zero: 'length' is 0 at [0, 0]", ex.Message);
    }

    [TestMethod]
    public void AResultThatIsNotFiniteNamesTheOperation()
    {
        var ex = Fails("log(abs(weight))");
        StringAssert.Contains(ex.Message, "the result is not finite: 'log(abs(weight))' is -inf at [0, 0]", ex.Message);
        ex = Fails("sqrt(weight) + 1");
        StringAssert.Contains(ex.Message, "'sqrt(weight)' is NaN at [2, 0]", ex.Message);
        ex = Fails("Piecewise((1, weight > 0))");
        StringAssert.Contains(ex.Message, "no case of 'Piecewise((1, weight > 0))' holds at [0, 0]; end it with a (value, True) case.", ex.Message);
    }

    [TestMethod]
    public void ASelectionThatKeepsNothingIsAnError()
    {
        var ex = Fails("weight / mean(weight[weight > 100])");
        Assert.AreEqual("network.transforms[0] ('weight'): 'mean(weight[weight > 100])' selects nothing: no entry of 'weight' has weight > 100.", ex.Message);
        ex = Fails("weight / max(weight, False)");
        StringAssert.Contains(ex.Message, "selects nothing", ex.Message);
    }

    [TestMethod]
    public void AnUnknownNameListsTheValidOnes()
    {
        var ex = Fails("W / max(W)");
        Assert.AreEqual("network.transforms[0] ('weight'): 'W' is not a name a transform can use (did you mean 'weight'? TVBO's transforms name the network's matrices weight, length and delay); it may use weight, length (tract_length), delay, a model parameter every node of network.nodes sets, pi and e.", ex.Message);
        ex = Fails("weight * G");
        StringAssert.Contains(ex.Message, "'G' is not a name a transform can use; it may use", ex.Message);
    }

    [TestMethod]
    public void ShapeMismatchesAreErrors()
    {
        var net = Net();
        for (var i = 0; i < 3; i++)
        {
            net.Nodes[i].Parameters["roi"] = i + 1.0;
        }

        var ex = Fails("roi * 2", net: net);
        StringAssert.Contains(ex.Message, "the result is one number per node, but weight is an N×N matrix (shape mismatch)", ex.Message);
        ex = Fails("weight / mean(roi[weight > 0])", net: net);
        StringAssert.Contains(ex.Message, "the condition 'weight > 0' is an N×N matrix but the values 'roi' are one number per node (shape mismatch)", ex.Message);
        ex = Fails("graph_laplacian(roi)", net: net);
        StringAssert.Contains(ex.Message, "graph_laplacian() takes an N×N matrix, but 'roi' is one number per node (shape mismatch).", ex.Message);
    }

    [TestMethod]
    public void MasksAndNumbersAreNotMixed()
    {
        StringAssert.Contains(Fails("weight[weight > 0]").Message, "'weight[weight > 0]' selects a number of entries that depends on the data, which only a reduction can take");
        StringAssert.Contains(Fails("weight > 0").Message, "'weight > 0' is a mask (true or false per entry), not numbers");
        StringAssert.Contains(Fails("weight * (weight > 0)").Message, "'(weight > 0)' is a mask (true or false per entry) used as a number");
        StringAssert.Contains(Fails("mean(weight, weight)").Message, "the condition of mean() 'weight' is numbers, not a condition");
        StringAssert.Contains(Fails("mean(weight[weight > 0], weight > 1)").Message, "selects twice");
    }

    [TestMethod]
    public void SumOfObservationEquationsIsNotATransform()
    {
        StringAssert.Contains(Fails("Sum(weight, (i, 0, 1))").Message, "unknown function 'Sum'");
        const string Text = "weight + Sum(weight, (i, 0, 1))";
        var evaluator = new MatrixEvaluator(Text, 3, name => name == "weight" ? new MatrixValue(MatrixShape.Matrix, new double[9]) : null, () => "weight");
        var ex = Assert.ThrowsExactly<MatrixEvaluationException>(() => evaluator.Evaluate(MatrixExpressionParser.ParseArray(Text, null)));
        StringAssert.StartsWith(ex.Message, "'Sum(weight, (i, 0, 1))': Sum(body, (i, lo, hi)) belongs to observation equations, not to a transform");
    }

    [TestMethod]
    public void IndexingBySeveralIndicesIsNotATransform()
    {
        StringAssert.Contains(Fails("weight[0, 1]").Message, "unexpected ',' at column 9; expected an operator or ']' to close the '[' at column 7");
        const string Text = "weight + weight[0, 1]";
        var evaluator = new MatrixEvaluator(Text, 3, name => name == "weight" ? new MatrixValue(MatrixShape.Matrix, new double[9]) : null, () => "weight");
        var ex = Assert.ThrowsExactly<MatrixEvaluationException>(() => evaluator.Evaluate(MatrixExpressionParser.ParseArray(Text, null)));
        StringAssert.StartsWith(ex.Message, "'weight[0, 1]': indexing by several indices belongs to observation equations, not to a transform");
    }

    [TestMethod]
    public void SyntaxErrorsPointAtTheColumn()
    {
        var ex = Fails("weight / mean(weight[weight > 0)");
        StringAssert.StartsWith(ex.Message, "network.transforms[0] ('weight'): unexpected ')' at column 32; expected an operator or ']' to close the '[' at column 21");
        StringAssert.Contains(Fails("weight / average(weight)").Message, "unknown function 'average'");
        StringAssert.Contains(Fails("max(weight, weight > 0, 1)").Message, "too many arguments to max()");
        StringAssert.Contains(Fails("0 < weight < 1").Message, "chained comparison '<'");
    }

    [TestMethod]
    public void LengthsAndDelaysMustNotBeNegative()
    {
        var ex = Fails("length - 15", target: "length");
        Assert.AreEqual("network.transforms[0] ('length'): the result is -15 at [0, 0]; lengths must not be negative.", ex.Message);
        StringAssert.Contains(Fails("-1", target: "delays").Message, "delays must not be negative");
    }

    [TestMethod]
    public void TransformsThatUseEachOthersResultsAreCircular()
    {
        var net = Net();
        var ex = Assert.ThrowsExactly<MatrixTransformException>(() => net.ApplyTransforms([new MatrixTransform("weight", "weight / max(length)"), new MatrixTransform("length", "length * max(weight)")]));
        StringAssert.Contains(ex.Message, "use each other's results, which is circular", ex.Message);
        AreEqual(W, net.Weights);
        AreEqual(L, net.Lengths);
    }

    [TestMethod]
    public void OnlyNetworkMatricesAreTargets()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new MatrixTransform("fc", "fc / max(fc)"));
        StringAssert.Contains(ex.Message, "'fc' is not a matrix of the network; a transform rewrites weight, length or delay.");
    }
}

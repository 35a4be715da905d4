using System.Globalization;
using Tvbo.Observables;
using static Tvbo.Tests.Observables.ObservableTesting;

namespace Tvbo.Tests.Observables;

/// <summary>The array evaluator of observation equations (<see cref="ArrayExpression"/>): each value against numpy's,
/// computed at test time from the same inputs, and the errors.</summary>
[TestClass]
public sealed class ArrayExpressionTests
{
    /// <summary>x (6, 4), y (4,), z (6, 1), w (1, 4), v (6,) and s (): random, with negative entries.</summary>
    private static readonly (string Name, double[] Values, int[] Shape)[] Inputs =
    [
        ("x", Random(24, 1), [6, 4]),
        ("y", Random(4, 2), [4]),
        ("z", Random(6, 3), [6, 1]),
        ("w", Random(4, 4), [1, 4]),
        ("v", Random(6, 5), [6]),
        ("s", [2.5], []),
    ];

    private static double[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 4) - 1.5)];
    }

    private static Dictionary<string, ArrayValue> Names(params (string Name, double[] Values, int[] Shape)[] inputs) =>
        inputs.ToDictionary(i => i.Name, i => new ArrayValue(i.Shape, i.Values));

    /// <summary>The equation's value over the inputs (<see cref="Inputs"/> when none are given).</summary>
    private static ArrayValue Evaluate(string equation, params (string Name, double[] Values, int[] Shape)[] inputs) =>
        ArrayExpression.Evaluate(ArrayExpression.Parse(equation), Names(inputs.Length == 0 ? Inputs : inputs));

    /// <summary>The equation's value equals numpy's (the same text, numpy's functions) in shape and, at 1e-12
    /// relative, in every entry.</summary>
    private static void AgreesWithNumpy(string equation, string numpy, int[] shape, params (string Name, double[] Values, int[] Shape)[] inputs)
    {
        inputs = inputs.Length == 0 ? Inputs : inputs;
        var actual = Evaluate(equation, inputs);
        CollectionAssert.AreEqual(shape, actual.Shape, $"shape of {equation}: {actual.ShapeText}");
        var expected = NumpyReference.Run($"out = {numpy}", inputs);
        Assert.HasCount(expected.Length, actual.Data);
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsInfinity(expected[i]))
            {
                Assert.AreEqual(expected[i], actual.Data[i], $"cell {i}");
            }
            else
            {
                Close([expected[i]], [actual.Data[i]], 1e-12);
            }
        }
    }

    private static ObservableException Fails(string equation, params (string Name, double[] Values, int[] Shape)[] inputs) =>
        Assert.ThrowsExactly<ObservableException>(() => Evaluate(equation, inputs.Length == 0 ? Inputs : inputs));

    // ---------------------------------------------------------------- broadcasting

    [TestMethod]
    [DataRow("x - y", "x - y", new[] { 6, 4 })]
    [DataRow("y * x / 3", "y * x / 3", new[] { 6, 4 })]
    [DataRow("z + w", "z + w", new[] { 6, 4 })]
    [DataRow("z * w - x", "z * w - x", new[] { 6, 4 })]
    [DataRow("x % z", "x % z", new[] { 6, 4 })]
    [DataRow("s * x + 1.0", "s * x + 1.0", new[] { 6, 4 })]
    [DataRow("s - 2", "s - 2", new int[0])]
    [DataRow("abs(x) ** y", "np.abs(x) ** y", new[] { 6, 4 })]
    [DataRow("x**2 + x**3 - -x", "x**2 + x**3 - -x", new[] { 6, 4 })]
    [DataRow("w / z", "w / z", new[] { 6, 4 })]
    [DataRow("y + w", "y + w", new[] { 1, 4 })]
    public void ArithmeticBroadcastsAsNumpy(string equation, string numpy, int[] shape) => AgreesWithNumpy(equation, numpy, shape);

    [TestMethod]
    public void BroadcastingThreeDimensionsWithTwoAndOne()
    {
        var a = Random(2 * 3 * 4, 7);
        var b = Random(3 * 1, 8);
        var c = Random(4, 9);
        AgreesWithNumpy("a * b - c / (1 + b**2)", "a * b - c / (1 + b**2)", [2, 3, 4], ("a", a, [2, 3, 4]), ("b", b, [3, 1]), ("c", c, [4]));
    }

    [TestMethod]
    public void ElementwiseFunctionsAsNumpy()
    {
        AgreesWithNumpy(
            "exp(-abs(x)) + log(abs(x) + 1) + sqrt(abs(x)) + sin(x) * cos(y) - tan(x / 4) + tanh(x) + sinh(x) - cosh(x) + sign(x) + arctan(x) + atan(y) + arcsin(x / 5) + acos(x / 5) + Abs(z)",
            "np.exp(-np.abs(x)) + np.log(np.abs(x) + 1) + np.sqrt(np.abs(x)) + np.sin(x) * np.cos(y) - np.tan(x / 4) + np.tanh(x) + np.sinh(x) - np.cosh(x) + np.sign(x) + np.arctan(x) + np.arctan(y) + np.arcsin(x / 5) + np.arccos(x / 5) + np.abs(z)",
            [6, 4]);
        AgreesWithNumpy("atan2(x, y) + arctan2(z, w) + pow(abs(x), z) + Max(x, y) - Min(z, w) + maximum(x, s) - minimum(x, 0)",
            "np.arctan2(x, y) + np.arctan2(z, w) + np.power(np.abs(x), z) + np.maximum(x, y) - np.minimum(z, w) + np.maximum(x, s) - np.minimum(x, 0)", [6, 4]);
        AgreesWithNumpy("floor(x) + ceil(y) + ceiling(z) + log10(abs(x) + 1) + exp2(y) + erf(x) + erfc(z)",
            "np.floor(x) + np.ceil(y) + np.ceil(z) + np.log10(np.abs(x) + 1) + np.exp2(y) + scipy.special.erf(x) + scipy.special.erfc(z)", [6, 4]);
    }

    [TestMethod]
    public void ConstantsPiAndEUnlessANameTakesThem()
    {
        Assert.AreEqual(Math.PI * Math.E, Evaluate("pi * e").Data.Single());
        Assert.AreEqual(2 * 3.0, Evaluate("2 * e", ("e", [3.0], [])).Data.Single());
    }

    [TestMethod]
    public void NonFiniteValuesStayAsNumpys()
    {
        var x = new[] { 1.0, 0.0, -1.0, double.NaN };
        AgreesWithNumpy("x / 0 + 0 * x", "x / 0 + 0 * x", [4], ("x", x, [4]));
        AgreesWithNumpy("log(x) + sqrt(x)", "np.log(x) + np.sqrt(x)", [4], ("x", x, [4]));
        var max = Evaluate("max(x)", ("x", x, [4]));
        Assert.IsTrue(double.IsNaN(max.Data.Single()), "max propagates NaN as numpy's");
    }

    // ---------------------------------------------------------------- reductions

    [TestMethod]
    [DataRow("mean")]
    [DataRow("sum")]
    [DataRow("max")]
    [DataRow("min")]
    [DataRow("std")]
    [DataRow("var")]
    [DataRow("prod")]
    [DataRow("median")]
    [DataRow("nanmean")]
    [DataRow("nansum")]
    [DataRow("nanmax")]
    [DataRow("nanmin")]
    public void EachReductionOverEveryEntryIsNumpys(string reduction)
    {
        AgreesWithNumpy($"{reduction}(x)", $"np.{reduction}(x)", []);
        AgreesWithNumpy($"{reduction}(z * w) + y", $"np.{reduction}(z * w) + y", [4]);
        AgreesWithNumpy($"{reduction}(x[x > 0])", $"np.{reduction}(x[x > 0])", []);
        AgreesWithNumpy($"{reduction}(x, (x < 0) | (x > 1))", $"np.{reduction}(x[(x < 0) | (x > 1)])", []);
        AgreesWithNumpy($"{reduction}(x, y > 0)", $"np.{reduction}(x[np.broadcast_to(y > 0, x.shape)])", []);
    }

    [TestMethod]
    public void ReductionsOfALargeArrayAgreeWithNumpysPairwiseSums()
    {
        var big = Random(3000 * 84, 11);
        (string, double[], int[]) input = ("x", big, [3000, 84]);
        AgreesWithNumpy("mean(x)", "np.mean(x)", [], input);
        AgreesWithNumpy("sum(x - 0.125)", "np.sum(x - 0.125)", [], input);
        AgreesWithNumpy("std(x)", "np.std(x)", [], input);
        AgreesWithNumpy("var(x)", "np.var(x)", [], input);
    }

    [TestMethod]
    public void NanReductionsSkipNaN()
    {
        var x = new[] { 1.0, double.NaN, 4.0, -2.0, double.NaN };
        foreach (var (reduction, expected) in new[] { ("nanmean", 1.0), ("nansum", 3.0), ("nanmax", 4.0), ("nanmin", -2.0) })
        {
            Assert.AreEqual(expected, Evaluate($"{reduction}(x)", ("x", x, [5])).Data.Single(), reduction);
        }

        Assert.IsTrue(double.IsNaN(Evaluate("mean(x)", ("x", x, [5])).Data.Single()));
    }

    [TestMethod]
    public void RootMeanSquareOfADifference()
    {
        AgreesWithNumpy("sqrt(mean((x - y)**2))", "np.sqrt(np.mean((x - y)**2))", []);
        AgreesWithNumpy("k_1 * V_0 * (data - 1.0)", "k_1 * V_0 * (data - 1.0)", [6, 4], ("k_1", [0.5], []), ("V_0", [0.02], []), ("data", Random(24, 12), [6, 4]));
    }

    [TestMethod]
    public void AnEmptySelectionSumsToZeroAndHasNoMaximum()
    {
        Assert.AreEqual(0.0, Evaluate("sum(x[x > 100])").Data.Single());
        Assert.AreEqual(1.0, Evaluate("prod(x, x > 100)").Data.Single());
        Assert.IsTrue(double.IsNaN(Evaluate("mean(x[x > 100])").Data.Single()), "numpy's mean of nothing is NaN");
        StringAssert.Contains(Fails("max(x[x > 100])").Message, "'max(x[x > 100])' selects nothing: no entry of 'x' meets the condition");
    }

    // ---------------------------------------------------------------- indexing and Sum

    [TestMethod]
    [DataRow("x[0]", "x[0]", new[] { 4 })]
    [DataRow("x[5]", "x[5]", new[] { 4 })]
    [DataRow("x[-1]", "x[-1]", new[] { 4 })]
    [DataRow("x[-6] - y", "x[-6] - y", new[] { 4 })]
    [DataRow("x[2][3]", "x[2][3]", new int[0])]
    [DataRow("x[1 + 1] * 2", "x[2] * 2", new[] { 4 })]
    [DataRow("z[3]", "z[3]", new[] { 1 })]
    [DataRow("y[-4] + v[5]", "y[-4] + v[5]", new int[0])]
    [DataRow("mean(x[4])", "np.mean(x[4])", new int[0])]
    public void IndexingTakesAnEntryAlongTheFirstAxis(string equation, string numpy, int[] shape) => AgreesWithNumpy(equation, numpy, shape);

    [TestMethod]
    public void SumRunsFromLowToHighInclusive()
    {
        (string, double[], int[]) n = ("n", [6.0], []);
        (string, double[], int[]) x = ("x", Inputs[0].Values, [6, 4]);
        (string, double[], int[]) v = ("v", Inputs[4].Values, [6]);
        AgreesWithNumpy("Sum((x[i] - v[i])**2, (i, 0, n-1))", "np.sum([(x[i] - v[i])**2 for i in range(6)], axis=0)", [4], x, v, n);
        AgreesWithNumpy("Sum(v[k], (k, 0, n - 1))", "np.sum(v)", [], v, n);
        AgreesWithNumpy("Sum(v[j] * j, (j, 2, 4))", "v[2] * 2 + v[3] * 3 + v[4] * 4", [], v, n);
        AgreesWithNumpy("Sum(Sum(x[i][j], (j, 0, 3)), (i, 0, 5))", "np.sum(x)", [], x, v);
        Assert.AreEqual(0.0, Evaluate("Sum(v[i], (i, 3, 2))", v).Data.Single(), "an empty range sums to 0");
        Assert.AreEqual(15.0, Evaluate("Sum(i, (i, 1, 5))").Data.Single());
    }

    [TestMethod]
    public void SumIndexShadowsANameOnlyInItsBody()
    {
        Assert.AreEqual(6.0 + 100, Evaluate("Sum(i, (i, 1, 3)) + i", ("i", [100.0], [])).Data.Single());
    }

    [TestMethod]
    public void TupleIndexingTakesTheLeadingAxesAsNumpy()
    {
        (string, double[], int[]) x = ("x", Inputs[0].Values, [6, 4]);
        (string, double[], int[]) a = ("a", Random(2 * 3 * 4, 15), [2, 3, 4]);
        AgreesWithNumpy("x[1, 2]", "x[1, 2]", [], x);
        AgreesWithNumpy("x[-1, -4] + x[5, 0] * x[0, 3]", "x[-1, -4] + x[5, 0] * x[0, 3]", [], x);
        AgreesWithNumpy("a[1, 2]", "a[1, 2]", [4], a);
        AgreesWithNumpy("a[-1,0]", "a[-1, 0]", [4], a);
        AgreesWithNumpy("a[1, -2, 3] - a[0, 2][1]", "a[1, -2, 3] - a[0, 2][1]", [], a);
        AgreesWithNumpy("a[0, 1] * x[2] + a[1, 1 + 1, 2 * 1]", "a[0, 1] * x[2] + a[1, 2, 2]", [4], a, x);
        AgreesWithNumpy("mean(a[1, 0]) + Max(x[3, 1], x[2, 1])", "np.mean(a[1, 0]) + max(x[3, 1], x[2, 1])", [], a, x);
    }

    [TestMethod]
    public void SumOverSeveralRangesNestsTheFirstOutermost()
    {
        (string, double[], int[]) x = ("x", Inputs[0].Values, [6, 4]);
        (string, double[], int[]) a = ("a", Random(2 * 3 * 4, 15), [2, 3, 4]);
        AgreesWithNumpy("Sum(x[i, j], (i, 0, 5), (j, 0, 3))", "sum(x[i, j] for i in range(6) for j in range(4))", [], x);
        AgreesWithNumpy("Sum(x[i, j], (i, 0, 3), (j, 0, i))", "sum(x[i, j] for i in range(4) for j in range(i + 1))", [], x);
        AgreesWithNumpy("Sum(a[i, j, k] * (i + 2*j - k), (i, 0, 1), (j, 0, 2), (k, 0, 3))", "sum(a[i, j, k] * (i + 2*j - k) for i in range(2) for j in range(3) for k in range(4))", [], a);
        AgreesWithNumpy("Sum(a[i, j], (i, 0, 1), (j, 1, 2))", "a[0, 1] + a[0, 2] + a[1, 1] + a[1, 2]", [4], a);
        Assert.AreEqual(36.0, Evaluate("Sum(10 * i + j, (i, 0, 1), (j, 0, 2))").Data.Single(), "0+1+2 + 10+11+12");
        Assert.AreEqual(0.0, Evaluate("Sum(x[i, j], (i, 0, 5), (j, 3, 2))", x).Data.Single(), "an empty inner range sums to 0");
        Assert.AreEqual(0.0, Evaluate("Sum(x[i, j], (i, 0, -1), (j, 0, 3))", x).Data.Single(), "an empty outer range sums to 0");
    }

    [TestMethod]
    public void WhatASumsIndicesDoNotUseIsEvaluatedForEachEvaluationOfTheSum()
    {
        (string, double[], int[]) x = ("x", Inputs[0].Values, [6, 4]);
        AgreesWithNumpy("Sum(Sum(x[i, j] * mean(x[i]), (j, 0, 3)) - max(x[i]), (i, 0, 5))", "sum(sum(x[i, j] * np.mean(x[i]) for j in range(4)) - np.max(x[i]) for i in range(6))", [], x);
        AgreesWithNumpy("Sum(Sum(x[i, j] - mean(x) * k, (j, 0, 3)), (i, 0, 5), (k, 1, 2))", "sum(sum(x[i, j] - np.mean(x) * k for j in range(4)) for i in range(6) for k in range(1, 3))", [], x);
        Assert.AreEqual(3 * 6.0, Evaluate("Sum(Sum(i, (i, 1, 3)), (j, 1, 3))").Data.Single());
        Assert.AreEqual((1 * 6.0) + (2 * 6.0), Evaluate("Sum(Sum(i, (i, 1, 3)) * j, (j, 1, 2))").Data.Single());
    }

    // ---------------------------------------------------------------- equations of TVBO's experiments

    /// <summary>84 × 84 matrices A and B, B correlated with A (as a simulated and an empirical connectivity).</summary>
    private static ((string, double[], int[]) A, (string, double[], int[]) B) Connectivities()
    {
        var a = Random(84 * 84, 21);
        var noise = Random(84 * 84, 22);
        var b = a.Select((v, k) => (0.6 * v) + noise[k]).ToArray();
        return (("A", a, [84, 84]), ("B", b, [84, 84]));
    }

    private const string CorrelationOfMatrices =
        "Sum((A[i,j] - mean(A))*(B[i,j] - mean(B)), (i, 0, N_nodes-1), (j, 0, N_nodes-1)) / (sqrt(Sum((A[i,j] - mean(A))**2, (i, 0, N_nodes-1), (j, 0, N_nodes-1))) * sqrt(Sum((B[i,j] - mean(B))**2, (i, 0, N_nodes-1), (j, 0, N_nodes-1))))";

    [TestMethod]
    public void RootMeanSquareOfARowsDifference()
    {
        var a = Random(5 * 7, 23);
        var b = Random(5 * 7, 24);
        var expected = NumpyReference.Run("out = np.sqrt(np.sum((a - b)**2, axis=1) / 7)", ("a", a, [5, 7]), ("b", b, [5, 7]));
        var equation = ArrayExpression.Parse("sqrt(Sum((a[i,j] - b[i,j])**2, (j, 0, m-1)) / m)");
        for (var i = 0; i < 5; i++)
        {
            var names = new Dictionary<string, ArrayValue> { ["a"] = new([5, 7], a), ["b"] = new([5, 7], b), ["m"] = ArrayValue.Scalar(7), ["i"] = ArrayValue.Scalar(i) };
            var actual = ArrayExpression.Evaluate(equation, names);
            Assert.IsEmpty(actual.Shape);
            Close([expected[i]], actual.Data, 1e-12);
        }
    }

    [TestMethod]
    public void CorrelationOfTwoMatricesIsNumpysCorrcoef()
    {
        var (a, b) = Connectivities();
        AgreesWithNumpy(CorrelationOfMatrices, "np.corrcoef(A.flatten(), B.flatten())[0, 1]", [], a, b, ("N_nodes", [84.0], []));
    }

    [TestMethod]
    public void MeanOverTimeOfANode()
    {
        var x = Random(50 * 6, 25).Select(v => v + 2).ToArray();
        var expected = NumpyReference.Run("out = np.mean(X, axis=0)", ("X", x, [50, 6]));
        var equation = ArrayExpression.Parse("Sum(X[t,i], (t, 0, T-1)) / T");
        for (var i = 0; i < 6; i++)
        {
            var names = new Dictionary<string, ArrayValue> { ["X"] = new([50, 6], x), ["T"] = ArrayValue.Scalar(50), ["i"] = ArrayValue.Scalar(i) };
            Close([expected[i]], ArrayExpression.Evaluate(equation, names).Data, 1e-12);
        }
    }

    [TestMethod]
    public void PearsonCorrelationOfTwoVectorsIsNumpysCorrcoef()
    {
        var x = Random(40, 26);
        var noise = Random(40, 27);
        var y = x.Select((v, k) => (0.5 * v) + noise[k]).ToArray();
        AgreesWithNumpy(
            "Sum((x[i] - mean(x)) * (y[i] - mean(y)), (i, 0, n-1)) / sqrt(Sum((x[i] - mean(x))**2, (i, 0, n-1)) * Sum((y[i] - mean(y))**2, (i, 0, n-1)))",
            "np.corrcoef(x, y)[0, 1]", [], ("x", x, [40]), ("y", y, [40]), ("n", [40.0], []));
    }

    [TestMethod]
    public void PlasticityUpdateOfOneNode()
    {
        (string, double[], int[]) j = ("J_i", Random(10, 28), [10]);
        (string, double[], int[]) si = ("mean_S_i", Random(10, 29), [10]);
        (string, double[], int[]) se = ("mean_S_e", Random(10, 30), [10]);
        for (var k = 0; k < 10; k += 3)
        {
            AgreesWithNumpy("J_i[k] + eta * mean_S_i[k] * (mean_S_e[k] - target)",
                string.Create(CultureInfo.InvariantCulture, $"J_i[{k}] + eta * mean_S_i[{k}] * (mean_S_e[{k}] - target)"), [],
                j, si, se, ("k", [k], []), ("eta", [0.01], []), ("target", [0.4], []));
        }
    }

    // ---------------------------------------------------------------- Piecewise and masks

    [TestMethod]
    public void PiecewiseIsElementwiseWithBroadcasting()
    {
        AgreesWithNumpy("Piecewise((x, x > 0), (y, z < 0), (0.5, True))", "np.select([x > 0, np.broadcast_to(z < 0, x.shape)], [x, np.broadcast_to(y, x.shape)], default=0.5)", [6, 4]);
        AgreesWithNumpy("Piecewise((-x, (x > 0) & (x < 1)))", "np.select([(x > 0) & (x < 1)], [-x], default=np.nan)", [6, 4]);
    }

    [TestMethod]
    public void TheHemodynamicKernelOfBold()
    {
        const string Kernel = "(1/3)*exp(-0.5*(t/1000)/tau_s)*sin(sqrt(1/tau_f - 1/(4*tau_s**2))*(t/1000))/sqrt(1/tau_f - 1/(4*tau_s**2))";
        var t = NumpyReference.Run("out = np.linspace(0, 20000, 5000)");
        Assert.AreEqual(20000.0 / 4999, t[1], 1e-12);
        var expected = NumpyReference.Run(
            "tau_s = 0.8\ntau_f = 0.4\nout = " + Kernel.Replace("exp", "np.exp", StringComparison.Ordinal).Replace("sin", "np.sin", StringComparison.Ordinal).Replace("sqrt", "np.sqrt", StringComparison.Ordinal),
            ("t", t, [5000]));
        var actual = Evaluate(Kernel, ("t", t, [5000]), ("tau_s", [0.8], []), ("tau_f", [0.4], []));
        CollectionAssert.AreEqual(new[] { 5000 }, actual.Shape);
        Close(expected, actual.Data, 1e-12);
        Assert.AreEqual(0.0, actual.Data[0]);
        Assert.IsTrue(actual.Data.Max() > 0.1, "the kernel rises");
    }

    [TestMethod]
    public void ParseOnceEvaluateForManyConditions()
    {
        var equation = ArrayExpression.Parse("mean(x) * k");
        for (var k = 1; k <= 3; k++)
        {
            var names = new Dictionary<string, ArrayValue> { ["x"] = new([2], [1.0, 3.0]), ["k"] = ArrayValue.Scalar(k) };
            Assert.AreEqual(2.0 * k, ArrayExpression.Evaluate(equation, names).Data.Single());
        }
    }

    [TestMethod]
    public void TheResultNeverSharesAnInputsData()
    {
        var x = new[] { 1.0, 2.0 };
        var result = Evaluate("x", ("x", x, [2]));
        CollectionAssert.AreEqual(x, result.Data);
        Assert.AreNotSame(x, result.Data);
        var names = Names(("x", x, [2]));
        Assert.AreNotSame(names["x"].Shape, ArrayExpression.Evaluate(ArrayExpression.Parse("x + 1"), names).Shape);
    }

    [TestMethod]
    public void ALargeElementwiseEquationAllocatesAboutOneArrayPerNode()
    {
        var x = new ArrayValue([30_000, 84], Random(30_000 * 84, 13));
        var y = new ArrayValue([84], Random(84, 14));
        var names = new Dictionary<string, ArrayValue> { ["x"] = x, ["y"] = y };
        var equation = ArrayExpression.Parse("exp(-(x - y)**2 / 2) * 3 + x");
        _ = ArrayExpression.Evaluate(equation, names);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ArrayExpression.Evaluate(equation, names);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Seven array-valued nodes (x - y, **2, -, / 2, exp, * 3, + x) of 20 MB each; per-entry allocation would be far more.
        var arrayBytes = 30_000L * 84 * sizeof(double);
        Assert.IsLessThanOrEqualTo(8 * arrayBytes, allocated, string.Create(CultureInfo.InvariantCulture, $"{allocated} bytes"));
        Assert.AreEqual((Math.Exp(-Math.Pow(x.Data[5] - y.Data[5], 2) / 2) * 3) + x.Data[5], result.Data[5], 1e-12);
    }

    // ---------------------------------------------------------------- errors

    [TestMethod]
    public void AnUnknownNameListsTheNamesInOrder()
    {
        var ex = Fails("foo + x", ("y", [1.0], []), ("x", [1.0], []), ("t", [1.0], []));
        Assert.AreEqual("'foo' is not a name this equation can use; it may use t, x, y.", ex.Message);
    }

    [TestMethod]
    public void ShapesThatDoNotBroadcastAreNamed()
    {
        var ex = Fails("sqrt(x - y)", ("x", new double[120 * 84], [120, 84]), ("y", new double[84 * 83], [84, 83]));
        Assert.AreEqual("'x - y': shapes (120, 84) and (84, 83) do not broadcast.", ex.Message);
        StringAssert.Contains(Fails("x + v").Message, "'x + v': shapes (6, 4) and (6,) do not broadcast.");
    }

    [TestMethod]
    public void AnIndexMustBeAWholeNumberInRange()
    {
        StringAssert.Contains(Fails("x[1.5]").Message, "the index of 'x[1.5]', '1.5', is 1.5, not a whole number.");
        Assert.AreEqual("'x[6]': index 6 is out of range for 'x', whose first dimension has length 6 (valid indices: -6 to 5).", Fails("x[6]").Message);
        Assert.AreEqual("'x[-7]': index -7 is out of range for 'x', whose first dimension has length 6 (valid indices: -6 to 5).", Fails("x[-7]").Message);
        StringAssert.Contains(Fails("x[y]").Message, "'x[y]': the index 'y' has shape (4,)");
        StringAssert.Contains(Fails("s[0]").Message, "'s[0]': 's' is one number");
        StringAssert.Contains(Fails("Sum(v[i], (i, 0, 6))").Message, "'v[i]': index 6 is out of range for 'v'");
        StringAssert.Contains(Fails("Sum(v[i], (i, 0, s))").Message, "the last index of 'Sum(v[i], (i, 0, s))', 's', is 2.5, not a whole number.");
    }

    [TestMethod]
    public void EachOfSeveralIndicesMustBeAWholeNumberInRange()
    {
        (string, double[], int[]) a = ("a", Random(2 * 3 * 4, 15), [2, 3, 4]);
        Assert.AreEqual("'x[1, 4]': index 4 ('4') is out of range for axis 1 of 'x', whose second dimension has length 4 (valid indices: -4 to 3).", Fails("x[1, 4]").Message);
        Assert.AreEqual("'x[-7, 0]': index -7 ('-7') is out of range for axis 0 of 'x', whose first dimension has length 6 (valid indices: -6 to 5).", Fails("x[-7, 0]").Message);
        Assert.AreEqual("'a[0, 1, k]': index 4 ('k') is out of range for axis 2 of 'a', whose third dimension has length 4 (valid indices: -4 to 3).", Fails("a[0, 1, k]", a, ("k", [4.0], [])).Message);
        StringAssert.Contains(Fails("Sum(x[i, j], (i, 0, 5), (j, 0, 4))").Message, "'x[i, j]': index 4 ('j') is out of range for axis 1 of 'x', whose second dimension has length 4");
        Assert.AreEqual("'x[1, 2, 3]': too many indices: 3 for 'x', which has 2 dimensions (shape (6, 4)).", Fails("x[1, 2, 3]").Message);
        Assert.AreEqual("'v[0, 0]': too many indices: 2 for 'v', which has 1 dimension (shape (6,)).", Fails("v[0, 0]").Message);
        StringAssert.Contains(Fails("s[0, 0]").Message, "'s[0, 0]': 's' is one number");
        Assert.AreEqual("the second index of 'x[1, 2.5]', '2.5', is 2.5, not a whole number.", Fails("x[1, 2.5]").Message);
        StringAssert.Contains(Fails("x[s, 0]").Message, "the first index of 'x[s, 0]', 's', is 2.5, not a whole number.");
        StringAssert.Contains(Fails("x[0, y]").Message, "'x[0, y]': the index 'y' has shape (4,); index with whole numbers.");
        StringAssert.Contains(Fails("x[x > 0, 1]").Message, "'x[x > 0, 1]': the index 'x > 0' is a condition");
        StringAssert.Contains(Fails("Sum(x[i, j], (i, 0, 5), (j, 0, s))").Message, "the last index of the second range of 'Sum(x[i, j], (i, 0, 5), (j, 0, s))', 's', is 2.5, not a whole number.");
        StringAssert.Contains(Fails("Sum(x[i, j], (j, 0, i), (i, 0, 3))").Message, "'i' is not a name this equation can use; it may use s, v, w, x, y, z.");
    }

    [TestMethod]
    public void AMaskIsNotANumber()
    {
        StringAssert.Contains(Fails("x * (x > 0)").Message, "'(x > 0)' is a mask (true or false per entry) used as a number");
        StringAssert.Contains(Fails("x > 0").Message, "'x > 0' is a mask (true or false per entry), not numbers");
        StringAssert.Contains(Fails("x[x > 0] + 1").Message, "'x[x > 0]' selects a number of entries that depends on the data");
        StringAssert.Contains(Fails("mean(x, x)").Message, "the condition of mean() 'x' is numbers, not a condition");
        StringAssert.Contains(Fails("Piecewise((x, x), (0, True))").Message, "a Piecewise condition 'x' is numbers");
        StringAssert.Contains(Fails("mean(x[x > 0], x > 1)").Message, "selects twice");
        StringAssert.Contains(Fails("mean(x[y > 0])").Message, "the condition 'y > 0' has shape (4,) but 'x' has shape (6, 4)");
    }

    [TestMethod]
    public void SyntaxHintsSpeakOfAnInputNotOfAMatrix()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ObservableException>(() => ArrayExpression.Parse("mean()")).Message, "missing argument to mean() at column 6; call it with an argument, e.g. mean(x)");
        StringAssert.Contains(Assert.ThrowsExactly<ObservableException>(() => ArrayExpression.Parse("x[]")).Message, "empty selection '[]' at column 3; select with a condition, e.g. x[x > 0]");
        StringAssert.Contains(Assert.ThrowsExactly<ObservableException>(() => ArrayExpression.Parse(" ")).Message, "empty expression at column 1; write a formula such as sqrt(mean((x - y)**2))");
    }

    [TestMethod]
    [DataRow("sqrt(mean((x - y)**2)", "unexpected end of expression at column 22; the '(' of sqrt( at column 5 is not closed")]
    [DataRow("x +* y", "unexpected '*' at column 4")]
    [DataRow("average(x)", "unknown function 'average'")]
    [DataRow("Sum(x[i], (0, 1, 2))", "the index of Sum() is '0', not a name")]
    [DataRow("Sum(x[i], (i, 1))", "the range of Sum() has no last index")]
    [DataRow("Sum(x[i])", "Sum() has no range (i, lo, hi)")]
    [DataRow("atan2(x)", "atan2() takes two arguments, not 1")]
    [DataRow("exp(x, y)", "too many arguments to exp()")]
    [DataRow("Sum(x[i, j], (i, 0, 5), j)", "the range of Sum() is not a tuple (i, lo, hi)")]
    [DataRow("Sum(x[i, j], (i, 0, 5), (i, 0, 3))", "Sum() has two ranges of the index 'i'")]
    [DataRow("x[1, ]", "unexpected ']'")]
    [DataRow("x[1, 2", "unexpected end of expression")]
    public void SyntaxErrorsQuoteTheEquation(string equation, string problem)
    {
        var ex = Assert.ThrowsExactly<ObservableException>(() => ArrayExpression.Parse(equation, "observations.rmse"));
        StringAssert.StartsWith(ex.Message, $"observations.rmse: {problem}");
        StringAssert.Contains(ex.Message, "\n  " + equation + "\n");
    }
}

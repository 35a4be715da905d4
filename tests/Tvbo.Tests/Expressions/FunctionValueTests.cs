using System.Globalization;
using Tvbo.Expressions;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Expressions;

/// <summary>The functions TVBO's sympy equations call, evaluated by <see cref="Functions"/> (which the evaluator, the
/// native backend and observation equations share), against numpy and scipy computed at test time by Debian's Python.</summary>
[TestClass]
public sealed class FunctionValueTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly double[] ErfPoints =
    [
        0.0, -0.0, 1e-300, 1e-20, 1e-8, 0.1, -0.2, 0.46875, 0.46876, 0.5, -0.75, 1.0, 1.5, -2.0, 2.5, 3.0, 3.9999, 4.0, 4.0001,
        4.5, -5.0, 5.9, 6.0, 7.5, 10.0, -10.0, 15.0, 20.0, 25.0, 26.0, 27.0, 30.0, double.PositiveInfinity, double.NegativeInfinity,
    ];

    private static readonly double[] Points = [0.0, -0.0, 0.3, -0.3, 1.0, -1.0, 2.5, -2.5, 3.0, -7.25, 1e-300, 1e300, -1e300, 0.5, 1e-10];

    // (numpy/scipy expression of x and y, the function, its arguments); each line is compared to Python's value.
    private static IEnumerable<(string Python, MathFunction Function, double[] Arguments)> Cases()
    {
        // erf and erfc against the exact values (mpmath at 50 digits, which sympy brings) and against scipy's, whose own
        // error reaches 2e-15 (erfc(5.9), erfc(4.0001)).
        foreach (var x in ErfPoints.Concat(Enumerable.Range(-600, 1201).Select(i => i / 100.0)))
        {
            yield return ("scipy.special.erf(x)", MathFunction.Erf, [x]);
            yield return ("scipy.special.erfc(x)", MathFunction.Erfc, [x]);
            yield return ("mpmath.erf(x)", MathFunction.Erf, [x]);
            yield return ("mpmath.erfc(x)", MathFunction.Erfc, [x]);
        }

        foreach (var x in Points.Concat([double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.5, -1.5, 2.0, -2.0]))
        {
            yield return ("numpy.floor(x)", MathFunction.Floor, [x]);
            yield return ("numpy.ceil(x)", MathFunction.Ceiling, [x]);
            yield return ("numpy.log10(numpy.abs(x))", MathFunction.Log10, [Math.Abs(x)]);
            yield return ("numpy.exp2(x)", MathFunction.Exp2, [x]);
            yield return ("numpy.heaviside(x, 0.5)", MathFunction.Heaviside, [x, 0.5]);
            yield return ("numpy.heaviside(x, 0.25)", MathFunction.Heaviside, [x, 0.25]);
        }

        foreach (var x in new[] { 1e-3, 0.7, 10.0, 123.456, 1e10, 1e-300, 1000.0 })
        {
            yield return ("numpy.log10(x)", MathFunction.Log10, [x]);
        }

        foreach (var x in new[] { -1074.0, -1022.5, -10.3, 0.5, 1.0 / 3, 10.7, 52.0, 1023.9, 1024.0 })
        {
            yield return ("numpy.exp2(x)", MathFunction.Exp2, [x]);
        }

        var pairs = new[] { 0.0, -0.0, 1.0, -1.0, 2.5, -3.75, double.PositiveInfinity, double.NegativeInfinity, double.NaN };
        foreach (var x in pairs)
        {
            foreach (var y in pairs)
            {
                // arctan2(y, x) in all four quadrants, on the axes with both signed zeros, at infinities.
                yield return ("numpy.arctan2(x, y)", MathFunction.Arctan2, [x, y]);
                yield return ("numpy.fmod(x, y)", MathFunction.Fmod, [x, y]);
                yield return ("numpy.maximum(x, y)", MathFunction.Maximum, [x, y]);
                yield return ("numpy.minimum(x, y)", MathFunction.Minimum, [x, y]);
            }
        }

        foreach (var (a, b) in new[] { (5.5, 2.0), (-5.5, 2.0), (5.5, -2.0), (-5.5, -2.0), (7.0, 0.3), (-1e-20, 2.0), (1e300, 3.0) })
        {
            yield return ("numpy.fmod(x, y)", MathFunction.Fmod, [a, b]);
        }
    }

    [TestMethod]
    public void EveryFunctionIsNumpysOrScipys()
    {
        if (DebianPython.Missing("numpy, scipy.special, mpmath") is { } why)
        {
            Assert.Inconclusive($"numpy/scipy/mpmath not importable from {DebianPython.Executable}: {why}");
        }

        var cases = Cases().ToArray();
        var script = "import math, numpy, scipy.special, mpmath, sys\n"
            + "mpmath.mp.dps = 50\n"
            + "for line in open(sys.argv[1], encoding='utf-8').read().split(';'):\n"
            + "    expr, x, y = line.split('|')\n"
            + "    x = float(x); y = float(y)\n"
            + "    with numpy.errstate(all='ignore'):\n"
            + "        print(repr(float(eval(expr))) if not expr.startswith('mpmath') or math.isfinite(x) else repr(float(eval(expr.replace('mpmath', 'scipy.special')))))\n";
        var input = string.Join(";", cases.Select(c => $"{c.Python}|{Text(c.Arguments[0])}|{Text(c.Arguments.Length > 1 ? c.Arguments[1] : 0.0)}"));
        var file = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), $"function_values_{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, input);
        var (exit, stdout, stderr) = DebianPython.Run("-c", script, file);
        File.Delete(file);
        Assert.AreEqual(0, exit, stderr);
        var expected = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FromRepr).ToArray();
        Assert.HasCount(cases.Length, expected);

        var worst = new Dictionary<string, double>();
        for (var i = 0; i < cases.Length; i++)
        {
            var (python, function, args) = cases[i];
            if (python.StartsWith("mpmath", StringComparison.Ordinal) && (Math.Abs(args[0]) > 26.5 || double.IsNaN(args[0])))
            {
                continue; // erfc below the smallest normal double: 0 here, a subnormal from mpmath
            }

            var actual = args.Length == 1 ? Functions.Evaluate(function, args[0]) : Functions.Evaluate(function, args[0], args[1]);
            var want = expected[i];
            var what = $"{python} with x = {args[0]:R}{(args.Length > 1 ? $", y = {args[1]:R}" : string.Empty)}: numpy/scipy {want:R}, Functions {actual:R}";
            if (want == 0 && python.StartsWith("mpmath", StringComparison.Ordinal))
            {
                Assert.AreEqual(0.0, actual, what); // mpmath has no signed zero
                continue;
            }

            if (double.IsNaN(want))
            {
                Assert.IsTrue(double.IsNaN(actual), what);
                continue;
            }

            if (double.IsInfinity(want) || want == 0)
            {
                Assert.AreEqual(BitConverter.DoubleToInt64Bits(want), BitConverter.DoubleToInt64Bits(actual), what);
                continue;
            }

            var relative = Math.Abs(actual - want) / Math.Abs(want);
            var scipy = python.StartsWith("scipy", StringComparison.Ordinal);
            Assert.IsLessThanOrEqualTo(scipy ? 4e-15 : 1e-15, relative, what);
            Assert.AreEqual(Math.Sign(want), Math.Sign(actual), what);
            var key = (scipy ? "scipy " : python.StartsWith("mpmath", StringComparison.Ordinal) ? "exact " : "numpy ") + Functions.NameOf(function);
            worst[key] = Math.Max(worst.GetValueOrDefault(key), relative);
        }

        foreach (var (function, error) in worst.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            TestContext.WriteLine($"{function}: largest relative difference {error:E2}");
        }

        // The functions that are exact in numpy are exact here.
        foreach (var f in new[] { "floor", "ceil", "fmod", "maximum", "minimum", "heaviside" })
        {
            Assert.AreEqual(0.0, worst.GetValueOrDefault("numpy " + f), f);
        }
    }

    [TestMethod]
    public void ErfcKeepsItsAccuracyInTheFarTail()
    {
        // erfc(10) = 2.0884875837625447570e-45 (not 0 = 1 - erf(10)); erfc(-10) = 2; erf is odd.
        Assert.AreEqual(2.0884875837625447570e-45, Functions.Erfc(10.0), 2.0884875837625447570e-45 * 1e-15);
        Assert.AreEqual(2.0, Functions.Erfc(-10.0));
        Assert.AreEqual(1.0, Functions.Erf(10.0));
        Assert.AreEqual(-Functions.Erf(0.3), Functions.Erf(-0.3));
        Assert.AreEqual(0.0, Functions.Erfc(27.0));
        Assert.IsTrue(double.IsNaN(Functions.Erf(double.NaN)) && double.IsNaN(Functions.Erfc(double.NaN)));
    }

    [TestMethod]
    public void PythonsModuloAndFmodDifferInSign()
    {
        // Python's % (and sympy's Mod) takes the divisor's sign; fmod the dividend's.
        Assert.AreEqual(0.5, ExpressionEvaluator.Evaluate(ExpressionParser.Parse("Mod(-5.5, 2)"), _ => 0));
        Assert.AreEqual(-1.5, ExpressionEvaluator.Evaluate(ExpressionParser.Parse("fmod(-5.5, 2)"), _ => 0));
        Assert.AreEqual(-0.5, ExpressionEvaluator.Evaluate(ExpressionParser.Parse("Mod(5.5, -2)"), _ => 0));
        Assert.AreEqual(1.5, ExpressionEvaluator.Evaluate(ExpressionParser.Parse("fmod(5.5, -2)"), _ => 0));
    }

    // Shortest round-trip text, which Python's float() reads back exactly ('NaN', 'Infinity' and '-Infinity' included).
    private static string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    // Python's repr of a float, read back exactly.
    private static double FromRepr(string text) => text.Trim() switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        var t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}

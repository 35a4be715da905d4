namespace Tvbo.Expressions;

/// <summary>The functions right-hand sides may call (numpy/sympy names). Most take one argument;
/// <see cref="Functions.ArityOf"/> gives each one's count.</summary>
public enum MathFunction
{
    /// <summary><c>exp(x)</c></summary>
    Exp,

    /// <summary><c>log(x)</c>, the natural logarithm.</summary>
    Log,

    /// <summary><c>sqrt(x)</c></summary>
    Sqrt,

    /// <summary><c>sin(x)</c></summary>
    Sin,

    /// <summary><c>cos(x)</c></summary>
    Cos,

    /// <summary><c>tan(x)</c></summary>
    Tan,

    /// <summary><c>sinh(x)</c></summary>
    Sinh,

    /// <summary><c>cosh(x)</c></summary>
    Cosh,

    /// <summary><c>tanh(x)</c></summary>
    Tanh,

    /// <summary><c>arcsin(x)</c> (also written <c>asin</c>).</summary>
    Arcsin,

    /// <summary><c>arccos(x)</c> (also written <c>acos</c>).</summary>
    Arccos,

    /// <summary><c>arctan(x)</c> (also written <c>atan</c>).</summary>
    Arctan,

    /// <summary><c>abs(x)</c> (also written <c>Abs</c>).</summary>
    Abs,

    /// <summary><c>sign(x)</c>: -1, 0 or 1.</summary>
    Sign,

    /// <summary><c>floor(x)</c>: the largest whole number not above <c>x</c>.</summary>
    Floor,

    /// <summary><c>ceil(x)</c> (also written sympy's <c>ceiling</c>): the smallest whole number not below <c>x</c>.</summary>
    Ceiling,

    /// <summary><c>log10(x)</c>, the decimal logarithm.</summary>
    Log10,

    /// <summary><c>exp2(x)</c> = <c>2**x</c>.</summary>
    Exp2,

    /// <summary><c>erf(x)</c>, the error function (<see cref="Functions.Erf"/>).</summary>
    Erf,

    /// <summary><c>erfc(x)</c> = <c>1 - erf(x)</c>, accurate in the far tail (<see cref="Functions.Erfc"/>).</summary>
    Erfc,

    /// <summary><c>arctan2(y, x)</c> (also written <c>atan2</c>): the angle of the point (x, y), in [-pi, pi].</summary>
    Arctan2,

    /// <summary><c>fmod(a, b)</c>: C's remainder of <c>a / b</c>, with the sign of <c>a</c> (unlike <c>%</c>).</summary>
    Fmod,

    /// <summary><c>maximum(a, b)</c> (also written <c>Max</c>, <c>max</c>, with two or more arguments):
    /// <see cref="Functions.Maximum"/>.</summary>
    Maximum,

    /// <summary><c>minimum(a, b)</c> (also written <c>Min</c>, <c>min</c>, with two or more arguments):
    /// <see cref="Functions.Minimum"/>.</summary>
    Minimum,

    /// <summary><c>heaviside(x, h0)</c> (also written sympy's <c>Heaviside(x)</c>, <c>h0</c> = 1/2, or
    /// <c>Heaviside(x, h0)</c>): <see cref="Functions.Heaviside"/>.</summary>
    Heaviside,
}

/// <summary>Names of the <see cref="MathFunction"/>s and of the constants expressions may use.</summary>
public static class Functions
{
    private static readonly Dictionary<string, MathFunction> ByName = new(StringComparer.Ordinal)
    {
        ["exp"] = MathFunction.Exp,
        ["log"] = MathFunction.Log,
        ["sqrt"] = MathFunction.Sqrt,
        ["sin"] = MathFunction.Sin,
        ["cos"] = MathFunction.Cos,
        ["tan"] = MathFunction.Tan,
        ["sinh"] = MathFunction.Sinh,
        ["cosh"] = MathFunction.Cosh,
        ["tanh"] = MathFunction.Tanh,
        ["arcsin"] = MathFunction.Arcsin,
        ["asin"] = MathFunction.Arcsin,
        ["arccos"] = MathFunction.Arccos,
        ["acos"] = MathFunction.Arccos,
        ["arctan"] = MathFunction.Arctan,
        ["atan"] = MathFunction.Arctan,
        ["abs"] = MathFunction.Abs,
        ["Abs"] = MathFunction.Abs,
        ["sign"] = MathFunction.Sign,
        ["floor"] = MathFunction.Floor,
        ["ceil"] = MathFunction.Ceiling,
        ["ceiling"] = MathFunction.Ceiling,
        ["log10"] = MathFunction.Log10,
        ["exp2"] = MathFunction.Exp2,
        ["erf"] = MathFunction.Erf,
        ["erfc"] = MathFunction.Erfc,
        ["arctan2"] = MathFunction.Arctan2,
        ["atan2"] = MathFunction.Arctan2,
        ["fmod"] = MathFunction.Fmod,
        ["maximum"] = MathFunction.Maximum,
        ["Max"] = MathFunction.Maximum,
        ["max"] = MathFunction.Maximum,
        ["minimum"] = MathFunction.Minimum,
        ["Min"] = MathFunction.Minimum,
        ["min"] = MathFunction.Minimum,
        ["heaviside"] = MathFunction.Heaviside,
        ["Heaviside"] = MathFunction.Heaviside,
    };

    /// <summary>The canonical function names, as accepted in expressions and printed for PyRates.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [
            "exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "abs", "sign",
            "floor", "ceil", "log10", "exp2", "erf", "erfc", "arctan2", "fmod", "maximum", "minimum", "heaviside",
        ];

    /// <summary>Named constants: <c>pi</c> and <c>e</c>. A model symbol of the same name takes precedence.</summary>
    public static IReadOnlyDictionary<string, double> Constants { get; } =
        new Dictionary<string, double>(StringComparer.Ordinal) { ["pi"] = Math.PI, ["e"] = Math.E };

    /// <summary>Looks up a function by any of its accepted names.</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="function">The function, when found.</param>
    /// <returns>Whether <paramref name="name"/> names a function.</returns>
    public static bool TryGet(string name, out MathFunction function) => ByName.TryGetValue(name, out function);

    /// <summary>The canonical (numpy) name of a function.</summary>
    /// <param name="function">The function.</param>
    public static string NameOf(MathFunction function) => Names[(int)function];

    /// <summary>How many arguments a function takes: 2 for <see cref="MathFunction.Arctan2"/>,
    /// <see cref="MathFunction.Fmod"/>, <see cref="MathFunction.Maximum"/>, <see cref="MathFunction.Minimum"/> and
    /// <see cref="MathFunction.Heaviside"/> (its value at 0 second), 1 for the others.</summary>
    /// <param name="function">The function.</param>
    public static int ArityOf(MathFunction function) =>
        function is MathFunction.Arctan2 or MathFunction.Fmod or MathFunction.Maximum or MathFunction.Minimum or MathFunction.Heaviside ? 2 : 1;

    /// <summary>Evaluates a function of two arguments in double precision (the reference semantics every backend
    /// follows).</summary>
    /// <param name="function">A function whose <see cref="ArityOf"/> is 2.</param>
    /// <param name="x">The first argument.</param>
    /// <param name="y">The second argument.</param>
    public static double Evaluate(MathFunction function, double x, double y) => function switch
    {
        MathFunction.Arctan2 => Math.Atan2(x, y),
        MathFunction.Fmod => x % y, // C#'s % on doubles is C's fmod, exact
        MathFunction.Maximum => Maximum(x, y),
        MathFunction.Minimum => Minimum(x, y),
        MathFunction.Heaviside => Heaviside(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, $"{NameOf(function)} takes one argument."),
    };

    /// <summary>numpy's <c>maximum(a, b)</c>, bit for bit: NaN when either is NaN, otherwise the larger; of two equal
    /// values (<c>-0.0</c> and <c>0.0</c>) the second.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    public static double Maximum(double a, double b) => a > b || double.IsNaN(a) ? a : b;

    /// <summary>numpy's <c>minimum(a, b)</c>, bit for bit: NaN when either is NaN, otherwise the smaller; of two equal
    /// values (<c>-0.0</c> and <c>0.0</c>) the second.</summary>
    /// <param name="a">The first value.</param>
    /// <param name="b">The second value.</param>
    public static double Minimum(double a, double b) => a < b || double.IsNaN(a) ? a : b;

    /// <summary>numpy's <c>heaviside(x, h0)</c> and sympy's <c>Heaviside(x, h0)</c>: 0 for <c>x &lt; 0</c>, 1 for
    /// <c>x &gt; 0</c>, <paramref name="h0"/> at 0 (sympy's default, for <c>Heaviside(x)</c>, is 1/2), NaN for NaN.</summary>
    /// <param name="x">The argument.</param>
    /// <param name="h0">The value at 0.</param>
    public static double Heaviside(double x, double h0) => x < 0 ? 0.0 : x > 0 ? 1.0 : x == 0 ? h0 : x;

    /// <summary>The error function erf(x), by W. J. Cody's rational Chebyshev approximations (Math. Comp. 23, 1969,
    /// 631-637; netlib specfun CALERF), accurate to a few units in the last place; odd, erf(±inf) = ±1, NaN for NaN.</summary>
    /// <param name="x">The argument.</param>
    public static double Erf(double x)
    {
        var y = Math.Abs(x);
        if (y <= CodyThreshold)
        {
            return CodySmall(x, y);
        }

        var r = (0.5 - CodyErfc(y)) + 0.5;
        return x < 0 ? -r : r;
    }

    /// <summary>The complementary error function erfc(x) = 1 - erf(x), by W. J. Cody's rational Chebyshev
    /// approximations (see <see cref="Erf"/>), accurate to a few units in the last place in the far tail too
    /// (erfc(10) = 2.088e-45, 0 from about x = 26.5); erfc(-inf) = 2, NaN for NaN.</summary>
    /// <param name="x">The argument.</param>
    public static double Erfc(double x)
    {
        var y = Math.Abs(x);
        if (y <= CodyThreshold)
        {
            return 1.0 - CodySmall(x, y);
        }

        var r = CodyErfc(y);
        return x < 0 ? 2.0 - r : r;
    }

    private const double CodyThreshold = 0.46875;

    // erf(x) for |x| <= 0.46875.
    private static double CodySmall(double x, double y)
    {
        ReadOnlySpan<double> a = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1];
        ReadOnlySpan<double> b = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03];
        var ysq = y > 1.11e-16 ? y * y : 0.0;
        var num = a[4] * ysq;
        var den = ysq;
        for (var i = 0; i < 3; i++)
        {
            num = (num + a[i]) * ysq;
            den = (den + b[i]) * ysq;
        }

        return x * (num + a[3]) / (den + b[3]);
    }

    // erfc(y) for y > 0.46875 (or NaN): exp(-y*y) times a rational function of y (up to 4) or of 1/y**2, with
    // exp(-y*y) as exp(-s*s)*exp(-(y - s)*(y + s)) for s = y rounded down to 1/16, which keeps its accuracy.
    private static double CodyErfc(double y)
    {
        double r;
        if (y <= 4.0)
        {
            ReadOnlySpan<double> c = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
                8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
            ReadOnlySpan<double> d = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
                3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03];
            var num = c[8] * y;
            var den = y;
            for (var i = 0; i < 7; i++)
            {
                num = (num + c[i]) * y;
                den = (den + d[i]) * y;
            }

            r = (num + c[7]) / (den + d[7]);
        }
        else if (y >= 26.543)
        {
            return 0.0;
        }
        else
        {
            ReadOnlySpan<double> p = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
                6.58749161529837803e-4, 1.63153871373020978e-2];
            ReadOnlySpan<double> q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2,
                2.33520497626869185e-3];
            var ysq = 1.0 / (y * y);
            var num = p[5] * ysq;
            var den = ysq;
            for (var i = 0; i < 4; i++)
            {
                num = (num + p[i]) * ysq;
                den = (den + q[i]) * ysq;
            }

            r = ysq * (num + p[4]) / (den + q[4]);
            r = (0.56418958354775628695 - r) / y;
        }

        var s = Math.Truncate(y * 16.0) / 16.0;
        var del = (y - s) * (y + s);
        return Math.Exp(-s * s) * Math.Exp(-del) * r;
    }

    /// <summary>Evaluates a function of one argument in double precision (the reference semantics every backend follows).</summary>
    /// <param name="function">A function whose <see cref="ArityOf"/> is 1.</param>
    /// <param name="x">The argument.</param>
    public static double Evaluate(MathFunction function, double x) => function switch
    {
        MathFunction.Exp => Math.Exp(x),
        MathFunction.Log => Math.Log(x),
        MathFunction.Sqrt => Math.Sqrt(x),
        MathFunction.Sin => Math.Sin(x),
        MathFunction.Cos => Math.Cos(x),
        MathFunction.Tan => Math.Tan(x),
        MathFunction.Sinh => Math.Sinh(x),
        MathFunction.Cosh => Math.Cosh(x),
        MathFunction.Tanh => Math.Tanh(x),
        MathFunction.Arcsin => Math.Asin(x),
        MathFunction.Arccos => Math.Acos(x),
        MathFunction.Arctan => Math.Atan(x),
        MathFunction.Abs => Math.Abs(x),
        MathFunction.Sign => double.IsNaN(x) ? double.NaN : Math.Sign(x),
        MathFunction.Floor => Math.Floor(x),
        MathFunction.Ceiling => Math.Ceiling(x),
        MathFunction.Log10 => Math.Log10(x),
        MathFunction.Exp2 => Math.Pow(2.0, x),
        MathFunction.Erf => Erf(x),
        MathFunction.Erfc => Erfc(x),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, $"{NameOf(function)} does not take one argument."),
    };
}

namespace Tvbo.Expressions;

/// <summary>The one-argument functions right-hand sides may call (numpy/sympy names).</summary>
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
    };

    /// <summary>The canonical function names, as accepted in expressions and printed for PyRates.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["exp", "log", "sqrt", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "abs", "sign"];

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

    /// <summary>Evaluates a function in double precision (the reference semantics every backend follows).</summary>
    /// <param name="function">The function.</param>
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
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown function."),
    };
}

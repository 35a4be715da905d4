using System.Globalization;
using System.Text;
using Tvbo.Bifurcation;
using Tvbo.Expressions;

namespace Tvbo.TestSupport.Auto07p;

/// <summary>
/// A <see cref="ContinuationSystem"/> as an AUTO-07p equations file (<c>&lt;name&gt;.f90</c> with FUNC, STPNT, BCND,
/// ICND, FOPT, PVLS). The right-hand sides are printed from their expression trees (<see cref="Print"/>): states are
/// <c>U(i)</c>, parameters <c>PAR(k)</c>. The free parameters take PAR(1), PAR(2), … in the order given, the others
/// follow in the system's order; index 11 is skipped, AUTO keeps the period of periodic orbits there. No Jacobian is
/// supplied (the harness runs AUTO with JAC=0, finite differences).
/// </summary>
internal sealed class AutoEquations
{
    /// <summary>AUTO's index for the period of a periodic orbit.</summary>
    public const int PeriodIndex = 11;

    private AutoEquations(ContinuationSystem system, int[] parIndex, string fortran, double[] state, double[] parameters)
    {
        System = system;
        ParIndex = parIndex;
        Fortran = fortran;
        StartState = state;
        StartParameters = parameters;
    }

    /// <summary>The system.</summary>
    public ContinuationSystem System { get; }

    /// <summary>AUTO's PAR index of each parameter, in the order of <see cref="ContinuationSystem.ParameterNames"/>.</summary>
    public IReadOnlyList<int> ParIndex { get; }

    /// <summary>The largest PAR index used (at least <see cref="PeriodIndex"/>, which AUTO always fills).</summary>
    public int ParCount => Math.Max(PeriodIndex, ParIndex.DefaultIfEmpty(0).Max());

    /// <summary>The equations file's text.</summary>
    public string Fortran { get; }

    /// <summary>The state STPNT starts from.</summary>
    public IReadOnlyList<double> StartState { get; }

    /// <summary>The parameter values STPNT sets, in the system's order.</summary>
    public IReadOnlyList<double> StartParameters { get; }

    /// <summary>AUTO's PAR index of a parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    public int IndexOf(string name)
    {
        var i = System.IndexOfParameter(name);
        return i < 0 ? throw new ArgumentException($"'{name}' is not a parameter of {System.ModelName} ({string.Join(", ", System.ParameterNames)}).", nameof(name)) : ParIndex[i];
    }

    /// <summary>Writes the equations of a system for AUTO.</summary>
    /// <param name="system">The system.</param>
    /// <param name="free">The free parameters, by name: PAR(1), then PAR(2).</param>
    /// <param name="startState">The start state (default: the model's initial state).</param>
    /// <param name="parameters">Parameter values that replace the model's (by name).</param>
    public static AutoEquations Create(ContinuationSystem system, IReadOnlyList<string> free, IReadOnlyList<double>? startState = null, IReadOnlyDictionary<string, double>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(free);
        var n = system.Dimension;
        var state = (startState ?? system.InitialState).ToArray();
        if (state.Length != n)
        {
            throw new ArgumentException($"The start state has {state.Length} values; {system.ModelName} has {n} states.", nameof(startState));
        }

        var values = system.ParameterValues.ToArray();
        foreach (var (name, value) in parameters ?? new Dictionary<string, double>())
        {
            var i = system.IndexOfParameter(name);
            values[i >= 0 ? i : throw new ArgumentException($"'{name}' is not a parameter of {system.ModelName}.", nameof(parameters))] = value;
        }

        var parIndex = new int[system.ParameterNames.Count];
        var next = 1;
        foreach (var name in free)
        {
            var i = system.IndexOfParameter(name);
            if (i < 0)
            {
                throw new ArgumentException($"'{name}' is not a parameter of {system.ModelName} ({string.Join(", ", system.ParameterNames)}).", nameof(free));
            }

            parIndex[i] = Take();
        }

        for (var i = 0; i < parIndex.Length; i++)
        {
            if (parIndex[i] == 0)
            {
                parIndex[i] = Take();
            }
        }

        var stateIndex = system.StateNames.Select((s, i) => (s, i)).ToDictionary(t => t.s, t => t.i + 1, StringComparer.Ordinal);
        string Symbol(string name) =>
            stateIndex.TryGetValue(name, out var u) ? $"U({u})"
            : system.IndexOfParameter(name) is var k and >= 0 ? $"PAR({parIndex[k]})"
            : Functions.Constants.TryGetValue(name, out var c) ? Literal(c)
            : throw new ArgumentException($"{system.ModelName}: the symbol '{name}' is neither a state nor a parameter.", nameof(system));

        var f = new StringBuilder();
        f.AppendLine($"! AUTO-07p equations of {system.ModelName}, written by the test harness (tests/Shared/Auto07p).");
        for (var i = 0; i < n; i++)
        {
            f.AppendLine($"! U({i + 1}) = {system.StateNames[i]}");
        }

        for (var i = 0; i < parIndex.Length; i++)
        {
            f.AppendLine($"! PAR({parIndex[i]}) = {system.ParameterNames[i]}");
        }

        f.AppendLine("SUBROUTINE FUNC(NDIM,U,ICP,PAR,IJAC,F,DFDU,DFDP)");
        f.AppendLine("  IMPLICIT NONE");
        f.AppendLine("  INTEGER, INTENT(IN) :: NDIM, ICP(*), IJAC");
        f.AppendLine("  DOUBLE PRECISION, INTENT(IN) :: U(NDIM), PAR(*)");
        f.AppendLine("  DOUBLE PRECISION, INTENT(OUT) :: F(NDIM)");
        f.AppendLine("  DOUBLE PRECISION, INTENT(INOUT) :: DFDU(NDIM,NDIM), DFDP(NDIM,*)");
        for (var i = 0; i < n; i++)
        {
            Statement(f, $"F({i + 1}) = {Print(system.RightHandSides[i], Symbol)}");
        }

        f.AppendLine("END SUBROUTINE FUNC");
        f.AppendLine();
        f.AppendLine("SUBROUTINE STPNT(NDIM,U,PAR,T)");
        f.AppendLine("  IMPLICIT NONE");
        f.AppendLine("  INTEGER, INTENT(IN) :: NDIM");
        f.AppendLine("  DOUBLE PRECISION, INTENT(INOUT) :: U(NDIM), PAR(*)");
        f.AppendLine("  DOUBLE PRECISION, INTENT(IN) :: T");
        for (var i = 0; i < values.Length; i++)
        {
            f.AppendLine($"  PAR({parIndex[i]}) = {Literal(values[i])}");
        }

        for (var i = 0; i < n; i++)
        {
            f.AppendLine($"  U({i + 1}) = {Literal(state[i])}");
        }

        f.AppendLine("END SUBROUTINE STPNT");
        f.AppendLine();
        foreach (var name in new[] { "BCND", "ICND", "FOPT", "PVLS" })
        {
            f.AppendLine($"SUBROUTINE {name}");
            f.AppendLine($"END SUBROUTINE {name}");
        }

        return new AutoEquations(system, parIndex, f.ToString(), state, values);

        int Take()
        {
            if (next == PeriodIndex)
            {
                next++;
            }

            return next++;
        }
    }

    /// <summary>Prints an expression as Fortran: every operation parenthesised, numbers as double precision literals
    /// (<c>2.0D0</c>), Piecewise as nested MERGE (the first case that holds; NaN when none does),
    /// Python's <c>%</c> as MODULO (sign of the divisor), <c>fmod</c> as MOD.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="symbol">The Fortran text of a symbol.</param>
    public static string Print(Expr e, Func<string, string> symbol)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(symbol);
        return Value(e);

        string Value(Expr node) => node switch
        {
            NumberExpr num => Literal(num.Value),
            SymbolExpr s => symbol(s.Name),
            BooleanExpr or ComparisonExpr or LogicalExpr => $"MERGE(1.0D0, 0.0D0, {Condition(node)})",
            UnaryExpr u => u.Operator == UnaryOperator.Negate ? $"(-{Value(u.Operand)})" : Value(u.Operand),
            BinaryExpr { Operator: BinaryOperator.Power } b => Power(b),
            BinaryExpr { Operator: BinaryOperator.Modulo } b => $"MODULO({Value(b.Left)}, {Value(b.Right)})",
            BinaryExpr b => $"({Value(b.Left)} {Operator(b.Operator)} {Value(b.Right)})",
            CallExpr c => Call(c),
            PiecewiseExpr p => p.Cases.Reverse().Aggregate(Nan, (rest, c) => c.Condition is BooleanExpr { Value: true } ? Value(c.Value) : $"MERGE({Value(c.Value)}, {rest}, {Condition(c.Condition)})"),
            _ => throw new ArgumentException($"Unknown expression node {node.GetType().Name}.", nameof(e)),
        };

        string Power(BinaryExpr b)
        {
            var exponent = b.Right switch
            {
                NumberExpr { Value: var v } when v == Math.Floor(v) && Math.Abs(v) <= 64 => ((int)v).ToString(CultureInfo.InvariantCulture),
                UnaryExpr { Operator: UnaryOperator.Negate, Operand: NumberExpr { Value: var v } } when v == Math.Floor(v) && Math.Abs(v) <= 64 => $"(-{(int)v})",
                _ => Value(b.Right),
            };
            return exponent.StartsWith('-') ? $"({Value(b.Left)}**({exponent}))" : $"({Value(b.Left)}**{exponent})";
        }

        string Call(CallExpr c)
        {
            var a = c.Arguments.Select(Value).ToArray();
            return c.Function switch
            {
                MathFunction.Exp => $"EXP({a[0]})",
                MathFunction.Log => $"LOG({a[0]})",
                MathFunction.Sqrt => $"SQRT({a[0]})",
                MathFunction.Sin => $"SIN({a[0]})",
                MathFunction.Cos => $"COS({a[0]})",
                MathFunction.Tan => $"TAN({a[0]})",
                MathFunction.Sinh => $"SINH({a[0]})",
                MathFunction.Cosh => $"COSH({a[0]})",
                MathFunction.Tanh => $"TANH({a[0]})",
                MathFunction.Arcsin => $"ASIN({a[0]})",
                MathFunction.Arccos => $"ACOS({a[0]})",
                MathFunction.Arctan => $"ATAN({a[0]})",
                MathFunction.Abs => $"ABS({a[0]})",
                MathFunction.Sign => $"MERGE(1.0D0, MERGE(-1.0D0, 0.0D0, {a[0]} .LT. 0.0D0), {a[0]} .GT. 0.0D0)",
                MathFunction.Floor => $"(AINT({a[0]}) - MERGE(1.0D0, 0.0D0, {a[0]} .LT. AINT({a[0]})))",
                MathFunction.Ceiling => $"(AINT({a[0]}) + MERGE(1.0D0, 0.0D0, {a[0]} .GT. AINT({a[0]})))",
                MathFunction.Log10 => $"LOG10({a[0]})",
                MathFunction.Exp2 => $"(2.0D0**{a[0]})",
                MathFunction.Erf => $"ERF({a[0]})",
                MathFunction.Erfc => $"ERFC({a[0]})",
                MathFunction.Arctan2 => $"ATAN2({a[0]}, {a[1]})",
                MathFunction.Fmod => $"MOD({a[0]}, {a[1]})",
                MathFunction.Maximum => $"MAX({a[0]}, {a[1]})",
                MathFunction.Minimum => $"MIN({a[0]}, {a[1]})",
                MathFunction.Heaviside => $"MERGE(0.0D0, MERGE(1.0D0, {a[1]}, {a[0]} .GT. 0.0D0), {a[0]} .LT. 0.0D0)",
                _ => throw new ArgumentException($"No Fortran for {Functions.NameOf(c.Function)}.", nameof(e)),
            };
        }

        string Condition(Expr c) => c switch
        {
            BooleanExpr b => b.Value ? ".TRUE." : ".FALSE.",
            ComparisonExpr k => $"({Value(k.Left)} {Comparison(k.Operator)} {Value(k.Right)})",
            LogicalExpr l => $"({Condition(l.Left)} {(l.Operator == LogicalOperator.And ? ".AND." : ".OR.")} {Condition(l.Right)})",
            _ => $"({Value(c)} .NE. 0.0D0)",
        };

        static string Operator(BinaryOperator o) => o switch
        {
            BinaryOperator.Add => "+",
            BinaryOperator.Subtract => "-",
            BinaryOperator.Multiply => "*",
            _ => "/",
        };

        static string Comparison(ComparisonOperator o) => o switch
        {
            ComparisonOperator.Less => ".LT.",
            ComparisonOperator.LessOrEqual => ".LE.",
            ComparisonOperator.Greater => ".GT.",
            ComparisonOperator.GreaterOrEqual => ".GE.",
            ComparisonOperator.Equal => ".EQ.",
            _ => ".NE.",
        };
    }

    /// <summary>A double precision literal that reads back as the same double (<c>0.15D0</c>, <c>1.0D-05</c>);
    /// negative values in parentheses.</summary>
    /// <param name="v">The value.</param>
    public static string Literal(double v)
    {
        if (double.IsNaN(v))
        {
            return Nan;
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "HUGE(1.0D0)" : "(-HUGE(1.0D0))";
        }

        // The shortest text that reads back as the same double, with a D exponent (double precision).
        var text = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        text = mantissa + "D" + (e < 0 ? "0" : text[(e + 1)..]);
        return v < 0 || (v == 0 && double.IsNegative(v)) ? $"(-{text})" : text;
    }

    // A quiet NaN (bits 0x7FF8000000000000), for a Piecewise none of whose cases holds.
    private const string Nan = "TRANSFER(9221120237041090560_8, 1.0D0)";

    // Free-form Fortran allows 132 characters a line: long statements continue with '&', broken at spaces (which the
    // printer puts only between operands and operators, never inside a literal or a name).
    private static void Statement(StringBuilder f, string statement)
    {
        const int width = 100;
        var line = new StringBuilder("  ");
        foreach (var word in statement.Split(' '))
        {
            if (line.Length + word.Length + 1 > width && line.ToString().Trim().Length > 0)
            {
                f.Append(line).AppendLine(" &");
                line.Clear().Append("    ");
            }
            else if (line.Length > 2 && line[^1] != ' ')
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        f.Append(line).AppendLine();
    }
}

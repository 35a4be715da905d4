using System.Text.RegularExpressions;
using Tvbo.Expressions;
using Tvbo.PyRates.Templates;
using YamlDotNet.RepresentationModel;

namespace Tvbo.PyRates.Tests.Support;

/// <summary>Reads a template's equations back: as written (one operation each, helpers first), and with every
/// helper and rate substituted back into the equations of the model's own variables.</summary>
internal static partial class TemplateEquations
{
    public static YamlMappingNode Operator(PyRatesTemplate t)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(t.Yaml));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)[t.OperatorName];
    }

    /// <summary>The equations as written.</summary>
    public static string[] Written(PyRatesTemplate t) =>
        ((YamlSequenceNode)Operator(t)["equations"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    /// <summary>The operator's variables and their values.</summary>
    public static Dictionary<string, string> Variables(PyRatesTemplate t) =>
        ((YamlMappingNode)Operator(t)["variables"]).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);

    /// <summary>The right-hand side of each written equation, parsed (<c>remainder(a, b)</c> read as <c>a % b</c>,
    /// <c>where(c, a, b)</c> as <c>Piecewise((a, c), (b, True))</c>, <c>greater(a, b)</c> as <c>a &gt; b</c>, ...), by
    /// the name it defines (<c>x</c> for <c>d/dt * x = ...</c>).</summary>
    public static Dictionary<string, Expr> Parsed(PyRatesTemplate t)
    {
        var parsed = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var equation in Written(t))
        {
            var (lhs, rhs) = (equation.Split(" = ", 2)[0], equation.Split(" = ", 2)[1]);
            var name = lhs.StartsWith("d/dt * ", StringComparison.Ordinal) ? lhs["d/dt * ".Length..] : lhs;
            parsed[name] = PiecewiseCall(rhs) ?? ExpressionParser.Parse(Remainder().Replace(rhs, "(($1) % ($2))"));
        }

        return parsed;
    }

    /// <summary>Each model derived variable's and state variable's (by YAML name) right-hand side with helpers and
    /// rates substituted back, printed: <c>mu*(1.0 - x*x)*z - x</c>.</summary>
    public static Dictionary<string, string> Inlined(PyRatesTemplate t)
    {
        var parsed = Parsed(t);
        var own = new HashSet<string>(t.StateVariables.Select(t.PyRatesName), StringComparer.Ordinal);
        foreach (var (name, value) in Variables(t))
        {
            if (value == "variable" && !own.Contains(name) && !IsInternal(t, name))
            {
                own.Add(name); // a model derived variable
            }
        }

        Expr Inline(Expr e) => e.Substitute(s => parsed.TryGetValue(s, out var helper) && !own.Contains(s) ? Inline(helper) : new SymbolExpr(s));
        return own.ToDictionary(n => n, n => PyRatesPrinter.PrintPython(Inline(parsed[n])), StringComparer.Ordinal);
    }

    /// <summary>Whether every written equation has at most one operation (call, unary or binary operator).</summary>
    public static bool OneOperationEach(PyRatesTemplate t) => Parsed(t).Values.All(e => Operations(e) <= 1);

    private static int Operations(Expr e) => e switch
    {
        NumberExpr or SymbolExpr or BooleanExpr or UnaryExpr { Operand: NumberExpr } => 0, // a negative literal reads as -(literal)
        _ => 1 + e.Children.Sum(Operations),
    };

    // A helper or a rate: a template variable that is no model symbol.
    private static bool IsInternal(PyRatesTemplate t, string name)
    {
        try
        {
            return !t.Renamed.Values.Contains(name) && t.PyRatesName(name) != name;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    // A call of where or of one of numpy's comparison and logical functions (arguments are atoms: one operation each).
    private static Expr? PiecewiseCall(string rhs)
    {
        var call = Call().Match(rhs);
        if (!call.Success || !EquationPrinter.PiecewiseFunctions.Contains(call.Groups[1].Value))
        {
            return null;
        }

        var a = call.Groups[2].Value.Split(", ").Select(ExpressionParser.Parse).ToArray();
        return call.Groups[1].Value switch
        {
            "where" => new PiecewiseExpr([new PiecewiseCase(a[1], a[0]), new PiecewiseCase(a[2], new BooleanExpr(true))]),
            "logical_and" => new LogicalExpr(LogicalOperator.And, a[0], a[1]),
            "logical_or" => new LogicalExpr(LogicalOperator.Or, a[0], a[1]),
            "greater" => new ComparisonExpr(ComparisonOperator.Greater, a[0], a[1]),
            "greater_equal" => new ComparisonExpr(ComparisonOperator.GreaterOrEqual, a[0], a[1]),
            "less" => new ComparisonExpr(ComparisonOperator.Less, a[0], a[1]),
            "less_equal" => new ComparisonExpr(ComparisonOperator.LessOrEqual, a[0], a[1]),
            "equal" => new ComparisonExpr(ComparisonOperator.Equal, a[0], a[1]),
            _ => new ComparisonExpr(ComparisonOperator.NotEqual, a[0], a[1]),
        };
    }

    [GeneratedRegex(@"^([a-z_]+)\(([^()]*)\)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"remainder\(([^(),]+), ([^(),]+)\)")]
    private static partial Regex Remainder();
}

using System.Globalization;

namespace Tvbo.Expressions;

/// <summary>
/// Parses right-hand sides written in Python/sympy syntax, as TVBO writes them, into <see cref="Expr"/> trees.
/// </summary>
/// <remarks>
/// Grammar, lowest precedence first (as in Python):
/// <code>
/// expression  := additive                               (a comparison, '&amp;' or '|' here is an error)
/// condition   := conjunction ('|' conjunction)*          (left-associative)
/// conjunction := test ('&amp;' test)*                     (left-associative; '&amp;' binds tighter than '|')
/// test        := 'True' | 'False' | additive compare additive | '(' condition ')'
///              | ('Eq' | 'Ne' | 'Lt' | 'Le' | 'Gt' | 'Ge') '(' additive ',' additive ')'
/// additive    := multiplicative (('+' | '-') multiplicative)*
/// multiplicative := unary (('*' | '/' | '%') unary)*
/// unary       := ('+' | '-') unary | power
/// power       := primary ('**' unary)?                  (right-associative; -x**2 is -(x**2))
/// primary     := number | name | function '(' expression (',' expression)* ')' | '(' expression ')'
///              | defined '(' (expression (',' expression)*)? ')'
///              | 'Piecewise' '(' case (',' case)* ')'
/// case        := '(' expression ',' condition ')'
/// compare     := '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!='
/// </code>
/// Names are those <see cref="Identifier"/> accepts, Unicode letters and symbols included (<c>σ_ext</c>,
/// <c>m_∞</c>). <c>%</c> is Python's modulo (the result has the sign of the divisor). In a condition, a
/// '(' opens a parenthesised condition, as sympy writes <c>(t &gt;= t0) &amp; (t &lt; t0 + d)</c>, when its matching
/// ')' is followed by '&amp;', '|', ',' or ')', or when it holds a comparison, '&amp;' or '|' of its own; otherwise it
/// opens an arithmetic operand of a comparison (<c>(x + 1)*2 &lt; y</c>). Unlike Python, where '&amp;' and '|' would bind tighter than comparisons, they
/// only join conditions here, so <c>x &gt; 0 &amp; x &lt; 1</c> means <c>(x &gt; 0) &amp; (x &lt; 1)</c>.
/// Functions are those of <see cref="Functions"/> and the model's own <see cref="FunctionDefinition"/>s, whose
/// calls are inlined. Errors are <see cref="ExpressionSyntaxException"/>s whose message shows the expression
/// with a caret under the problem.
/// </remarks>
public sealed class ExpressionParser
{
    private const string PiecewiseName = "Piecewise";

    private const string OperandExpected = "expected a number, a name, a function call such as exp(x), '(' or a sign";

    private const string PiecewiseForm = "write Piecewise((value, condition), ..., (value, True))";

    private readonly string text;
    private readonly string? context;
    private readonly IReadOnlyList<Token> tokens;
    private readonly IReadOnlyDictionary<string, FunctionDefinition> defined;
    private int index;
    private int _nesting;

    private ExpressionParser(string text, string? context, IReadOnlyList<Token> tokens, IReadOnlyDictionary<string, FunctionDefinition> defined)
    {
        this.text = text;
        this.context = context;
        this.tokens = tokens;
        this.defined = defined;
    }

    /// <summary>sympy's functions written as an operator at parse time: <c>pow(a, b)</c> is <c>a**b</c>, <c>Mod(a, b)</c>
    /// is <c>a % b</c> (sympy's Mod and Python's % have the same sign rule).</summary>
    private static readonly Dictionary<string, BinaryOperator> OperatorFunctions = new(StringComparer.Ordinal)
    {
        ["pow"] = BinaryOperator.Power,
        ["Mod"] = BinaryOperator.Modulo,
    };

    /// <summary>sympy's relational functions, allowed where a comparison is: <c>Eq(a, b)</c> is <c>a == b</c>.</summary>
    private static readonly Dictionary<string, ComparisonOperator> ComparisonFunctions = new(StringComparer.Ordinal)
    {
        ["Eq"] = ComparisonOperator.Equal,
        ["Ne"] = ComparisonOperator.NotEqual,
        ["Lt"] = ComparisonOperator.Less,
        ["Le"] = ComparisonOperator.LessOrEqual,
        ["Gt"] = ComparisonOperator.Greater,
        ["Ge"] = ComparisonOperator.GreaterOrEqual,
    };

    /// <summary>The function names an expression may call: <see cref="Functions.Names"/>, <c>pow</c> and <c>Mod</c>
    /// (read as <c>**</c> and <c>%</c>), <c>Eq Ne Lt Le Gt Ge</c> (in Piecewise conditions) and <c>Piecewise</c>.</summary>
    public static IReadOnlyList<string> FunctionNames { get; } = [.. Functions.Names, .. OperatorFunctions.Keys, .. ComparisonFunctions.Keys, PiecewiseName];

    /// <summary>Whether a name is a function or keyword of the expression language (any alias included), which a
    /// model symbol cannot be called.</summary>
    /// <param name="name">The name.</param>
    internal static bool IsReservedName(string name) =>
        Functions.TryGet(name, out _) || OperatorFunctions.ContainsKey(name) || ComparisonFunctions.ContainsKey(name)
        || name is PiecewiseName or "True" or "False";

    private static IReadOnlyDictionary<string, FunctionDefinition> NoFunctions { get; } = new Dictionary<string, FunctionDefinition>(StringComparer.Ordinal);

    private Token Current => tokens[index];

    /// <summary>Parses a right-hand side.</summary>
    /// <param name="text">The expression, e.g. <c>mu*(1 - x**2)*z - x</c>.</param>
    /// <returns>The expression tree.</returns>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid expression.</exception>
    public static Expr Parse(string text) => Parse(text, null);

    /// <summary>Parses a right-hand side, naming what it belongs to in any error message.</summary>
    /// <param name="text">The expression, e.g. <c>mu*(1 - x**2)*z - x</c>.</param>
    /// <param name="context">What the expression belongs to, put at the start of error messages, e.g.
    /// <c>state variable 'z' of model 'VdP'</c>; null for none.</param>
    /// <returns>The expression tree.</returns>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid expression.</exception>
    public static Expr Parse(string text, string? context) => Parse(text, context, null);

    /// <summary>Parses a right-hand side that may call the model's own functions, inlining each call.</summary>
    /// <param name="text">The expression, e.g. <c>H(x_e, 2*y) - x</c>.</param>
    /// <param name="context">What the expression belongs to, put at the start of error messages; null for none.</param>
    /// <param name="functions">The model's functions by name (each key the <see cref="FunctionDefinition.Name"/>
    /// of its value); null or empty for none. A call <c>H(a, b)</c> becomes <c>H</c>'s body with its formals
    /// replaced, all at once, by the parsed <c>a</c> and <c>b</c>.</param>
    /// <returns>The expression tree, free of calls of defined functions.</returns>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid expression, or calls a defined
    /// function with the wrong number of arguments.</exception>
    /// <exception cref="ArgumentException">A key of <paramref name="functions"/> is not the name of its definition.</exception>
    public static Expr Parse(string text, string? context, IReadOnlyDictionary<string, FunctionDefinition>? functions) =>
        Parse(text, context, functions, condition: false);

    /// <summary>Parses a condition (an event's): a comparison, <c>True</c>/<c>False</c>, or such tests joined by
    /// <c>&amp;</c> and <c>|</c>, as inside a Piecewise case.</summary>
    /// <param name="text">The condition, e.g. <c>v &gt; thresh</c>.</param>
    /// <param name="context">Where it comes from, for messages.</param>
    /// <param name="functions">The model's functions by name, inlined where called.</param>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid condition.</exception>
    internal static Expr ParseCondition(string text, string? context, IReadOnlyDictionary<string, FunctionDefinition>? functions) =>
        Parse(text, context, functions, condition: true);

    private static Expr Parse(string text, string? context, IReadOnlyDictionary<string, FunctionDefinition>? functions, bool condition)
    {
        ArgumentNullException.ThrowIfNull(text);
        functions ??= NoFunctions;
        foreach (var (name, definition) in functions)
        {
            if (definition is null || !string.Equals(name, definition.Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The function registered as '{name}' is {(definition is null ? "null" : $"named '{definition.Name}'")}; register each function under its own name.", nameof(functions));
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(text, context, 0, "empty expression", "write a formula such as mu*(1 - x**2)*z - x");
        }

        if (text.Length > MaxLength)
        {
            var prefix = string.IsNullOrEmpty(context) ? string.Empty : context + ": ";
            throw new ExpressionSyntaxException(string.Create(CultureInfo.InvariantCulture, $"{prefix}the expression is {text.Length} characters long; the limit is {MaxLength}. Split it into derived variables."), text, MaxLength);
        }

        var parser = new ExpressionParser(text, context, Lexer.Tokenize(text, context), functions);
        var result = condition ? parser.ParseCondition() : parser.ParseExpression();
        parser.ExpectEnd();
        if (Depth(result) is var depth && depth > MaxTreeDepth)
        {
            var prefix = string.IsNullOrEmpty(context) ? string.Empty : context + ": ";
            throw new ExpressionSyntaxException(string.Create(CultureInfo.InvariantCulture, $"{prefix}the expression is {depth} operations deep (a sum of n terms is n deep, inlined functions count too); the limit is {MaxTreeDepth}. Split it into derived variables."), text, 0);
        }

        return result;
    }

    /// <summary>The longest expression text accepted, in characters.</summary>
    public const int MaxLength = 100_000;

    /// <summary>The deepest nesting of parentheses, signs, powers and calls accepted while parsing.</summary>
    public const int MaxNesting = 256;

    /// <summary>The deepest parsed expression accepted (operations from the root to the deepest leaf), far below
    /// what the recursive code that compiles, prints and evaluates expressions can take.</summary>
    public const int MaxTreeDepth = 1000;

    /// <summary>The depth of an expression tree, computed without recursion.</summary>
    internal static int Depth(Expr e)
    {
        var deepest = 0;
        var stack = new Stack<(Expr Node, int Depth)>();
        stack.Push((e, 1));
        while (stack.Count > 0)
        {
            var (node, d) = stack.Pop();
            deepest = Math.Max(deepest, d);
            foreach (var child in node.Children)
            {
                stack.Push((child, d + 1));
            }
        }

        return deepest;
    }

    /// <summary>Builds the error for a problem at <paramref name="position"/>:
    /// <c>&lt;context&gt;: &lt;problem&gt; at column &lt;c&gt;; &lt;hint&gt;</c>, then the expression on one line
    /// indented by two spaces and a caret under the position.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="context">What the expression belongs to; null for none.</param>
    /// <param name="position">Zero-based offset of the problem (may be the text's length).</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="hint">What would be valid.</param>
    internal static ExpressionSyntaxException Error(string text, string? context, int position, string problem, string hint)
    {
        var prefix = string.IsNullOrEmpty(context) ? string.Empty : context + ": ";
        var oneLine = new string(text.Select(c => char.IsWhiteSpace(c) ? ' ' : c).ToArray());

        // A long expression is shown around the problem only.
        const int Around = 60;
        var from = Math.Max(0, position - Around);
        var to = Math.Min(oneLine.Length, position + Around);
        var shown = (from > 0 ? "…" : string.Empty) + oneLine[from..to] + (to < oneLine.Length ? "…" : string.Empty);
        var caret = position - from + (from > 0 ? 1 : 0);
        var message = $"{prefix}{problem} at column {position + 1}; {hint}\n  {shown}\n  {new string(' ', caret)}^";
        return new ExpressionSyntaxException(message, text, position);
    }

    private ExpressionSyntaxException Error(int position, string problem, string hint) =>
        Error(text, context, position, problem, hint);

    private void Advance() => index++;

    private Expr ParseExpression()
    {
        var result = ParseAdditive();
        if (ComparisonOf(Current.Kind) is not null)
        {
            throw Error(Current.Position, $"comparison '{Current.Text}' outside a Piecewise condition",
                "comparisons are only allowed as Piecewise conditions, e.g. Piecewise((-x, x < 0), (x, True))");
        }

        if (Current.Kind is TokenKind.Ampersand or TokenKind.Pipe)
        {
            throw NotArithmetic(Current);
        }

        return result;
    }

    private ExpressionSyntaxException NotArithmetic(Token token) =>
        Error(token.Position, $"'{token.Text}' is not an arithmetic operator",
            "'&' (and) and '|' (or) only join the comparisons of a Piecewise condition, e.g. Piecewise((1, (x > 0) & (x < 1)), (0, True))");

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            Advance();
            left = new BinaryExpr(op, left, ParseMultiplicative());
        }

        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Current.Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Modulo,
            };
            Advance();
            left = new BinaryExpr(op, left, ParseUnary());
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (++_nesting > MaxNesting)
        {
            throw Error(Current.Position, string.Create(CultureInfo.InvariantCulture, $"the expression nests deeper than {MaxNesting} levels (parentheses, signs, powers, calls)"), "split it into derived variables");
        }

        try
        {
            if (Current.Kind is TokenKind.Plus or TokenKind.Minus)
            {
                var op = Current.Kind == TokenKind.Minus ? UnaryOperator.Negate : UnaryOperator.Plus;
                Advance();
                return new UnaryExpr(op, ParseUnary());
            }

            return ParsePower();
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParsePower()
    {
        var power = ParsePrimary();
        if (Current.Kind != TokenKind.DoubleStar)
        {
            return power;
        }

        Advance();
        return new BinaryExpr(BinaryOperator.Power, power, ParseUnary());
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return Number(token);
            case TokenKind.Name:
                return ParseName();
            case TokenKind.LeftParenthesis:
                Advance();
                var inner = ParseExpression();
                ExpectClose(token.Position, "the '('", "expected an operator or ')'");
                return inner;
            default:
                var after = index > 0 ? $" after {tokens[index - 1].Description}" : string.Empty;
                var problem = token.Kind == TokenKind.End ? "unexpected end of expression" : $"unexpected {token.Description}";
                throw Error(token.Position, problem, OperandExpected + after);
        }
    }

    private Expr Number(Token token)
    {
        var value = double.Parse(token.Text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw Error(token.Position, $"bad number literal '{token.Text}': out of the range of a double",
                "write a number whose magnitude is below 1.7e308");
        }

        return new NumberExpr(value, token.Text);
    }

    private Expr ParseName()
    {
        var name = Current;
        Advance();
        var isCall = Current.Kind == TokenKind.LeftParenthesis;
        var isFunction = Functions.TryGet(name.Text, out var function);
        var isOperator = OperatorFunctions.TryGetValue(name.Text, out var binary);
        defined.TryGetValue(name.Text, out var definition);
        if (name.Text is "True" or "False")
        {
            throw Error(name.Position, $"'{name.Text}' outside a Piecewise condition",
                "True and False are only allowed as the condition of a Piecewise case, e.g. (x, True)");
        }

        if (!isCall)
        {
            if (isFunction || isOperator || ComparisonFunctions.ContainsKey(name.Text) || name.Text == PiecewiseName)
            {
                throw Error(name.Position, $"function '{name.Text}' used without an argument", $"call it, e.g. {name.Text}(x)");
            }

            if (definition is not null)
            {
                throw Error(name.Position, $"function '{name.Text}' used without arguments", $"call it as {definition.Signature}");
            }

            return new SymbolExpr(name.Text);
        }

        if (name.Text == PiecewiseName)
        {
            return ParsePiecewise();
        }

        if (definition is not null)
        {
            return ParseDefinedCall(name, definition);
        }

        if (ComparisonFunctions.TryGetValue(name.Text, out var relation))
        {
            throw Error(name.Position, $"{name.Text}(...) is a condition ({name.Text}(a, b) is {PyRatesPrinter.PrintPython(new ComparisonExpr(relation, new SymbolExpr("a"), new SymbolExpr("b")))})",
                $"use it as a Piecewise condition, e.g. Piecewise((1, {name.Text}(x, 0)), (0, True))");
        }

        if (isOperator)
        {
            var operands = ParseArguments(name, 2, 2, "two arguments", $"{name.Text}(a, b)");
            return new BinaryExpr(binary, operands[0], operands[1]);
        }

        if (!isFunction)
        {
            var modelFunctions = defined.Keys.Order(StringComparer.Ordinal).ToArray();
            var similar = FunctionNames.Concat(modelFunctions).FirstOrDefault(n => string.Equals(n, name.Text, StringComparison.OrdinalIgnoreCase));
            var suggestion = similar is null ? $"; for a product write {name.Text}*(...)" : $"; did you mean '{similar}'?";
            var own = modelFunctions.Length == 0 ? string.Empty : $" and the model's functions {string.Join(", ", modelFunctions)}";
            throw Error(name.Position, $"unknown function '{name.Text}'",
                $"valid functions are {string.Join(", ", FunctionNames)}{own}{suggestion}");
        }

        switch (function)
        {
            case MathFunction.Maximum or MathFunction.Minimum:
                {
                    // sympy's Max/Min of two or more arguments: Max(a, b, c) is Max(Max(a, b), c).
                    var operands = ParseArguments(name, 2, int.MaxValue, "two or more arguments", $"{name.Text}(a, b)");
                    return operands.Skip(1).Aggregate(operands[0], (acc, x) => new CallExpr(function, acc, x));
                }

            case MathFunction.Heaviside:
                {
                    // sympy's Heaviside(x) is 1/2 at 0 (sympy >= 1.9), Heaviside(x, h0) is h0 at 0; numpy's heaviside(x, h0).
                    var operands = ParseArguments(name, 1, 2, "one or two arguments", $"{name.Text}(x) or {name.Text}(x, h0)");
                    return new CallExpr(function, operands[0], operands.Count == 2 ? operands[1] : new NumberExpr(0.5, "0.5"));
                }

            default:
                {
                    var arity = Functions.ArityOf(function);
                    var operands = arity == 1
                        ? ParseArguments(name, 1, 1, "exactly one argument", $"{name.Text}(x)")
                        : ParseArguments(name, arity, arity, "two arguments", $"{name.Text}(a, b)");
                    return new CallExpr(function, operands);
                }
        }
    }

    /// <summary>Parses the arguments of a call (the current token is its '('), between <paramref name="least"/> and
    /// <paramref name="most"/> of them, or explains what the function takes.</summary>
    private List<Expr> ParseArguments(Token name, int least, int most, string takes, string example)
    {
        var open = Current.Position;
        var usage = $"{name.Text} takes {takes}, e.g. {example}";
        Advance();
        if (Current.Kind == TokenKind.RightParenthesis)
        {
            throw Error(Current.Position, $"missing argument to {name.Text}()", usage);
        }

        var arguments = new List<Expr> { ParseExpression() };
        while (Current.Kind == TokenKind.Comma)
        {
            if (arguments.Count == most)
            {
                throw Error(Current.Position, $"too many arguments to {name.Text}()", usage);
            }

            Advance();
            arguments.Add(ParseExpression());
        }

        if (arguments.Count < least && Current.Kind == TokenKind.RightParenthesis)
        {
            throw Error(Current.Position, string.Create(CultureInfo.InvariantCulture, $"{name.Text}() called with {arguments.Count} argument{(arguments.Count == 1 ? string.Empty : "s")}"), usage);
        }

        ExpectClose(open, $"the '(' of {name.Text}(", arguments.Count < least ? "expected an operator or ','" : "expected an operator or ')'");
        return arguments;
    }

    /// <summary>Parses the arguments of a call of a model-defined function (the current token is its '(')
    /// and returns the inlined body.</summary>
    private Expr ParseDefinedCall(Token name, FunctionDefinition definition)
    {
        var open = Current.Position;
        Advance();
        var actuals = new List<Expr>();
        if (Current.Kind != TokenKind.RightParenthesis)
        {
            actuals.Add(ParseExpression());
            while (Current.Kind == TokenKind.Comma)
            {
                Advance();
                actuals.Add(ParseExpression());
            }
        }

        ExpectClose(open, $"the '(' of {name.Text}(", "expected an operator, ',' or ')'");
        if (actuals.Count != definition.Arguments.Count)
        {
            var takes = definition.Arguments.Count switch
            {
                0 => "no arguments",
                1 => $"1 argument ({definition.Arguments[0]})",
                var n => $"{n} arguments ({string.Join(", ", definition.Arguments)})",
            };
            throw Error(name.Position, $"function '{name.Text}' takes {takes}, got {actuals.Count}", $"call it as {definition.Signature}");
        }

        return definition.Apply(actuals);
    }

    private PiecewiseExpr ParsePiecewise()
    {
        var open = Current.Position;
        Advance();
        if (Current.Kind == TokenKind.RightParenthesis)
        {
            throw Error(Current.Position, "Piecewise has no cases", PiecewiseForm);
        }

        var cases = new List<PiecewiseCase> { ParsePiecewiseCase() };
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            cases.Add(ParsePiecewiseCase());
        }

        ExpectClose(open, "the '(' of Piecewise(", "expected ',' and another (value, condition) case, or ')'");
        return new PiecewiseExpr(cases);
    }

    private PiecewiseCase ParsePiecewiseCase()
    {
        if (Current.Kind == TokenKind.End)
        {
            throw Error(Current.Position, "unexpected end of expression", "expected a (value, condition) case; " + PiecewiseForm);
        }

        if (Current.Kind != TokenKind.LeftParenthesis)
        {
            throw Error(Current.Position, "Piecewise case is not a (value, condition) pair", PiecewiseForm);
        }

        var open = Current.Position;
        Advance();
        var value = ParseExpression();
        if (Current.Kind == TokenKind.RightParenthesis)
        {
            throw Error(Current.Position, "Piecewise case has a value but no condition", PiecewiseForm);
        }

        if (Current.Kind != TokenKind.Comma)
        {
            throw Unclosed(open, "the '(' of the Piecewise case", "expected an operator, or ',' followed by the case's condition");
        }

        Advance();
        var condition = ParseCondition();
        if (Current.Kind == TokenKind.Comma)
        {
            throw Error(Current.Position, "Piecewise case has more than two elements", PiecewiseForm);
        }

        ExpectClose(open, "the '(' of the Piecewise case", "expected an operator, '&', '|' or ')'");
        return new PiecewiseCase(value, condition);
    }

    /// <summary>A condition: tests joined by '|' (loosest) and '&amp;', both left-associative.</summary>
    private Expr ParseCondition()
    {
        var left = ParseConjunction();
        while (Current.Kind == TokenKind.Pipe)
        {
            Advance();
            left = new LogicalExpr(LogicalOperator.Or, left, ParseConjunction());
        }

        return left;
    }

    private Expr ParseConjunction()
    {
        var left = ParseTest();
        while (Current.Kind == TokenKind.Ampersand)
        {
            Advance();
            left = new LogicalExpr(LogicalOperator.And, left, ParseTest());
        }

        return left;
    }

    /// <summary>One operand of '&amp;' / '|': True, False, a comparison or a parenthesised condition.</summary>
    private Expr ParseTest()
    {
        var start = Current;
        if (start.Kind == TokenKind.Name && start.Text is "True" or "False")
        {
            Advance();
            return new BooleanExpr(start.Text == "True");
        }

        if (start.Kind == TokenKind.Name && ComparisonFunctions.TryGetValue(start.Text, out var relation)
            && tokens[index + 1].Kind == TokenKind.LeftParenthesis && !defined.ContainsKey(start.Text))
        {
            Advance();
            var operands = ParseArguments(start, 2, 2, "two arguments", $"{start.Text}(x, 0)");
            return new ComparisonExpr(relation, operands[0], operands[1]);
        }

        if (start.Kind == TokenKind.LeftParenthesis && OpensCondition(index))
        {
            if (++_nesting > MaxNesting)
            {
                throw Error(start.Position, string.Create(CultureInfo.InvariantCulture, $"the condition nests deeper than {MaxNesting} levels"), "split it into derived variables");
            }

            Advance();
            var inner = ParseCondition();
            ExpectClose(start.Position, "the '(' of the condition", "expected an operator, '&', '|' or ')'");
            _nesting--;
            return inner;
        }

        var left = ParseAdditive();
        var op = ComparisonOf(Current.Kind);
        if (op is null)
        {
            const string ConditionHint = "write a comparison such as x < 0 (< <= > >= == !=), or True for the last case";
            throw Current.Kind is TokenKind.RightParenthesis or TokenKind.Comma or TokenKind.Ampersand or TokenKind.Pipe
                ? Error(start.Position, "Piecewise condition is not a comparison", ConditionHint)
                : Error(Current.Position, $"unexpected {Current.Description}", "expected an operator or a comparison; " + ConditionHint);
        }

        Advance();
        var right = ParseAdditive();
        if (ComparisonOf(Current.Kind) is not null)
        {
            throw Error(Current.Position, $"chained comparison '{Current.Text}'",
                "compare two operands at a time and join the comparisons, e.g. (0 < y) & (y < 1)");
        }

        return new ComparisonExpr(op.Value, left, right);
    }

    /// <summary>Whether the '(' at token <paramref name="at"/>, in a condition, opens a parenthesised condition
    /// rather than an arithmetic operand of a comparison (as in <c>(x + 1)*2 &lt; y</c>): it does when it is never
    /// closed, when its matching ')' is followed by '&amp;', '|', ',', ')' or the end, or when it holds a comparison,
    /// '&amp;' or '|' outside the arguments of a call (a Piecewise inside an operand keeps its own conditions).</summary>
    private bool OpensCondition(int at)
    {
        var close = MatchingClose(at);
        if (close < 0 || tokens[close + 1].Kind is TokenKind.Ampersand or TokenKind.Pipe or TokenKind.Comma
            or TokenKind.RightParenthesis or TokenKind.End)
        {
            return true;
        }

        for (var i = at + 1; i < close; i++)
        {
            if (tokens[i].Kind == TokenKind.LeftParenthesis && tokens[i - 1].Kind == TokenKind.Name)
            {
                i = MatchingClose(i);
            }
            else if (ComparisonOf(tokens[i].Kind) is not null || tokens[i].Kind is TokenKind.Ampersand or TokenKind.Pipe)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The index of the ')' token matching the '(' token at <paramref name="open"/>, or -1.</summary>
    private int MatchingClose(int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Kind switch
            {
                TokenKind.LeftParenthesis => 1,
                TokenKind.RightParenthesis => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Consumes the ')' matching the '(' at <paramref name="open"/>, or explains why it is missing.</summary>
    /// <param name="open">Offset of the '('.</param>
    /// <param name="opened">How the '(' is named in the message, e.g. "the '(' of exp(".</param>
    /// <param name="expected">What is valid at this point, said when another token is found instead.</param>
    private void ExpectClose(int open, string opened, string expected)
    {
        if (Current.Kind != TokenKind.RightParenthesis)
        {
            throw Unclosed(open, opened, $"{expected} to close {opened} at column {open + 1}");
        }

        Advance();
    }

    /// <summary>The error for a token found where a '(' should still be closed: at the end of the expression
    /// it names the unclosed '('; otherwise it names the unexpected token and says what was expected.</summary>
    private ExpressionSyntaxException Unclosed(int open, string opened, string expected) =>
        Current.Kind == TokenKind.End
            ? Error(Current.Position, "unexpected end of expression", $"{opened} at column {open + 1} is not closed: add ')'")
            : Error(Current.Position, $"unexpected {Current.Description}", expected);

    private void ExpectEnd()
    {
        switch (Current.Kind)
        {
            case TokenKind.End:
                return;
            case TokenKind.RightParenthesis:
                throw Error(Current.Position, "unexpected ')'", "there is no open '(' to close; remove it or add the missing '('");
            default:
                throw Error(Current.Position, $"unexpected {Current.Description}",
                    "expected an operator (+ - * / % **) or the end of the expression");
        }
    }

    private static ComparisonOperator? ComparisonOf(TokenKind kind) => kind switch
    {
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        _ => null,
    };
}

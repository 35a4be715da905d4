using System.Globalization;
using Tvbo.Expressions;

namespace Tvbo.Networks;

/// <summary>
/// The parsed right-hand side of a network transform (<see cref="MatrixTransform"/>): element-wise arithmetic over
/// the network's matrices, comparisons giving masks, selections <c>weight[weight &gt; 0]</c>, reductions and
/// Piecewise. Each node keeps the span of the text it was parsed from, so errors quote what was written.
/// </summary>
/// <remarks>
/// Grammar, lowest precedence first (Python's, except that '&amp;' and '|' join comparisons, as in Piecewise
/// conditions of right-hand sides):
/// <code>
/// expression := conjunction ('|' conjunction)*
/// conjunction := comparison ('&amp;' comparison)*
/// comparison := additive (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') additive)?
/// additive   := multiplicative (('+' | '-') multiplicative)*
/// multiplicative := unary (('*' | '/' | '%') unary)*
/// unary      := ('+' | '-') unary | power
/// power      := postfix ('**' unary)?
/// postfix    := primary ('[' expression (',' expression)* ']')*      (several indices only in ParseArray)
/// primary    := number | name | 'True' | 'False' | function '(' expression (',' expression)* ')'
///             | 'Piecewise' '(' '(' expression ',' expression ')' (',' ...)* ')' | '(' expression ')'
/// </code>
/// The tokens are those of right-hand sides (<see cref="Lexer"/>), with '[' and ']'.
/// </remarks>
internal abstract record MatrixNode(int Start, int End)
{
    /// <summary>The text the node was parsed from.</summary>
    public string Text(string source) => source[Start..End].Trim();
}

/// <summary>A number.</summary>
internal sealed record MatrixNumber(double Value, int Start, int End) : MatrixNode(Start, End);

/// <summary>A name: a matrix, a per-node parameter, an argument or a constant.</summary>
internal sealed record MatrixName(string Name, int Start, int End) : MatrixNode(Start, End);

/// <summary><c>True</c> or <c>False</c>: a mask that keeps everything or nothing.</summary>
internal sealed record MatrixBoolean(bool Value, int Start, int End) : MatrixNode(Start, End);

/// <summary><c>-x</c> or <c>+x</c>.</summary>
internal sealed record MatrixNegate(bool Negate, MatrixNode Operand, int Start, int End) : MatrixNode(Start, End);

/// <summary>Element-wise arithmetic.</summary>
internal sealed record MatrixArithmetic(BinaryOperator Operator, MatrixNode Left, MatrixNode Right, int Start, int End) : MatrixNode(Start, End);

/// <summary>An element-wise comparison: a mask.</summary>
internal sealed record MatrixComparison(ComparisonOperator Operator, MatrixNode Left, MatrixNode Right, int Start, int End) : MatrixNode(Start, End);

/// <summary>Two masks joined by <c>&amp;</c> or <c>|</c>.</summary>
internal sealed record MatrixLogical(LogicalOperator Operator, MatrixNode Left, MatrixNode Right, int Start, int End) : MatrixNode(Start, End);

/// <summary><c>operand[mask]</c>: the entries of the operand where the mask holds (only inside a reduction).</summary>
internal sealed record MatrixSelection(MatrixNode Operand, MatrixNode Mask, int Start, int End) : MatrixNode(Start, End);

/// <summary>A call: an element-wise function, a reduction or a matrix function.</summary>
internal sealed record MatrixCall(string Function, IReadOnlyList<MatrixNode> Arguments, int Start, int End) : MatrixNode(Start, End);

/// <summary><c>Piecewise((value, condition), ...)</c>, element-wise.</summary>
internal sealed record MatrixPiecewise(IReadOnlyList<(MatrixNode Value, MatrixNode Condition)> Cases, int Start, int End) : MatrixNode(Start, End);

/// <summary><c>operand[i, j, ...]</c>: numpy's indexing of the leading axes by a tuple of whole numbers, two or more
/// (only in observation equations, <see cref="MatrixExpressionParser.ParseArray"/>; one index is a
/// <see cref="MatrixSelection"/>).</summary>
/// <param name="Operand">What is indexed.</param>
/// <param name="Indices">One index per leading axis, the first axis first.</param>
/// <param name="Start">Where the node's text starts.</param>
/// <param name="End">Where the node's text ends.</param>
internal sealed record MatrixIndices(MatrixNode Operand, IReadOnlyList<MatrixNode> Indices, int Start, int End) : MatrixNode(Start, End);

/// <summary>One range <c>(i, lo, hi)</c> of a <see cref="MatrixSum"/>.</summary>
/// <param name="Index">The index's name.</param>
/// <param name="Low">The first index.</param>
/// <param name="High">The last index (included).</param>
internal sealed record MatrixSumRange(string Index, MatrixNode Low, MatrixNode High);

/// <summary><c>Sum(body, (i, lo, hi), (j, lo2, hi2), ...)</c>, sympy's finite sum: the body summed with each index
/// bound to each whole number from its first to its last index, both included (only in observation equations,
/// <see cref="MatrixExpressionParser.ParseArray"/>). The ranges nest as in sympy's numeric code
/// (<c>builtins.sum(body for i in range(lo, hi+1) for j in range(lo2, hi2+1))</c>): the first outermost, so that a
/// later range's bounds may use an earlier range's index.</summary>
/// <param name="Body">What is summed.</param>
/// <param name="Ranges">The ranges, one or more, the outermost first.</param>
/// <param name="Start">Where the node's text starts.</param>
/// <param name="End">Where the node's text ends.</param>
internal sealed record MatrixSum(MatrixNode Body, IReadOnlyList<MatrixSumRange> Ranges, int Start, int End) : MatrixNode(Start, End);

/// <summary>Parses the matrix language (see <see cref="MatrixNode"/>).</summary>
internal sealed class MatrixExpressionParser
{
    private const string Piecewise = "Piecewise";
    private const string SumName = "Sum";

    private readonly string _text;
    private readonly string? _context;
    private readonly IReadOnlyList<Token> _tokens;
    private readonly bool _array;
    private int _index;
    private int _nesting;

    private MatrixExpressionParser(string text, string? context, bool array)
    {
        _text = text;
        _context = context;
        _array = array;
        _tokens = Lexer.Tokenize(text, context, brackets: true);
    }

    /// <summary>The reductions (over every entry, or the entries a mask keeps).</summary>
    public static IReadOnlyList<string> Reductions { get; } = ["mean", "sum", "max", "min", "std", "median", "nanmax", "nanmin"];

    /// <summary>The reductions of observation equations (<see cref="ParseArray"/>): those of transforms, and more of
    /// numpy's.</summary>
    public static IReadOnlyList<string> ArrayReductions { get; } =
        ["mean", "sum", "max", "min", "std", "var", "prod", "median", "nanmean", "nansum", "nanmax", "nanmin"];

    /// <summary>The element-wise functions of two arguments of observation equations (<see cref="ParseArray"/>).</summary>
    public static IReadOnlyList<string> ArrayBinaryFunctions { get; } = ["atan2", "arctan2", "pow", "Max", "Min", "maximum", "minimum"];

    /// <summary>Looks up a one-argument <see cref="Functions"/> function applied entry by entry (names of the
    /// reductions and of <see cref="ArrayBinaryFunctions"/>, such as <c>max</c> or <c>Max</c>, mean those here).</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="function">The function, when found.</param>
    internal static bool TryGetElementwise(string name, out MathFunction function) =>
        Functions.TryGet(name, out function) && Functions.ArityOf(function) == 1 && !ArrayReductions.Contains(name) && !ArrayBinaryFunctions.Contains(name);

    /// <summary>Functions of a whole matrix.</summary>
    public static IReadOnlyList<string> MatrixFunctions { get; } = ["graph_laplacian", "normalized_graph_laplacian"];

    private Token Current => _tokens[_index];

    /// <summary>The name the hints of errors use: a network's matrix, or an observation's input.</summary>
    private string Sample => _array ? "x" : "weight";

    /// <summary>Parses a transform's right-hand side.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="context">What it belongs to, at the start of error messages.</param>
    /// <exception cref="ExpressionSyntaxException">The text is not an expression of the language.</exception>
    public static MatrixNode Parse(string text, string? context) => Parse(text, context, array: false);

    /// <summary>Parses an observation equation: the language of transforms without the matrix functions, with the
    /// reductions of <see cref="ArrayReductions"/>, the element-wise functions of two arguments of
    /// <see cref="ArrayBinaryFunctions"/>, numpy's indexing by a tuple <c>x[i, j]</c> (<see cref="MatrixIndices"/>) and
    /// sympy's <c>Sum(body, (i, lo, hi), ...)</c> (<see cref="MatrixSum"/>).</summary>
    /// <param name="text">The equation.</param>
    /// <param name="context">What it belongs to, at the start of error messages.</param>
    /// <exception cref="ExpressionSyntaxException">The text is not an expression of the language.</exception>
    public static MatrixNode ParseArray(string text, string? context) => Parse(text, context, array: true);

    private static MatrixNode Parse(string text, string? context, bool array)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ExpressionParser.Error(text, context, 0, "empty expression", array ? "write a formula such as sqrt(mean((x - y)**2))" : "write a formula such as weight / max(weight)");
        }

        if (text.Length > ExpressionParser.MaxLength)
        {
            throw ExpressionParser.Error(text, context, 0, string.Create(CultureInfo.InvariantCulture, $"the expression is {text.Length} characters long"), string.Create(CultureInfo.InvariantCulture, $"the limit is {ExpressionParser.MaxLength}"));
        }

        var parser = new MatrixExpressionParser(text, context, array);
        var result = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Error(parser.Current.Position, $"unexpected {parser.Current.Description}",
                parser.Current.Kind is TokenKind.RightParenthesis or TokenKind.RightBracket ? "there is nothing open to close; remove it or add the missing opening one" : "expected an operator (+ - * / % ** < > == & |) or the end of the expression");
        }

        return result;
    }

    private ExpressionSyntaxException Error(int position, string problem, string hint) => ExpressionParser.Error(_text, _context, position, problem, hint);

    private void Advance() => _index++;

    private int EndOfPrevious => _index == 0 ? 0 : _tokens[_index - 1].Position + _tokens[_index - 1].Text.Length;

    private void Enter(int position)
    {
        if (++_nesting > ExpressionParser.MaxNesting)
        {
            throw Error(position, string.Create(CultureInfo.InvariantCulture, $"the expression nests deeper than {ExpressionParser.MaxNesting} levels"), _array ? "nest fewer parentheses and calls" : "write it in several transforms");
        }
    }

    private MatrixNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == TokenKind.Pipe)
        {
            Advance();
            var right = ParseAnd();
            left = new MatrixLogical(LogicalOperator.Or, left, right, left.Start, right.End);
        }

        return left;
    }

    private MatrixNode ParseAnd()
    {
        var left = ParseComparison();
        while (Current.Kind == TokenKind.Ampersand)
        {
            Advance();
            var right = ParseComparison();
            left = new MatrixLogical(LogicalOperator.And, left, right, left.Start, right.End);
        }

        return left;
    }

    private MatrixNode ParseComparison()
    {
        var left = ParseAdditive();
        if (ComparisonOf(Current.Kind) is not { } op)
        {
            return left;
        }

        Advance();
        var right = ParseAdditive();
        if (ComparisonOf(Current.Kind) is not null)
        {
            throw Error(Current.Position, $"chained comparison '{Current.Text}'", $"compare two operands at a time and join the comparisons, e.g. ({Sample} > 0) & ({Sample} < 1)");
        }

        return new MatrixComparison(op, left, right, left.Start, right.End);
    }

    private MatrixNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Current.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            Advance();
            var right = ParseMultiplicative();
            left = new MatrixArithmetic(op, left, right, left.Start, right.End);
        }

        return left;
    }

    private MatrixNode ParseMultiplicative()
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
            var right = ParseUnary();
            left = new MatrixArithmetic(op, left, right, left.Start, right.End);
        }

        return left;
    }

    private MatrixNode ParseUnary()
    {
        var start = Current;
        Enter(start.Position);
        try
        {
            if (start.Kind is TokenKind.Plus or TokenKind.Minus)
            {
                Advance();
                var operand = ParseUnary();
                return new MatrixNegate(start.Kind == TokenKind.Minus, operand, start.Position, operand.End);
            }

            var power = ParsePostfix();
            if (Current.Kind != TokenKind.DoubleStar)
            {
                return power;
            }

            Advance();
            var exponent = ParseUnary();
            return new MatrixArithmetic(BinaryOperator.Power, power, exponent, power.Start, exponent.End);
        }
        finally
        {
            _nesting--;
        }
    }

    private MatrixNode ParsePostfix()
    {
        var node = ParsePrimary();
        while (Current.Kind == TokenKind.LeftBracket)
        {
            var open = Current.Position;
            Advance();
            if (Current.Kind == TokenKind.RightBracket)
            {
                throw Error(Current.Position, "empty selection '[]'", $"select with a condition, e.g. {Sample}[{Sample} > 0]");
            }

            var mask = ParseOr();
            List<MatrixNode>? indices = null;
            while (_array && Current.Kind == TokenKind.Comma)
            {
                Advance();
                indices ??= [mask];
                indices.Add(ParseOr());
            }

            if (Current.Kind != TokenKind.RightBracket)
            {
                throw Current.Kind == TokenKind.End
                    ? Error(Current.Position, "unexpected end of expression", string.Create(CultureInfo.InvariantCulture, $"the '[' at column {open + 1} is not closed: add ']'"))
                    : Error(Current.Position, $"unexpected {Current.Description}", string.Create(CultureInfo.InvariantCulture, $"expected an operator or ']' to close the '[' at column {open + 1}"));
            }

            Advance();
            node = indices is null ? new MatrixSelection(node, mask, node.Start, EndOfPrevious) : new MatrixIndices(node, indices, node.Start, EndOfPrevious);
        }

        return node;
    }

    private MatrixNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                var value = double.Parse(token.Text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                if (double.IsInfinity(value))
                {
                    throw Error(token.Position, $"bad number literal '{token.Text}': out of the range of a double", "write a number whose magnitude is below 1.7e308");
                }

                return new MatrixNumber(value, token.Position, EndOfPrevious);
            case TokenKind.Name:
                Advance();
                if (Current.Kind == TokenKind.LeftParenthesis)
                {
                    return token.Text switch
                    {
                        Piecewise => ParsePiecewise(token),
                        SumName when _array => ParseSum(token),
                        _ => ParseCall(token),
                    };
                }

                return token.Text switch
                {
                    "True" or "False" => new MatrixBoolean(token.Text == "True", token.Position, EndOfPrevious),
                    _ when IsFunction(token.Text) => throw Error(token.Position, $"function '{token.Text}' used without an argument", $"call it, e.g. {token.Text}({Sample})"),
                    _ => new MatrixName(token.Text, token.Position, EndOfPrevious),
                };
            case TokenKind.LeftParenthesis:
                Advance();
                var inner = ParseOr();
                ExpectClose(token.Position, "the '('");
                return inner with { Start = token.Position, End = EndOfPrevious };
            default:
                var problem = token.Kind == TokenKind.End ? "unexpected end of expression" : $"unexpected {token.Description}";
                throw Error(token.Position, problem, $"expected a number, a name such as {Sample}, a function call such as max({Sample}), '(' or a sign");
        }
    }

    private IReadOnlyList<string> ReductionNames => _array ? ArrayReductions : Reductions;

    private bool IsFunction(string name) =>
        TryGetElementwise(name, out _) || ReductionNames.Contains(name) || name == Piecewise
        || (_array ? ArrayBinaryFunctions.Contains(name) || name == SumName : MatrixFunctions.Contains(name));

    private MatrixCall ParseCall(Token name)
    {
        if (!IsFunction(name.Text))
        {
            var known = Functions.Names.Where(n => TryGetElementwise(n, out _)).Concat(ReductionNames).Concat(_array ? ArrayBinaryFunctions.Append(SumName) : MatrixFunctions).ToArray();
            var similar = known.FirstOrDefault(n => string.Equals(n, name.Text, StringComparison.OrdinalIgnoreCase));
            throw Error(name.Position, $"unknown function '{name.Text}'",
                $"valid functions are {string.Join(", ", known)} and Piecewise" + (similar is null ? $"; for a product write {name.Text}*(...)" : $"; did you mean '{similar}'?"));
        }

        var open = Current.Position;
        Advance();
        var arguments = new List<MatrixNode>();
        if (Current.Kind == TokenKind.RightParenthesis)
        {
            throw Error(Current.Position, $"missing argument to {name.Text}()", $"call it with an argument, e.g. {name.Text}({Sample})");
        }

        arguments.Add(ParseOr());
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            arguments.Add(ParseOr());
        }

        ExpectClose(open, $"the '(' of {name.Text}(");
        if (_array && ArrayBinaryFunctions.Contains(name.Text))
        {
            if (arguments.Count != 2)
            {
                throw Error(arguments.Count > 2 ? arguments[2].Start : EndOfPrevious - 1, $"{name.Text}() takes two arguments, not {arguments.Count}", $"write e.g. {name.Text}(x, y)");
            }

            return new MatrixCall(name.Text, arguments, name.Position, EndOfPrevious);
        }

        var reduction = ReductionNames.Contains(name.Text);
        if (arguments.Count > (reduction ? 2 : 1))
        {
            throw Error(arguments[reduction ? 2 : 1].Start, $"too many arguments to {name.Text}()",
                reduction ? $"{name.Text} takes the values and, optionally, a condition: {name.Text}({Sample}) or {name.Text}({Sample}, {Sample} > 0)" : $"{name.Text} takes exactly one argument, e.g. {name.Text}({Sample})");
        }

        return new MatrixCall(name.Text, arguments, name.Position, EndOfPrevious);
    }

    private MatrixPiecewise ParsePiecewise(Token name)
    {
        const string Form = "write Piecewise((value, condition), ..., (value, True))";
        var open = Current.Position;
        Advance();
        var cases = new List<(MatrixNode, MatrixNode)>();
        do
        {
            if (cases.Count > 0)
            {
                Advance();
            }

            if (Current.Kind != TokenKind.LeftParenthesis)
            {
                throw Error(Current.Position, "Piecewise case is not a (value, condition) pair", Form);
            }

            var caseOpen = Current.Position;
            Advance();
            var value = ParseOr();
            if (Current.Kind != TokenKind.Comma)
            {
                throw Error(Current.Position, Current.Kind == TokenKind.RightParenthesis ? "Piecewise case has a value but no condition" : $"unexpected {Current.Description}", Form);
            }

            Advance();
            var condition = ParseOr();
            ExpectClose(caseOpen, "the '(' of the Piecewise case");
            cases.Add((value, condition));
        }
        while (Current.Kind == TokenKind.Comma);

        ExpectClose(open, "the '(' of Piecewise(");
        return new MatrixPiecewise(cases, name.Position, EndOfPrevious);
    }

    /// <summary><c>Sum(body, (i, lo, hi), ...)</c>, the name and its '(' read.</summary>
    private MatrixSum ParseSum(Token name)
    {
        const string Form = "write Sum(body, (i, lo, hi)), i running from lo to hi inclusive, or Sum(body, (i, lo, hi), (j, lo2, hi2)) for a double sum";
        var open = Current.Position;
        Advance();
        if (Current.Kind == TokenKind.RightParenthesis)
        {
            throw Error(Current.Position, "missing argument to Sum()", Form);
        }

        var body = ParseOr();
        if (Current.Kind != TokenKind.Comma)
        {
            throw Error(Current.Position, Current.Kind == TokenKind.RightParenthesis ? "Sum() has no range (i, lo, hi)" : $"unexpected {Current.Description}", Form);
        }

        var ranges = new List<MatrixSumRange>();
        while (Current.Kind == TokenKind.Comma)
        {
            Advance();
            ranges.Add(ParseSumRange(ranges, Form));
        }

        ExpectClose(open, "the '(' of Sum(");
        return new MatrixSum(body, ranges, name.Position, EndOfPrevious);
    }

    /// <summary>A range <c>(i, lo, hi)</c> of <c>Sum</c>, at its '('.</summary>
    private MatrixSumRange ParseSumRange(List<MatrixSumRange> previous, string form)
    {
        if (Current.Kind != TokenKind.LeftParenthesis)
        {
            throw Error(Current.Position, "the range of Sum() is not a tuple (i, lo, hi)", form);
        }

        var rangeOpen = Current.Position;
        Advance();
        if (Current.Kind != TokenKind.Name || IsFunction(Current.Text) || Current.Text is "True" or "False")
        {
            throw Error(Current.Position, $"the index of Sum() is {(Current.Kind == TokenKind.End ? "missing" : $"'{Current.Text}', not a name")}", form);
        }

        var index = Current.Text;
        if (previous.Any(r => r.Index == index))
        {
            throw Error(Current.Position, $"Sum() has two ranges of the index '{index}'", "give each range its own index");
        }

        Advance();
        var bounds = new MatrixNode[2];
        for (var b = 0; b < 2; b++)
        {
            if (Current.Kind != TokenKind.Comma)
            {
                throw Error(Current.Position, Current.Kind == TokenKind.RightParenthesis ? $"the range of Sum() has no {(b == 0 ? "first" : "last")} index" : $"unexpected {Current.Description}", form);
            }

            Advance();
            bounds[b] = ParseOr();
        }

        ExpectClose(rangeOpen, "the '(' of Sum's range");
        return new MatrixSumRange(index, bounds[0], bounds[1]);
    }

    private void ExpectClose(int open, string opened)
    {
        if (Current.Kind != TokenKind.RightParenthesis)
        {
            throw Current.Kind == TokenKind.End
                ? Error(Current.Position, "unexpected end of expression", string.Create(CultureInfo.InvariantCulture, $"{opened} at column {open + 1} is not closed: add ')'"))
                : Error(Current.Position, $"unexpected {Current.Description}", string.Create(CultureInfo.InvariantCulture, $"expected an operator, ',' or ')' to close {opened} at column {open + 1}"));
        }

        Advance();
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

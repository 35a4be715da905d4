namespace Tvbo.Expressions;

/// <summary>
/// A node of a parsed right-hand side. Expressions are immutable trees produced by
/// <see cref="ExpressionParser.Parse(string)"/> and printed by <see cref="LatexPrinter"/> and
/// <see cref="PyRatesPrinter"/>.
/// </summary>
public abstract record Expr
{
    /// <summary>The direct children of this node, left to right.</summary>
    public abstract IEnumerable<Expr> Children { get; }

    /// <summary>Every symbol name this expression reads, in order of first appearance, without duplicates.
    /// Function names are not symbols.</summary>
    public IReadOnlyList<string> FreeSymbols()
    {
        var seen = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        Collect(this);
        return seen;

        void Collect(Expr e)
        {
            if (e is SymbolExpr s && set.Add(s.Name))
            {
                seen.Add(s.Name);
            }

            foreach (var c in e.Children)
            {
                Collect(c);
            }
        }
    }

    /// <summary>Rewrites the tree bottom-up: every node's children are rewritten first, then <paramref name="rule"/>
    /// is applied to the node rebuilt from them (return the node itself to keep it).</summary>
    /// <param name="rule">The rewriting of one node whose children are already rewritten.</param>
    public Expr Rewrite(Func<Expr, Expr> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule(this switch
        {
            UnaryExpr u => u with { Operand = u.Operand.Rewrite(rule) },
            BinaryExpr b => b with { Left = b.Left.Rewrite(rule), Right = b.Right.Rewrite(rule) },
            ComparisonExpr c => c with { Left = c.Left.Rewrite(rule), Right = c.Right.Rewrite(rule) },
            LogicalExpr l => l with { Left = l.Left.Rewrite(rule), Right = l.Right.Rewrite(rule) },
            CallExpr c => c.WithArguments(a => a.Rewrite(rule)),
            PiecewiseExpr p => new PiecewiseExpr(p.Cases.Select(k => new PiecewiseCase(k.Value.Rewrite(rule), k.Condition.Rewrite(rule))).ToArray()),
            _ => this,
        });
    }

    /// <summary>Returns a copy of this tree with every symbol replaced by <paramref name="replace"/>'s answer.</summary>
    /// <param name="replace">Maps a symbol name to the expression that stands in its place (return a
    /// <see cref="SymbolExpr"/> with the same name to keep it).</param>
    public abstract Expr Substitute(Func<string, Expr> replace);
}

/// <summary>A numeric literal.</summary>
/// <param name="Value">The value as a double.</param>
/// <param name="Text">The literal as written in the source (used to print it back unchanged).</param>
public sealed record NumberExpr(double Value, string Text) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => [];

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) => this;
}

/// <summary>A name: a parameter, state variable, derived variable, coupling term or constant (<c>pi</c>, <c>e</c>).</summary>
/// <param name="Name">The symbol's name as written.</param>
public sealed record SymbolExpr(string Name) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => [];

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) => replace(Name);
}

/// <summary>A boolean literal (<c>True</c> / <c>False</c>), as used for the last case of a Piecewise.</summary>
/// <param name="Value">The literal's value.</param>
public sealed record BooleanExpr(bool Value) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => [];

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) => this;
}

/// <summary>A unary operator.</summary>
public enum UnaryOperator
{
    /// <summary><c>-x</c></summary>
    Negate,

    /// <summary><c>+x</c></summary>
    Plus,
}

/// <summary>A unary operation.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Operand">The operand.</param>
public sealed record UnaryExpr(UnaryOperator Operator, Expr Operand) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => [Operand];

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) => this with { Operand = Operand.Substitute(replace) };
}

/// <summary>An arithmetic binary operator.</summary>
public enum BinaryOperator
{
    /// <summary><c>a + b</c></summary>
    Add,

    /// <summary><c>a - b</c></summary>
    Subtract,

    /// <summary><c>a * b</c></summary>
    Multiply,

    /// <summary><c>a / b</c></summary>
    Divide,

    /// <summary><c>a ** b</c> (right-associative, binds tighter than unary minus).</summary>
    Power,

    /// <summary><c>a % b</c>, Python's modulo: <c>a - b*floor(a/b)</c> (the result has the sign of <c>b</c>);
    /// same precedence as <c>*</c> and <c>/</c>.</summary>
    Modulo,
}

/// <summary>An arithmetic binary operation.</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
public sealed record BinaryExpr(BinaryOperator Operator, Expr Left, Expr Right) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => [Left, Right];

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) =>
        this with { Left = Left.Substitute(replace), Right = Right.Substitute(replace) };
}

/// <summary>A comparison operator, used in Piecewise conditions.</summary>
public enum ComparisonOperator
{
    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,
}

/// <summary>A comparison (a condition of a Piecewise case).</summary>
/// <param name="Operator">The comparison.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
public sealed record ComparisonExpr(ComparisonOperator Operator, Expr Left, Expr Right) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => [Left, Right];

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) =>
        this with { Left = Left.Substitute(replace), Right = Right.Substitute(replace) };
}

/// <summary>A logical connective of Piecewise conditions (sympy's <c>&amp;</c> and <c>|</c>).</summary>
public enum LogicalOperator
{
    /// <summary><c>a &amp; b</c>: both hold.</summary>
    And,

    /// <summary><c>a | b</c>: at least one holds.</summary>
    Or,
}

/// <summary>Two conditions joined by <c>&amp;</c> or <c>|</c>, as sympy writes compound Piecewise conditions:
/// <c>(t &gt;= t0) &amp; (t &lt; t0 + d)</c>. Its operands are comparisons, booleans or other logical expressions.</summary>
/// <param name="Operator">The connective.</param>
/// <param name="Left">The left condition.</param>
/// <param name="Right">The right condition.</param>
public sealed record LogicalExpr(LogicalOperator Operator, Expr Left, Expr Right) : Expr
{
    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => [Left, Right];

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) =>
        this with { Left = Left.Substitute(replace), Right = Right.Substitute(replace) };
}

/// <summary>A call of one of the <see cref="Functions"/>, with as many arguments as it takes
/// (<see cref="Functions.ArityOf"/>).</summary>
public sealed record CallExpr : Expr
{
    /// <summary>Creates a call.</summary>
    /// <param name="function">The function.</param>
    /// <param name="arguments">Its arguments, as many as <see cref="Functions.ArityOf"/> says.</param>
    /// <exception cref="ArgumentException">The number of arguments is not the function's.</exception>
    public CallExpr(MathFunction function, params IReadOnlyList<Expr> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var arity = Functions.ArityOf(function);
        if (arguments.Count != arity)
        {
            throw new ArgumentException($"{Functions.NameOf(function)} takes {arity} argument{(arity == 1 ? string.Empty : "s")}, not {arguments.Count}.", nameof(arguments));
        }

        Function = function;
        Arguments = arguments.ToArray();
    }

    /// <summary>The function.</summary>
    public MathFunction Function { get; }

    /// <summary>The arguments, in order.</summary>
    public IReadOnlyList<Expr> Arguments { get; }

    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => Arguments;

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) => new CallExpr(Function, Arguments.Select(a => a.Substitute(replace)).ToArray());

    /// <summary>The same function applied to other arguments.</summary>
    /// <param name="map">Gives each new argument from the old one.</param>
    public CallExpr WithArguments(Func<Expr, Expr> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new CallExpr(Function, Arguments.Select(map).ToArray());
    }

    /// <inheritdoc/>
    public bool Equals(CallExpr? other) =>
        other is not null && Function == other.Function && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc/>
    public override int GetHashCode() => Arguments.Aggregate(HashCode.Combine(Function), HashCode.Combine);
}

/// <summary>One case of a Piecewise: <see cref="Value"/> applies where <see cref="Condition"/> holds
/// (and no earlier case did).</summary>
/// <param name="Value">The case's value.</param>
/// <param name="Condition">A <see cref="ComparisonExpr"/>, <see cref="BooleanExpr"/> or <see cref="LogicalExpr"/>.</param>
public sealed record PiecewiseCase(Expr Value, Expr Condition);

/// <summary>sympy's <c>Piecewise((expr, cond), ..., (expr, True))</c>: the first case whose condition
/// holds gives the value.</summary>
public sealed record PiecewiseExpr : Expr
{
    /// <summary>Creates a Piecewise from its cases, in order.</summary>
    /// <param name="cases">At least one case.</param>
    public PiecewiseExpr(IReadOnlyList<PiecewiseCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0)
        {
            throw new ArgumentException("A Piecewise needs at least one case.", nameof(cases));
        }

        Cases = cases;
    }

    /// <summary>The cases, in order.</summary>
    public IReadOnlyList<PiecewiseCase> Cases { get; }

    /// <inheritdoc/>
    public override IEnumerable<Expr> Children => Cases.SelectMany(c => new[] { c.Value, c.Condition });

    /// <inheritdoc/>
    public override Expr Substitute(Func<string, Expr> replace) =>
        new PiecewiseExpr(Cases.Select(c => new PiecewiseCase(c.Value.Substitute(replace), c.Condition.Substitute(replace))).ToArray());

    /// <inheritdoc/>
    public bool Equals(PiecewiseExpr? other) =>
        other is not null && Cases.SequenceEqual(other.Cases);

    /// <inheritdoc/>
    public override int GetHashCode() => Cases.Aggregate(17, (h, c) => HashCode.Combine(h, c));
}

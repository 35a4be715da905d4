namespace Tvbo.Expressions;

/// <summary>
/// A function a model defines (TVBO's <c>functions:</c> with <c>arguments</c>), e.g.
/// <c>H(x) = (a*x - b)/(1 - exp(-d*(a*x - b)))</c>. Expressions parsed with
/// <see cref="ExpressionParser.Parse(string, string?, IReadOnlyDictionary{string, FunctionDefinition}?)"/> may call it;
/// each call is inlined: the result is <see cref="Body"/> with every formal argument replaced by the call's actual
/// argument. The formals shadow the model's symbols only inside the body; the body's other symbols (<c>a</c>,
/// <c>b</c>, <c>d</c> above) are the model's.
/// </summary>
public sealed record FunctionDefinition
{
    /// <summary>Defines a function.</summary>
    /// <param name="Name">The function's name: a valid identifier that is not a built-in function
    /// (<see cref="Functions.Names"/> and their aliases), <c>Piecewise</c>, <c>True</c> or <c>False</c>.</param>
    /// <param name="Arguments">The formal argument names, in call order: valid identifiers, without duplicates,
    /// none of them a function name or keyword.</param>
    /// <param name="Body">The function's expression, in which the formals are symbols. Calls of other defined
    /// functions in it must already be inlined (parse bodies in dependency order).</param>
    /// <exception cref="ArgumentException">The name or an argument is not valid or reserved, or an argument is repeated.</exception>
    public FunctionDefinition(string Name, IReadOnlyList<string> Arguments, Expr Body)
    {
        ArgumentNullException.ThrowIfNull(Name);
        ArgumentNullException.ThrowIfNull(Arguments);
        ArgumentNullException.ThrowIfNull(Body);
        if (!Identifier.IsValid(Name))
        {
            throw new ArgumentException(
                $"Function name '{Name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.", nameof(Name));
        }

        if (IsReserved(Name))
        {
            throw new ArgumentException(
                $"Function name '{Name}' is reserved (a built-in function or keyword of the expression language); choose another name.", nameof(Name));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in Arguments)
        {
            if (argument is null || !Identifier.IsValid(argument))
            {
                throw new ArgumentException(
                    $"Function '{Name}': argument name '{argument}' is not valid: use letters, digits and underscores, starting with a letter or underscore.",
                    nameof(Arguments));
            }

            if (IsReserved(argument))
            {
                throw new ArgumentException(
                    $"Function '{Name}': argument name '{argument}' is reserved (a built-in function or keyword of the expression language); choose another name.",
                    nameof(Arguments));
            }

            if (!seen.Add(argument))
            {
                throw new ArgumentException($"Function '{Name}': argument '{argument}' is listed twice; every argument needs its own name.", nameof(Arguments));
            }
        }

        this.Name = Name;
        this.Arguments = Arguments.ToArray();
        this.Body = Body;
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>The formal argument names, in call order.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The function's expression in terms of its formals (and of model symbols).</summary>
    public Expr Body { get; }

    /// <summary>The body with the formals replaced, all at once, by <paramref name="actuals"/> (in order).</summary>
    /// <param name="actuals">One expression per formal argument.</param>
    /// <returns>The inlined call.</returns>
    /// <exception cref="ArgumentException">The number of <paramref name="actuals"/> differs from the number of arguments.</exception>
    public Expr Apply(IReadOnlyList<Expr> actuals)
    {
        ArgumentNullException.ThrowIfNull(actuals);
        if (actuals.Count != Arguments.Count)
        {
            throw new ArgumentException($"{Signature} takes {Arguments.Count} argument(s), got {actuals.Count}.", nameof(actuals));
        }

        var byName = new Dictionary<string, Expr>(StringComparer.Ordinal);
        for (var i = 0; i < actuals.Count; i++)
        {
            byName[Arguments[i]] = actuals[i] ?? throw new ArgumentException("An actual argument is null.", nameof(actuals));
        }

        return Body.Substitute(name => byName.TryGetValue(name, out var actual) ? actual : new SymbolExpr(name));
    }

    /// <summary>The call form, e.g. <c>H(x, y)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Arguments)})";

    /// <inheritdoc/>
    public bool Equals(FunctionDefinition? other) =>
        other is not null && Name == other.Name && Arguments.SequenceEqual(other.Arguments) && Body.Equals(other.Body);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Arguments.Count, Body);

    /// <summary>Deconstructs the definition.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="arguments">The formal argument names.</param>
    /// <param name="body">The body.</param>
    public void Deconstruct(out string name, out IReadOnlyList<string> arguments, out Expr body)
    {
        name = Name;
        arguments = Arguments;
        body = Body;
    }

    /// <summary>Whether <paramref name="name"/> is a built-in function (any accepted spelling) or keyword.</summary>
    internal static bool IsReserved(string name) => ExpressionParser.IsReservedName(name);
}

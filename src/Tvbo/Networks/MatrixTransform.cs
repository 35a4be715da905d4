using System.Globalization;
using Tvbo.Expressions;

namespace Tvbo.Networks;

/// <summary>
/// One of TVBO's <c>network.transforms</c>: a matrix of the network (<see cref="Target"/>: <c>weight</c>,
/// <c>length</c> or <c>delay</c>) rewritten by an expression over the network's matrices before the run, e.g.
/// <c>weight / mean(weight[weight &gt; 0])</c>. Apply transforms with <see cref="Network.ApplyTransforms"/>.
/// </summary>
/// <remarks>
/// The language: numbers, the names <c>weight</c> (<c>weights</c>), <c>length</c> (<c>lengths</c>,
/// <c>tract_length</c>, <c>tract_lengths</c>) and <c>delay</c> (<c>delays</c>: each edge's delay, its explicit one or
/// its length over the conduction speed) for N×N matrices ([target, source]), the transform's
/// <see cref="Arguments"/>, a model parameter every node sets (one value per node, applied along the node's row) and
/// <c>pi</c>, <c>e</c>; element-wise <c>+ - * / % **</c> and the functions of right-hand sides (<c>exp</c>, <c>log</c>,
/// <c>sqrt</c>, <c>abs</c>, …); comparisons <c>&lt; &lt;= &gt; &gt;= == !=</c> giving masks, joined by <c>&amp;</c> and
/// <c>|</c>; a selection <c>weight[weight &gt; 0]</c> inside a reduction, or the condition as its second argument
/// (<c>mean(weight, weight &gt; 0)</c>); the reductions <c>mean</c>, <c>sum</c>, <c>max</c>, <c>min</c>, <c>std</c>
/// (population, ddof 0), <c>median</c> over every entry (the diagonal included) or the selected ones;
/// <c>Piecewise((value, condition), ..., (value, True))</c>; <c>graph_laplacian(M)</c> (<c>M - diag(rowsum(M))</c>) and
/// <c>normalized_graph_laplacian(M)</c> (of <c>M / max(M)</c>). The result is a matrix, or a number put in every entry.
/// As in TVBO, the transforms of one target apply in order, each seeing the previous one's result under the target's
/// name; another matrix's name means that matrix after all of its own transforms.
/// </remarks>
public sealed class MatrixTransform
{
    private static readonly Dictionary<string, string> TargetNames = new(StringComparer.Ordinal)
    {
        ["weight"] = Weight,
        ["weights"] = Weight,
        ["length"] = Length,
        ["lengths"] = Length,
        ["tract_length"] = Length,
        ["tract_lengths"] = Length,
        ["delay"] = Delay,
        ["delays"] = Delay,
    };

    /// <summary>The weight matrix's name.</summary>
    public const string Weight = "weight";

    /// <summary>The length matrix's name.</summary>
    public const string Length = "length";

    /// <summary>The delay matrix's name.</summary>
    public const string Delay = "delay";

    /// <summary>Creates a transform.</summary>
    /// <param name="target">The matrix rewritten: <c>weight</c>, <c>length</c> or <c>delay</c> (or a plural or
    /// <c>tract_length</c>).</param>
    /// <param name="expression">The new value, e.g. <c>weight / max(weight)</c>.</param>
    /// <exception cref="ArgumentException">The target is not a network matrix.</exception>
    public MatrixTransform(string target, string expression)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(expression);
        Target = Canonical(target) ?? throw new ArgumentException($"'{target}' is not a matrix of the network; a transform rewrites weight, length or delay.", nameof(target));
        Expression = expression;
    }

    /// <summary>The matrix rewritten: <see cref="Weight"/>, <see cref="Length"/> or <see cref="Delay"/>.</summary>
    public string Target { get; }

    /// <summary>The expression giving the matrix's new value.</summary>
    public string Expression { get; }

    /// <summary>Named numbers the expression may use (TVBO's <c>arguments</c> and <c>equation.parameters</c>); they
    /// take precedence over the network's names.</summary>
    public IDictionary<string, double> Arguments { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The canonical matrix a name means (<c>weights</c> is <c>weight</c>…), or <see langword="null"/>.</summary>
    /// <param name="name">A name.</param>
    public static string? Canonical(string name) => TargetNames.GetValueOrDefault(name);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Target} = {Expression}" + (Arguments.Count == 0 ? string.Empty : " with " + string.Join(", ", Arguments.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key}={a.Value}"))));

    /// <summary>Checks the expression's syntax.</summary>
    /// <exception cref="ExpressionSyntaxException">It is not an expression of the language.</exception>
    internal MatrixNode Parse(string? context) => MatrixExpressionParser.Parse(Expression, context);

    /// <summary>Evaluates transforms against a network's matrices: the final weight, length and delay matrices of the
    /// targets the transforms rewrite (TVBO's lazy chains: a target's transforms in order, other names meaning the
    /// other matrices' final values).</summary>
    /// <exception cref="MatrixTransformException">A transform fails; the message names it and its position.</exception>
    internal static Dictionary<string, double[]> Evaluate(Network network, IReadOnlyList<MatrixTransform> transforms)
    {
        var n = network.NodeCount;
        var parsed = new MatrixNode[transforms.Count];
        for (var k = 0; k < transforms.Count; k++)
        {
            try
            {
                parsed[k] = transforms[k].Parse(null);
            }
            catch (ExpressionSyntaxException ex)
            {
                throw new MatrixTransformException(k, transforms[k].Target, ex.Message, ex);
            }
        }

        var finals = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var inProgress = new List<string>();
        foreach (var target in transforms.Select(t => t.Target).Distinct())
        {
            _ = Final(target);
        }

        return finals;

        double[] Final(string target)
        {
            if (finals.TryGetValue(target, out var done))
            {
                return done;
            }

            if (inProgress.Contains(target))
            {
                var first = transforms.Select((t, i) => (t, i)).First(x => x.t.Target == inProgress[^1]);
                throw new MatrixTransformException(first.i, first.t.Target,
                    $"the transforms of {string.Join(" and ", inProgress.Append(target).Distinct().Select(x => $"'{x}'"))} use each other's results, which is circular; compute one from the other's untransformed values in a single transform.");
            }

            inProgress.Add(target);
            var m = Raw(network, target, Final);
            for (var k = 0; k < transforms.Count; k++)
            {
                if (transforms[k].Target == target)
                {
                    m = Apply(network, transforms[k], k, parsed[k], m, Final);
                }
            }

            inProgress.Remove(target);
            finals[target] = m;
            return m;
        }
    }

    /// <summary>A matrix before its transforms: the network's weights or lengths; the delays: each edge's explicit
    /// delay, else its (final) length over the conduction speed.</summary>
    private static double[] Raw(Network network, string target, Func<string, double[]> final)
    {
        var n = network.NodeCount;
        var m = new double[n * n];
        if (target == Delay)
        {
            var lengths = final(Length);
            for (var c = 0; c < m.Length; c++)
            {
                m[c] = network.ExplicitDelayAt(c) is { } d ? d : lengths[c] == 0 ? 0.0 : lengths[c] / network.ConductionSpeed;
            }

            return m;
        }

        for (var c = 0; c < m.Length; c++)
        {
            m[c] = target == Weight ? network.WeightAt(c) : network.LengthAt(c);
        }

        return m;
    }

    private static double[] Apply(Network network, MatrixTransform t, int index, MatrixNode root, double[] current, Func<string, double[]> final)
    {
        var n = network.NodeCount;
        var evaluator = new MatrixEvaluator(t.Expression, n, Resolve, Names);
        MatrixValue value;
        try
        {
            value = evaluator.Evaluate(root);
        }
        catch (MatrixEvaluationException ex)
        {
            throw new MatrixTransformException(index, t.Target, ex.Message, ex);
        }

        if (value.Shape == MatrixShape.Column)
        {
            throw new MatrixTransformException(index, t.Target, $"the result is one number per node, but {t.Target} is an N×N matrix (shape mismatch); combine it with a matrix, e.g. {t.Target} / <per-node value>.");
        }

        var result = value.Shape == MatrixShape.Scalar ? Enumerable.Repeat(value.Values[0], n * n).ToArray() : value.Values;
        if (t.Target != Weight)
        {
            var bad = Array.FindIndex(result, v => v < 0);
            if (bad >= 0)
            {
                throw new MatrixTransformException(index, t.Target, string.Create(CultureInfo.InvariantCulture, $"the result is {result[bad]} at [{bad / n}, {bad % n}]; {t.Target}s must not be negative."));
            }
        }

        return result;

        MatrixValue? Resolve(string name)
        {
            if (t.Arguments.TryGetValue(name, out var argument))
            {
                return MatrixValue.Scalar(argument);
            }

            if (Canonical(name) is { } matrix)
            {
                return new MatrixValue(MatrixShape.Matrix, matrix == t.Target ? current : final(matrix));
            }

            if (network.Nodes.Count > 0 && network.Nodes.All(node => node.Parameters.ContainsKey(name)))
            {
                return new MatrixValue(MatrixShape.Column, network.Nodes.Select(node => node.Parameters[name]).ToArray());
            }

            return Functions.Constants.TryGetValue(name, out var constant) ? MatrixValue.Scalar(constant) : null;
        }

        string Names()
        {
            var perNode = network.Nodes.Count == 0 ? [] : network.Nodes[0].Parameters.Keys.Where(p => network.Nodes.All(node => node.Parameters.ContainsKey(p))).ToArray();
            return "weight, length (tract_length), delay"
                + (t.Arguments.Count > 0 ? ", the transform's arguments " + string.Join(", ", t.Arguments.Keys) : string.Empty)
                + (perNode.Length > 0 ? ", the per-node parameters " + string.Join(", ", perNode) : ", a model parameter every node of network.nodes sets")
                + ", pi and e";
        }
    }
}

/// <summary>A network transform (<see cref="MatrixTransform"/>) that cannot be applied: its syntax, an unknown name, a
/// shape mismatch, a selection that keeps nothing, a result that is not finite (a division by zero) or not allowed.</summary>
public sealed class MatrixTransformException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="index">The transform's position (0-based).</param>
    /// <param name="target">The matrix it rewrites.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public MatrixTransformException(int index, string target, string problem, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"network.transforms[{index}] ('{target}'): {problem}"), innerException)
    {
        Index = index;
        Target = target;
        Problem = problem;
    }

    /// <summary>The transform's position in the list (0-based).</summary>
    public int Index { get; }

    /// <summary>The matrix the transform rewrites.</summary>
    public string Target { get; }

    /// <summary>The problem, without the transform's name.</summary>
    public string Problem { get; }
}

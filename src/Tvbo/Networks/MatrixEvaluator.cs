using System.Globalization;
using Tvbo.Expressions;

namespace Tvbo.Networks;

/// <summary>The shape of a value of the matrix language.</summary>
internal enum MatrixShape
{
    /// <summary>One number.</summary>
    Scalar,

    /// <summary>One number per node (a per-node parameter): entry i applies to row i of a matrix.</summary>
    Column,

    /// <summary>N×N, [target, source].</summary>
    Matrix,
}

/// <summary>A value of the matrix language: numbers, or a mask (1 where a comparison holds, 0 elsewhere).</summary>
internal sealed class MatrixValue
{
    public MatrixValue(MatrixShape shape, double[] values, bool isMask = false)
    {
        Shape = shape;
        Values = values;
        IsMask = isMask;
    }

    public MatrixShape Shape { get; }

    public double[] Values { get; }

    public bool IsMask { get; }

    public static MatrixValue Scalar(double v) => new(MatrixShape.Scalar, [v]);
}

/// <summary>An error of a transform's expression, without the transform's name (<see cref="MatrixTransform"/> adds it).</summary>
internal sealed class MatrixEvaluationException(string message) : Exception(message);

/// <summary>
/// Evaluates a parsed transform (<see cref="MatrixNode"/>) over N×N matrices: element-wise with broadcasting (a scalar
/// everywhere, a column along its row), IEEE arithmetic, comparisons giving masks, reductions over every entry
/// (the diagonal included) or over the entries a mask keeps. A value that is not finite is an error where a reduction
/// reads it and in the result, explained by the division by zero (or the operation) that produced it.
/// </summary>
internal sealed class MatrixEvaluator
{
    private readonly string _text;
    private readonly int _n;
    private readonly Func<string, MatrixValue?> _resolve;
    private readonly Func<string> _names;

    /// <param name="text">The expression's text (quoted in errors).</param>
    /// <param name="n">The number of nodes.</param>
    /// <param name="resolve">A name's value, or <see langword="null"/> when it names nothing.</param>
    /// <param name="names">The valid names, for the error about an unknown one.</param>
    public MatrixEvaluator(string text, int n, Func<string, MatrixValue?> resolve, Func<string> names)
    {
        _text = text;
        _n = n;
        _resolve = resolve;
        _names = names;
    }

    /// <summary>Evaluates the expression to a numeric value whose every entry is finite.</summary>
    /// <exception cref="MatrixEvaluationException">A name is unknown, a mask is used as a number (or the reverse), a
    /// shape does not fit, a selection keeps nothing, or a value is not finite.</exception>
    public MatrixValue Evaluate(MatrixNode root)
    {
        var value = Eval(root);
        if (value.IsMask)
        {
            throw new MatrixEvaluationException($"'{root.Text(_text)}' is a mask (true or false per entry), not numbers; use a condition to select (weight[weight > 0]), as a reduction's second argument or in Piecewise((value, condition), (other, True)).");
        }

        RequireFinite(root, value, "the result");
        return value;
    }

    private MatrixValue Eval(MatrixNode node) => node switch
    {
        MatrixNumber num => MatrixValue.Scalar(num.Value),
        MatrixBoolean b => new MatrixValue(MatrixShape.Scalar, [b.Value ? 1.0 : 0.0], isMask: true),
        MatrixName name => _resolve(name.Name) ?? throw new MatrixEvaluationException(UnknownName(name.Name)),
        MatrixNegate neg => Map(Numeric(neg.Operand), v => neg.Negate ? -v : v),
        MatrixArithmetic a => Arithmetic(a),
        MatrixComparison c => Compare(c),
        MatrixLogical l => Logical(l),
        MatrixSelection s => throw new MatrixEvaluationException(
            $"'{s.Text(_text)}' selects a number of entries that depends on the data, which only a reduction can take: write e.g. mean({s.Text(_text)}) or max({s.Text(_text)})."),
        MatrixCall call => Call(call),
        MatrixPiecewise p => Piecewise(p),
        MatrixIndices ix => throw new MatrixEvaluationException(
            $"'{ix.Text(_text)}': indexing by several indices belongs to observation equations, not to a transform; a transform is element-wise over the network's matrices."),
        MatrixSum sum => throw new MatrixEvaluationException(
            $"'{sum.Text(_text)}': Sum(body, (i, lo, hi)) belongs to observation equations, not to a transform; a transform is element-wise over the network's matrices, with reductions such as sum(weight)."),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private string UnknownName(string name)
    {
        var hint = name switch
        {
            "W" or "w" or "SC" or "sc" or "C" => " (did you mean 'weight'? TVBO's transforms name the network's matrices weight, length and delay)",
            "L" or "D" or "tract_lengths" or "distance" or "distances" => " (did you mean 'length'?)",
            _ => string.Empty,
        };
        return $"'{name}' is not a name a transform can use{hint}; it may use {_names()}.";
    }

    /// <summary>A sub-expression that must be numbers, not a mask.</summary>
    private MatrixValue Numeric(MatrixNode node)
    {
        var v = Eval(node);
        return v.IsMask
            ? throw new MatrixEvaluationException($"'{node.Text(_text)}' is a mask (true or false per entry) used as a number; a condition selects (weight[weight > 0]), goes into a reduction as its second argument or into a Piecewise.")
            : v;
    }

    /// <summary>A sub-expression that must be a mask.</summary>
    private MatrixValue Mask(MatrixNode node, string role)
    {
        var v = Eval(node);
        return v.IsMask
            ? v
            : throw new MatrixEvaluationException($"{role} '{node.Text(_text)}' is numbers, not a condition; write a comparison such as weight > 0.");
    }

    private MatrixValue Arithmetic(MatrixArithmetic a)
    {
        var left = Numeric(a.Left);
        if (a.Operator == BinaryOperator.Power && a.Right is MatrixNumber { Value: >= 0 and <= ExpressionEvaluator.MaxExponentByMultiplication } lit && lit.Value == Math.Floor(lit.Value))
        {
            var k = (int)lit.Value;
            return Map(left, x =>
            {
                var r = 1.0;
                for (var i = 0; i < k; i++)
                {
                    r *= x;
                }

                return r;
            });
        }

        var right = Numeric(a.Right);
        Func<double, double, double> f = a.Operator switch
        {
            BinaryOperator.Add => (x, y) => x + y,
            BinaryOperator.Subtract => (x, y) => x - y,
            BinaryOperator.Multiply => (x, y) => x * y,
            BinaryOperator.Divide => (x, y) => x / y,
            BinaryOperator.Power => Math.Pow,
            _ => ExpressionEvaluator.Modulo,
        };
        return Zip(left, right, f, isMask: false);
    }

    private MatrixValue Compare(MatrixComparison c)
    {
        var left = Numeric(c.Left);
        var right = Numeric(c.Right);
        Func<double, double, bool> f = c.Operator switch
        {
            ComparisonOperator.Less => (x, y) => x < y,
            ComparisonOperator.LessOrEqual => (x, y) => x <= y,
            ComparisonOperator.Greater => (x, y) => x > y,
            ComparisonOperator.GreaterOrEqual => (x, y) => x >= y,
            ComparisonOperator.Equal => (x, y) => x == y,
            _ => (x, y) => x != y,
        };
        return Zip(left, right, (x, y) => f(x, y) ? 1.0 : 0.0, isMask: true);
    }

    private MatrixValue Logical(MatrixLogical l)
    {
        var role = l.Operator == LogicalOperator.And ? "an operand of '&'" : "an operand of '|'";
        var left = Mask(l.Left, role);
        var right = Mask(l.Right, role);
        return l.Operator == LogicalOperator.And
            ? Zip(left, right, (x, y) => x != 0 && y != 0 ? 1.0 : 0.0, isMask: true)
            : Zip(left, right, (x, y) => x != 0 || y != 0 ? 1.0 : 0.0, isMask: true);
    }

    private MatrixValue Call(MatrixCall call)
    {
        if (MatrixExpressionParser.TryGetElementwise(call.Function, out var function))
        {
            return Map(Numeric(call.Arguments[0]), x => Functions.Evaluate(function, x));
        }

        if (MatrixExpressionParser.MatrixFunctions.Contains(call.Function))
        {
            var m = Numeric(call.Arguments[0]);
            if (m.Shape != MatrixShape.Matrix)
            {
                throw new MatrixEvaluationException($"{call.Function}() takes an N×N matrix, but '{call.Arguments[0].Text(_text)}' is {ShapeText(m.Shape)} (shape mismatch).");
            }

            RequireFinite(call.Arguments[0], m, $"the argument of {call.Function}()");
            return call.Function == "graph_laplacian" ? Laplacian(m.Values) : Laplacian(Normalized(call, m.Values));
        }

        return Reduce(call);
    }

    /// <summary>A reduction over every entry, or over those a mask keeps (<c>f(x[mask])</c> or <c>f(x, mask)</c>).</summary>
    private MatrixValue Reduce(MatrixCall call)
    {
        MatrixNode operandNode;
        MatrixNode? maskNode;
        if (call.Arguments.Count == 2)
        {
            (operandNode, maskNode) = (call.Arguments[0], call.Arguments[1]);
            if (operandNode is MatrixSelection)
            {
                throw new MatrixEvaluationException($"'{call.Text(_text)}' selects twice; give the condition once, as {call.Function}(weight[weight > 0]) or {call.Function}(weight, weight > 0).");
            }
        }
        else if (call.Arguments[0] is MatrixSelection s)
        {
            (operandNode, maskNode) = (s.Operand, s.Mask);
        }
        else
        {
            (operandNode, maskNode) = (call.Arguments[0], null);
        }

        var operand = Numeric(operandNode);
        var mask = maskNode is null ? null : Mask(maskNode, $"the condition of {call.Function}()");
        if (mask is not null && Rank(mask.Shape) > Rank(operand.Shape))
        {
            throw new MatrixEvaluationException($"'{call.Text(_text)}': the condition '{maskNode!.Text(_text)}' is {ShapeText(mask.Shape)} but the values '{operandNode.Text(_text)}' are {ShapeText(operand.Shape)} (shape mismatch); select from values of the condition's shape.");
        }

        var kept = new List<double>(operand.Values.Length);
        for (var k = 0; k < operand.Values.Length; k++)
        {
            if (mask is not null && At(mask, operand.Shape, k) == 0)
            {
                continue;
            }

            if (double.IsNaN(operand.Values[k]) && call.Function.StartsWith("nan", StringComparison.Ordinal))
            {
                continue; // nanmax and nanmin skip NaN, as numpy's
            }

            if (!double.IsFinite(operand.Values[k]))
            {
                throw new MatrixEvaluationException($"{call.Function}() reads a value that is not finite: {Diagnose(operandNode, operand.Shape, k)}");
            }

            kept.Add(operand.Values[k]);
        }

        if (kept.Count == 0)
        {
            throw new MatrixEvaluationException(maskNode is null
                ? $"'{call.Text(_text)}' has nothing to reduce: every entry of '{operandNode.Text(_text)}' is NaN."
                : $"'{call.Text(_text)}' selects nothing: no entry of '{operandNode.Text(_text)}' has {maskNode.Text(_text)}.");
        }

        return MatrixValue.Scalar(call.Function switch
        {
            "mean" => Sum(kept) / kept.Count,
            "sum" => Sum(kept),
            "max" or "nanmax" => kept.Max(),
            "min" or "nanmin" => kept.Min(),
            "std" => Std(kept),
            _ => Median(kept),
        });
    }

    /// <summary>numpy's pairwise summation is not reproduced; a plain left-to-right sum (exact for the integer-valued
    /// weights connectomes often hold).</summary>
    private static double Sum(List<double> values)
    {
        var s = 0.0;
        foreach (var v in values)
        {
            s += v;
        }

        return s;
    }

    /// <summary>The population standard deviation (numpy's default, ddof = 0).</summary>
    private static double Std(List<double> values)
    {
        var mean = Sum(values) / values.Count;
        var s = 0.0;
        foreach (var v in values)
        {
            s += (v - mean) * (v - mean);
        }

        return Math.Sqrt(s / values.Count);
    }

    /// <summary>The median: the middle value, or the mean of the two middle values of an even count (numpy's).</summary>
    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private double[] Normalized(MatrixCall call, double[] m)
    {
        var max = m.Max();
        if (max == 0)
        {
            throw new MatrixEvaluationException($"{call.Function}() divides by the largest entry of '{call.Arguments[0].Text(_text)}', which is 0.");
        }

        return m.Select(v => v / max).ToArray();
    }

    /// <summary>TVBO's graph Laplacian <c>M - diag(rowsum(M))</c>.</summary>
    private MatrixValue Laplacian(double[] m)
    {
        var l = (double[])m.Clone();
        for (var i = 0; i < _n; i++)
        {
            var row = 0.0;
            for (var j = 0; j < _n; j++)
            {
                row += m[(i * _n) + j];
            }

            l[(i * _n) + i] -= row;
        }

        return new MatrixValue(MatrixShape.Matrix, l);
    }

    private MatrixValue Piecewise(MatrixPiecewise p)
    {
        var values = p.Cases.Select(c => Numeric(c.Value)).ToArray();
        var conditions = p.Cases.Select(c => Mask(c.Condition, "a Piecewise condition")).ToArray();
        var shape = values.Concat(conditions).Select(v => v.Shape).MaxBy(Rank);
        var result = new double[Size(shape)];
        for (var k = 0; k < result.Length; k++)
        {
            result[k] = double.NaN;
            for (var c = 0; c < values.Length; c++)
            {
                if (At(conditions[c], shape, k) != 0)
                {
                    result[k] = At(values[c], shape, k);
                    break;
                }
            }
        }

        for (var k = 0; k < result.Length; k++)
        {
            if (double.IsNaN(result[k]) && Enumerable.Range(0, values.Length).All(c => At(conditions[c], shape, k) == 0))
            {
                throw new MatrixEvaluationException($"no case of '{p.Text(_text)}' holds {Where(shape, k)}; end it with a (value, True) case.");
            }
        }

        return new MatrixValue(shape, result);
    }

    private void RequireFinite(MatrixNode node, MatrixValue value, string what)
    {
        for (var k = 0; k < value.Values.Length; k++)
        {
            if (!double.IsFinite(value.Values[k]))
            {
                throw new MatrixEvaluationException($"{what} is not finite: {Diagnose(node, value.Shape, k)}");
            }
        }
    }

    /// <summary>Why entry <paramref name="k"/> (of a value of <paramref name="shape"/>) of a node is not finite: the
    /// innermost division by zero there, else the innermost operation whose operands are finite but not its result.</summary>
    private string Diagnose(MatrixNode node, MatrixShape shape, int k)
    {
        var (culprit, culpritValue) = Culprit(node, shape, k) ?? (node, double.NaN);
        var where = shape == MatrixShape.Scalar ? string.Empty : " " + Where(shape, k);
        if (culprit is MatrixArithmetic { Operator: BinaryOperator.Divide } d && Eval(d.Right) is { IsMask: false } divisor && At(divisor, shape, k) == 0)
        {
            return $"'{culprit.Text(_text)}' divides by zero: '{d.Right.Text(_text)}' is 0{(divisor.Shape == MatrixShape.Scalar ? string.Empty : where)}.";
        }

        return $"'{culprit.Text(_text)}' is {Show(culpritValue)}{where}.";
    }

    /// <summary>The innermost node whose value at the entry is not finite while its operands' are.</summary>
    private (MatrixNode Node, double Value)? Culprit(MatrixNode node, MatrixShape shape, int k)
    {
        if (node is MatrixSelection or MatrixBoolean or MatrixComparison or MatrixLogical)
        {
            return null;
        }

        double value;
        try
        {
            var v = Eval(node);
            if (v.IsMask)
            {
                return null;
            }

            value = At(v, shape, k);
        }
        catch (MatrixEvaluationException)
        {
            return null;
        }

        if (double.IsFinite(value))
        {
            return null;
        }

        var children = node switch
        {
            MatrixNegate n => [n.Operand],
            MatrixArithmetic a => [a.Left, a.Right],
            MatrixCall c when MatrixExpressionParser.TryGetElementwise(c.Function, out _) => c.Arguments,
            MatrixPiecewise p => p.Cases.Select(c => c.Value).ToArray(),
            _ => (IReadOnlyList<MatrixNode>)[],
        };
        foreach (var child in children)
        {
            if (Culprit(child, shape, k) is { } inner)
            {
                return inner;
            }
        }

        return (node, value);
    }

    private static string Show(double v) => v switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(v) => "NaN",
        _ => v.ToString("R", CultureInfo.InvariantCulture),
    };

    private string Where(MatrixShape shape, int k) => shape switch
    {
        MatrixShape.Matrix => string.Create(CultureInfo.InvariantCulture, $"at [{k / _n}, {k % _n}]"),
        MatrixShape.Column => string.Create(CultureInfo.InvariantCulture, $"at node {k}"),
        _ => string.Empty,
    };

    private static string ShapeText(MatrixShape shape) => shape switch
    {
        MatrixShape.Scalar => "one number",
        MatrixShape.Column => "one number per node",
        _ => "an N×N matrix",
    };

    private static int Rank(MatrixShape shape) => (int)shape;

    private int Size(MatrixShape shape) => shape switch
    {
        MatrixShape.Scalar => 1,
        MatrixShape.Column => _n,
        _ => _n * _n,
    };

    /// <summary>Entry <paramref name="k"/> of a value broadcast to <paramref name="shape"/> (at least its own).</summary>
    private double At(MatrixValue v, MatrixShape shape, int k) => (v.Shape, shape) switch
    {
        (MatrixShape.Scalar, _) => v.Values[0],
        (MatrixShape.Column, MatrixShape.Matrix) => v.Values[k / _n],
        _ => v.Values[k],
    };

    private static MatrixValue Map(MatrixValue v, Func<double, double> f)
    {
        var r = new double[v.Values.Length];
        for (var k = 0; k < r.Length; k++)
        {
            r[k] = f(v.Values[k]);
        }

        return new MatrixValue(v.Shape, r);
    }

    private MatrixValue Zip(MatrixValue a, MatrixValue b, Func<double, double, double> f, bool isMask)
    {
        var shape = Rank(a.Shape) >= Rank(b.Shape) ? a.Shape : b.Shape;
        var r = new double[Size(shape)];
        for (var k = 0; k < r.Length; k++)
        {
            r[k] = f(At(a, shape, k), At(b, shape, k));
        }

        return new MatrixValue(shape, r, isMask);
    }
}

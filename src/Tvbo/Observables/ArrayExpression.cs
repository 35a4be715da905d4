using System.Globalization;
using Tvbo.Expressions;
using Tvbo.Networks;

namespace Tvbo.Observables;

/// <summary>An observation equation parsed once (<see cref="ArrayExpression.Parse"/>), to be evaluated for every
/// condition (<see cref="ArrayExpression.Evaluate"/>).</summary>
internal sealed class ArrayExpressionTree
{
    /// <summary>Keeps a parsed equation.</summary>
    /// <param name="text">The equation as written.</param>
    /// <param name="root">Its parsed form.</param>
    internal ArrayExpressionTree(string text, MatrixNode root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>The equation as written (quoted in errors).</summary>
    public string Text { get; }

    /// <summary>The parsed equation: the matrix language of transforms (<see cref="MatrixNode"/>) as
    /// <see cref="MatrixExpressionParser.ParseArray"/> reads it.</summary>
    internal MatrixNode Root { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>
/// Evaluates an observation pipeline's equation (sympy-style: <c>sqrt(mean((x - y)**2))</c>,
/// <c>Sum((x[i] - y[i])**2, (i, 0, n-1))</c>) over N-dimensional arrays with numpy's semantics: element-wise arithmetic
/// with numpy's broadcasting, the element-wise functions of <see cref="Functions"/> and those of two arguments of
/// <see cref="MatrixExpressionParser.ArrayBinaryFunctions"/>, comparisons giving masks, reductions over every entry
/// (<c>mean(x)</c>) or those a mask keeps (<c>mean(x[x &gt; 0])</c>, <c>mean(x, x &gt; 0)</c>), <c>x[i]</c> along the
/// first axis and <c>x[i, j]</c> along the leading ones, sympy's <c>Sum</c> (both bounds included, one range or
/// several) and Piecewise (NaN where no case holds, as sympy's numpy code). IEEE arithmetic: NaN and infinities stay,
/// as numpy's; the caller decides about them.
/// </summary>
/// <remarks>Each node allocates at most one array for its result (a Piecewise one per case it broadcasts, a masked
/// reduction one for the entries it keeps); the loops run over <see cref="double"/> arrays. Inside a <c>Sum</c>, the
/// sub-expressions that use none of its indices are evaluated once per evaluation of the <c>Sum</c>, not per
/// term.</remarks>
internal static class ArrayExpression
{
    /// <summary>The most terms a <c>Sum</c> may add.</summary>
    public const int MaxSumTerms = 10_000_000;

    /// <summary>Parses an equation.</summary>
    /// <param name="text">The equation.</param>
    /// <param name="context">What it belongs to, at the start of a syntax error's message (none by default).</param>
    /// <returns>The parsed equation, to evaluate any number of times.</returns>
    /// <exception cref="ObservableException">The text is not an equation of the language; the message quotes it and
    /// points at the problem.</exception>
    public static ArrayExpressionTree Parse(string text, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return new ArrayExpressionTree(text, MatrixExpressionParser.ParseArray(text, context));
        }
        catch (ExpressionSyntaxException ex)
        {
            throw new ObservableException(ex.Message);
        }
    }

    /// <summary>Evaluates a parsed equation.</summary>
    /// <param name="equation">The equation (<see cref="Parse"/>).</param>
    /// <param name="names">The value of each name it may use (a name wins over the constants <c>pi</c> and
    /// <c>e</c>). Their data are read, never written.</param>
    /// <returns>The value: numbers (never a mask), possibly not finite; its shape and data are not those of an
    /// input.</returns>
    /// <exception cref="ObservableException">A name is unknown, shapes do not broadcast, a mask is used as numbers (or
    /// numbers as a condition), an index is not a whole number or out of range, or a reduction without identity
    /// (max, min) has no entry.</exception>
    public static ArrayValue Evaluate(ArrayExpressionTree equation, IReadOnlyDictionary<string, ArrayValue> names)
    {
        ArgumentNullException.ThrowIfNull(equation);
        ArgumentNullException.ThrowIfNull(names);
        var evaluator = new Evaluator(equation.Text, names);
        var value = evaluator.Numeric(equation.Root, final: true);
        var data = value.Data;
        foreach (var input in names.Values)
        {
            if (ReferenceEquals(input.Data, data))
            {
                data = (double[])data.Clone();
                break;
            }
        }

        return new ArrayValue((int[])value.Shape.Clone(), data);
    }

    /// <summary>A shape as numpy prints it: <c>()</c>, <c>(84,)</c>, <c>(120, 84)</c>.</summary>
    /// <param name="shape">The shape.</param>
    internal static string ShapeText(int[] shape) => shape.Length == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)")
        : $"({string.Join(", ", shape.Select(n => n.ToString(CultureInfo.InvariantCulture)))})";

    /// <summary>numpy's pairwise summation (<c>pairwise_sum</c> of its loops: blocks of up to 128 entries summed by
    /// eight accumulators, halves above), so that sums and means agree with numpy's to the last bits.</summary>
    /// <param name="a">The values.</param>
    internal static double PairwiseSum(ReadOnlySpan<double> a)
    {
        var n = a.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        if (n <= 128)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }

            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                res += a[i];
            }

            return res;
        }

        var n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }

    /// <summary>A value during evaluation: numbers or a mask (1 where a condition holds, 0 elsewhere).</summary>
    private sealed class Value(int[] shape, double[] data, bool isMask)
    {
        /// <summary>The length of each dimension (empty for one number).</summary>
        public int[] Shape { get; } = shape;

        /// <summary>The entries, row-major.</summary>
        public double[] Data { get; } = data;

        /// <summary>Whether it is a mask.</summary>
        public bool IsMask { get; } = isMask;

        /// <summary>Whether it is one entry without dimensions.</summary>
        public bool IsScalar => Shape.Length == 0;

        /// <summary>One number.</summary>
        public static Value Scalar(double v) => new([], [v], isMask: false);
    }

    /// <summary>The evaluation of one equation over one set of names.</summary>
    private sealed class Evaluator(string text, IReadOnlyDictionary<string, ArrayValue> names)
    {
        /// <summary>The indices of the enclosing <c>Sum</c>s, innermost last.</summary>
        private readonly List<(string Name, double Value)> _indices = [];

        /// <summary>The sub-expressions of the <c>Sum</c>s being evaluated that use none of their indices, each with
        /// its value once evaluated (null before): evaluated once per evaluation of the <c>Sum</c>, not per term.</summary>
        private readonly Dictionary<MatrixNode, Value?> _invariant = new(ReferenceEqualityComparer.Instance);

        /// <summary>For each <c>Sum</c> met, the largest sub-expressions of its body and inner bounds that use none of
        /// its indices (<see cref="Invariants"/>).</summary>
        private readonly Dictionary<MatrixSum, MatrixNode[]> _invariantsOf = new(ReferenceEqualityComparer.Instance);

        /// <summary>A sub-expression that must be numbers, not a mask (<paramref name="final"/>: the whole equation).</summary>
        public Value Numeric(MatrixNode node, bool final = false)
        {
            var v = Eval(node);
            return !v.IsMask
                ? v
                : throw new ObservableException(final
                    ? $"'{Quote(node)}' is a mask (true or false per entry), not numbers; use a condition to select in a reduction (mean(x[x > 0]), mean(x, x > 0)) or in Piecewise((value, condition), (other, True))."
                    : $"'{Quote(node)}' is a mask (true or false per entry) used as a number; a condition selects in a reduction (mean(x[x > 0]), mean(x, x > 0)) or goes into a Piecewise.");
        }

        private string Quote(MatrixNode node) => node.Text(text);

        private Value Eval(MatrixNode node)
        {
            if (_invariant.Count == 0 || !_invariant.TryGetValue(node, out var cached))
            {
                return Compute(node);
            }

            if (cached is null)
            {
                cached = Compute(node);
                _invariant[node] = cached;
            }

            return cached;
        }

        private Value Compute(MatrixNode node) => node switch
        {
            MatrixNumber num => Value.Scalar(num.Value),
            MatrixBoolean b => new Value([], [b.Value ? 1.0 : 0.0], isMask: true),
            MatrixName name => Resolve(name.Name),
            MatrixNegate neg => neg.Negate ? Map<Negate>(Numeric(neg.Operand)) : Numeric(neg.Operand),
            MatrixArithmetic a => Arithmetic(a),
            MatrixComparison c => Compare(c),
            MatrixLogical l => Logical(l),
            MatrixSelection s => Select(s),
            MatrixIndices ix => Index(ix),
            MatrixCall call => Call(call),
            MatrixPiecewise p => Piecewise(p),
            MatrixSum sum => Sum(sum),
            _ => throw new InvalidOperationException(node.GetType().Name),
        };

        private Value Resolve(string name)
        {
            for (var k = _indices.Count - 1; k >= 0; k--)
            {
                if (_indices[k].Name == name)
                {
                    return Value.Scalar(_indices[k].Value);
                }
            }

            if (names.TryGetValue(name, out var value))
            {
                return new Value(value.Shape, value.Data, isMask: false);
            }

            if (Functions.Constants.TryGetValue(name, out var constant))
            {
                return Value.Scalar(constant);
            }

            var known = names.Keys.Concat(_indices.Select(i => i.Name)).Distinct().Order(StringComparer.Ordinal).ToArray();
            throw new ObservableException(known.Length == 0
                ? $"'{name}' is not a name this equation can use; it may use none (only numbers and the constants pi and e)."
                : $"'{name}' is not a name this equation can use; it may use {string.Join(", ", known)}.");
        }

        /// <summary>A sub-expression that must be a mask.</summary>
        private Value Mask(MatrixNode node, string role)
        {
            var v = Eval(node);
            return v.IsMask
                ? v
                : throw new ObservableException($"{role} '{Quote(node)}' is numbers, not a condition; write a comparison such as x > 0.");
        }

        private Value Arithmetic(MatrixArithmetic a)
        {
            var left = Numeric(a.Left);
            if (a.Operator == BinaryOperator.Power && a.Right is MatrixNumber { Value: >= 0 and <= ExpressionEvaluator.MaxExponentByMultiplication } lit && lit.Value == Math.Floor(lit.Value))
            {
                // As every backend: a small whole-number power by repeated multiplication (x**2 is numpy's x*x).
                var k = (int)lit.Value;
                var r = new double[left.Data.Length];
                for (var i = 0; i < r.Length; i++)
                {
                    var x = left.Data[i];
                    var p = 1.0;
                    for (var j = 0; j < k; j++)
                    {
                        p *= x;
                    }

                    r[i] = p;
                }

                return new Value(left.Shape, r, isMask: false);
            }

            var right = Numeric(a.Right);
            return a.Operator switch
            {
                BinaryOperator.Add => Zip<Add>(left, right, a, isMask: false),
                BinaryOperator.Subtract => Zip<Subtract>(left, right, a, isMask: false),
                BinaryOperator.Multiply => Zip<Multiply>(left, right, a, isMask: false),
                BinaryOperator.Divide => Zip<Divide>(left, right, a, isMask: false),
                BinaryOperator.Power => Zip<Power>(left, right, a, isMask: false),
                _ => Zip<Modulo>(left, right, a, isMask: false),
            };
        }

        private Value Compare(MatrixComparison c)
        {
            var left = Numeric(c.Left);
            var right = Numeric(c.Right);
            return c.Operator switch
            {
                ComparisonOperator.Less => Zip<Less>(left, right, c, isMask: true),
                ComparisonOperator.LessOrEqual => Zip<LessOrEqual>(left, right, c, isMask: true),
                ComparisonOperator.Greater => Zip<Greater>(left, right, c, isMask: true),
                ComparisonOperator.GreaterOrEqual => Zip<GreaterOrEqual>(left, right, c, isMask: true),
                ComparisonOperator.Equal => Zip<Equal>(left, right, c, isMask: true),
                _ => Zip<NotEqual>(left, right, c, isMask: true),
            };
        }

        private Value Logical(MatrixLogical l)
        {
            var role = l.Operator == LogicalOperator.And ? "an operand of '&'" : "an operand of '|'";
            var left = Mask(l.Left, role);
            var right = Mask(l.Right, role);
            return l.Operator == LogicalOperator.And ? Zip<And>(left, right, l, isMask: true) : Zip<Or>(left, right, l, isMask: true);
        }

        /// <summary><c>x[i]</c> with a number; a mask selects only inside a reduction.</summary>
        private Value Select(MatrixSelection s)
        {
            var index = Eval(s.Mask);
            return index.IsMask
                ? throw new ObservableException($"'{Quote(s)}' selects a number of entries that depends on the data, which only a reduction can take: write e.g. mean({Quote(s)}) or sum({Quote(s)}).")
                : Index(s, Numeric(s.Operand), index);
        }

        /// <summary>Entry <c>i</c> along the first axis (negative counts from the end, as numpy's).</summary>
        private Value Index(MatrixSelection s, Value operand, Value index)
        {
            if (!index.IsScalar)
            {
                throw new ObservableException($"'{Quote(s)}': the index '{Quote(s.Mask)}' has shape {ShapeText(index.Shape)}; index with one whole number, or select with a condition inside a reduction.");
            }

            if (operand.IsScalar)
            {
                throw new ObservableException($"'{Quote(s)}': '{Quote(s.Operand)}' is one number, which has no entries to index.");
            }

            var i = WholeNumber(index.Data[0], s.Mask, $"the index of '{Quote(s)}'");
            var length = operand.Shape[0];
            if (i < -length || i >= length)
            {
                throw new ObservableException(string.Create(CultureInfo.InvariantCulture,
                    $"'{Quote(s)}': index {i} is out of range for '{Quote(s.Operand)}', whose first dimension has length {length} (valid indices: {(length == 0 ? "none" : $"-{length} to {length - 1}")})."));
            }

            var row = (int)(i < 0 ? i + length : i);
            var shape = operand.Shape[1..];
            var size = operand.Data.Length / length;
            return new Value(shape, operand.Data.AsSpan(row * size, size).ToArray(), isMask: false);
        }

        /// <summary><c>x[i, j, ...]</c>: numpy's indexing of the leading axes by whole numbers (negative counting from
        /// the end); fewer indices than dimensions give the sub-array of the remaining ones.</summary>
        private Value Index(MatrixIndices ix)
        {
            var operand = Numeric(ix.Operand);
            var count = ix.Indices.Count;
            if (count > operand.Shape.Length)
            {
                throw new ObservableException(operand.IsScalar
                    ? $"'{Quote(ix)}': '{Quote(ix.Operand)}' is one number, which has no entries to index."
                    : string.Create(CultureInfo.InvariantCulture, $"'{Quote(ix)}': too many indices: {count} for '{Quote(ix.Operand)}', which has {operand.Shape.Length} dimension{(operand.Shape.Length == 1 ? "" : "s")} (shape {ShapeText(operand.Shape)})."));
            }

            var offset = 0L;
            var stride = operand.Data.Length;
            for (var d = 0; d < count; d++)
            {
                var node = ix.Indices[d];
                var index = Eval(node);
                if (index.IsMask)
                {
                    throw new ObservableException($"'{Quote(ix)}': the index '{Quote(node)}' is a condition; with several indices, each is a whole number (a condition selects alone, inside a reduction: mean(x[x > 0])).");
                }

                if (!index.IsScalar)
                {
                    throw new ObservableException($"'{Quote(ix)}': the index '{Quote(node)}' has shape {ShapeText(index.Shape)}; index with whole numbers.");
                }

                var i = WholeNumber(index.Data[0], node, $"the {Ordinal(d)} index of '{Quote(ix)}'");
                var length = operand.Shape[d];
                if (i < -length || i >= length)
                {
                    throw new ObservableException(string.Create(CultureInfo.InvariantCulture,
                        $"'{Quote(ix)}': index {i} ('{Quote(node)}') is out of range for axis {d} of '{Quote(ix.Operand)}', whose {Ordinal(d)} dimension has length {length} (valid indices: {(length == 0 ? "none" : $"-{length} to {length - 1}")})."));
                }

                stride /= length;
                offset += (i < 0 ? i + length : i) * stride;
            }

            var start = (int)offset;
            return count == operand.Shape.Length
                ? Value.Scalar(operand.Data[start])
                : new Value(operand.Shape[count..], operand.Data.AsSpan(start, stride).ToArray(), isMask: false);
        }

        /// <summary>"first", "second", … for the dimension or index at a position.</summary>
        private static string Ordinal(int d) => d switch
        {
            0 => "first",
            1 => "second",
            2 => "third",
            3 => "fourth",
            _ => string.Create(CultureInfo.InvariantCulture, $"{d + 1}th"),
        };

        /// <summary>A value that must be a whole number (an index or a bound of <c>Sum</c>).</summary>
        private long WholeNumber(double v, MatrixNode node, string what)
        {
            if (!double.IsFinite(v) || v != Math.Floor(v) || Math.Abs(v) > int.MaxValue)
            {
                throw new ObservableException($"{what}, '{Quote(node)}', is {Show(v)}, not a whole number.");
            }

            return (long)v;
        }

        private Value Call(MatrixCall call)
        {
            if (MatrixExpressionParser.TryGetElementwise(call.Function, out var function))
            {
                var x = Numeric(call.Arguments[0]);
                var r = new double[x.Data.Length];
                for (var k = 0; k < r.Length; k++)
                {
                    r[k] = Functions.Evaluate(function, x.Data[k]);
                }

                return new Value(x.Shape, r, isMask: false);
            }

            if (MatrixExpressionParser.ArrayBinaryFunctions.Contains(call.Function))
            {
                var x = Numeric(call.Arguments[0]);
                var y = Numeric(call.Arguments[1]);
                return call.Function switch
                {
                    "atan2" or "arctan2" => Zip<Atan2>(x, y, call, isMask: false),
                    "pow" => Zip<Power>(x, y, call, isMask: false),
                    "Max" or "maximum" => Zip<Maximum>(x, y, call, isMask: false),
                    _ => Zip<Minimum>(x, y, call, isMask: false),
                };
            }

            return Reduce(call);
        }

        /// <summary>A reduction over every entry, or over those a mask keeps (<c>f(x[mask])</c> or <c>f(x, mask)</c>).</summary>
        private Value Reduce(MatrixCall call)
        {
            Value operand;
            Value? mask = null;
            MatrixNode operandNode = call.Arguments[0];
            if (call.Arguments.Count == 2)
            {
                if (operandNode is MatrixSelection inner && Eval(inner.Mask).IsMask)
                {
                    throw new ObservableException($"'{Quote(call)}' selects twice; give the condition once, as {call.Function}(x[x > 0]) or {call.Function}(x, x > 0).");
                }

                operand = Numeric(operandNode);
                mask = Mask(call.Arguments[1], $"the condition of {call.Function}()");
                if (!Broadcast(operand.Shape, mask.Shape, out var shape) || !shape.AsSpan().SequenceEqual(operand.Shape))
                {
                    throw new ObservableException($"'{Quote(call)}': the condition '{Quote(call.Arguments[1])}' has shape {ShapeText(mask.Shape)}, which does not broadcast to the shape {ShapeText(operand.Shape)} of '{Quote(operandNode)}'.");
                }

                mask = mask.Data.Length == operand.Data.Length ? mask : BroadcastTo(mask, operand.Shape, call);
            }
            else if (operandNode is MatrixSelection s)
            {
                var selector = Eval(s.Mask);
                operandNode = s.Operand;
                operand = Numeric(s.Operand);
                if (selector.IsMask)
                {
                    if (!selector.IsScalar && !selector.Shape.AsSpan().SequenceEqual(operand.Shape))
                    {
                        throw new ObservableException($"'{Quote(s)}': the condition '{Quote(s.Mask)}' has shape {ShapeText(selector.Shape)} but '{Quote(s.Operand)}' has shape {ShapeText(operand.Shape)}; a selection needs a condition of the values' shape.");
                    }

                    mask = selector.IsScalar ? BroadcastTo(selector, operand.Shape, call) : selector;
                }
                else
                {
                    operand = Index(s, operand, selector);
                }
            }
            else
            {
                operand = Numeric(operandNode);
            }

            ReadOnlySpan<double> values = operand.Data;
            if (mask is not null)
            {
                var count = 0;
                foreach (var m in mask.Data)
                {
                    count += m != 0 ? 1 : 0;
                }

                var kept = new double[count];
                var j = 0;
                for (var k = 0; k < operand.Data.Length; k++)
                {
                    if (mask.Data[k] != 0)
                    {
                        kept[j++] = operand.Data[k];
                    }
                }

                values = kept;
            }

            return Value.Scalar(call.Function switch
            {
                "sum" => PairwiseSum(values),
                "mean" => PairwiseSum(values) / values.Length,
                "prod" => Product(values),
                "var" => Variance(values),
                "std" => Math.Sqrt(Variance(values)),
                "median" => Median(values),
                "nansum" => NanSum(values, out _),
                "nanmean" => NanSum(values, out var n) / n,
                "max" or "min" or "nanmax" or "nanmin" => Extreme(call, operandNode, mask is not null, values),
                _ => throw new InvalidOperationException(call.Function),
            });
        }

        private double Extreme(MatrixCall call, MatrixNode operandNode, bool masked, ReadOnlySpan<double> values)
        {
            if (values.Length == 0)
            {
                throw new ObservableException(masked
                    ? $"'{Quote(call)}' selects nothing: no entry of '{Quote(operandNode)}' meets the condition, and {call.Function} of no entries is undefined."
                    : $"'{Quote(call)}': '{Quote(operandNode)}' has no entries, and {call.Function} of no entries is undefined.");
            }

            var max = call.Function.EndsWith("max", StringComparison.Ordinal);
            var skipNaN = call.Function.StartsWith("nan", StringComparison.Ordinal);
            var result = double.NaN;
            foreach (var v in values)
            {
                if (double.IsNaN(v))
                {
                    if (skipNaN)
                    {
                        continue;
                    }

                    return double.NaN; // numpy's max and min propagate NaN
                }

                result = double.IsNaN(result) ? v : max ? Math.Max(result, v) : Math.Min(result, v);
            }

            return result; // NaN when every entry is NaN, as numpy's nanmax and nanmin
        }

        /// <summary><c>Sum(body, (i, lo, hi), (j, lo2, hi2), …)</c>: the body for every tuple of indices, the first
        /// range outermost (each inner range's bounds evaluated for each value of the outer indices), added in that
        /// order with broadcasting, as Python's <c>builtins.sum</c> of sympy's numeric code. The sub-expressions that use
        /// none of the indices (<c>mean(A)</c> in <c>Sum((A[i,j] - mean(A))**2, …)</c>) are evaluated once.</summary>
        private Value Sum(MatrixSum sum)
        {
            var invariants = Invariants(sum);
            var added = new List<MatrixNode>(invariants.Length);
            foreach (var node in invariants)
            {
                if (_invariant.TryAdd(node, null))
                {
                    added.Add(node);
                }
            }

            try
            {
                Value? total = null;
                long terms = 0;
                AddTerms(sum, 0, ref total, ref terms);
                return total ?? Value.Scalar(0); // an empty range sums to 0, as sympy's
            }
            finally
            {
                foreach (var node in added)
                {
                    _invariant.Remove(node);
                }
            }
        }

        /// <summary>Adds the terms of a <c>Sum</c>'s ranges from <paramref name="range"/> inward, the outer indices
        /// bound.</summary>
        private void AddTerms(MatrixSum sum, int range, ref Value? total, ref long terms)
        {
            var (index, lowNode, highNode) = sum.Ranges[range];
            var of = sum.Ranges.Count == 1 ? "" : $" of the {Ordinal(range)} range";
            var low = Bound(sum, lowNode, $"first index{of}");
            var high = Bound(sum, highNode, $"last index{of}");
            var inner = range + 1 < sum.Ranges.Count;
            for (var i = low; i <= high; i++)
            {
                _indices.Add((index, i));
                try
                {
                    if (inner)
                    {
                        AddTerms(sum, range + 1, ref total, ref terms);
                        continue;
                    }

                    if (++terms > MaxSumTerms)
                    {
                        throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"'{Quote(sum)}' adds more than {MaxSumTerms} terms; the limit is {MaxSumTerms}."));
                    }

                    var term = Numeric(sum.Body);
                    if (total is null)
                    {
                        total = new Value(term.Shape, (double[])term.Data.Clone(), isMask: false);
                    }
                    else if (total.Shape.AsSpan().SequenceEqual(term.Shape))
                    {
                        for (var k = 0; k < total.Data.Length; k++)
                        {
                            total.Data[k] += term.Data[k];
                        }
                    }
                    else
                    {
                        total = Zip<Add>(total, term, sum, isMask: false);
                    }
                }
                finally
                {
                    _indices.RemoveAt(_indices.Count - 1);
                }
            }
        }

        /// <summary>The largest sub-expressions of a <c>Sum</c>'s body and of its inner ranges' bounds that use none
        /// of its indices (a name of an index anywhere in a sub-expression counts as a use, even where an inner
        /// <c>Sum</c> shadows it), worth keeping (not a bare name or number); found once per <c>Sum</c>.</summary>
        private MatrixNode[] Invariants(MatrixSum sum)
        {
            if (!_invariantsOf.TryGetValue(sum, out var found))
            {
                var list = new List<MatrixNode>();
                var indices = new HashSet<string>(StringComparer.Ordinal) { sum.Ranges[0].Index };
                for (var r = 1; r < sum.Ranges.Count; r++)
                {
                    CollectInvariants(sum.Ranges[r].Low, indices, list);
                    CollectInvariants(sum.Ranges[r].High, indices, list);
                    indices.Add(sum.Ranges[r].Index);
                }

                CollectInvariants(sum.Body, indices, list);
                found = [.. list];
                _invariantsOf[sum] = found;
            }

            return found;
        }

        /// <summary>Adds to <paramref name="into"/> the largest sub-expressions of a node that use none of the
        /// indices (<see cref="Invariants"/>).</summary>
        private static void CollectInvariants(MatrixNode node, HashSet<string> indices, List<MatrixNode> into)
        {
            if (node is MatrixNumber or MatrixBoolean or MatrixName)
            {
                return;
            }

            if (!Uses(node, indices))
            {
                into.Add(node);
                return;
            }

            if (node is MatrixSum sum)
            {
                // An inner Sum's bounds see the indices outside it and those of its earlier ranges; its body all of them.
                var inner = new HashSet<string>(indices, StringComparer.Ordinal);
                foreach (var range in sum.Ranges)
                {
                    CollectInvariants(range.Low, inner, into);
                    CollectInvariants(range.High, inner, into);
                    inner.Add(range.Index);
                }

                CollectInvariants(sum.Body, inner, into);
                return;
            }

            foreach (var child in Children(node))
            {
                CollectInvariants(child, indices, into);
            }
        }

        /// <summary>Whether a name of the set occurs in a node.</summary>
        private static bool Uses(MatrixNode node, HashSet<string> names) =>
            node is MatrixName name ? names.Contains(name.Name) : Children(node).Any(c => Uses(c, names));

        /// <summary>A node's operands (for a <c>Sum</c>, its ranges' bounds and its body).</summary>
        private static IEnumerable<MatrixNode> Children(MatrixNode node) => node switch
        {
            MatrixNegate n => [n.Operand],
            MatrixArithmetic a => [a.Left, a.Right],
            MatrixComparison c => [c.Left, c.Right],
            MatrixLogical l => [l.Left, l.Right],
            MatrixSelection s => [s.Operand, s.Mask],
            MatrixIndices ix => [ix.Operand, .. ix.Indices],
            MatrixCall call => call.Arguments,
            MatrixPiecewise p => p.Cases.SelectMany(c => new[] { c.Value, c.Condition }),
            MatrixSum sum => sum.Ranges.SelectMany(r => new[] { r.Low, r.High }).Append(sum.Body),
            _ => [],
        };

        private long Bound(MatrixSum sum, MatrixNode node, string which)
        {
            var v = Numeric(node);
            return v.IsScalar
                ? WholeNumber(v.Data[0], node, $"the {which} of '{Quote(sum)}'")
                : throw new ObservableException($"the {which} of '{Quote(sum)}', '{Quote(node)}', has shape {ShapeText(v.Shape)}; it must be one whole number.");
        }

        /// <summary><c>Piecewise((v1, c1), (v2, c2), …)</c> element-wise: the value of the first case whose condition
        /// holds, NaN where none holds (sympy's numpy code, <c>select(conditions, values, default=nan)</c>).</summary>
        private Value Piecewise(MatrixPiecewise p)
        {
            var values = new Value[p.Cases.Count];
            var conditions = new Value[p.Cases.Count];
            int[] shape = [];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = Numeric(p.Cases[c].Value);
                conditions[c] = Mask(p.Cases[c].Condition, "a Piecewise condition");
                shape = Broadcast(shape, values[c].Shape, p);
                shape = Broadcast(shape, conditions[c].Shape, p);
            }

            var size = values.Length == 0 ? 1 : Size(shape, p);
            var expanded = values.Select(v => v.IsScalar || v.Data.Length == size ? v.Data : BroadcastTo(v, shape, p).Data).ToArray();
            var holds = conditions.Select(v => v.IsScalar || v.Data.Length == size ? v.Data : BroadcastTo(v, shape, p).Data).ToArray();
            var result = new double[size];
            for (var k = 0; k < size; k++)
            {
                var r = double.NaN;
                for (var c = 0; c < expanded.Length; c++)
                {
                    if (holds[c][holds[c].Length == 1 ? 0 : k] != 0)
                    {
                        r = expanded[c][expanded[c].Length == 1 ? 0 : k];
                        break;
                    }
                }

                result[k] = r;
            }

            return new Value(shape, result, isMask: false);
        }

        /// <summary>numpy's broadcast shape of two shapes, or an error naming the node's text and both shapes.</summary>
        private int[] Broadcast(int[] a, int[] b, MatrixNode node) => Broadcast(a, b, out var shape)
            ? shape
            : throw new ObservableException($"'{Quote(node)}': shapes {ShapeText(a)} and {ShapeText(b)} do not broadcast.");

        /// <summary>The number of entries of a shape, or an error when an array cannot hold them.</summary>
        private int Size(int[] shape, MatrixNode node)
        {
            long size = 1;
            foreach (var n in shape)
            {
                size *= n;
                if (size > Array.MaxLength)
                {
                    throw new ObservableException($"'{Quote(node)}': the result of shape {ShapeText(shape)} has more entries than an array holds.");
                }
            }

            return (int)size;
        }

        /// <summary>A value repeated to a shape it broadcasts to.</summary>
        private Value BroadcastTo(Value v, int[] shape, MatrixNode node) => Zip<First>(v, new Value(shape, new double[Size(shape, node)], isMask: false), node, v.IsMask);

        /// <summary>An element-wise operation of two values with numpy's broadcasting: one array for the result, the
        /// innermost dimension in a plain loop.</summary>
        private Value Zip<TOp>(Value a, Value b, MatrixNode node, bool isMask)
            where TOp : struct, IBinary
        {
            var shape = a.Shape.AsSpan().SequenceEqual(b.Shape) ? a.Shape : Broadcast(a.Shape, b.Shape, node);
            var r = new double[Size(shape, node)];
            var x = a.Data;
            var y = b.Data;
            if (r.Length == 0)
            {
                return new Value(shape, r, isMask);
            }

            if (x.Length == r.Length && y.Length == r.Length)
            {
                for (var k = 0; k < r.Length; k++)
                {
                    r[k] = TOp.Apply(x[k], y[k]);
                }
            }
            else if (x.Length == 1 && y.Length == r.Length)
            {
                var x0 = x[0];
                for (var k = 0; k < r.Length; k++)
                {
                    r[k] = TOp.Apply(x0, y[k]);
                }
            }
            else if (y.Length == 1 && x.Length == r.Length)
            {
                var y0 = y[0];
                for (var k = 0; k < r.Length; k++)
                {
                    r[k] = TOp.Apply(x[k], y0);
                }
            }
            else
            {
                Strided<TOp>(a, b, shape, r);
            }

            return new Value(shape, r, isMask);
        }

        /// <summary>The general case of <see cref="Zip{TOp}"/>: strides of 0 along stretched dimensions, an odometer
        /// over every dimension but the last.</summary>
        private static void Strided<TOp>(Value a, Value b, int[] shape, double[] r)
            where TOp : struct, IBinary
        {
            var rank = shape.Length;
            var sa = Strides(a.Shape, shape);
            var sb = Strides(b.Shape, shape);
            var inner = shape[rank - 1];
            var ia = sa[rank - 1];
            var ib = sb[rank - 1];
            var counter = new int[rank];
            int offA = 0, offB = 0, k = 0;
            var x = a.Data;
            var y = b.Data;
            while (k < r.Length)
            {
                for (var j = 0; j < inner; j++)
                {
                    r[k++] = TOp.Apply(x[offA + (j * ia)], y[offB + (j * ib)]);
                }

                for (var d = rank - 2; d >= 0; d--)
                {
                    offA += sa[d];
                    offB += sb[d];
                    if (++counter[d] < shape[d])
                    {
                        break;
                    }

                    counter[d] = 0;
                    offA -= sa[d] * shape[d];
                    offB -= sb[d] * shape[d];
                }
            }
        }

        /// <summary>The strides of a value's entries along the dimensions of a shape it broadcasts to (0 where it is
        /// stretched or has no such dimension).</summary>
        private static int[] Strides(int[] own, int[] shape)
        {
            var strides = new int[shape.Length];
            var stride = 1;
            for (var d = 1; d <= own.Length; d++)
            {
                var n = own[^d];
                strides[^d] = n == 1 ? 0 : stride;
                stride *= n;
            }

            return strides;
        }

        private static Value Map<TOp>(Value v)
            where TOp : struct, IUnary
        {
            var r = new double[v.Data.Length];
            for (var k = 0; k < r.Length; k++)
            {
                r[k] = TOp.Apply(v.Data[k]);
            }

            return new Value(v.Shape, r, isMask: false);
        }

        private static bool Broadcast(int[] a, int[] b, out int[] shape)
        {
            shape = new int[Math.Max(a.Length, b.Length)];
            for (var d = 1; d <= shape.Length; d++)
            {
                var x = d <= a.Length ? a[^d] : 1;
                var y = d <= b.Length ? b[^d] : 1;
                if (x != y && x != 1 && y != 1)
                {
                    return false;
                }

                shape[^d] = x == 1 ? y : x;
            }

            return true;
        }

        private static double Product(ReadOnlySpan<double> values)
        {
            var p = 1.0;
            foreach (var v in values)
            {
                p *= v;
            }

            return p;
        }

        /// <summary>The population variance (ddof = 0), as numpy computes it: the mean, then the mean of the squared
        /// deviations, both by pairwise summation.</summary>
        private static double Variance(ReadOnlySpan<double> values)
        {
            var mean = PairwiseSum(values) / values.Length;
            var squares = new double[values.Length];
            for (var k = 0; k < squares.Length; k++)
            {
                var d = values[k] - mean;
                squares[k] = d * d;
            }

            return PairwiseSum(squares) / values.Length;
        }

        /// <summary>The sum of the entries that are not NaN (numpy's nansum: NaN replaced by 0, then summed), and
        /// their count.</summary>
        private static double NanSum(ReadOnlySpan<double> values, out int count)
        {
            var copy = new double[values.Length];
            count = 0;
            for (var k = 0; k < copy.Length; k++)
            {
                var nan = double.IsNaN(values[k]);
                copy[k] = nan ? 0 : values[k];
                count += nan ? 0 : 1;
            }

            return PairwiseSum(copy);
        }

        /// <summary>The median: NaN when an entry is NaN or there is none, else the middle value or the mean of the
        /// two middle values (numpy's).</summary>
        private static double Median(ReadOnlySpan<double> values)
        {
            var sorted = values.ToArray();
            if (sorted.Length == 0 || sorted.Any(double.IsNaN))
            {
                return double.NaN;
            }

            Array.Sort(sorted);
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        private static string Show(double v) => v switch
        {
            double.PositiveInfinity => "inf",
            double.NegativeInfinity => "-inf",
            _ when double.IsNaN(v) => "NaN",
            _ => v.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An element-wise operation of one operand.</summary>
    private interface IUnary
    {
        /// <summary>The operation.</summary>
        static abstract double Apply(double x);
    }

    /// <summary>An element-wise operation of two operands (a comparison gives 1 or 0).</summary>
    private interface IBinary
    {
        /// <summary>The operation.</summary>
        static abstract double Apply(double x, double y);
    }

    /// <summary><c>-x</c>.</summary>
    private readonly struct Negate : IUnary
    {
        /// <inheritdoc/>
        public static double Apply(double x) => -x;
    }

    /// <summary>The left operand (to broadcast a value).</summary>
    private readonly struct First : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x;
    }

    /// <summary><c>x + y</c>.</summary>
    private readonly struct Add : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x + y;
    }

    /// <summary><c>x - y</c>.</summary>
    private readonly struct Subtract : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x - y;
    }

    /// <summary><c>x * y</c>.</summary>
    private readonly struct Multiply : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x * y;
    }

    /// <summary><c>x / y</c>, IEEE's.</summary>
    private readonly struct Divide : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x / y;
    }

    /// <summary><c>x ** y</c>.</summary>
    private readonly struct Power : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => Math.Pow(x, y);
    }

    /// <summary><c>x % y</c>, Python's (<see cref="ExpressionEvaluator.Modulo"/>).</summary>
    private readonly struct Modulo : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => ExpressionEvaluator.Modulo(x, y);
    }

    /// <summary><c>atan2(y, x)</c>.</summary>
    private readonly struct Atan2 : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => Functions.Evaluate(MathFunction.Arctan2, x, y);
    }

    /// <summary>The larger of two, NaN when either is (numpy's maximum).</summary>
    private readonly struct Maximum : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => Functions.Maximum(x, y);
    }

    /// <summary>The smaller of two, NaN when either is (numpy's minimum).</summary>
    private readonly struct Minimum : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => Functions.Minimum(x, y);
    }

    /// <summary><c>x &lt; y</c>.</summary>
    private readonly struct Less : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x < y ? 1 : 0;
    }

    /// <summary><c>x &lt;= y</c>.</summary>
    private readonly struct LessOrEqual : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x <= y ? 1 : 0;
    }

    /// <summary><c>x &gt; y</c>.</summary>
    private readonly struct Greater : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x > y ? 1 : 0;
    }

    /// <summary><c>x &gt;= y</c>.</summary>
    private readonly struct GreaterOrEqual : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x >= y ? 1 : 0;
    }

    /// <summary><c>x == y</c>.</summary>
    private readonly struct Equal : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x == y ? 1 : 0;
    }

    /// <summary><c>x != y</c>.</summary>
    private readonly struct NotEqual : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x != y ? 1 : 0;
    }

    /// <summary><c>x &amp; y</c> of masks.</summary>
    private readonly struct And : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x != 0 && y != 0 ? 1 : 0;
    }

    /// <summary><c>x | y</c> of masks.</summary>
    private readonly struct Or : IBinary
    {
        /// <inheritdoc/>
        public static double Apply(double x, double y) => x != 0 || y != 0 ? 1 : 0;
    }
}

namespace Tvbo.Bifurcation;

/// <summary>
/// Solves the linear systems of a collocation problem: <c>R</c> band rows (the collocation equations) over
/// <c>Cb &lt; R</c> band columns (the unknowns in time order) plus <c>k</c> side columns (the orbit's first and last values,
/// the period and the parameter), and <c>kr</c> border rows (periodicity, phase, arclength), with
/// <c>(R − Cb) + kr = k</c>. Gaussian elimination with partial pivoting runs down the band columns, choosing each pivot
/// among all rows that reach the column (as LAPACK's dgbtrf, the fill widening the band to <c>kl + ku</c>); the
/// <c>R − Cb</c> rows left over and the border rows, reduced against the band, form a dense k×k system for the side
/// unknowns. Because the band is wider than it is tall, the elimination is free to leave any direction to the side
/// system, where the periodicity rows resolve it: strongly stable and strongly unstable orbits are solved alike (a
/// square band would be an initial-value problem run forwards or backwards, whose conditioning grows like the Floquet
/// multipliers). The cost is linear in the number of band rows.
/// </summary>
internal sealed class BandedBorderedSolver
{
    private readonly int _rows;
    private readonly int _columns;
    private readonly int _lower;
    private readonly int _width;
    private readonly int _reach;
    private readonly int _side;
    private readonly int _borderRows;
    private readonly double[] _band;
    private readonly double[] _b;
    private readonly int[] _pivots;

    /// <summary>Creates the solver for systems of one shape.</summary>
    /// <param name="rows">The band rows R.</param>
    /// <param name="columns">The band columns Cb (fewer than R).</param>
    /// <param name="lower">The largest row − column of a nonzero in the band.</param>
    /// <param name="upper">The largest column − row of a nonzero in the band.</param>
    /// <param name="side">The side columns k.</param>
    /// <param name="borderRows">The border rows kr = k − (R − Cb).</param>
    public BandedBorderedSolver(int rows, int columns, int lower, int upper, int side, int borderRows)
    {
        if (rows - columns + borderRows != side)
        {
            throw new ArgumentException($"The leftover rows ({rows - columns}) and border rows ({borderRows}) must equal the side columns ({side}).", nameof(side));
        }

        _rows = rows;
        _columns = columns;
        _lower = lower;
        _reach = upper + lower;
        _width = _reach + lower + 1;
        _side = side;
        _borderRows = borderRows;
        _band = new double[rows * _width];
        _b = new double[rows * side];
        _pivots = new int[columns];
        C = new double[borderRows * columns];
        D = new double[borderRows * side];
    }

    /// <summary>The border rows' band part <c>C</c>, row-major (kr × Cb).</summary>
    public double[] C { get; }

    /// <summary>The border rows' side part <c>D</c>, row-major (kr × k).</summary>
    public double[] D { get; }

    /// <summary>Clears every entry.</summary>
    public void Clear()
    {
        Array.Clear(_band);
        Array.Clear(_b);
        Array.Clear(C);
        Array.Clear(D);
    }

    /// <summary>Sets a band entry.</summary>
    /// <param name="i">The band row.</param>
    /// <param name="j">The band column, within i − lower .. i + upper.</param>
    /// <param name="value">The value.</param>
    public void SetA(int i, int j, double value) => _band[(i * _width) + (j - i + _lower)] = value;

    /// <summary>Sets a side entry of a band row.</summary>
    /// <param name="i">The band row.</param>
    /// <param name="j">The side column.</param>
    /// <param name="value">The value.</param>
    public void SetB(int i, int j, double value) => _b[(i * _side) + j] = value;

    /// <summary>Solves the system for one or more right-hand sides.</summary>
    /// <param name="rhs">The right-hand sides, each of length R + kr (band rows, then border rows); each is replaced by
    /// its solution, of length Cb + k (band unknowns, then side unknowns), followed by R + kr − Cb − k unused entries.</param>
    /// <returns>False when the system is singular.</returns>
    public bool Solve(params double[][] rhs)
    {
        if (!Factor())
        {
            return false;
        }

        // Y = C·U⁻¹ (each border row against the eliminated band), then the side system
        // S = [B rows left over; D − Y·B₁].
        var k = _side;
        var y = new double[_borderRows][];
        for (var r = 0; r < _borderRows; r++)
        {
            y[r] = LeftSolve(r);
        }

        var leftover = _rows - _columns;
        var s = new double[k * k];
        for (var r = 0; r < leftover; r++)
        {
            Array.Copy(_b, (_columns + r) * k, s, r * k, k);
        }

        for (var r = 0; r < _borderRows; r++)
        {
            for (var c = 0; c < k; c++)
            {
                var sum = D[(r * k) + c];
                for (var i = 0; i < _columns; i++)
                {
                    sum -= y[r][i] * _b[(i * k) + c];
                }

                s[((leftover + r) * k) + c] = sum;
            }
        }

        foreach (var v in rhs)
        {
            Forward(v);
            var g = new double[k];
            for (var r = 0; r < leftover; r++)
            {
                g[r] = v[_columns + r];
            }

            for (var r = 0; r < _borderRows; r++)
            {
                var sum = v[_rows + r];
                for (var i = 0; i < _columns; i++)
                {
                    sum -= y[r][i] * v[i];
                }

                g[leftover + r] = sum;
            }

            var side = DenseLinearAlgebra.Solve(s, g);
            if (side is null)
            {
                return false;
            }

            for (var i = 0; i < _columns; i++)
            {
                var sum = v[i];
                for (var c = 0; c < k; c++)
                {
                    sum -= _b[(i * k) + c] * side[c];
                }

                v[i] = sum;
            }

            Backward(v);
            Array.Copy(side, 0, v, _columns, k);
        }

        return true;
    }

    /// <summary>Partial pivoting down the band columns; L's multipliers below the pivots, U above, the side columns
    /// transformed alike.</summary>
    private bool Factor()
    {
        var w = _width;
        var k = _side;
        for (var c = 0; c < _columns; c++)
        {
            var last = Math.Min(_rows - 1, c + _lower);
            var pivot = c;
            var best = Math.Abs(_band[(c * w) + _lower]);
            for (var r = c + 1; r <= last; r++)
            {
                var v = Math.Abs(_band[(r * w) + (c - r + _lower)]);
                if (v > best)
                {
                    (pivot, best) = (r, v);
                }
            }

            _pivots[c] = pivot;
            if (best == 0 || !double.IsFinite(best))
            {
                return false;
            }

            var end = Math.Min(_columns - 1, c + _reach);
            if (pivot != c)
            {
                for (var j = c; j <= end; j++)
                {
                    ref var a = ref _band[(c * w) + (j - c + _lower)];
                    ref var b = ref _band[(pivot * w) + (j - pivot + _lower)];
                    (a, b) = (b, a);
                }

                for (var j = 0; j < k; j++)
                {
                    (_b[(c * k) + j], _b[(pivot * k) + j]) = (_b[(pivot * k) + j], _b[(c * k) + j]);
                }
            }

            var diagonal = _band[(c * w) + _lower];
            for (var r = c + 1; r <= last; r++)
            {
                ref var lrc = ref _band[(r * w) + (c - r + _lower)];
                if (lrc == 0)
                {
                    continue;
                }

                lrc /= diagonal;
                var factor = lrc;
                var length = end - c;
                Subtract(_band.AsSpan((r * w) + (c + 1 - r + _lower), length), _band.AsSpan((c * w) + _lower + 1, length), factor);
                Subtract(_b.AsSpan(r * k, k), _b.AsSpan(c * k, k), factor);
            }
        }

        return true;
    }

    /// <summary>target −= factor · source, element by element (SIMD where the hardware has it).</summary>
    private static void Subtract(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && target.Length >= System.Numerics.Vector<double>.Count)
        {
            var f = new System.Numerics.Vector<double>(factor);
            var targetVectors = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(target);
            var sourceVectors = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(source);
            for (var v = 0; v < targetVectors.Length; v++)
            {
                targetVectors[v] -= f * sourceVectors[v];
            }

            i = targetVectors.Length * System.Numerics.Vector<double>.Count;
        }

        for (; i < target.Length; i++)
        {
            target[i] -= factor * source[i];
        }
    }

    /// <summary>Applies the row interchanges and L to the band rows of a right-hand side.</summary>
    private void Forward(double[] x)
    {
        var w = _width;
        for (var c = 0; c < _columns; c++)
        {
            var p = _pivots[c];
            if (p != c)
            {
                (x[c], x[p]) = (x[p], x[c]);
            }

            var last = Math.Min(_rows - 1, c + _lower);
            for (var r = c + 1; r <= last; r++)
            {
                x[r] -= _band[(r * w) + (c - r + _lower)] * x[c];
            }
        }
    }

    /// <summary>Replaces the first Cb entries by U⁻¹ applied to them.</summary>
    private void Backward(double[] x)
    {
        var w = _width;
        for (var i = _columns - 1; i >= 0; i--)
        {
            var sum = x[i];
            var end = Math.Min(_columns - 1, i + _reach);
            for (var j = i + 1; j <= end; j++)
            {
                sum -= _band[(i * w) + (j - i + _lower)] * x[j];
            }

            x[i] = sum / _band[(i * w) + _lower];
        }
    }

    /// <summary>Border row r's band part times U⁻¹ (a row vector): y·U = C_r.</summary>
    private double[] LeftSolve(int r)
    {
        var w = _width;
        var y = new double[_columns];
        Array.Copy(C, r * _columns, y, 0, _columns);
        for (var c = 0; c < _columns; c++)
        {
            y[c] /= _band[(c * w) + _lower];
            var end = Math.Min(_columns - 1, c + _reach);
            Subtract(y.AsSpan(c + 1, end - c), _band.AsSpan((c * w) + _lower + 1, end - c), y[c]);
        }

        return y;
    }
}

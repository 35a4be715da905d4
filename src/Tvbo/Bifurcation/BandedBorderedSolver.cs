namespace Tvbo.Bifurcation;

/// <summary>
/// Solves a bordered banded system <c>[A B; C D]·[x; y] = [r; g]</c>: <c>A</c> square and banded (lower bandwidth
/// <c>kl</c>, upper <c>ku</c>), the border <c>k</c> columns and rows dense. <c>A</c> is factored by Gaussian elimination
/// with partial pivoting inside the band (as LAPACK's dgbtrf; the fill from row interchanges widens the upper band to
/// <c>kl + ku</c>), then <c>y</c> from the Schur complement <c>D − C·A⁻¹·B</c> (dense, k×k) and <c>x = A⁻¹(r − B·y)</c>.
/// The cost is linear in the size of <c>A</c>: the collocation system of a periodic orbit (AUTO's, without its
/// condensation of parameters).
/// </summary>
internal sealed class BandedBorderedSolver
{
    private readonly int _size;
    private readonly int _lower;
    private readonly int _upper;
    private readonly int _width;
    private readonly double[] _band;
    private readonly int[] _pivots;
    private readonly int _border;

    /// <summary>Creates the solver for systems of one shape.</summary>
    /// <param name="size">The size of <c>A</c>.</param>
    /// <param name="lower">Its lower bandwidth.</param>
    /// <param name="upper">Its upper bandwidth.</param>
    /// <param name="border">The number of border columns and rows.</param>
    public BandedBorderedSolver(int size, int lower, int upper, int border)
    {
        _size = size;
        _lower = lower;
        _upper = upper;
        _width = (2 * lower) + upper + 1;
        _band = new double[size * _width];
        _pivots = new int[size];
        _border = border;
        B = new double[size * border];
        C = new double[border * size];
        D = new double[border * border];
    }

    /// <summary>The border columns <c>B</c>, row-major (size × border).</summary>
    public double[] B { get; }

    /// <summary>The border rows <c>C</c>, row-major (border × size).</summary>
    public double[] C { get; }

    /// <summary>The corner <c>D</c>, row-major (border × border).</summary>
    public double[] D { get; }

    /// <summary>Clears <c>A</c>, <c>B</c>, <c>C</c> and <c>D</c>.</summary>
    public void Clear()
    {
        Array.Clear(_band);
        Array.Clear(B);
        Array.Clear(C);
        Array.Clear(D);
    }

    /// <summary>Sets <c>A[i, j]</c> (inside the band).</summary>
    /// <param name="i">The row.</param>
    /// <param name="j">The column, within i − kl .. i + ku.</param>
    /// <param name="value">The value.</param>
    public void SetA(int i, int j, double value) => _band[(i * _width) + (j - i + _lower)] = value;

    /// <summary>Solves the system for one or more right-hand sides.</summary>
    /// <param name="rhs">The right-hand sides, each of length size + border; replaced by the solutions.</param>
    /// <returns>False when the system is singular.</returns>
    public bool Solve(params double[][] rhs)
    {
        if (!Factor())
        {
            return false;
        }

        // Z = A⁻¹·B (one column at a time) and S = D − C·Z.
        var k = _border;
        var z = new double[k][];
        for (var c = 0; c < k; c++)
        {
            z[c] = new double[_size];
            for (var i = 0; i < _size; i++)
            {
                z[c][i] = B[(i * k) + c];
            }

            Substitute(z[c]);
        }

        var s = new double[k * k];
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < k; c++)
            {
                var sum = D[(r * k) + c];
                for (var i = 0; i < _size; i++)
                {
                    sum -= C[(r * _size) + i] * z[c][i];
                }

                s[(r * k) + c] = sum;
            }
        }

        foreach (var v in rhs)
        {
            var x = v[.._size];
            Substitute(x);
            var g = new double[k];
            for (var r = 0; r < k; r++)
            {
                var sum = v[_size + r];
                for (var i = 0; i < _size; i++)
                {
                    sum -= C[(r * _size) + i] * x[i];
                }

                g[r] = sum;
            }

            var y = DenseLinearAlgebra.Solve(s, g);
            if (y is null)
            {
                return false;
            }

            for (var i = 0; i < _size; i++)
            {
                var sum = x[i];
                for (var c = 0; c < k; c++)
                {
                    sum -= z[c][i] * y[c];
                }

                v[i] = sum;
            }

            Array.Copy(y, 0, v, _size, k);
        }

        return true;
    }

    /// <summary>LU with partial pivoting inside the band; L's multipliers below the diagonal, U above.</summary>
    private bool Factor()
    {
        var w = _width;
        var reach = _upper + _lower;
        for (var c = 0; c < _size; c++)
        {
            var last = Math.Min(_size - 1, c + _lower);
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

            var end = Math.Min(_size - 1, c + reach);
            if (pivot != c)
            {
                for (var j = c; j <= end; j++)
                {
                    ref var a = ref _band[(c * w) + (j - c + _lower)];
                    ref var b = ref _band[(pivot * w) + (j - pivot + _lower)];
                    (a, b) = (b, a);
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
                for (var j = c + 1; j <= end; j++)
                {
                    _band[(r * w) + (j - r + _lower)] -= factor * _band[(c * w) + (j - c + _lower)];
                }
            }
        }

        return true;
    }

    /// <summary>Replaces <paramref name="x"/> by <c>A⁻¹·x</c> with the factors.</summary>
    private void Substitute(double[] x)
    {
        var w = _width;
        for (var c = 0; c < _size; c++)
        {
            var p = _pivots[c];
            if (p != c)
            {
                (x[c], x[p]) = (x[p], x[c]);
            }

            var last = Math.Min(_size - 1, c + _lower);
            for (var r = c + 1; r <= last; r++)
            {
                x[r] -= _band[(r * w) + (c - r + _lower)] * x[c];
            }
        }

        var reach = _upper + _lower;
        for (var i = _size - 1; i >= 0; i--)
        {
            var sum = x[i];
            var end = Math.Min(_size - 1, i + reach);
            for (var j = i + 1; j <= end; j++)
            {
                sum -= _band[(i * w) + (j - i + _lower)] * x[j];
            }

            x[i] = sum / _band[(i * w) + _lower];
        }
    }
}

using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace Tvbo.Bifurcation;

/// <summary>The small dense linear algebra the continuation needs (row-major arrays in, MathNet.Numerics underneath):
/// solves, determinants and eigenvalues of matrices of the size of a model's state.</summary>
internal static class DenseLinearAlgebra
{
    /// <summary>Solves <c>A·x = b</c>.</summary>
    /// <param name="a">The n×n matrix, row-major.</param>
    /// <param name="b">The right-hand side.</param>
    /// <returns>The solution, or <see langword="null"/> when <c>A</c> is singular or the solution is not finite.</returns>
    public static double[]? Solve(double[] a, double[] b)
    {
        var n = b.Length;
        var lu = Matrix<double>.Build.Dense(n, n, (i, j) => a[(i * n) + j]).LU();
        if (lu.Determinant == 0.0)
        {
            return null;
        }

        var x = lu.Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
        return x.All(double.IsFinite) ? x : null;
    }

    /// <summary>The determinant of a square matrix.</summary>
    /// <param name="a">The n×n matrix, row-major.</param>
    /// <param name="n">Its size.</param>
    /// <returns>The determinant.</returns>
    public static double Determinant(double[] a, int n) => Matrix<double>.Build.Dense(n, n, (i, j) => a[(i * n) + j]).Determinant();

    /// <summary>The eigenvalues of a real square matrix, sorted by real part, largest first.</summary>
    /// <param name="a">The n×n matrix, row-major.</param>
    /// <param name="n">Its size.</param>
    /// <returns>The eigenvalues (NaN when the matrix is not finite).</returns>
    public static Complex[] Eigenvalues(double[] a, int n)
    {
        if (!a.All(double.IsFinite))
        {
            return Enumerable.Repeat(new Complex(double.NaN, double.NaN), n).ToArray();
        }

        return Matrix<double>.Build.Dense(n, n, (i, j) => a[(i * n) + j]).Evd().EigenValues.ToArray()
            .OrderByDescending(z => z.Real).ThenByDescending(z => z.Imaginary).ToArray();
    }

    /// <summary>Solves a complex system <c>A·x = b</c>.</summary>
    /// <param name="a">The matrix.</param>
    /// <param name="b">The right-hand side.</param>
    /// <returns>The solution.</returns>
    public static Complex[] Solve(Matrix<Complex> a, Complex[] b) => a.LU().Solve(Vector<Complex>.Build.DenseOfArray(b)).ToArray();
}

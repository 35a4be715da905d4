using Complex = System.Numerics.Complex;
using MathNet.Numerics.LinearAlgebra;

namespace Tvbo.Bifurcation;

/// <summary>
/// The first Lyapunov coefficient of a Hopf point (Kuznetsov, Elements of Applied Bifurcation Theory, 3rd ed., eq. 3.20):
/// <c>l₁ = Re[⟨p, C(q,q,q̄)⟩ − 2⟨p, B(q, A⁻¹B(q,q̄))⟩ + ⟨p, B(q̄, (2iω − A)⁻¹B(q,q))⟩] / (2ω)</c>, with <c>A q = iω q</c>,
/// <c>Aᵀ p = −iω p</c>, <c>⟨q,q⟩ = ⟨p,q⟩ = 1</c>. Negative: supercritical (stable orbits are born); positive:
/// subcritical. The multilinear forms B and C are differences of the analytic Jacobian along the directions (central
/// differences, B with step 1e-6 and C with 1e-4 of the state's scale), accurate to about 1e-7 relative.
/// </summary>
internal static class HopfCoefficient
{
    /// <summary>The first Lyapunov coefficient at a Hopf point.</summary>
    /// <param name="system">The model.</param>
    /// <param name="x">The equilibrium.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="omega">The frequency ω of the critical eigenvalues ±iω.</param>
    /// <returns>l₁, or NaN when it cannot be computed (the Jacobian is singular).</returns>
    public static double FirstLyapunov(ContinuationSystem system, double[] x, double[] p, double omega)
    {
        var n = system.Dimension;
        var jac = new double[n * n];
        system.Jacobian(x, p, jac);
        var a = Matrix<Complex>.Build.Dense(n, n, (i, j) => jac[(i * n) + j]);
        var iw = new Complex(0, omega);
        var q = NullVector(a - (iw * Matrix<Complex>.Build.DenseIdentity(n)));
        var pv = NullVector(a.Transpose() + (iw * Matrix<Complex>.Build.DenseIdentity(n)));
        q /= q.L2Norm();
        pv /= Complex.Conjugate(pv.ConjugateDotProduct(q));
        var scale = 1.0 + x.Max(Math.Abs);

        var qq = Bilinear(q, q);
        var qqBar = Bilinear(q, q.Conjugate());
        var s1 = DenseLinearAlgebra.Solve(a, qqBar.ToArray());
        var s2 = DenseLinearAlgebra.Solve((2 * iw * Matrix<Complex>.Build.DenseIdentity(n)) - a, qq.ToArray());
        var c = Trilinear(q);
        var sum = pv.ConjugateDotProduct(c)
            - (2 * pv.ConjugateDotProduct(Bilinear(q, Vector<Complex>.Build.DenseOfArray(s1))))
            + pv.ConjugateDotProduct(Bilinear(q.Conjugate(), Vector<Complex>.Build.DenseOfArray(s2)));
        var l1 = sum.Real / (2 * omega);
        return double.IsFinite(l1) ? l1 : double.NaN;

        // J(x + h·d)·v, real directions.
        double[] JacobianTimes(double[] d, double h, double[] v)
        {
            var shifted = new double[n];
            for (var i = 0; i < n; i++)
            {
                shifted[i] = x[i] + (h * d[i]);
            }

            var m = new double[n * n];
            system.Jacobian(shifted, p, m);
            var result = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    result[i] += m[(i * n) + j] * v[j];
                }
            }

            return result;
        }

        // B(u, v) for real u, v: the derivative of J·u along v.
        double[] RealB(double[] u, double[] v)
        {
            var h = 1e-6 * scale;
            var plus = JacobianTimes(v, h, u);
            var minus = JacobianTimes(v, -h, u);
            return plus.Select((value, i) => (value - minus[i]) / (2 * h)).ToArray();
        }

        // C(u, u, u) for real u: the second derivative of J·u along u.
        double[] Cubic(double[] u)
        {
            var h = 1e-4 * scale;
            var plus = JacobianTimes(u, h, u);
            var mid = JacobianTimes(u, 0, u);
            var minus = JacobianTimes(u, -h, u);
            return plus.Select((value, i) => (value - (2 * mid[i]) + minus[i]) / (h * h)).ToArray();
        }

        Vector<Complex> Bilinear(Vector<Complex> u, Vector<Complex> v)
        {
            var (ur, ui) = Split(u);
            var (vr, vi) = Split(v);
            var rr = RealB(ur, vr);
            var ii = RealB(ui, vi);
            var ri = RealB(ur, vi);
            var ir = RealB(ui, vr);
            return Vector<Complex>.Build.Dense(n, i => new Complex(rr[i] - ii[i], ri[i] + ir[i]));
        }

        // C(q, q, q̄) = C(a,a,a) + C(a,b,b) + i(C(a,a,b) + C(b,b,b)) for q = a + ib, the mixed terms by polarization.
        Vector<Complex> Trilinear(Vector<Complex> v)
        {
            var (ar, bi) = Split(v);
            var aaa = Cubic(ar);
            var bbb = Cubic(bi);
            var plus = Cubic(ar.Select((value, i) => value + bi[i]).ToArray());
            var minus = Cubic(ar.Select((value, i) => value - bi[i]).ToArray());
            return Vector<Complex>.Build.Dense(n, i =>
            {
                var aab = (plus[i] - minus[i] - (2 * bbb[i])) / 6;
                var abb = (plus[i] + minus[i] - (2 * aaa[i])) / 6;
                return new Complex(aaa[i] + abb, aab + bbb[i]);
            });
        }

        static (double[] Re, double[] Im) Split(Vector<Complex> v) => (v.Select(z => z.Real).ToArray(), v.Select(z => z.Imaginary).ToArray());
    }

    /// <summary>The critical eigenvector at a Hopf point: <c>f_x·q = iω·q</c>, of unit length.</summary>
    /// <param name="system">The model.</param>
    /// <param name="x">The equilibrium.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="omega">The frequency ω.</param>
    /// <returns>q.</returns>
    public static Complex[] Eigenvector(ContinuationSystem system, double[] x, double[] p, double omega)
    {
        var n = system.Dimension;
        var jac = new double[n * n];
        system.Jacobian(x, p, jac);
        var a = Matrix<Complex>.Build.Dense(n, n, (i, j) => jac[(i * n) + j]);
        var q = NullVector(a - (new Complex(0, omega) * Matrix<Complex>.Build.DenseIdentity(n)));
        return (q / q.L2Norm()).ToArray();
    }

    /// <summary>The right singular vector of the smallest singular value: the null vector of a singular matrix.</summary>
    private static Vector<Complex> NullVector(Matrix<Complex> m)
    {
        var svd = m.Svd(true);
        return svd.VT.Row(m.ColumnCount - 1).Conjugate();
    }
}

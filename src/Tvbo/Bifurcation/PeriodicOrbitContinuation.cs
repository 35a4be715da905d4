using System.Numerics;
using Tvbo.Experiment;

namespace Tvbo.Bifurcation;

/// <summary>
/// Follows a branch of periodic orbits in one free parameter from a Hopf point, by orthogonal collocation as AUTO
/// does (<see cref="CollocationScheme"/>): the orbit, rescaled to period 1, is a piecewise polynomial of degree m on N
/// equal mesh intervals (TVBO's <c>mesh_intervals</c> and <c>degree</c>), and <c>du/dt = T·f(u, λ)</c> holds at the
/// Gauss points of each interval, with <c>u(1) = u(0)</c>, AUTO's integral phase condition
/// <c>∫⟨u, u̇_prev⟩ = 0</c> against the last orbit, and the pseudo-arclength condition in the L² norm of the orbit plus
/// the period and the parameter. Newton's method solves the bordered banded system (<see cref="BandedBorderedSolver"/>).
/// <para>Collocation rather than shooting: it is AUTO's method (the comparison is like for like), it is accurate for
/// stiff and strongly unstable orbits where shooting loses the solution, and it gives the whole orbit (min, max).
/// The mesh is uniform (AUTO adapts it): orbits with very uneven speed need more intervals.</para>
/// <para>The Floquet multipliers are the eigenvalues of the monodromy matrix, integrated along the converged orbit
/// (<c>Φ' = T·f_x(u(t))·Φ</c>, classical Runge–Kutta, 4m steps per interval); the one nearest 1 is the trivial one.
/// Special points: folds of cycles (LPC, the λ-component of the tangent), period doublings (PD, a real multiplier
/// crosses −1) and torus points (TR, a complex pair crosses the unit circle).</para>
/// </summary>
internal sealed class PeriodicOrbitContinuation : ArclengthContinuation<PeriodicOrbitContinuation.Orbit>
{
    private const int MaxCorrectorIterations = 12;
    private const double CorrectorTolerance = 1e-10;

    private readonly ContinuationSystem _system;
    private readonly int _free;
    private readonly double[] _p;
    private readonly int _n;
    private readonly int _intervals;
    private readonly CollocationScheme _scheme;
    private readonly int _core;
    private readonly double[] _weights;
    private readonly BandedBorderedSolver _solver;
    private readonly Monitor[] _monitors;
    private readonly string _name;
    private readonly string _parameterName;

    /// <summary>Prepares the continuation of periodic orbits.</summary>
    /// <param name="system">The model.</param>
    /// <param name="settings">The parent continuation (free parameter, domain, steps, detection).</param>
    /// <param name="cycle">The branch's settings (mesh, degree, steps).</param>
    /// <param name="name">The branch's name.</param>
    /// <param name="parameters">Every parameter's value.</param>
    public PeriodicOrbitContinuation(ContinuationSystem system, Continuation settings, CycleContinuation cycle, string name, double[] parameters)
        : base([settings.FreeParameters[0]], settings.MinStep, settings.MaxStep, cycle.MaxSteps ?? settings.MaxSteps)
    {
        _system = system;
        _parameterName = settings.FreeParameters[0].Name;
        _free = system.IndexOfParameter(_parameterName);
        _p = (double[])parameters.Clone();
        _n = system.Dimension;
        _intervals = cycle.MeshIntervals;
        _scheme = new CollocationScheme(cycle.Degree);
        _name = name;
        var m = cycle.Degree;
        _core = _n * _intervals * m;

        // Band columns: the mesh values but the first and the last (u(0), u(1)); side columns: u(0), u(1), T, λ.
        _solver = new BandedBorderedSolver(_core, _core - _n, (_n * m) + _n - 1, (_n * m) - 1, (2 * _n) + 2, _n + 2);

        // The quadrature weight of every mesh value (node k of interval j; the last is u(1)), for ∫⟨u, v⟩ over [0, 1].
        _weights = new double[(_intervals * m) + 1];
        var h = 1.0 / _intervals;
        for (var j = 0; j < _intervals; j++)
        {
            for (var k = 0; k <= m; k++)
            {
                _weights[(j * m) + k] += h * _scheme.NodeWeights[k];
            }
        }

        var monitors = new List<Monitor>();
        if (settings.DetectFold)
        {
            monitors.Add(new Monitor(SpecialPointKind.CycleFold, o => o.Tangent[^1]));
        }

        if (settings.DetectBifurcation >= 2)
        {
            monitors.Add(new Monitor(SpecialPointKind.PeriodDoubling, o => NearestReal(o.Multipliers, -1) + 1, (a, b) => Crossings(a.Multipliers) != Crossings(b.Multipliers), o => Math.Abs(NearestReal(o.Multipliers, -1) + 1) < 1e-4 ? new Label(SpecialPointKind.PeriodDoubling) : null));
            monitors.Add(new Monitor(SpecialPointKind.Torus, o => NearestComplex(o.Multipliers) - 1, (a, b) => ComplexOutside(a.Multipliers) != ComplexOutside(b.Multipliers), o => Math.Abs(NearestComplex(o.Multipliers) - 1) < 1e-4 ? new Label(SpecialPointKind.Torus) : null));
        }

        _monitors = [.. monitors];
    }

    /// <summary>A corrected orbit: the unknowns (the mesh values, u(1), the period T and λ), the unit tangent, the
    /// derivative of the orbit at the mesh values (the next phase condition's reference) and the multipliers.</summary>
    internal sealed record Orbit(double[] U, double[] Tangent, double[] Velocity, Complex[] Multipliers, int Iterations);

    /// <inheritdoc/>
    protected override IReadOnlyList<Monitor> Monitors => _monitors;

    private int Unknowns => _core + _n + 2;

    private int PeriodIndex => _core + _n;

    private int LambdaIndex => _core + _n + 1;

    /// <summary>Follows the orbits born at a Hopf point.</summary>
    /// <param name="equilibrium">The equilibrium at the Hopf point.</param>
    /// <param name="lambda">The free parameter there.</param>
    /// <param name="omega">The Hopf frequency.</param>
    /// <param name="firstStep">The first step (the first orbit's amplitude, in the L² norm).</param>
    /// <param name="cancellationToken">Stops the continuation.</param>
    /// <returns>The branch, from the Hopf point on.</returns>
    public Branch Run(double[] equilibrium, double lambda, double omega, double firstStep, CancellationToken cancellationToken)
    {
        var p = With(lambda);
        var q = HopfCoefficient.Eigenvector(_system, equilibrium, p, omega);
        var m = _scheme.Degree;
        var values = (_intervals * m) + 1;
        var u = new double[Unknowns];
        var tangent = new double[Unknowns];
        var velocity = new double[Unknowns];
        for (var v = 0; v < values; v++)
        {
            var t = (double)v / (_intervals * m);
            var (cos, sin) = (Math.Cos(2 * Math.PI * t), Math.Sin(2 * Math.PI * t));
            for (var i = 0; i < _n; i++)
            {
                u[(v * _n) + i] = equilibrium[i];
                tangent[(v * _n) + i] = (q[i].Real * cos) - (q[i].Imaginary * sin);
                velocity[(v * _n) + i] = 2 * Math.PI * ((-q[i].Real * sin) - (q[i].Imaginary * cos));
            }
        }

        u[PeriodIndex] = 2 * Math.PI / omega;
        u[LambdaIndex] = lambda;
        Normalize(tangent);
        var start = new Orbit(u, tangent, velocity, Multipliers(u), 0);
        return Walk(start, firstStep, bothSides: false,
            (points, special) => new Branch(_name, BranchKind.PeriodicOrbits, [_parameterName], _system.StateNames, points, special), cancellationToken);
    }

    /// <inheritdoc/>
    protected override int IterationsOf(Orbit point) => point.Iterations;

    /// <inheritdoc/>
    protected override double Parameter(Orbit point, int k) => point.U[LambdaIndex];

    /// <inheritdoc/>
    protected override Orbit Reversed(Orbit point) => point with { Tangent = point.Tangent.Select(x => -x).ToArray() };

    /// <inheritdoc/>
    protected override BranchPoint ToBranchPoint(Orbit point)
    {
        var (min, max) = Extremes(point.U);
        var multipliers = point.Multipliers.OrderByDescending(z => z.Magnitude).ToArray();
        return new BranchPoint
        {
            Parameters = [point.U[LambdaIndex]],
            State = point.U[.._n],
            Minimum = min,
            Maximum = max,
            Period = point.U[PeriodIndex],
            Stable = multipliers.Length > 0 && Nontrivial(multipliers).All(z => z.Magnitude < 1),
            Eigenvalues = multipliers,
        };
    }

    /// <inheritdoc/>
    protected override Orbit? Correct(Orbit from, double s)
    {
        var u = new double[Unknowns];
        for (var i = 0; i < u.Length; i++)
        {
            u[i] = from.U[i] + (s * from.Tangent[i]);
        }

        for (var iteration = 1; iteration <= MaxCorrectorIterations; iteration++)
        {
            var residual = Assemble(u, from, from.Tangent, s);
            if (!_solver.Solve(residual))
            {
                return null;
            }

            residual = ToUnknowns(residual);

            var size = 0.0;
            var scale = 1.0;
            for (var i = 0; i < u.Length; i++)
            {
                u[i] -= residual[i];
                size = Math.Max(size, Math.Abs(residual[i]));
                scale = Math.Max(scale, Math.Abs(u[i]));
            }

            if (!u.All(double.IsFinite) || u[PeriodIndex] <= 0)
            {
                return null;
            }

            if (size <= CorrectorTolerance * scale)
            {
                // The tangent: the same bordered matrix at the solution, with the previous tangent as its last row.
                var rhs = new double[Unknowns];
                _ = Assemble(u, from, from.Tangent, s);
                rhs[^1] = 1;
                if (!_solver.Solve(rhs))
                {
                    return null;
                }

                rhs = ToUnknowns(rhs);
                Normalize(rhs);
                return new Orbit(u, rhs, Velocity(u), Multipliers(u), iteration);
            }
        }

        return null;
    }

    /// <summary>Fills the solver with the Jacobian at <paramref name="u"/> and returns the residual (length: unknowns).</summary>
    private double[] Assemble(double[] u, Orbit from, double[] tangent, double s)
    {
        _solver.Clear();
        var n = _n;
        var m = _scheme.Degree;
        var h = 1.0 / _intervals;
        var period = u[PeriodIndex];
        var p = With(u[LambdaIndex]);
        var residual = new double[Unknowns];
        var x = new double[n];
        var f = new double[n];
        var jac = new double[n * n];
        var fp = new double[n];
        var border = (2 * n) + 2;
        for (var j = 0; j < _intervals; j++)
        {
            for (var c = 0; c < m; c++)
            {
                var row0 = ((j * m) + c) * n;
                Array.Clear(x);
                for (var k = 0; k <= m; k++)
                {
                    var b = _scheme.Basis[c, k];
                    var v = ((j * m) + k) * n;
                    for (var i = 0; i < n; i++)
                    {
                        x[i] += b * u[v + i];
                    }
                }

                _system.Evaluate(x, p, f);
                _system.Jacobian(x, p, jac);
                _system.ParameterDerivative(_free, x, p, fp);
                for (var i = 0; i < n; i++)
                {
                    var r = -h * period * f[i];
                    for (var k = 0; k <= m; k++)
                    {
                        r += _scheme.BasisDerivative[c, k] * u[((j * m) + k) * n + i];
                    }

                    residual[row0 + i] = r;
                    _solver.SetB(row0 + i, 2 * n, -h * f[i]);
                    _solver.SetB(row0 + i, (2 * n) + 1, -h * period * fp[i]);
                }

                for (var k = 0; k <= m; k++)
                {
                    var a = _scheme.BasisDerivative[c, k];
                    var b = h * period * _scheme.Basis[c, k];
                    var mesh = (j * m) + k;
                    for (var i = 0; i < n; i++)
                    {
                        for (var l = 0; l < n; l++)
                        {
                            var value = (i == l ? a : 0) - (b * jac[(i * n) + l]);
                            if (mesh == 0)
                            {
                                _solver.SetB(row0 + i, l, value);
                            }
                            else if (mesh == _intervals * m)
                            {
                                _solver.SetB(row0 + i, n + l, value);
                            }
                            else
                            {
                                _solver.SetA(row0 + i, ((mesh - 1) * n) + l, value);
                            }
                        }
                    }
                }
            }
        }

        // Periodicity: u(1) − u(0) = 0.
        for (var i = 0; i < n; i++)
        {
            residual[_core + i] = u[_core + i] - u[i];
            _solver.D[(i * border) + i] = -1;
            _solver.D[(i * border) + n + i] = 1;
        }

        // Phase: ∫⟨u − u_prev, u̇_prev⟩ = 0; arclength: ⟨u − u_prev, t⟩ = s.
        var phase = 0.0;
        var along = 0.0;
        for (var v = 0; v < _weights.Length; v++)
        {
            for (var i = 0; i < n; i++)
            {
                var index = (v * n) + i;
                var w = _weights[v];
                phase += w * (u[index] - from.U[index]) * from.Velocity[index];
                along += w * (u[index] - from.U[index]) * tangent[index];
                var (rows, column, width) = v == 0 ? (_solver.D, i, border) : v == _weights.Length - 1 ? (_solver.D, n + i, border) : (_solver.C, index - n, _core - n);
                rows[(n * width) + column] = w * from.Velocity[index];
                rows[((n + 1) * width) + column] = w * tangent[index];
            }
        }

        along += ((u[PeriodIndex] - from.U[PeriodIndex]) * tangent[PeriodIndex]) + ((u[LambdaIndex] - from.U[LambdaIndex]) * tangent[LambdaIndex]);
        _solver.D[((n + 1) * border) + (2 * n)] = tangent[PeriodIndex];
        _solver.D[((n + 1) * border) + (2 * n) + 1] = tangent[LambdaIndex];
        residual[_core + n] = phase;
        residual[_core + n + 1] = along - s;
        return residual;
    }

    /// <summary>A solution in the solver's order (the inner mesh values, then u(0), u(1), T, λ) in the order of the
    /// unknowns (the mesh values from u(0) to u(1), T, λ).</summary>
    private double[] ToUnknowns(double[] solution)
    {
        var n = _n;
        var inner = _core - n;
        var u = new double[Unknowns];
        Array.Copy(solution, 0, u, n, inner);
        Array.Copy(solution, inner, u, 0, n);
        Array.Copy(solution, inner + n, u, _core, n);
        u[PeriodIndex] = solution[inner + (2 * n)];
        u[LambdaIndex] = solution[inner + (2 * n) + 1];
        return u;
    }

    /// <summary>Scales a vector of unknowns to unit length in the orbit's L² norm plus the period and parameter.</summary>
    private void Normalize(double[] v)
    {
        var sum = (v[PeriodIndex] * v[PeriodIndex]) + (v[LambdaIndex] * v[LambdaIndex]);
        for (var k = 0; k < _weights.Length; k++)
        {
            for (var i = 0; i < _n; i++)
            {
                sum += _weights[k] * v[(k * _n) + i] * v[(k * _n) + i];
            }
        }

        var norm = Math.Sqrt(sum);
        for (var i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }
    }

    /// <summary>du/dt at every mesh value (the derivative of the interval's polynomial; the last from the last interval).</summary>
    private double[] Velocity(double[] u)
    {
        var m = _scheme.Degree;
        var velocity = new double[Unknowns];
        for (var j = 0; j < _intervals; j++)
        {
            for (var node = 0; node <= m; node++)
            {
                if (node == m && j < _intervals - 1)
                {
                    continue;
                }

                for (var i = 0; i < _n; i++)
                {
                    var d = 0.0;
                    for (var k = 0; k <= m; k++)
                    {
                        d += _scheme.NodeDerivative[node, k] * u[(((j * m) + k) * _n) + i];
                    }

                    velocity[(((j * m) + node) * _n) + i] = d * _intervals;
                }
            }
        }

        return velocity;
    }

    /// <summary>The orbit at a time in [0, 1] from its interval's polynomial.</summary>
    private void At(double[] u, double t, double[] x)
    {
        var m = _scheme.Degree;
        var j = Math.Min(_intervals - 1, (int)(t * _intervals));
        var z = (t * _intervals) - j;
        Array.Clear(x);
        for (var k = 0; k <= m; k++)
        {
            var b = _scheme.Lagrange(k, z);
            for (var i = 0; i < _n; i++)
            {
                x[i] += b * u[(((j * m) + k) * _n) + i];
            }
        }
    }

    /// <summary>Each state's minimum and maximum over the orbit (8 samples per interval besides the mesh values).</summary>
    private (double[] Min, double[] Max) Extremes(double[] u)
    {
        var min = Enumerable.Repeat(double.PositiveInfinity, _n).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, _n).ToArray();
        var x = new double[_n];
        var samples = _intervals * _scheme.Degree * 8;
        for (var s = 0; s <= samples; s++)
        {
            At(u, (double)s / samples, x);
            for (var i = 0; i < _n; i++)
            {
                min[i] = Math.Min(min[i], x[i]);
                max[i] = Math.Max(max[i], x[i]);
            }
        }

        return (min, max);
    }

    /// <summary>The Floquet multipliers: the eigenvalues of the monodromy matrix.</summary>
    private Complex[] Multipliers(double[] u)
    {
        var n = _n;
        var period = u[PeriodIndex];
        var p = With(u[LambdaIndex]);
        var steps = _intervals * _scheme.Degree * 4;
        var dt = 1.0 / steps;
        var phi = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            phi[(i * n) + i] = 1;
        }

        var x = new double[n];
        var jac = new double[n * n];
        var k1 = new double[n * n];
        var k2 = new double[n * n];
        var k3 = new double[n * n];
        var k4 = new double[n * n];
        var stage = new double[n * n];
        for (var step = 0; step < steps; step++)
        {
            var t = step * dt;
            Rate(t, phi, k1);
            Shift(phi, k1, dt / 2);
            Rate(t + (dt / 2), stage, k2);
            Shift(phi, k2, dt / 2);
            Rate(t + (dt / 2), stage, k3);
            Shift(phi, k3, dt);
            Rate(t + dt, stage, k4);
            for (var e = 0; e < phi.Length; e++)
            {
                phi[e] += dt / 6 * (k1[e] + (2 * k2[e]) + (2 * k3[e]) + k4[e]);
            }
        }

        return DenseLinearAlgebra.Eigenvalues(phi, n);

        void Shift(double[] from, double[] rate, double by)
        {
            for (var e = 0; e < from.Length; e++)
            {
                stage[e] = from[e] + (by * rate[e]);
            }
        }

        // dΦ/dt = T·f_x(u(t))·Φ.
        void Rate(double t, double[] matrix, double[] result)
        {
            At(u, Math.Min(t, 1.0), x);
            _system.Jacobian(x, p, jac);
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < n; c++)
                {
                    var sum = 0.0;
                    for (var l = 0; l < n; l++)
                    {
                        sum += jac[(i * n) + l] * matrix[(l * n) + c];
                    }

                    result[(i * n) + c] = period * sum;
                }
            }
        }
    }

    /// <summary>The multipliers without the trivial one (the nearest to 1).</summary>
    private static IEnumerable<Complex> Nontrivial(Complex[] multipliers)
    {
        var trivial = Array.IndexOf(multipliers, multipliers.MinBy(z => (z - 1).Magnitude));
        return multipliers.Where((_, i) => i != trivial);
    }

    /// <summary>The number of real multipliers below −1 (its parity changes at a period doubling).</summary>
    private static int Crossings(Complex[] multipliers) => multipliers.Count(z => Math.Abs(z.Imaginary) <= 1e-9 * (1 + z.Magnitude) && z.Real < -1) % 2;

    /// <summary>The real multiplier nearest to <paramref name="target"/>.</summary>
    private static double NearestReal(Complex[] multipliers, double target) =>
        multipliers.Where(z => Math.Abs(z.Imaginary) <= 1e-9 * (1 + z.Magnitude)).Select(z => z.Real).DefaultIfEmpty(double.PositiveInfinity).MinBy(r => Math.Abs(r - target));

    /// <summary>The number of complex (non-real) multipliers outside the unit circle.</summary>
    private static int ComplexOutside(Complex[] multipliers) => multipliers.Count(z => Math.Abs(z.Imaginary) > 1e-9 * (1 + z.Magnitude) && z.Magnitude > 1);

    /// <summary>The modulus of the complex multiplier nearest to the unit circle.</summary>
    private static double NearestComplex(Complex[] multipliers) =>
        multipliers.Where(z => Math.Abs(z.Imaginary) > 1e-9 * (1 + z.Magnitude)).Select(z => z.Magnitude).DefaultIfEmpty(double.PositiveInfinity).MinBy(r => Math.Abs(r - 1));

    private double[] With(double lambda)
    {
        var p = (double[])_p.Clone();
        p[_free] = lambda;
        return p;
    }
}

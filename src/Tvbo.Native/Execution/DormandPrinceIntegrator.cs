using System.Runtime.InteropServices;
using Tvbo.Experiment;
using Tvbo.Native.Compilation;
using Tvbo.Native.Kernels;
using Tvbo.Results;
using static Tvbo.Native.Execution.DormandPrinceTableau;

namespace Tvbo.Native.Execution;

/// <summary>
/// Adaptive Dormand–Prince 5(4) for one block of one vector (every lane a condition with its own step size),
/// following scipy's <c>RK45</c> step by step: first step = <see cref="IntegrationSettings.StepSize"/>, error norm
/// = RMS of err/(atol + rtol·max(|y|, |y_new|)), step factors 0.9·err^(-1/5) within [0.2, 10] (no growth right
/// after a rejection), minimum step 10·ulp(t), integration to t = T. Samples on the time grid come from the
/// quartic dense output of the step that contains them. The right-hand sides of all lanes are evaluated
/// together by the compiled RHS kernel. Boundaries are not applied (an adaptive step has no fixed place to
/// clamp); a lane whose step size falls below the minimum fails like a diverged one.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class DormandPrinceIntegrator<TVec>
    where TVec : struct
{
    private static readonly int Lanes = LaneOps<TVec>.Lanes;

    private readonly KernelContext<TVec> _ctx;
    private readonly Action<KernelContext<TVec>> _rhs;
    private readonly double[] _time;
    private readonly bool _summary;
    private readonly ProgressTracker _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly double _rtol;
    private readonly double _atol;
    private readonly double _duration;
    private readonly double _firstStep;
    private readonly int _nv;
    private readonly int _stepsPerSample;

    /// <summary>Creates the integrator for the block in <paramref name="ctx"/> (state initialised).</summary>
    /// <param name="ctx">The block.</param>
    /// <param name="rhs">The compiled right-hand-side kernel (one group).</param>
    /// <param name="integration">Tolerances, duration, first step.</param>
    /// <param name="time">The sample times.</param>
    /// <param name="summary">Whether to accumulate a summary instead of writing the series.</param>
    /// <param name="progress">Progress counter.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public DormandPrinceIntegrator(KernelContext<TVec> ctx, Action<KernelContext<TVec>> rhs, IntegrationSettings integration, double[] time, bool summary, ProgressTracker progress, CancellationToken cancellationToken)
    {
        _ctx = ctx;
        _rhs = rhs;
        _time = time;
        _summary = summary;
        _progress = progress;
        _cancellationToken = cancellationToken;
        _rtol = integration.RelativeTolerance;
        _atol = integration.AbsoluteTolerance;
        _duration = integration.Duration;
        _firstStep = integration.StepSize;
        _stepsPerSample = integration.StepsPerSample;
        _nv = ctx.VariableNames.Length;
    }

    /// <summary>Integrates every lane to its last sample; false when cancelled.</summary>
    public bool Run()
    {
        var n = _nv * Lanes;
        var samples = _time.Length;
        var stage = MemoryMarshal.Cast<TVec, double>(_ctx.State.AsSpan());
        var y = stage.ToArray();
        var yNew = new double[n];
        var f = new double[n];
        var k = new double[7][];
        for (var s = 0; s < 7; s++)
        {
            k[s] = new double[n];
        }

        var t = new double[Lanes];
        var h = new double[Lanes];
        var tEnd = new double[Lanes];
        var hAbs = new double[Lanes];
        var rejected = new bool[Lanes];
        var next = new int[Lanes];
        var active = new bool[Lanes];
        var value = new double[_nv];
        for (var l = 0; l < _ctx.ValidLanes; l++)
        {
            hAbs[l] = _firstStep;
            active[l] = true;
            for (var i = 0; i < _nv; i++)
            {
                value[i] = y[(i * Lanes) + l];
            }

            Record(l, 0, value, next, active);
            active[l] = next[l] < samples;
        }

        Evaluate(y, f);
        var attempts = 0;
        while (Array.IndexOf(active, true) >= 0)
        {
            if ((++attempts & 63) == 0 && _cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            // Step sizes (scipy RungeKutta._step_impl).
            for (var l = 0; l < Lanes; l++)
            {
                h[l] = 0;
                if (!active[l])
                {
                    continue;
                }

                var minStep = 10 * Math.Abs(Math.BitIncrement(t[l]) - t[l]);
                if (!rejected[l] && hAbs[l] < minStep)
                {
                    hAbs[l] = minStep;
                }

                if (hAbs[l] < minStep)
                {
                    var sample = next[l];
                    _ctx.Failures.Add(new ConditionFailure(_ctx.FirstCondition + l, _time[sample], null, $"diverged (RK45 step size fell below the minimum {minStep:R} at t = {t[l]:R})"));
                    Array.Fill(value, double.NaN);
                    for (; sample < samples; sample++)
                    {
                        Write(l, sample, value);
                    }

                    active[l] = false;
                    continue;
                }

                var tNew = t[l] + hAbs[l];
                if (tNew > _duration)
                {
                    tNew = _duration;
                }

                tEnd[l] = tNew;
                h[l] = tNew - t[l];
                hAbs[l] = Math.Abs(h[l]);
            }

            // Stages (scipy rk_step): K[s] = f(y + (K[:s]·A[s])·h).
            f.CopyTo(k[0], 0);
            for (var s = 1; s < 6; s++)
            {
                var a = A[s];
                for (var i = 0; i < n; i++)
                {
                    var dot = 0.0;
                    for (var j = 0; j < s; j++)
                    {
                        dot += k[j][i] * a[j];
                    }

                    stage[i] = y[i] + (dot * h[i % Lanes]);
                }

                _rhs(_ctx);
                MemoryMarshal.Cast<TVec, double>(_ctx.Derivative.AsSpan()).CopyTo(k[s]);
            }

            for (var i = 0; i < n; i++)
            {
                var dot = 0.0;
                for (var j = 0; j < 6; j++)
                {
                    dot += k[j][i] * B[j];
                }

                yNew[i] = y[i] + (h[i % Lanes] * dot);
            }

            Evaluate(yNew, k[6]);

            // Error control and dense output per lane.
            var recorded = 0L;
            for (var l = 0; l < Lanes; l++)
            {
                if (!active[l])
                {
                    continue;
                }

                var norm = 0.0;
                for (var i = 0; i < _nv; i++)
                {
                    var x = (i * Lanes) + l;
                    var err = 0.0;
                    for (var j = 0; j < 7; j++)
                    {
                        err += k[j][x] * E[j];
                    }

                    var scaled = err * h[l] / (_atol + (Math.Max(Math.Abs(y[x]), Math.Abs(yNew[x])) * _rtol));
                    norm += scaled * scaled;
                }

                norm = Math.Sqrt(norm / _nv);
                if (norm < 1)
                {
                    var factor = norm == 0 ? MaxFactor : Math.Min(MaxFactor, Safety * Math.Pow(norm, ErrorExponent));
                    if (rejected[l])
                    {
                        factor = Math.Min(1, factor);
                    }

                    hAbs[l] *= factor;
                    rejected[l] = false;
                    var tOld = t[l];
                    var tNew = tEnd[l];
                    while (active[l] && next[l] < samples && _time[next[l]] <= tNew)
                    {
                        var xi = (_time[next[l]] - tOld) / h[l];
                        for (var i = 0; i < _nv; i++)
                        {
                            var x = (i * Lanes) + l;
                            var acc = 0.0;
                            var power = 1.0;
                            for (var m = 0; m < 4; m++)
                            {
                                var q = 0.0;
                                for (var j = 0; j < 7; j++)
                                {
                                    q += k[j][x] * P[j][m];
                                }

                                power *= xi;
                                acc += q * power;
                            }

                            value[i] = y[x] + (h[l] * acc);
                        }

                        Record(l, next[l], value, next, active);
                        recorded++;
                    }

                    t[l] = tNew;
                    for (var i = 0; i < _nv; i++)
                    {
                        var x = (i * Lanes) + l;
                        y[x] = yNew[x];
                        f[x] = k[6][x];
                    }

                    if (next[l] >= samples || tNew >= _duration)
                    {
                        active[l] = false;
                    }
                }
                else
                {
                    // Python's max(0.2, v) is 0.2 when v is NaN.
                    var shrink = Safety * Math.Pow(norm, ErrorExponent);
                    hAbs[l] *= shrink > MinFactor ? shrink : MinFactor;
                    rejected[l] = true;
                }
            }

            _progress.Add(recorded * _stepsPerSample);
        }

        return true;
    }

    private void Evaluate(double[] at, double[] into)
    {
        at.CopyTo(MemoryMarshal.Cast<TVec, double>(_ctx.State.AsSpan()));
        _rhs(_ctx);
        MemoryMarshal.Cast<TVec, double>(_ctx.Derivative.AsSpan()).CopyTo(into);
    }

    /// <summary>Records sample <paramref name="sample"/> of lane <paramref name="lane"/>; a non-finite value fails the
    /// lane there and fills this and every later sample with NaN.</summary>
    private void Record(int lane, int sample, double[] value, int[] next, bool[] active)
    {
        for (var i = 0; i < _nv; i++)
        {
            if (!double.IsFinite(value[i]))
            {
                _ctx.Failures.Add(KernelCallbacks<TVec>.Failure(_ctx.FirstCondition + lane, _time[sample], _ctx.VariableNames[i], value[i]));
                Array.Fill(value, double.NaN);
                for (var s = sample; s < _time.Length; s++)
                {
                    Write(lane, s, value);
                }

                next[lane] = _time.Length;
                active[lane] = false;
                return;
            }
        }

        Write(lane, sample, value);
        next[lane] = sample + 1;
    }

    private void Write(int lane, int sample, double[] value)
    {
        if (!_summary)
        {
            var dst = (((long)(_ctx.FirstCondition + lane) * _time.Length) + sample) * _nv;
            value.AsSpan().CopyTo(_ctx.Series.AsSpan((int)dst, _nv));
            return;
        }

        var min = MemoryMarshal.Cast<TVec, double>(_ctx.Min.AsSpan());
        var max = MemoryMarshal.Cast<TVec, double>(_ctx.Max.AsSpan());
        var sum = MemoryMarshal.Cast<TVec, double>(_ctx.Sum.AsSpan());
        var fin = MemoryMarshal.Cast<TVec, double>(_ctx.Final.AsSpan());
        for (var i = 0; i < _nv; i++)
        {
            var s = (i * Lanes) + lane;
            var x = value[i];
            if (sample >= _ctx.WindowStart)
            {
                SummaryAccumulator.Include(x, ref min[s], ref max[s], ref sum[s]);
            }

            if (sample == _time.Length - 1)
            {
                fin[s] = x;
            }
        }
    }
}

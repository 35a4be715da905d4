using System.Runtime.InteropServices;
using Tvbo.Backends;
using Tvbo.Experiment;
using Tvbo.Native.Compilation;
using Tvbo.Native.Kernels;
using Tvbo.Results;
using static Tvbo.Experiment.DormandPrinceTableau;

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
    private readonly ProgressMeter _progress;
    private readonly CancellationToken _cancellationToken;
    private readonly double _rtol;
    private readonly double _atol;
    private readonly double _duration;
    private readonly double _firstStep;
    private readonly int _nv;
    private readonly int _stepsPerSample;
    private readonly int _n;
    private readonly int _samples;

    // Per lane: time, step, end of the current step, step size, whether the last step was rejected, next sample, still integrating.
    private readonly double[] _t = new double[Lanes];
    private readonly double[] _h = new double[Lanes];
    private readonly double[] _tEnd = new double[Lanes];
    private readonly double[] _hAbs = new double[Lanes];
    private readonly bool[] _rejected = new bool[Lanes];
    private readonly int[] _next = new int[Lanes];
    private readonly bool[] _active = new bool[Lanes];

    // [variable, lane]: the state, the proposed state, f(y) and the seven stages.
    private readonly double[] _y;
    private readonly double[] _yNew;
    private readonly double[] _f;
    private readonly double[][] _k = new double[7][];
    private readonly double[] _value;

    /// <summary>Creates the integrator for the block in <paramref name="ctx"/> (state initialised).</summary>
    /// <param name="ctx">The block.</param>
    /// <param name="rhs">The compiled right-hand-side kernel (one group).</param>
    /// <param name="integration">Tolerances, duration, first step.</param>
    /// <param name="time">The sample times.</param>
    /// <param name="summary">Whether to accumulate a summary instead of writing the series.</param>
    /// <param name="progress">Progress counter.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public DormandPrinceIntegrator(KernelContext<TVec> ctx, Action<KernelContext<TVec>> rhs, IntegrationSettings integration, double[] time, bool summary, ProgressMeter progress, CancellationToken cancellationToken)
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
        _n = _nv * Lanes;
        _samples = time.Length;
        _y = MemoryMarshal.Cast<TVec, double>(ctx.State.AsSpan()).ToArray();
        _yNew = new double[_n];
        _f = new double[_n];
        for (var s = 0; s < 7; s++)
        {
            _k[s] = new double[_n];
        }

        _value = new double[_nv];
    }

    /// <summary>Integrates every lane to its last sample; false when cancelled.</summary>
    public bool Run()
    {
        Start();
        Evaluate(_y, _f);
        var attempts = 0;
        while (Array.IndexOf(_active, true) >= 0)
        {
            if ((++attempts & 63) == 0 && _cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            for (var l = 0; l < Lanes; l++)
            {
                ChooseStep(l);
            }

            Step();
            var recorded = 0L;
            for (var l = 0; l < Lanes; l++)
            {
                recorded += _active[l] ? Finish(l) : 0;
            }

            _progress.Add(recorded * _stepsPerSample);
        }

        return true;
    }

    /// <summary>Every real lane starts at t = 0 with the first step, its initial state recorded as sample 0.</summary>
    private void Start()
    {
        for (var l = 0; l < _ctx.ValidLanes; l++)
        {
            _hAbs[l] = _firstStep;
            _active[l] = true;
            for (var i = 0; i < _nv; i++)
            {
                _value[i] = _y[(i * Lanes) + l];
            }

            Record(l, 0, _value);
            _active[l] = _next[l] < _samples;
        }
    }

    /// <summary>The step of a lane (scipy RungeKutta._step_impl): at least 10·ulp(t), ending at most at T; a lane
    /// whose rejected step is below the minimum fails.</summary>
    private void ChooseStep(int l)
    {
        _h[l] = 0;
        if (!_active[l])
        {
            return;
        }

        var minStep = 10 * Math.Abs(Math.BitIncrement(_t[l]) - _t[l]);
        if (!_rejected[l] && _hAbs[l] < minStep)
        {
            _hAbs[l] = minStep;
        }

        if (_hAbs[l] < minStep)
        {
            FailStepSize(l, minStep);
            return;
        }

        var tNew = _t[l] + _hAbs[l];
        if (tNew > _duration)
        {
            tNew = _duration;
        }

        _tEnd[l] = tNew;
        _h[l] = tNew - _t[l];
        _hAbs[l] = Math.Abs(_h[l]);
    }

    /// <summary>A lane whose step size fell below the minimum: a failure, and NaN from its next sample on.</summary>
    private void FailStepSize(int l, double minStep)
    {
        var sample = _next[l];
        _ctx.Failures.Add(ConditionFailure.StepSizeUnderflow(_ctx.FirstCondition + l, _time[sample], minStep, _t[l]));
        Array.Fill(_value, double.NaN);
        for (; sample < _samples; sample++)
        {
            Write(l, sample, _value);
        }

        _active[l] = false;
    }

    /// <summary>The stages of every lane (scipy rk_step): K[s] = f(y + (K[:s]·A[s])·h), the fifth-order
    /// solution and f at it.</summary>
    private void Step()
    {
        var stage = MemoryMarshal.Cast<TVec, double>(_ctx.State.AsSpan());
        _f.CopyTo(_k[0], 0);
        for (var s = 1; s < 6; s++)
        {
            var a = A[s];
            for (var i = 0; i < _n; i++)
            {
                var dot = 0.0;
                for (var j = 0; j < s; j++)
                {
                    dot += _k[j][i] * a[j];
                }

                stage[i] = _y[i] + (dot * _h[i % Lanes]);
            }

            _rhs(_ctx);
            MemoryMarshal.Cast<TVec, double>(_ctx.Derivative.AsSpan()).CopyTo(_k[s]);
        }

        for (var i = 0; i < _n; i++)
        {
            var dot = 0.0;
            for (var j = 0; j < 6; j++)
            {
                dot += _k[j][i] * B[j];
            }

            _yNew[i] = _y[i] + (_h[i % Lanes] * dot);
        }

        Evaluate(_yNew, _k[6]);
    }

    /// <summary>Error control of a lane's step: accepted (a new step size, the samples it covers) or rejected
    /// (Python's max(0.2, v) is 0.2 when v is NaN).</summary>
    /// <returns>The samples recorded.</returns>
    private long Finish(int l)
    {
        var norm = ErrorNorm(l);
        if (norm < 1)
        {
            return Accept(l, norm);
        }

        var shrink = Safety * Math.Pow(norm, ErrorExponent);
        _hAbs[l] *= shrink > MinFactor ? shrink : MinFactor;
        _rejected[l] = true;
        return 0;
    }

    /// <summary>RMS of err/(atol + rtol·max(|y|, |y_new|)) over the lane's variables.</summary>
    private double ErrorNorm(int l)
    {
        var norm = 0.0;
        for (var i = 0; i < _nv; i++)
        {
            var x = (i * Lanes) + l;
            var err = 0.0;
            for (var j = 0; j < 7; j++)
            {
                err += _k[j][x] * E[j];
            }

            var scaled = err * _h[l] / (_atol + (Math.Max(Math.Abs(_y[x]), Math.Abs(_yNew[x])) * _rtol));
            norm += scaled * scaled;
        }

        return Math.Sqrt(norm / _nv);
    }

    /// <summary>Accepts a lane's step: grows the step size, records the samples the step covers from its dense
    /// output, and moves the lane to the step's end.</summary>
    /// <returns>The samples recorded.</returns>
    private long Accept(int l, double norm)
    {
        var factor = norm == 0 ? MaxFactor : Math.Min(MaxFactor, Safety * Math.Pow(norm, ErrorExponent));
        if (_rejected[l])
        {
            factor = Math.Min(1, factor);
        }

        _hAbs[l] *= factor;
        _rejected[l] = false;
        var tOld = _t[l];
        var tNew = _tEnd[l];
        var recorded = 0L;
        while (_active[l] && _next[l] < _samples && _time[_next[l]] <= tNew)
        {
            DenseOutput(l, (_time[_next[l]] - tOld) / _h[l]);
            Record(l, _next[l], _value);
            recorded++;
        }

        _t[l] = tNew;
        for (var i = 0; i < _nv; i++)
        {
            var x = (i * Lanes) + l;
            _y[x] = _yNew[x];
            _f[x] = _k[6][x];
        }

        if (_next[l] >= _samples || tNew >= _duration)
        {
            _active[l] = false;
        }

        return recorded;
    }

    /// <summary>The lane's state at <c>t_old + xi·h</c> into the value buffer: y_old + h·Q·[xi, xi², xi³, xi⁴].</summary>
    private void DenseOutput(int l, double xi)
    {
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
                    q += _k[j][x] * P[j][m];
                }

                power *= xi;
                acc += q * power;
            }

            _value[i] = _y[x] + (_h[l] * acc);
        }
    }

    private void Evaluate(double[] at, double[] into)
    {
        at.CopyTo(MemoryMarshal.Cast<TVec, double>(_ctx.State.AsSpan()));
        _rhs(_ctx);
        MemoryMarshal.Cast<TVec, double>(_ctx.Derivative.AsSpan()).CopyTo(into);
    }

    /// <summary>Records sample <paramref name="sample"/> of lane <paramref name="lane"/>; a non-finite value fails the
    /// lane there and fills this and every later sample with NaN.</summary>
    private void Record(int lane, int sample, double[] value)
    {
        for (var i = 0; i < _nv; i++)
        {
            if (!double.IsFinite(value[i]))
            {
                _ctx.Failures.Add(ConditionFailure.Diverged(_ctx.FirstCondition + lane, _time[sample], _ctx.VariableNames[i]));
                Array.Fill(value, double.NaN);
                for (var s = sample; s < _time.Length; s++)
                {
                    Write(lane, s, value);
                }

                _next[lane] = _time.Length;
                _active[lane] = false;
                return;
            }
        }

        Write(lane, sample, value);
        _next[lane] = sample + 1;
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

using System.Linq.Expressions;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Native.Compilation;

namespace Tvbo.Native.Kernels;

/// <summary>
/// Generates and compiles (System.Linq.Expressions) the code of one block of conditions. A fixed-step kernel
/// keeps the state of <see cref="KernelKind.Groups"/> vectors in locals and runs the whole time loop for the
/// samples [<see cref="KernelContext{TVec}.SampleStart"/>, <see cref="KernelContext{TVec}.SampleEnd"/>): at each
/// returned sample it checks that every live lane is finite, records the sample (series or summary accumulators),
/// then takes <see cref="KernelContext{TVec}.StepsPerSample"/> steps of the scheme, each followed by the
/// boundary clamp. The RHS kernel (for the adaptive driver) evaluates the right-hand sides once.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal static class KernelBuilder<TVec>
    where TVec : struct
{
    /// <summary>Samples per divergence-check segment of a fixed-step kernel.</summary>
    private const int SegmentSamples = 64;

    /// <summary>Compiles a kernel.</summary>
    /// <param name="layout">The model.</param>
    /// <param name="kind">What the kernel does.</param>
    public static Action<KernelContext<TVec>> Build(ModelLayout layout, KernelKind kind) =>
        kind.Method == IntegrationMethod.RK45 ? BuildRhs(layout, kind) : BuildFixedStep(layout, kind);

    private static Action<KernelContext<TVec>> BuildRhs(ModelLayout layout, KernelKind kind)
    {
        var groups = kind.Groups;
        var varied = kind.VariedNames(layout);
        var shared = new SharedHoists();
        var uniformParameters = new Dictionary<int, ParameterExpression>();
        var ctx = Expression.Parameter(typeof(KernelContext<TVec>), "ctx");
        var locals = new List<ParameterExpression>();
        var code = new List<Expression>();
        var nv = layout.StateVariables.Count;
        var np = layout.Parameters.Count;
        var state = Expression.Field(ctx, nameof(KernelContext<TVec>.State));
        var deriv = Expression.Field(ctx, nameof(KernelContext<TVec>.Derivative));
        var pars = Expression.Field(ctx, nameof(KernelContext<TVec>.Parameters));
        for (var g = 0; g < groups; g++)
        {
            var group = g;
            // Hoisted invariants go straight into the code, ahead of their first use.
            var p = LoadParameters(pars, group, np, kind.Varied, uniformParameters, locals, code);
            var emitter = new RhsEmitter<TVec>(layout, j => p[j], locals, code, varied, shared);
            var d = emitter.EmitDerivatives(i => Expression.ArrayIndex(state, Expression.Constant((group * nv) + i)), code);
            for (var i = 0; i < nv; i++)
            {
                code.Add(Expression.Assign(Expression.ArrayAccess(deriv, Expression.Constant((group * nv) + i)), d[i]));
            }
        }

        code.Add(Expression.Empty());
        return Expression.Lambda<Action<KernelContext<TVec>>>(Expression.Block(locals, code), ctx).Compile();
    }

    /// <summary>Loads a group's parameter vectors; a parameter that is not varied has the same value in every lane
    /// and group, so one local (from group 0's slot) serves all groups.</summary>
    private static ParameterExpression[] LoadParameters(Expression pars, int group, int np, string varied, Dictionary<int, ParameterExpression> uniform, List<ParameterExpression> locals, List<Expression> prologue)
    {
        var p = new ParameterExpression[np];
        for (var j = 0; j < np; j++)
        {
            if (varied[j] == '0')
            {
                if (!uniform.TryGetValue(j, out var shared))
                {
                    shared = Expression.Variable(typeof(TVec), $"p_{j}");
                    locals.Add(shared);
                    prologue.Add(Expression.Assign(shared, Expression.ArrayIndex(pars, Expression.Constant(j))));
                    uniform[j] = shared;
                }

                p[j] = shared;
                continue;
            }

            p[j] = Expression.Variable(typeof(TVec), $"p{group}_{j}");
            locals.Add(p[j]);
            prologue.Add(Expression.Assign(p[j], Expression.ArrayIndex(pars, Expression.Constant((group * np) + j))));
        }

        return p;
    }

    private static Action<KernelContext<TVec>> BuildFixedStep(ModelLayout layout, KernelKind kind)
    {
        var groups = kind.Groups;
        var nv = layout.StateVariables.Count;
        var np = layout.Parameters.Count;
        var ctx = Expression.Parameter(typeof(KernelContext<TVec>), "ctx");
        var locals = new List<ParameterExpression>();
        var prologue = new List<Expression>();
        var stateArr = Expression.Field(ctx, nameof(KernelContext<TVec>.State));
        var aliveArr = Expression.Field(ctx, nameof(KernelContext<TVec>.Alive));
        var minArr = Expression.Field(ctx, nameof(KernelContext<TVec>.Min));
        var maxArr = Expression.Field(ctx, nameof(KernelContext<TVec>.Max));
        var sumArr = Expression.Field(ctx, nameof(KernelContext<TVec>.Sum));

        ParameterExpression Vec(string name)
        {
            var v = Expression.Variable(typeof(TVec), name);
            locals.Add(v);
            return v;
        }

        ParameterExpression Int(string name)
        {
            var v = Expression.Variable(typeof(int), name);
            locals.Add(v);
            return v;
        }

        Expression Slot(Expression arr, int index) => Expression.ArrayAccess(arr, Expression.Constant(index));

        // Prologue: counters, step-size vectors, parameters, hoisted invariants, state, accumulators.
        var sample = Int("sample");
        var end = Int("end");
        var last = Int("last");
        var window = Int("window");
        var steps = Int("steps");
        var j = Int("j");
        prologue.Add(Expression.Assign(sample, Expression.Field(ctx, nameof(KernelContext<TVec>.SampleStart))));
        prologue.Add(Expression.Assign(end, Expression.Field(ctx, nameof(KernelContext<TVec>.SampleEnd))));
        prologue.Add(Expression.Assign(last, Expression.Field(ctx, nameof(KernelContext<TVec>.LastSample))));
        prologue.Add(Expression.Assign(window, Expression.Field(ctx, nameof(KernelContext<TVec>.WindowStart))));
        prologue.Add(Expression.Assign(steps, Expression.Field(ctx, nameof(KernelContext<TVec>.StepsPerSample))));
        var dtScalar = Expression.Field(ctx, nameof(KernelContext<TVec>.Dt));
        var dt = Vec("dt");
        var dtHalf = Vec("dt_half");
        var dtSixth = Vec("dt_sixth");
        prologue.Add(Expression.Assign(dt, LaneOps<TVec>.Broadcast(dtScalar)));
        prologue.Add(Expression.Assign(dtHalf, LaneOps<TVec>.Broadcast(Expression.Divide(dtScalar, Expression.Constant(2.0)))));
        prologue.Add(Expression.Assign(dtSixth, LaneOps<TVec>.Broadcast(Expression.Divide(dtScalar, Expression.Constant(6.0)))));

        var y = new ParameterExpression[groups][];
        var alive = new ParameterExpression[groups];
        var mn = new ParameterExpression[groups][];
        var mx = new ParameterExpression[groups][];
        var sm = new ParameterExpression[groups][];
        var emitters = new RhsEmitter<TVec>[groups];
        var varied = kind.VariedNames(layout);
        var shared = new SharedHoists();
        var uniformParameters = new Dictionary<int, ParameterExpression>();
        for (var g = 0; g < groups; g++)
        {
            var p = LoadParameters(Expression.Field(ctx, nameof(KernelContext<TVec>.Parameters)), g, np, kind.Varied, uniformParameters, locals, prologue);
            emitters[g] = new RhsEmitter<TVec>(layout, k => p[k], locals, prologue, varied, shared);
            y[g] = new ParameterExpression[nv];
            mn[g] = new ParameterExpression[nv];
            mx[g] = new ParameterExpression[nv];
            sm[g] = new ParameterExpression[nv];
            alive[g] = Vec($"alive{g}");
            for (var i = 0; i < nv; i++)
            {
                y[g][i] = Vec($"y{g}_{layout.StateVariables[i].Name}");
                if (kind.Summary)
                {
                    mn[g][i] = Vec($"min{g}_{i}");
                    mx[g][i] = Vec($"max{g}_{i}");
                    sm[g][i] = Vec($"sum{g}_{i}");
                }
            }
        }

        var loadState = new List<Expression>();
        var storeState = new List<Expression>();
        for (var g = 0; g < groups; g++)
        {
            loadState.Add(Expression.Assign(alive[g], Slot(aliveArr, g)));
            for (var i = 0; i < nv; i++)
            {
                loadState.Add(Expression.Assign(y[g][i], Slot(stateArr, (g * nv) + i)));
                storeState.Add(Expression.Assign(Slot(stateArr, (g * nv) + i), y[g][i]));
            }
        }

        prologue.AddRange(loadState);
        var epilogue = new List<Expression>(storeState);
        if (kind.Summary)
        {
            for (var g = 0; g < groups; g++)
            {
                for (var i = 0; i < nv; i++)
                {
                    prologue.Add(Expression.Assign(mn[g][i], Slot(minArr, (g * nv) + i)));
                    prologue.Add(Expression.Assign(mx[g][i], Slot(maxArr, (g * nv) + i)));
                    prologue.Add(Expression.Assign(sm[g][i], Slot(sumArr, (g * nv) + i)));
                    epilogue.Add(Expression.Assign(Slot(minArr, (g * nv) + i), mn[g][i]));
                    epilogue.Add(Expression.Assign(Slot(maxArr, (g * nv) + i), mx[g][i]));
                    epilogue.Add(Expression.Assign(Slot(sumArr, (g * nv) + i), sm[g][i]));
                }
            }
        }

        // The sample loop, in segments of at most SegmentSamples samples. A segment first runs optimistically: each
        // returned sample is only added into a running sum per variable (a non-finite sample leaves it non-finite).
        // If at the segment's end a live lane's sum is not finite, the segment is run again from a snapshot taken at
        // its start, now checking every sample, so the failure is found at the exact sample.
        var zero = LaneOps<TVec>.Constant(0.0);
        var check = Expression.Variable(typeof(bool), "check");
        var stop = Expression.Variable(typeof(bool), "stop");
        var segmentStart = Expression.Variable(typeof(int), "segment_start");
        var bufferBase = Expression.Variable(typeof(int), "buffer_base");
        locals.AddRange([check, stop, segmentStart, bufferBase]);
        // The segment's starting point lives in memory (ctx.Snapshot), not in registers: it is only read to re-run.
        var snapArr = Expression.Field(ctx, nameof(KernelContext<TVec>.Snapshot));
        var health = new ParameterExpression[groups][];
        for (var g = 0; g < groups; g++)
        {
            health[g] = new ParameterExpression[nv];
            for (var i = 0; i < nv; i++)
            {
                health[g][i] = Vec($"health{g}_{i}");
            }
        }

        Expression NonFinite(ParameterExpression[] v, ParameterExpression aliveMask)
        {
            // x - x is 0 for finite x and NaN otherwise; the sum over variables is 0 iff all are finite.
            Expression bad = LaneOps<TVec>.Subtract(v[0], v[0]);
            for (var i = 1; i < v.Length; i++)
            {
                bad = LaneOps<TVec>.Add(bad, LaneOps<TVec>.Subtract(v[i], v[i]));
            }

            return Expression.Not(LaneOps<TVec>.EqualsAll(LaneOps<TVec>.And(bad, aliveMask), zero));
        }

        var segmentBegin = new List<Expression> { Expression.Assign(segmentStart, sample) };
        var restore = new List<Expression> { Expression.Assign(sample, segmentStart), Expression.Assign(check, Expression.Constant(true)) };
        for (var g = 0; g < groups; g++)
        {
            for (var i = 0; i < nv; i++)
            {
                var o = ((g * nv) + i) * 4;
                segmentBegin.Add(Expression.Assign(Slot(snapArr, o), y[g][i]));
                segmentBegin.Add(Expression.Assign(health[g][i], zero));
                restore.Add(Expression.Assign(y[g][i], Slot(snapArr, o)));
                if (kind.Summary)
                {
                    segmentBegin.Add(Expression.Assign(Slot(snapArr, o + 1), mn[g][i]));
                    segmentBegin.Add(Expression.Assign(Slot(snapArr, o + 2), mx[g][i]));
                    segmentBegin.Add(Expression.Assign(Slot(snapArr, o + 3), sm[g][i]));
                    restore.Add(Expression.Assign(mn[g][i], Slot(snapArr, o + 1)));
                    restore.Add(Expression.Assign(mx[g][i], Slot(snapArr, o + 2)));
                    restore.Add(Expression.Assign(sm[g][i], Slot(snapArr, o + 3)));
                }
            }
        }

        var body = new List<Expression>();
        var checkedSample = new List<Expression>();
        var optimisticSample = new List<Expression>();
        for (var g = 0; g < groups; g++)
        {
            var handle = new List<Expression>(storeState)
            {
                Expression.Call(typeof(KernelCallbacks<TVec>).GetMethod(nameof(KernelCallbacks<TVec>.Diverged))!, ctx, Expression.Constant(g), sample),
            };
            handle.AddRange(loadState);
            checkedSample.Add(Expression.IfThen(NonFinite(y[g], alive[g]), Expression.Block(handle)));
            for (var i = 0; i < nv; i++)
            {
                optimisticSample.Add(Expression.Assign(health[g][i], LaneOps<TVec>.Add(health[g][i], y[g][i])));
            }
        }

        body.Add(Expression.IfThenElse(check, Expression.Block(checkedSample), Expression.Block(optimisticSample)));

        if (kind.Summary)
        {
            var acc = new List<Expression>();
            for (var g = 0; g < groups; g++)
            {
                for (var i = 0; i < nv; i++)
                {
                    // SummaryAccumulator.Include, inlined (the driver applies SummaryAccumulator.Close after the run).
                    acc.Add(Expression.Assign(mn[g][i], LaneOps<TVec>.Select(LaneOps<TVec>.Compare("LessThan", y[g][i], mn[g][i]), y[g][i], mn[g][i])));
                    acc.Add(Expression.Assign(mx[g][i], LaneOps<TVec>.Select(LaneOps<TVec>.Compare("GreaterThan", y[g][i], mx[g][i]), y[g][i], mx[g][i])));
                    acc.Add(Expression.Assign(sm[g][i], LaneOps<TVec>.Add(sm[g][i], y[g][i])));
                }
            }

            body.Add(Expression.IfThen(Expression.GreaterThanOrEqual(sample, window), Expression.Block(acc)));
        }
        else
        {
            // The sample goes to the block's buffer, [sample - SampleStart, group, variable]; the driver copies the
            // buffer into the series after the call.
            var buffer = Expression.Field(ctx, nameof(KernelContext<TVec>.SampleBuffer));
            body.Add(Expression.Assign(bufferBase, Expression.Multiply(Expression.Subtract(sample, Expression.Field(ctx, nameof(KernelContext<TVec>.SampleStart))), Expression.Constant(groups * nv))));
            for (var g = 0; g < groups; g++)
            {
                for (var i = 0; i < nv; i++)
                {
                    body.Add(Expression.Assign(Expression.ArrayAccess(buffer, Expression.Add(bufferBase, Expression.Constant((g * nv) + i))), y[g][i]));
                }
            }
        }

        var segmentDone = Expression.Label("segment_done");
        body.Add(Expression.IfThen(Expression.Equal(sample, last), Expression.Block(Expression.Assign(stop, Expression.Constant(true)), Expression.Break(segmentDone))));

        // One step of the scheme for every group, then the boundary clamp; repeated StepsPerSample times.
        var step = new List<Expression>();
        Func<int, int, Func<DelayedState, Expression>>? delayed = null;
        if (layout.HistoryLength > 0)
        {
            delayed = EmitHistory(layout, ctx, y, sample, steps, j, step, prologue, locals);
        }

        Func<int, Func<int, Expression>>? input = null;
        if (layout.Inputs.Count > 0)
        {
            // Step k of this call reads [k − SampleStart·steps, group, input].
            var inputs = Expression.Field(ctx, nameof(KernelContext<TVec>.Inputs));
            var inBase = Int("input_base");
            var stride = groups * layout.Inputs.Count;
            step.Add(Expression.Assign(inBase, Expression.Multiply(
                Expression.Add(Expression.Multiply(Expression.Subtract(sample, Expression.Field(ctx, nameof(KernelContext<TVec>.SampleStart))), steps), j),
                Expression.Constant(stride))));
            input = g => slot => Expression.ArrayAccess(inputs, Expression.Add(inBase, Expression.Constant((g * layout.Inputs.Count) + slot)));
        }

        EmitStep(kind.Method, layout, emitters, y, dt, dtHalf, dtSixth, step, Vec, delayed, input);
        EmitClamp(layout, y, step);
        var stepsDone = Expression.Label("steps_done");
        step.Add(Expression.PreIncrementAssign(j));
        step.Add(Expression.IfThen(Expression.GreaterThanOrEqual(j, steps), Expression.Break(stepsDone)));
        body.Add(Expression.Assign(j, Expression.Constant(0)));
        body.Add(Expression.Loop(Expression.Block(step), stepsDone));
        body.Add(Expression.PreIncrementAssign(sample));
        body.Add(Expression.IfThen(Expression.Equal(sample, end), Expression.Block(Expression.Assign(stop, Expression.Constant(true)), Expression.Break(segmentDone))));
        body.Add(Expression.IfThen(Expression.GreaterThanOrEqual(Expression.Subtract(sample, segmentStart), Expression.Constant(SegmentSamples)), Expression.Break(segmentDone)));

        // Segment end: re-run it checked if an optimistic pass saw a non-finite sample in a live lane.
        var segmentEnd = new List<Expression>();
        Expression? anyBad = null;
        for (var g = 0; g < groups; g++)
        {
            var test = NonFinite(health[g], alive[g]);
            anyBad = anyBad is null ? test : Expression.OrElse(anyBad, test);
        }

        var done = Expression.Label("done");
        segmentEnd.Add(Expression.IfThenElse(
            Expression.AndAlso(Expression.Not(check), anyBad!),
            Expression.Block(restore.Append(Expression.Assign(stop, Expression.Constant(false)))),
            Expression.Block(Expression.Assign(check, Expression.Constant(layout.HistoryLength > 0)), Expression.IfThen(stop, Expression.Break(done)))));

        var outer = new List<Expression>(segmentBegin)
        {
            Expression.Loop(Expression.Block(body), segmentDone),
        };
        outer.AddRange(segmentEnd);
        var alwaysChecked = Expression.Constant(layout.HistoryLength > 0);
        var all = new List<Expression>(prologue)
        {
            Expression.Assign(check, alwaysChecked),
            Expression.Assign(stop, Expression.Constant(false)),
            Expression.Loop(Expression.Block(outer), done),
        };
        all.AddRange(epilogue);
        return Expression.Lambda<Action<KernelContext<TVec>>>(Expression.Block(locals, all), $"native_{kind.Method}", [ctx]).Compile();
    }

    private static void EmitStep(
        IntegrationMethod method,
        ModelLayout layout,
        RhsEmitter<TVec>[] emitters,
        ParameterExpression[][] y,
        Expression dt,
        Expression dtHalf,
        Expression dtSixth,
        List<Expression> code,
        Func<string, ParameterExpression> vec,
        Func<int, int, Func<DelayedState, Expression>>? delayed,
        Func<int, Func<int, Expression>>? input)
    {
        var groups = y.Length;
        var nv = layout.StateVariables.Count;
        if (delayed is not null && method is not (IntegrationMethod.Euler or IntegrationMethod.Heun))
        {
            throw new NotSupportedException($"Delays are defined for Euler and Heun, not {method}.");
        }

        ParameterExpression[][] Eval(ParameterExpression[][] at, int stage = 0)
        {
            var k = new ParameterExpression[groups][];
            for (var g = 0; g < groups; g++)
            {
                var point = at[g];
                k[g] = emitters[g].EmitDerivatives(i => point[i], delayed?.Invoke(g, stage), input?.Invoke(g), code);
            }

            return k;
        }

        ParameterExpression[][] Offset(Expression h, ParameterExpression[][] k, string name)
        {
            // y + h*k, into new locals.
            var r = new ParameterExpression[groups][];
            for (var g = 0; g < groups; g++)
            {
                r[g] = new ParameterExpression[nv];
                for (var i = 0; i < nv; i++)
                {
                    r[g][i] = vec($"{name}{g}_{i}");
                    code.Add(Expression.Assign(r[g][i], LaneOps<TVec>.Add(y[g][i], LaneOps<TVec>.Multiply(h, k[g][i]))));
                }
            }

            return r;
        }

        switch (method)
        {
            case IntegrationMethod.Euler:
                {
                    // PyRates euler: y = y + dt*f(y).
                    var k1 = Eval(y);
                    Update((g, i) => LaneOps<TVec>.Multiply(dt, k1[g][i]));
                    break;
                }

            case IntegrationMethod.Heun:
                {
                    // PyRates heun: k1 = f(y); y0 = y + dt*k1; y = y + dt/2*(k1 + f(y0)).
                    var k1 = Eval(y);
                    var y0 = Offset(dt, k1, "heun");
                    var k2 = Eval(y0, stage: 1);
                    Update((g, i) => LaneOps<TVec>.Multiply(dtHalf, LaneOps<TVec>.Add(k1[g][i], k2[g][i])));
                    break;
                }

            case IntegrationMethod.RK4:
                {
                    // Classical RK4: y = y + dt/6*(k1 + 2*k2 + 2*k3 + k4).
                    var k1 = Eval(y);
                    var k2 = Eval(Offset(dtHalf, k1, "rk_a"));
                    var k3 = Eval(Offset(dtHalf, k2, "rk_b"));
                    var k4 = Eval(Offset(dt, k3, "rk_c"));
                    var two = LaneOps<TVec>.Constant(2.0);
                    Update((g, i) => LaneOps<TVec>.Multiply(
                        dtSixth,
                        LaneOps<TVec>.Add(
                            LaneOps<TVec>.Add(LaneOps<TVec>.Add(k1[g][i], LaneOps<TVec>.Multiply(two, k2[g][i])), LaneOps<TVec>.Multiply(two, k3[g][i])),
                            k4[g][i])));
                    break;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Not a fixed-step method.");
        }

        void Update(Func<int, int, Expression> increment)
        {
            for (var g = 0; g < groups; g++)
            {
                for (var i = 0; i < nv; i++)
                {
                    code.Add(Expression.Assign(y[g][i], LaneOps<TVec>.Add(y[g][i], increment(g, i))));
                }
            }
        }
    }

    /// <summary>
    /// The history of the delayed sources. Before the first step (a call starting at sample 0) every position holds
    /// the initial state, which is what a source reads before the start. At the start of step <c>k</c> (global, =
    /// sample · steps per sample + j) its state goes to positions <c>k mod L</c> and <c>k mod L + L</c>; a stage at
    /// <c>t_k + c·dt</c> reads a source <c>d</c> steps back (1 ≤ d &lt; L) at position <c>k mod L + L + c − d</c>.
    /// </summary>
    /// <returns>The read of a delayed source, by group and stage offset c.</returns>
    private static Func<int, int, Func<DelayedState, Expression>> EmitHistory(
        ModelLayout layout,
        ParameterExpression ctx,
        ParameterExpression[][] y,
        ParameterExpression sample,
        ParameterExpression steps,
        ParameterExpression j,
        List<Expression> step,
        List<Expression> prologue,
        List<ParameterExpression> locals)
    {
        var groups = y.Length;
        var sources = layout.DelayedSources;
        var nh = sources.Count;
        var length = layout.HistoryLength;
        var stride = groups * nh;
        var history = Expression.Field(ctx, nameof(KernelContext<TVec>.History));
        var slotOf = sources.Select((s, h) => (s, h)).ToDictionary(x => x.s, x => x.h);
        var q = Expression.Variable(typeof(int), "history_q");
        var pos = Expression.Variable(typeof(int), "history_pos");
        var hbase = Expression.Variable(typeof(int), "history_base");
        locals.AddRange([q, pos, hbase]);

        Expression At(Expression position, int g, int h) =>
            Expression.ArrayAccess(history, Expression.Add(Expression.Multiply(position, Expression.Constant(stride)), Expression.Constant((g * nh) + h)));

        // Prefill at the start of the run.
        var fill = new List<Expression>();
        for (var g = 0; g < groups; g++)
        {
            for (var h = 0; h < nh; h++)
            {
                fill.Add(Expression.Assign(At(q, g, h), y[g][sources[h]]));
            }
        }

        var filled = Expression.Label("history_filled");
        fill.Add(Expression.PreIncrementAssign(q));
        fill.Add(Expression.IfThen(Expression.GreaterThanOrEqual(q, Expression.Constant(2 * length)), Expression.Break(filled)));
        prologue.Add(Expression.IfThen(
            Expression.Equal(sample, Expression.Constant(0)),
            Expression.Block(Expression.Assign(q, Expression.Constant(0)), Expression.Loop(Expression.Block(fill), filled))));

        // Each step: record the state, then fix the base position for the reads.
        step.Add(Expression.Assign(pos, Expression.Modulo(Expression.Add(Expression.Multiply(sample, steps), j), Expression.Constant(length))));
        for (var g = 0; g < groups; g++)
        {
            for (var h = 0; h < nh; h++)
            {
                step.Add(Expression.Assign(At(pos, g, h), y[g][sources[h]]));
                step.Add(Expression.Assign(At(Expression.Add(pos, Expression.Constant(length)), g, h), y[g][sources[h]]));
            }
        }

        step.Add(Expression.Assign(hbase, Expression.Multiply(Expression.Add(pos, Expression.Constant(length)), Expression.Constant(stride))));
        return (g, c) => d => Expression.ArrayAccess(
            history,
            Expression.Add(hbase, Expression.Constant(((c - d.Steps) * stride) + (g * nh) + slotOf[layout.StateIndex(d.Source)])));
    }

    private static void EmitClamp(ModelLayout layout, ParameterExpression[][] y, List<Expression> code)
    {
        for (var i = 0; i < layout.StateVariables.Count; i++)
        {
            if (layout.StateVariables[i].Boundaries is not { } b)
            {
                continue;
            }

            if (b.Mode == Tvbo.Model.BoundaryMode.Wrap)
            {
                var wrap = typeof(LaneMath).GetMethod(nameof(LaneMath.Wrap))!.MakeGenericMethod(typeof(TVec));
                for (var g = 0; g < y.Length; g++)
                {
                    code.Add(Expression.Assign(y[g][i], Expression.Call(wrap, y[g][i], Expression.Constant(b.Lower), Expression.Constant(b.Upper))));
                }

                continue;
            }

            for (var g = 0; g < y.Length; g++)
            {
                // Boundaries.Clamp: v < lo ? lo : v > hi ? hi : v (NaN stays NaN).
                Expression v = y[g][i];
                if (b.Upper < double.PositiveInfinity)
                {
                    var hi = LaneOps<TVec>.Constant(b.Upper);
                    v = LaneOps<TVec>.Select(LaneOps<TVec>.Compare("GreaterThan", y[g][i], hi), hi, v);
                }

                if (b.Lower > double.NegativeInfinity)
                {
                    var lo = LaneOps<TVec>.Constant(b.Lower);
                    v = LaneOps<TVec>.Select(LaneOps<TVec>.Compare("LessThan", y[g][i], lo), lo, v);
                }

                if (!ReferenceEquals(v, y[g][i]))
                {
                    code.Add(Expression.Assign(y[g][i], v));
                }
            }
        }
    }
}

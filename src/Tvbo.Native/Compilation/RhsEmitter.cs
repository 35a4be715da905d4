using System.Linq.Expressions;
using System.Reflection;
using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.Native.Compilation;

/// <summary>
/// Translates a model's equations into expression-tree code over one vector of lanes (one group of conditions).
/// The arithmetic follows the parsed tree exactly — no reassociation, no fused multiply-add — so each lane gives
/// the bits of the same scalar computation: derived variables first (in evaluation order), then the
/// right-hand sides in declaration order; <c>x**n</c> for a whole literal 0 ≤ n ≤ 16 by repeated
/// multiplication (as <see cref="ExpressionEvaluator"/>), other powers (negative, fractional, non-literal) and transcendentals with <see cref="Math"/>
/// per lane, <c>%</c> with <see cref="ExpressionEvaluator.Modulo"/> per lane; compound conditions combine comparison masks bitwise. Sub-expressions that read only parameters and constants are computed once, before the time loop.
/// </summary>
/// <typeparam name="TVec">The vector type.</typeparam>
internal sealed class RhsEmitter<TVec>
    where TVec : struct
{
    private readonly ModelLayout _layout;
    private readonly Func<int, Expression> _parameter;
    private readonly List<ParameterExpression> _locals;
    private readonly List<Expression> _prologue;
    private readonly Dictionary<Expr, ParameterExpression> _hoisted = [];
    private readonly Dictionary<string, ParameterExpression> _invariantDerived = new(StringComparer.Ordinal);
    private readonly Dictionary<Expr, bool> _invariant = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _invariantNames = new(StringComparer.Ordinal);
    private readonly ISet<string> _varied;
    private readonly SharedHoists _shared;
    private readonly Dictionary<string, DelayedState> _delayedStates;
    private readonly Dictionary<string, ParameterExpression> _heldAtStepStart = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Func<Expression>> _external;
    private Func<DelayedState, Expression>? _delayed;
    private Func<int, Expression>? _input;

    /// <summary>Creates an emitter for one group.</summary>
    /// <param name="layout">The model.</param>
    /// <param name="parameter">The expression (a local) holding a parameter slot's vector.</param>
    /// <param name="locals">Receives every local the emitted code declares.</param>
    /// <param name="prologue">Receives the statements run once before the time loop (hoisted invariants).</param>
    /// <param name="varied">The parameters that differ between lanes; the others are the same in every lane and group.</param>
    /// <param name="shared">Hoisted values that use no varied parameter, shared by the emitters of all groups of a kernel.</param>
    /// <param name="external">Symbols read from outside the model's slots, each where it is read (a network node's own
    /// parameters and its coupling inputs, a coupling's source and target states); they differ between evaluations, so
    /// nothing that reads them is hoisted.</param>
    public RhsEmitter(ModelLayout layout, Func<int, Expression> parameter, List<ParameterExpression> locals, List<Expression> prologue, ISet<string> varied, SharedHoists shared, IReadOnlyDictionary<string, Func<Expression>>? external = null)
    {
        _external = external ?? new Dictionary<string, Func<Expression>>();
        _varied = varied;
        _shared = shared;
        _layout = layout;
        _parameter = parameter;
        _locals = locals;
        _prologue = prologue;
        _delayedStates = layout.Model.DelayedStates.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var d in layout.Derived)
        {
            if (IsInvariant(d.Equation))
            {
                _invariantNames.Add(d.Name);
                var uniform = IsUniform(d.Equation);
                if (!uniform || !_shared.Derived.TryGetValue(d.Name, out var local))
                {
                    local = Local("inv_" + d.Name);
                    _prologue.Add(Expression.Assign(local, Emit(d.Equation, null, null, hoist: false)));
                    if (uniform)
                    {
                        _shared.Derived[d.Name] = local;
                    }
                }

                _invariantDerived[d.Name] = local;
            }
        }
    }

    /// <summary>Emits one evaluation of the right-hand sides.</summary>
    /// <param name="state">The vector of each state slot at which to evaluate.</param>
    /// <param name="statements">Receives the statements that compute the derivatives.</param>
    /// <returns>The locals holding d(state slot)/dt, in declaration order.</returns>
    public ParameterExpression[] EmitDerivatives(Func<int, Expression> state, List<Expression> statements) => EmitDerivatives(state, null, null, statements);

    /// <summary>Emits one evaluation of the right-hand sides of a system with delayed sources.</summary>
    /// <param name="state">The vector of each state slot at which to evaluate.</param>
    /// <param name="delayed">The vector of a delayed source at this stage.</param>
    /// <param name="input">The vector of an input slot at this step.</param>
    /// <param name="statements">Receives the statements that compute the derivatives.</param>
    /// <param name="laterStage">Whether this is a later stage of a step whose first stage this emitter emitted last:
    /// the <see cref="ModelLayout.Held"/> variables are not evaluated again but read from that first stage. At the
    /// first stage (false) they are evaluated, at the step's start, and kept for the later ones.</param>
    /// <returns>The locals holding d(state slot)/dt, in declaration order.</returns>
    public ParameterExpression[] EmitDerivatives(Func<int, Expression> state, Func<DelayedState, Expression>? delayed, Func<int, Expression>? input, List<Expression> statements, bool laterStage = false)
    {
        _delayed = delayed;
        _input = input;
        var derived = new Dictionary<string, ParameterExpression>(_invariantDerived, StringComparer.Ordinal);
        foreach (var d in _layout.Derived)
        {
            if (_invariantNames.Contains(d.Name))
            {
                continue;
            }

            if (laterStage && _layout.Held.Contains(d.Name))
            {
                derived[d.Name] = _heldAtStepStart.TryGetValue(d.Name, out var held)
                    ? held
                    : throw new InvalidOperationException($"The held variable '{d.Name}' is read by a later stage before a first stage evaluated it.");
                continue;
            }

            var local = Local(d.Name);
            statements.Add(Expression.Assign(local, Emit(d.Equation, state, derived, hoist: true)));
            derived[d.Name] = local;
            if (_layout.Held.Contains(d.Name))
            {
                _heldAtStepStart[d.Name] = local;
            }
        }

        var result = new ParameterExpression[_layout.StateVariables.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var sv = _layout.StateVariables[i];
            result[i] = Local("d" + sv.Name);
            statements.Add(Expression.Assign(result[i], Emit(sv.Equation, state, derived, hoist: true)));
        }

        return result;
    }

    /// <summary>Emits one expression over the external symbols and constants (a coupling's pre- or post-expression):
    /// its value, with what reads no external symbol hoisted before the loop.</summary>
    /// <param name="e">The expression.</param>
    public Expression EmitExpression(Expr e) => Emit(e, null, null, hoist: true);

    /// <summary>Emits an expression that reads state variables, parameters and constants (an event's value), at
    /// <paramref name="state"/>; what reads only parameters and constants is hoisted before the loop.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="state">The vector of each state slot.</param>
    public Expression EmitAt(Expr e, Func<int, Expression> state) => Emit(e, state, null, hoist: true);

    /// <summary>Emits a condition (an event's) as a lane mask, at <paramref name="state"/>.</summary>
    /// <param name="condition">A comparison, or comparisons joined by <c>&amp;</c> and <c>|</c>.</param>
    /// <param name="state">The vector of each state slot.</param>
    public Expression EmitConditionAt(Expr condition, Func<int, Expression> state) => Condition(condition, state, null, hoist: true);

    private ParameterExpression Local(string name)
    {
        var p = Expression.Variable(typeof(TVec), name);
        _locals.Add(p);
        return p;
    }

    /// <summary>Whether an invariant expression is also the same in every lane (reads no varied parameter,
    /// directly or through a derived variable).</summary>
    private bool IsUniform(Expr e) => e.FreeSymbols().All(name => _layout.Model.Resolve(name) switch
    {
        SymbolKind.Parameter => !_varied.Contains(name),
        SymbolKind.DerivedVariable => _shared.Derived.ContainsKey(name),
        _ => true,
    });

    private bool IsInvariant(Expr e)
    {
        if (_invariant.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = e switch
        {
            SymbolExpr s when _external.ContainsKey(s.Name) => false,
            SymbolExpr s => _layout.Model.Resolve(s.Name) switch
            {
                SymbolKind.Parameter or SymbolKind.CouplingTerm or SymbolKind.Constant => true,
                SymbolKind.DerivedVariable => _invariantNames.Contains(s.Name),
                _ => false,
            },
            _ => e.Children.All(IsInvariant),
        };
        _invariant[e] = result;
        return result;
    }

    private Expression Emit(Expr e, Func<int, Expression>? state, Dictionary<string, ParameterExpression>? derived, bool hoist)
    {
        if (hoist && e is not (NumberExpr or SymbolExpr or BooleanExpr) && IsInvariant(e))
        {
            var scope = IsUniform(e) ? _shared.Hoisted : _hoisted;
            if (!scope.TryGetValue(e, out var local))
            {
                local = Local("inv");
                _prologue.Add(Expression.Assign(local, Emit(e, null, null, hoist: false)));
                scope[e] = local;
            }

            return local;
        }

        Expression Sub(Expr x) => Emit(x, state, derived, hoist);
        return e switch
        {
            NumberExpr n => LaneOps<TVec>.Constant(n.Value),
            SymbolExpr s => Symbol(s.Name, state, derived),
            BooleanExpr b => LaneOps<TVec>.Constant(b.Value ? 1.0 : 0.0),
            ComparisonExpr or LogicalExpr => LaneOps<TVec>.Select(Condition(e, state, derived, hoist), LaneOps<TVec>.Constant(1.0), LaneOps<TVec>.Constant(0.0)),
            UnaryExpr { Operator: UnaryOperator.Negate } u => LaneOps<TVec>.Negate(Sub(u.Operand)),
            UnaryExpr u => Sub(u.Operand),
            BinaryExpr { Operator: BinaryOperator.Add } b => LaneOps<TVec>.Add(Sub(b.Left), Sub(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Subtract } b => LaneOps<TVec>.Subtract(Sub(b.Left), Sub(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Multiply } b => LaneOps<TVec>.Multiply(Sub(b.Left), Sub(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Divide } b => LaneOps<TVec>.Divide(Sub(b.Left), Sub(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Power } b => Power(b, state, derived, hoist),
            BinaryExpr { Operator: BinaryOperator.Modulo } b => Expression.Call(LaneMethod(nameof(LaneMath.Mod)), Sub(b.Left), Sub(b.Right)),
            CallExpr c => Call(c.Function, c.Arguments.Select(Sub).ToArray()),
            PiecewiseExpr p => Piecewise(p, state, derived, hoist),
            _ => throw Unsupported(e, $"the expression node {e.GetType().Name} is not supported by the native backend"),
        };
    }

    private Expression Symbol(string name, Func<int, Expression>? state, Dictionary<string, ParameterExpression>? derived)
    {
        if (_external.TryGetValue(name, out var external))
        {
            return external();
        }

        switch (_layout.Model.Resolve(name))
        {
            case SymbolKind.StateVariable when state is not null:
                return state(_layout.StateIndex(name));
            case SymbolKind.Parameter:
                return _parameter(_layout.ParameterIndex(name));
            case SymbolKind.DerivedVariable when _invariantDerived.TryGetValue(name, out var inv):
                return inv;
            case SymbolKind.DerivedVariable when derived is not null && derived.TryGetValue(name, out var local):
                return local;
            case SymbolKind.CouplingTerm:
                return LaneOps<TVec>.Constant(0.0);
            case SymbolKind.DelayedState when _delayed is not null:
                return _delayed(_delayedStates[name]);
            case SymbolKind.Input when _input is not null:
                return _input(_layout.InputIndex(name));
            case SymbolKind.Constant:
                return LaneOps<TVec>.Constant(Functions.Constants[name]);
            default:
                throw new ModelException(_layout.Model.Name, $"Model '{_layout.Model.Name}': the native backend cannot resolve '{name}' where it is used; declare it as a parameter, state variable, derived variable or coupling term.", name);
        }
    }

    private Expression Power(BinaryExpr b, Func<int, Expression>? state, Dictionary<string, ParameterExpression>? derived, bool hoist)
    {
        // As ExpressionEvaluator: a whole literal exponent 0..16 by repeated multiplication; anything else
        // (negative or fractional literals, expressions) with Math.Pow, as numpy's power does.
        if (ExpressionEvaluator.TryGetSmallIntegerExponent(b.Right, out var n))
        {
            if (n == 0)
            {
                return LaneOps<TVec>.Constant(1.0);
            }

            var x = Expression.Variable(typeof(TVec), "pow_base");
            Expression product = x;
            for (var i = 1; i < n; i++)
            {
                product = LaneOps<TVec>.Multiply(product, x);
            }

            return Expression.Block([x], Expression.Assign(x, Emit(b.Left, state, derived, hoist)), product);
        }

        return Expression.Call(LaneMethod(nameof(LaneMath.Pow)), Emit(b.Left, state, derived, hoist), Emit(b.Right, state, derived, hoist));
    }

    private static Expression Call(MathFunction f, Expression[] arguments)
    {
        var x = arguments[0];
        switch (f)
        {
            case MathFunction.Sqrt:
                return LaneOps<TVec>.Sqrt(x);
            case MathFunction.Abs:
                return LaneOps<TVec>.Abs(x);
            case MathFunction.Sign:
                {
                    // sign(x): 1, -1, 0 for ±0, NaN for NaN (as Functions.Evaluate).
                    var v = Expression.Variable(typeof(TVec), "sign_arg");
                    var zero = LaneOps<TVec>.Constant(0.0);
                    var body = LaneOps<TVec>.Select(
                        LaneOps<TVec>.Compare("GreaterThan", v, zero),
                        LaneOps<TVec>.Constant(1.0),
                        LaneOps<TVec>.Select(
                            LaneOps<TVec>.Compare("LessThan", v, zero),
                            LaneOps<TVec>.Constant(-1.0),
                            LaneOps<TVec>.Select(LaneOps<TVec>.Compare("Equals", v, v), zero, v)));
                    return Expression.Block([v], Expression.Assign(v, x), body);
                }

            default:
                var name = f switch
                {
                    MathFunction.Exp => nameof(LaneMath.Exp),
                    MathFunction.Log => nameof(LaneMath.Log),
                    MathFunction.Sin => nameof(LaneMath.Sin),
                    MathFunction.Cos => nameof(LaneMath.Cos),
                    MathFunction.Tan => nameof(LaneMath.Tan),
                    MathFunction.Sinh => nameof(LaneMath.Sinh),
                    MathFunction.Cosh => nameof(LaneMath.Cosh),
                    MathFunction.Tanh => nameof(LaneMath.Tanh),
                    MathFunction.Arcsin => nameof(LaneMath.Asin),
                    MathFunction.Arccos => nameof(LaneMath.Acos),
                    MathFunction.Arctan => nameof(LaneMath.Atan),
                    MathFunction.Floor => nameof(LaneMath.Floor),
                    MathFunction.Ceiling => nameof(LaneMath.Ceiling),
                    MathFunction.Log10 => nameof(LaneMath.Log10),
                    MathFunction.Exp2 => nameof(LaneMath.Exp2),
                    MathFunction.Erf => nameof(LaneMath.Erf),
                    MathFunction.Erfc => nameof(LaneMath.Erfc),
                    MathFunction.Arctan2 => nameof(LaneMath.Atan2),
                    MathFunction.Fmod => nameof(LaneMath.Fmod),
                    MathFunction.Maximum => nameof(LaneMath.Maximum),
                    MathFunction.Minimum => nameof(LaneMath.Minimum),
                    MathFunction.Heaviside => nameof(LaneMath.Heaviside),
                    _ => throw new ArgumentOutOfRangeException(nameof(f), f, "Unknown function."),
                };
                return Expression.Call(LaneMethod(name), arguments);
        }
    }

    private static MethodInfo LaneMethod(string name) =>
        typeof(LaneMath).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(typeof(TVec));

    private Expression Piecewise(PiecewiseExpr p, Func<int, Expression>? state, Dictionary<string, ParameterExpression>? derived, bool hoist)
    {
        // The first case whose condition holds; NaN where none does (as ExpressionEvaluator).
        Expression acc = LaneOps<TVec>.Constant(double.NaN);
        for (var i = p.Cases.Count - 1; i >= 0; i--)
        {
            var c = p.Cases[i];
            var value = Emit(c.Value, state, derived, hoist);
            acc = c.Condition switch
            {
                BooleanExpr { Value: true } => value,
                BooleanExpr { Value: false } => acc,
                _ => LaneOps<TVec>.Select(Condition(c.Condition, state, derived, hoist), value, acc),
            };
        }

        return acc;
    }

    private Expression Condition(Expr c, Func<int, Expression>? state, Dictionary<string, ParameterExpression>? derived, bool hoist)
    {
        if (c is BooleanExpr b)
        {
            return b.Value ? LaneOps<TVec>.AllTrue() : LaneOps<TVec>.AllFalse();
        }

        if (c is LogicalExpr logical)
        {
            // Masks are all-ones or all-zeros per lane, so bitwise and/or combine them lane by lane.
            var left = Condition(logical.Left, state, derived, hoist);
            var right = Condition(logical.Right, state, derived, hoist);
            return logical.Operator == LogicalOperator.And ? LaneOps<TVec>.And(left, right) : LaneOps<TVec>.Or(left, right);
        }

        if (c is not ComparisonExpr cmp)
        {
            throw Unsupported(c, "a Piecewise condition must be a comparison (<, <=, >, >=, ==, !=), True/False, or conditions joined by & and |");
        }

        var l = Emit(cmp.Left, state, derived, hoist);
        var r = Emit(cmp.Right, state, derived, hoist);
        return cmp.Operator switch
        {
            ComparisonOperator.Less => LaneOps<TVec>.Compare("LessThan", l, r),
            ComparisonOperator.LessOrEqual => LaneOps<TVec>.Compare("LessThanOrEqual", l, r),
            ComparisonOperator.Greater => LaneOps<TVec>.Compare("GreaterThan", l, r),
            ComparisonOperator.GreaterOrEqual => LaneOps<TVec>.Compare("GreaterThanOrEqual", l, r),
            ComparisonOperator.Equal => LaneOps<TVec>.Compare("Equals", l, r),
            _ => LaneOps<TVec>.Not(LaneOps<TVec>.Compare("Equals", l, r)),
        };
    }

    private ModelException Unsupported(Expr e, string what) =>
        new(_layout.Model.Name, $"Model '{_layout.Model.Name}': {what} (in '{PyRatesPrinter.PrintPython(e)}').");
}

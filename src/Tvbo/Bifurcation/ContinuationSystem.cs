using System.Linq.Expressions;
using Tvbo.Expressions;
using Tvbo.Model;
using LinqExpression = System.Linq.Expressions.Expression;

namespace Tvbo.Bifurcation;

/// <summary>
/// A model as the continuation sees it: <c>dx/dt = f(x, p)</c> with the derived variables inlined into the right-hand
/// sides (functions are inlined when the model is read), every symbol a state variable or a parameter (a single node's
/// coupling inputs are parameters fixed at 0), and <c>f</c>, its Jacobian in the states and its derivative in a
/// parameter compiled once from the expression trees (<see cref="Derivative"/>).
/// </summary>
internal sealed class ContinuationSystem
{
    private readonly Dictionary<string, int> _parameterIndex;
    private readonly Func<double[], double[], double[], double[]> _rhs;
    private readonly Lazy<Func<double[], double[], double[], double[]>> _jacobian;
    private readonly Dictionary<int, Func<double[], double[], double[], double[]>> _parameterDerivatives = [];

    private ContinuationSystem(string modelName, string[] states, string[] parameters, double[] parameterValues, double[] initialState, Expr[] rhs)
    {
        ModelName = modelName;
        StateNames = states;
        ParameterNames = parameters;
        ParameterValues = parameterValues;
        InitialState = initialState;
        RightHandSides = rhs;
        _parameterIndex = parameters.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        _rhs = Compile(rhs);
        _jacobian = new(() => Compile(states.SelectMany(_ => states, (_, _) => 0).Select((_, k) => Derivative.Of(rhs[k / states.Length], states[k % states.Length])).ToArray()));
    }

    /// <summary>The model's name.</summary>
    public string ModelName { get; }

    /// <summary>The state variables, in the model's order.</summary>
    public IReadOnlyList<string> StateNames { get; }

    /// <summary>The parameters: the model's, then its coupling inputs (0 for a single node).</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The parameters' values as the model declares them.</summary>
    public IReadOnlyList<double> ParameterValues { get; }

    /// <summary>The model's initial state.</summary>
    public IReadOnlyList<double> InitialState { get; }

    /// <summary>The right-hand sides, one per state, in the states and parameters only.</summary>
    public IReadOnlyList<Expr> RightHandSides { get; }

    /// <summary>The number of state variables.</summary>
    public int Dimension => StateNames.Count;

    /// <summary>Reads a model as a continuation system.</summary>
    /// <param name="model">The model (a single node).</param>
    /// <param name="context">What is continued, for messages (<c>continuation 'eq_eta'</c>).</param>
    /// <exception cref="ContinuationException">The model has no equilibria to continue: a map, events, delays, inputs
    /// read from series, or time in its equations.</exception>
    public static ContinuationSystem Create(Dynamics model, string context)
    {
        ArgumentNullException.ThrowIfNull(model);
        var why = model.IsDiscrete ? "it is a map (system_type: discrete); continuation follows equilibria of differential equations"
            : model.Events.Count > 0 ? $"it has events ({string.Join(", ", model.Events.Select(e => e.Name))}), which reset the state; an equilibrium of the flow between events is not the model's"
            : model.DelayedStates.Count > 0 ? "it reads delayed states; continuation of delay equations is not supported"
            : model.Inputs.Count > 0 ? $"it reads inputs given as series ({string.Join(", ", model.Inputs)}), so it is not autonomous"
            : !model.IsAutonomous ? $"its equations use time '{Dynamics.TimeSymbol}', so it has no equilibria"
            : model.StateVariables.Count == 0 ? "it has no state variables"
            : null;
        if (why is not null)
        {
            throw new ContinuationException($"{context}: model '{model.Name}' cannot be continued: {why}.", context);
        }

        var derived = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var d in model.DerivedVariablesInEvaluationOrder)
        {
            derived[d.Name] = Inline(d.Equation);
        }

        var states = model.StateVariables.Select(s => s.Name).ToArray();
        var parameters = model.Parameters.Select(p => p.Name).Concat(model.CouplingTerms.Select(c => c.Name)).ToArray();
        var values = model.Parameters.Select(p => p.Value).Concat(model.CouplingTerms.Select(c => c.Value)).ToArray();
        var rhs = model.StateVariables.Select(s => Inline(s.Equation)).ToArray();
        return new ContinuationSystem(model.Name, states, parameters, values, model.StateVariables.Select(s => s.InitialValue).ToArray(), rhs);

        Expr Inline(Expr e) => e.Substitute(name => derived.TryGetValue(name, out var d) ? d : new SymbolExpr(name));
    }

    /// <summary>The index of a parameter in <see cref="ParameterNames"/>, or -1.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The index.</returns>
    public int IndexOfParameter(string name) => _parameterIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Evaluates <c>f(x, p)</c>.</summary>
    /// <param name="x">The state.</param>
    /// <param name="p">The parameters, in the order of <see cref="ParameterNames"/>.</param>
    /// <param name="f">Receives the right-hand sides.</param>
    public void Evaluate(double[] x, double[] p, double[] f) => _rhs(x, p, f);

    /// <summary>Evaluates the Jacobian <c>∂f/∂x</c>, row-major (<c>J[i·n + j] = ∂f_i/∂x_j</c>).</summary>
    /// <param name="x">The state.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="jacobian">Receives the n·n entries.</param>
    public void Jacobian(double[] x, double[] p, double[] jacobian) => _jacobian.Value(x, p, jacobian);

    /// <summary>Evaluates <c>∂f/∂p_k</c>.</summary>
    /// <param name="parameter">The parameter's index.</param>
    /// <param name="x">The state.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="derivative">Receives the n entries.</param>
    public void ParameterDerivative(int parameter, double[] x, double[] p, double[] derivative)
    {
        if (!_parameterDerivatives.TryGetValue(parameter, out var compiled))
        {
            compiled = Compile(RightHandSides.Select(r => Derivative.Of(r, ParameterNames[parameter])).ToArray());
            _parameterDerivatives[parameter] = compiled;
        }

        compiled(x, p, derivative);
    }

    /// <summary>Compiles expressions in the states and parameters into one delegate that writes their values.</summary>
    private Func<double[], double[], double[], double[]> Compile(Expr[] expressions)
    {
        var x = LinqExpression.Parameter(typeof(double[]), "x");
        var p = LinqExpression.Parameter(typeof(double[]), "p");
        var output = LinqExpression.Parameter(typeof(double[]), "output");
        var stateIndex = StateNames.Select((s, i) => (s, i)).ToDictionary(t => t.s, t => t.i, StringComparer.Ordinal);
        var body = new List<LinqExpression>();
        for (var k = 0; k < expressions.Length; k++)
        {
            body.Add(LinqExpression.Assign(LinqExpression.ArrayAccess(output, LinqExpression.Constant(k)), Value(expressions[k])));
        }

        body.Add(output);
        return LinqExpression.Lambda<Func<double[], double[], double[], double[]>>(LinqExpression.Block(body), x, p, output).Compile();

        LinqExpression Value(Expr e) => e switch
        {
            NumberExpr n => LinqExpression.Constant(n.Value),
            SymbolExpr s => Symbol(s.Name),
            BooleanExpr or ComparisonExpr or LogicalExpr => LinqExpression.Condition(Holds(e), LinqExpression.Constant(1.0), LinqExpression.Constant(0.0)),
            UnaryExpr u => u.Operator == UnaryOperator.Negate ? LinqExpression.Negate(Value(u.Operand)) : Value(u.Operand),
            BinaryExpr { Operator: BinaryOperator.Add } b => LinqExpression.Add(Value(b.Left), Value(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Subtract } b => LinqExpression.Subtract(Value(b.Left), Value(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Multiply } b => LinqExpression.Multiply(Value(b.Left), Value(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Divide } b => LinqExpression.Divide(Value(b.Left), Value(b.Right)),
            BinaryExpr { Operator: BinaryOperator.Power } b => Power(b),
            BinaryExpr { Operator: BinaryOperator.Modulo } b => Call(typeof(ExpressionEvaluator), nameof(ExpressionEvaluator.Modulo), Value(b.Left), Value(b.Right)),
            CallExpr c => c.Arguments.Count == 1
                ? LinqExpression.Call(typeof(Functions).GetMethod(nameof(Functions.Evaluate), [typeof(MathFunction), typeof(double)])!, LinqExpression.Constant(c.Function), Value(c.Arguments[0]))
                : LinqExpression.Call(typeof(Functions).GetMethod(nameof(Functions.Evaluate), [typeof(MathFunction), typeof(double), typeof(double)])!, LinqExpression.Constant(c.Function), Value(c.Arguments[0]), Value(c.Arguments[1])),
            PiecewiseExpr pw => pw.Cases.Reverse().Aggregate((LinqExpression)LinqExpression.Constant(double.NaN), (rest, c) => LinqExpression.Condition(Holds(c.Condition), Value(c.Value), rest)),
            _ => throw new ArgumentException($"Unknown expression node {e.GetType().Name}.", nameof(expressions)),
        };

        LinqExpression Symbol(string name) =>
            stateIndex.TryGetValue(name, out var i) ? LinqExpression.ArrayIndex(x, LinqExpression.Constant(i))
            : _parameterIndex.TryGetValue(name, out var k) ? LinqExpression.ArrayIndex(p, LinqExpression.Constant(k))
            : Functions.Constants.TryGetValue(name, out var c) ? LinqExpression.Constant(c)
            : throw new ContinuationException($"model '{ModelName}': the symbol '{name}' is neither a state variable nor a parameter.", null);

        LinqExpression Power(BinaryExpr b)
        {
            if (ExpressionEvaluator.TryGetSmallIntegerExponent(b.Right, out var n))
            {
                if (n == 0)
                {
                    return LinqExpression.Constant(1.0);
                }

                var t = LinqExpression.Variable(typeof(double));
                var product = (LinqExpression)t;
                for (var i = 1; i < n; i++)
                {
                    product = LinqExpression.Multiply(product, t);
                }

                return LinqExpression.Block([t], LinqExpression.Assign(t, Value(b.Left)), product);
            }

            return Call(typeof(Math), nameof(Math.Pow), Value(b.Left), Value(b.Right));
        }

        LinqExpression Holds(Expr condition) => condition switch
        {
            BooleanExpr bo => LinqExpression.Constant(bo.Value),
            ComparisonExpr c => c.Operator switch
            {
                ComparisonOperator.Less => LinqExpression.LessThan(Value(c.Left), Value(c.Right)),
                ComparisonOperator.LessOrEqual => LinqExpression.LessThanOrEqual(Value(c.Left), Value(c.Right)),
                ComparisonOperator.Greater => LinqExpression.GreaterThan(Value(c.Left), Value(c.Right)),
                ComparisonOperator.GreaterOrEqual => LinqExpression.GreaterThanOrEqual(Value(c.Left), Value(c.Right)),
                ComparisonOperator.Equal => LinqExpression.Equal(Value(c.Left), Value(c.Right)),
                _ => LinqExpression.NotEqual(Value(c.Left), Value(c.Right)),
            },
            LogicalExpr { Operator: LogicalOperator.And } l => LinqExpression.And(Holds(l.Left), Holds(l.Right)),
            LogicalExpr l => LinqExpression.Or(Holds(l.Left), Holds(l.Right)),
            _ => throw new ArgumentException($"A condition must be a comparison, True/False or conditions joined by & and |, not {PyRatesPrinter.PrintPython(condition)}.", nameof(expressions)),
        };

        static LinqExpression Call(Type type, string method, LinqExpression a, LinqExpression b) =>
            LinqExpression.Call(type.GetMethod(method, [typeof(double), typeof(double)])!, a, b);
    }
}

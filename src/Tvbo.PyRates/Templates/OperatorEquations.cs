using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.PyRates.Templates;

/// <summary>The equations of a template's operator, in the order PyRates evaluates them: each derived variable's
/// helper equations and equation (in evaluation order), each state variable's helpers and rate, then the differential
/// equations. Every right-hand side is rewritten for PyRates first (<see cref="PiecewiseRewriter"/>,
/// <see cref="AbsRewriter"/>, <see cref="ConstantRewriter"/>) and split into operations of one step each
/// (<see cref="OperationSplitter"/>).</summary>
internal sealed class OperatorEquations
{
    private readonly Dynamics _model;
    private readonly TemplateNames _names;
    private readonly ConstantRewriter _rewriter;
    private readonly OperationSplitter _splitter;
    private readonly List<string> _helpers = [];
    private readonly List<string> _rates = [];
    private readonly List<string> _equations = [];

    /// <summary>Writes the equations of <paramref name="model"/>.</summary>
    /// <param name="model">The model (valid).</param>
    /// <param name="derived">Its derived variables in evaluation order.</param>
    /// <param name="names">The template's names.</param>
    /// <param name="constants">The template's constants (filled as the equations need them).</param>
    /// <exception cref="PyRatesTranslationException">An equation uses a construct PyRates cannot express.</exception>
    public OperatorEquations(Dynamics model, IReadOnlyList<DerivedVariable> derived, TemplateNames names, TemplateConstants constants)
    {
        _model = model;
        _names = names;
        _rewriter = new ConstantRewriter(names.IsModelSymbol, constants.NameOf);
        _splitter = new OperationSplitter(names.Internal);
        foreach (var d in derived)
        {
            var rhs = Rewrite(d.Equation, names[d.Name], $"Model '{model.Name}', derived variable '{d.Name}'");
            _equations.Add($"{names[d.Name]} = {Print(rhs)}");
        }

        var odes = model.StateVariables.Select(WriteState).ToList();
        _equations.AddRange(odes);
    }

    /// <summary>The equations, in evaluation order.</summary>
    public IReadOnlyList<string> Equations => _equations;

    /// <summary>The helper variables (one operation each), in the order written.</summary>
    public IReadOnlyList<string> Helpers => _helpers;

    /// <summary>The rate variables of the state variables that have one.</summary>
    public IReadOnlyList<string> Rates => _rates;

    // A state's right-hand side is the rate variable rate_x (d/dt * x = rate_x) unless it is a single symbol; returns
    // the differential equation, to be written after every other equation.
    private string WriteState(StateVariable s)
    {
        var rhs = Rewrite(s.Equation, _names[s.Name], $"Model '{_model.Name}', state variable '{s.Name}'");
        if (rhs is SymbolExpr { Name: var symbol } && (symbol != "pi" || _names.IsModelSymbol("pi")))
        {
            return $"d/dt * {_names[s.Name]} = {Print(rhs)}";
        }

        var rate = _names.Internal("rate_" + _names[s.Name]);
        _rates.Add(rate);
        _equations.Add($"{rate} = {Print(rhs)}");
        return $"d/dt * {_names[s.Name]} = {rate}";
    }

    // The rewritten right-hand side, after its helper equations (written first, in evaluation order).
    private Expr Rewrite(Expr e, string owner, string where)
    {
        var (steps, remaining) = _splitter.Split(_rewriter.Rewrite(AbsRewriter.Rewrite(PiecewiseRewriter.Rewrite(e, where))), owner);
        foreach (var (name, step) in steps)
        {
            _helpers.Add(name);
            _equations.Add($"{name} = {Print(step)}");
        }

        return remaining;
    }

    private string Print(Expr e) =>
        EquationPrinter.Print(e, symbol =>
            _names.Written.TryGetValue(symbol, out var n) ? n
            : symbol == "e" ? PyRatesNumber.Format(Math.E)
            : symbol);
}

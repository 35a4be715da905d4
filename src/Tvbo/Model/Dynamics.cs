using System.Globalization;
using Tvbo.Expressions;
using Tvbo.Files;
using Tvbo.Files.ModelFile;
using Tvbo.Report;

namespace Tvbo.Model;

/// <summary>
/// A model: parameters, state variables with their right-hand sides, derived variables and coupling terms.
/// Build it in code with the <c>Add…</c> methods or load a TVBO model file with <see cref="Load(string)"/>.
/// </summary>
/// <example>
/// <code>
/// var vdp = new Dynamics("VdP");
/// vdp.AddParameter("mu", 1.0, description: "Damping parameter");
/// vdp.AddStateVariable("x", equation: "z", initialValue: 0.1);
/// vdp.AddStateVariable("z", equation: "mu*(1 - x**2)*z - x", initialValue: 0.0);
/// </code>
/// </example>
public sealed partial class Dynamics
{
    private readonly List<Parameter> _parameters = [];
    private readonly List<StateVariable> _stateVariables = [];
    private readonly List<DerivedVariable> _derivedVariables = [];
    private readonly List<CouplingTerm> _couplingTerms = [];
    private readonly Dictionary<string, SymbolKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionDefinition> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ShadowedParameter> _shadowed = new(StringComparer.Ordinal);
    private readonly List<string> _outputs = [];
    private IReadOnlyList<DerivedVariable>? _orderedDerived;

    /// <summary>Parameters a model file gives as a list (one value per node), with the list's YAML node: the experiment
    /// reader turns them into per-node values once the network is known.</summary>
    internal Dictionary<string, (double[] Values, YamlDotNet.RepresentationModel.YamlNode At)> NodeValueLists { get; } = new(StringComparer.Ordinal);

    /// <summary>State variables a model file gives noise of their own (<c>noise: {parameters: {sigma}}</c>), with the
    /// noise's YAML node: the experiment reader records them in its integration noise.</summary>
    internal Dictionary<string, (double Sigma, YamlDotNet.RepresentationModel.YamlNode At)> StateNoise { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates an empty model.</summary>
    /// <param name="name">The model's name (letters, digits and underscores, starting with a letter).</param>
    /// <param name="description">An optional description.</param>
    public Dynamics(string name, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Identifier.IsValid(name))
        {
            throw new ModelException(name, $"Model name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        Name = name;
        Description = description;
    }

    /// <summary>What kind of system the model is: <see cref="SystemType.Continuous"/> (the default; the state
    /// variables' equations are time derivatives) or <see cref="SystemType.Discrete"/> (a map; the equations are the
    /// state variables' next values, <c>x_{n+1} = f(x_n, parameters, derived variables)</c>). A map runs only on the
    /// native backend, iterated once per <see cref="Experiment.IntegrationSettings.StepSize"/>: see
    /// <see cref="Experiment.IntegrationSettings"/>.</summary>
    public SystemType SystemType { get; set; }

    /// <summary>Whether the model is a discrete map (<see cref="SystemType"/> is <see cref="SystemType.Discrete"/>).</summary>
    public bool IsDiscrete => SystemType == SystemType.Discrete;

    /// <summary>The number of modes the model was written with (TVB's multi-mode models; 1 for most). A model file with
    /// <c>number_of_modes: M</c> is read as the single-mode model it means: each state variable <c>x</c> is
    /// <c>x_m0</c> … <c>x_m{M-1}</c>, per-mode parameter values are <c>p_m0</c> …, and mode matrices <c>A_m0_m1</c> ….</summary>
    public int NumberOfModes
    {
        get => _modes;
        internal set => _modes = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A model has at least one mode.");
    }

    private int _modes = 1;

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>An optional description.</summary>
    public string? Description { get; set; }

    /// <summary>The parameters, in the order they were added.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The state variables, in the order they were added (the order of outputs in results).</summary>
    public IReadOnlyList<StateVariable> StateVariables => _stateVariables;

    /// <summary>The derived variables, in the order they were added.</summary>
    public IReadOnlyList<DerivedVariable> DerivedVariables => _derivedVariables;

    /// <summary>The coupling terms (inputs from other nodes, held at 0 for a single node).</summary>
    public IReadOnlyList<CouplingTerm> CouplingTerms => _couplingTerms;

    /// <summary>The functions the model defines (TVBO's <c>functions:</c>), by name. Calls of them in equations
    /// added after the definition are inlined when the equation is parsed.</summary>
    public IReadOnlyDictionary<string, FunctionDefinition> Functions => _functions;

    /// <summary>Parameters hidden by a derived variable of the same name (TVBO's symbol table lets the derived
    /// variable win): they are not used by any equation and cannot be explored.</summary>
    public IReadOnlyCollection<ShadowedParameter> ShadowedParameters => _shadowed.Values;

    /// <summary>The names of the model's outputs (TVBO's <c>output:</c>): state or derived variables. Empty means every
    /// state variable, in declaration order.</summary>
    public IReadOnlyList<string> Outputs => _outputs;

    /// <summary>Whether the model's equations do not use time <c>t</c> (TVBO's <c>autonomous</c>). Validates nothing.</summary>
    public bool IsAutonomous => Resolve(TimeSymbol) != SymbolKind.Time || !Uses(TimeSymbol);

    /// <summary>Whether a state variable's or derived variable's equation, or an event, uses <paramref name="symbol"/>.</summary>
    /// <param name="symbol">The symbol.</param>
    internal bool Uses(string symbol) =>
        _stateVariables.Select(s => s.Equation).Concat(_derivedVariables.Select(d => d.Equation))
            .Concat(_events.SelectMany(ev => ev.Assignments.Select(a => a.Value).Prepend(ev.Condition)))
            .Any(e => e.FreeSymbols().Contains(symbol));

    /// <summary>The name of time in equations, <c>t</c> (unless the model declares a symbol of that name).</summary>
    public const string TimeSymbol = "t";

    /// <summary>Defines a function that later equations may call; calls are inlined (TVBO's <c>functions:</c> with
    /// <c>arguments</c>). The body may call functions defined before it.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="arguments">The formal arguments, which shadow model names inside the body only.</param>
    /// <param name="body">The body, in Python/sympy syntax.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ModelException">The name is invalid or taken.</exception>
    /// <exception cref="ExpressionSyntaxException">The body cannot be parsed.</exception>
    public FunctionDefinition AddFunction(string name, IReadOnlyList<string> arguments, string body)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(body);
        if (_functions.ContainsKey(name) || _kinds.ContainsKey(name))
        {
            throw new ModelException(Name, $"Model '{Name}': function '{name}' is already declared; every name in a model must be unique.", name);
        }

        FunctionDefinition definition;
        try
        {
            definition = new FunctionDefinition(name, arguments, ExpressionParser.Parse(body, $"function '{name}' of model '{Name}'", _functions));
        }
        catch (ArgumentException ex)
        {
            throw new ModelException(Name, $"Model '{Name}': function '{name}': {ErrorText.Of(ex)}", name);
        }

        _functions.Add(name, definition);
        _orderedDerived = null;
        return definition;
    }

    /// <summary>Records a parameter that a derived variable of the same name hides (TVBO's symbol table: the derived
    /// variable wins). It takes no part in the equations and exploring it is an error.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">Its declared value.</param>
    public void AddShadowedParameter(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _shadowed[name] = new ShadowedParameter(name, value);
    }

    /// <summary>Selects the model's outputs (TVBO's <c>output:</c>): state or derived variables, checked by
    /// <see cref="Validate"/>. An empty list means every state variable.</summary>
    /// <param name="names">The names, in output order.</param>
    public void SetOutputs(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _outputs.Clear();
        _outputs.AddRange(names);
        _orderedDerived = null;
    }

    /// <summary>Adds a parameter.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="value">Its default value (finite).</param>
    /// <param name="unit">Its unit, if any.</param>
    /// <param name="description">A one-line description, if any.</param>
    /// <returns>The new parameter.</returns>
    /// <exception cref="ModelException">The name is invalid or taken, or the value is not finite.</exception>
    public Parameter AddParameter(string name, double value, string? unit = null, string? description = null)
    {
        RequireFinite(value, $"parameter '{name}'", "value");
        Claim(name, SymbolKind.Parameter);
        var p = new Parameter(name, value, unit, description);
        _parameters.Add(p);
        return p;
    }

    /// <summary>Adds a state variable with its right-hand side.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="equation">The right-hand side of <c>d name/dt</c>, in Python/sympy syntax.</param>
    /// <param name="initialValue">The value at time 0 (finite).</param>
    /// <param name="boundaries">Optional hard bounds, applied after each step.</param>
    /// <param name="description">A one-line description, if any.</param>
    /// <returns>The new state variable.</returns>
    /// <exception cref="ModelException">The name is invalid or taken, or a value is not finite.</exception>
    /// <exception cref="ExpressionSyntaxException">The equation cannot be parsed.</exception>
    public StateVariable AddStateVariable(string name, string equation, double initialValue = 0.0, Boundaries? boundaries = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(equation);
        var expr = ExpressionParser.Parse(equation, $"state variable '{name}' of model '{Name}'", _functions);
        RequireFinite(initialValue, $"state variable '{name}'", "initial value");
        if (boundaries is not null && (double.IsNaN(boundaries.Lower) || double.IsNaN(boundaries.Upper) || boundaries.Lower > boundaries.Upper))
        {
            throw new ModelException(Name, string.Create(CultureInfo.InvariantCulture, $"Model '{Name}': state variable '{name}' has boundaries [{boundaries.Lower}, {boundaries.Upper}]; the lower bound must not exceed the upper bound and neither may be NaN."));
        }

        Claim(name, SymbolKind.StateVariable);
        var v = new StateVariable(name, equation, expr, initialValue, boundaries, description);
        _stateVariables.Add(v);
        return v;
    }

    /// <summary>Adds a derived variable. Derived variables may use each other (in any order of declaration,
    /// as long as there is no cycle).</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="equation">Its defining expression, in Python/sympy syntax.</param>
    /// <param name="description">A one-line description, if any.</param>
    /// <returns>The new derived variable.</returns>
    /// <exception cref="ModelException">The name is invalid or taken.</exception>
    /// <exception cref="ExpressionSyntaxException">The equation cannot be parsed.</exception>
    public DerivedVariable AddDerivedVariable(string name, string equation, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(equation);
        var expr = ExpressionParser.Parse(equation, $"derived variable '{name}' of model '{Name}'", _functions);
        Claim(name, SymbolKind.DerivedVariable);
        var d = new DerivedVariable(name, equation, expr, description);
        _derivedVariables.Add(d);
        return d;
    }

    /// <summary>Adds a coupling term: an input from other nodes, held at 0 for a single node.</summary>
    /// <param name="name">The term's name.</param>
    /// <param name="description">A one-line description, if any.</param>
    /// <returns>The new coupling term.</returns>
    /// <exception cref="ModelException">The name is invalid or taken.</exception>
    public CouplingTerm AddCouplingTerm(string name, string? description = null)
    {
        Claim(name, SymbolKind.CouplingTerm);
        var c = new CouplingTerm(name, description);
        _couplingTerms.Add(c);
        return c;
    }

    /// <summary>Adds a multi-component coupling input (TVBO's <c>coupling_inputs</c> entry with <c>dimension</c> and
    /// <c>keys</c>): one coupling term per key, which the equations use; the input's own name is what a network's
    /// coupling is keyed by, with one pre-expression per component.</summary>
    /// <param name="name">The input's name (not a symbol of the equations).</param>
    /// <param name="keys">The components' names, in order (at least one).</param>
    /// <param name="description">A one-line description, if any.</param>
    /// <returns>The coupling terms, one per key.</returns>
    /// <exception cref="ModelException">A name is invalid or taken, or there are no keys.</exception>
    public IReadOnlyList<CouplingTerm> AddCouplingInput(string name, IReadOnlyList<string> keys, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(keys);
        if (!Identifier.IsValid(name))
        {
            throw new ModelException(Name, $"Model '{Name}': coupling input name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (keys.Count == 0)
        {
            throw new ModelException(Name, $"Model '{Name}': coupling input '{name}' has no keys; name each of its components.");
        }

        if (_kinds.ContainsKey(name) || _functions.ContainsKey(name) || _couplingTerms.Any(c => c.Input == name))
        {
            throw new ModelException(Name, $"Model '{Name}': coupling input '{name}' has the name of another symbol, function or coupling input; every name in a model must be unique.");
        }

        var added = new List<CouplingTerm>();
        for (var k = 0; k < keys.Count; k++)
        {
            if (keys[k] == name)
            {
                throw new ModelException(Name, $"Model '{Name}': coupling input '{name}' has a key of its own name; name its components differently.");
            }

            Claim(keys[k], SymbolKind.CouplingTerm);
            var c = new CouplingTerm(keys[k], description, name, k);
            _couplingTerms.Add(c);
            added.Add(c);
        }

        return added;
    }

    /// <summary>Adds a copy of a coupling term of another model (its input and component kept).</summary>
    internal void AddCouplingTerm(CouplingTerm term)
    {
        Claim(term.Name, SymbolKind.CouplingTerm);
        _couplingTerms.Add(new CouplingTerm(term.Name, term.Description, term.Input, term.Component));
    }

    /// <summary>A copy of this model with time as an extra, last state variable <c>t</c> (right-hand side 1, starting at
    /// <paramref name="start"/>): the autonomous system every backend integrates for a model that uses <c>t</c>, so each
    /// stage of every method sees the time of that stage.</summary>
    /// <param name="start">The time at which the integration starts (minus the transient time).</param>
    internal Dynamics WithTimeState(double start)
    {
        var copy = new Dynamics(Name, Description) { SystemType = SystemType, NumberOfModes = NumberOfModes };
        copy._parameters.AddRange(_parameters);
        copy._stateVariables.AddRange(_stateVariables);
        copy._derivedVariables.AddRange(_derivedVariables);
        copy._couplingTerms.AddRange(_couplingTerms);
        foreach (var (k, v) in _kinds)
        {
            copy._kinds.Add(k, v);
        }

        foreach (var (k, v) in _functions)
        {
            copy._functions.Add(k, v);
        }

        foreach (var (k, v) in _shadowed)
        {
            copy._shadowed.Add(k, v);
        }

        copy._outputs.AddRange(_outputs);
        copy._inputs.AddRange(_inputs);
        copy._delayed.AddRange(_delayed);
        copy._events.AddRange(_events);
        copy._kinds.Add(TimeSymbol, SymbolKind.StateVariable);
        copy._stateVariables.Add(TimeState(start));
        return copy;
    }

    /// <summary>The state variable <c>t</c> with derivative 1 starting at <paramref name="start"/> (see
    /// <see cref="WithTimeState"/>).</summary>
    internal static StateVariable TimeState(double start) =>
        new(TimeSymbol, "1.0", new NumberExpr(1.0, "1.0"), start, null, "Time (the integration's own clock)");

    /// <summary>Finds a parameter by name.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The parameter, or <see langword="null"/>.</returns>
    public Parameter? FindParameter(string name) => _parameters.Find(p => p.Name == name);

    /// <summary>What a name refers to in this model, or <see langword="null"/> when it is unknown.
    /// Model symbols shadow the constants <c>pi</c> and <c>e</c>.</summary>
    /// <param name="name">A symbol name.</param>
    public SymbolKind? Resolve(string name) =>
        _kinds.TryGetValue(name, out var k) ? k
        : name == TimeSymbol ? SymbolKind.Time
        : Expressions.Functions.Constants.ContainsKey(name) ? SymbolKind.Constant
        : null;

    /// <summary>
    /// Checks that the model can be simulated: at least one state variable, every symbol of every equation
    /// resolves, and derived variables have no cycle.
    /// </summary>
    /// <exception cref="ModelException">The first problem found, naming the equation and the symbol.</exception>
    public void Validate() => _ = DerivedVariablesInEvaluationOrder;

    /// <summary>The derived variables in an order in which each one's inputs are computed before it
    /// (declaration order where dependencies allow). Validates the model.</summary>
    /// <exception cref="ModelException">The model is not valid (see <see cref="Validate"/>).</exception>
    public IReadOnlyList<DerivedVariable> DerivedVariablesInEvaluationOrder => _orderedDerived ??= CheckAndOrder();

    /// <summary>Renders the model as a report: its name, state equations and derived variables in LaTeX,
    /// and a parameter table.</summary>
    /// <param name="format">The output format.</param>
    /// <returns>The report text.</returns>
    /// <exception cref="ModelException">The model is not valid.</exception>
    public string GenerateReport(ReportFormat format = ReportFormat.Markdown) => ModelReport.Generate(this, format);

    /// <summary>Loads a model from a TVBO model file (YAML).</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The model.</returns>
    /// <exception cref="TvboFileException">The file is missing or not a valid TVBO model; the message names the file and line.</exception>
    public static Dynamics Load(string path) => TvboModelReader.ReadFile(path);

    /// <summary>Loads a model from a TVBO model file (YAML), logging warnings (keys read but not applied, shadowed
    /// parameters) and the TVBO defaults used.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="logger">Receives warnings and defaults; <see langword="null"/> for none.</param>
    /// <returns>The model.</returns>
    /// <exception cref="TvboFileException">The file is missing or not a valid TVBO model; the message names the file and line.</exception>
    public static Dynamics Load(string path, Microsoft.Extensions.Logging.ILogger? logger) => TvboModelReader.ReadFile(path, logger);

    /// <summary>Reads a model from TVBO model YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The name used for the text in error messages (e.g. a file name).</param>
    /// <returns>The model.</returns>
    /// <exception cref="TvboFileException">The text is not a valid TVBO model; the message names the line.</exception>
    public static Dynamics FromYaml(string yaml, string sourceName = "<yaml>") => TvboModelReader.ReadText(yaml, sourceName);

    /// <inheritdoc/>
    public override string ToString() =>
        $"Dynamics('{Name}', parameters={_parameters.Count}, state_variables=[{string.Join(", ", _stateVariables.Select(s => s.Name))}])";

    internal static bool IsIdentifier(string name) => Identifier.IsValid(name);

    private void Claim(string name, SymbolKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        var what = KindName(kind);
        if (!Identifier.IsValid(name))
        {
            throw new ModelException(Name, $"Model '{Name}': {what} name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (Expressions.ExpressionParser.IsReservedName(name))
        {
            throw new ModelException(Name, $"Model '{Name}': {what} name '{name}' is reserved (a function or keyword of the expression language); choose another name.");
        }

        if (_functions.ContainsKey(name))
        {
            throw new ModelException(Name, $"Model '{Name}': '{name}' is already declared as a function; every name in a model must be unique.");
        }

        if (_kinds.TryGetValue(name, out var existing))
        {
            throw new ModelException(Name, $"Model '{Name}': '{name}' is already declared as a {KindName(existing)}; every name in a model must be unique.");
        }

        _kinds.Add(name, kind);
        _orderedDerived = null;
    }

    private void RequireFinite(double value, string owner, string what)
    {
        if (!double.IsFinite(value))
        {
            throw new ModelException(Name, $"Model '{Name}': {owner} has {what} {value.ToString(CultureInfo.InvariantCulture)}; it must be a finite number.");
        }
    }

    internal static string KindName(SymbolKind kind) => kind switch
    {
        SymbolKind.Parameter => "parameter",
        SymbolKind.StateVariable => "state variable",
        SymbolKind.DerivedVariable => "derived variable",
        SymbolKind.CouplingTerm => "coupling term",
        SymbolKind.Time => "time",
        SymbolKind.DelayedState => "delayed state",
        SymbolKind.Input => "input",
        _ => "constant",
    };

    private List<DerivedVariable> CheckAndOrder()
    {
        if (_stateVariables.Count == 0)
        {
            throw new ModelException(Name, $"Model '{Name}' has no state variables; add at least one with AddStateVariable (or 'state_variables' in a TVBO file).");
        }

        foreach (var s in _stateVariables)
        {
            CheckSymbols(s.Name, s.Equation, $"the equation of state variable '{s.Name}'", s.EquationText);
        }

        foreach (var d in _derivedVariables)
        {
            CheckSymbols(d.Name, d.Equation, $"the equation of derived variable '{d.Name}'", d.EquationText);
        }

        foreach (var o in _outputs)
        {
            if (Resolve(o) is not (SymbolKind.StateVariable or SymbolKind.DerivedVariable))
            {
                throw new ModelException(Name, $"Model '{Name}': output '{o}' is not a state or derived variable; outputs: {string.Join(", ", _stateVariables.Select(s => s.Name).Concat(_derivedVariables.Select(d => d.Name)))}.", o);
            }
        }

        CheckEvents();

        // Depth-first topological order, visiting in declaration order so independent variables keep it.
        var byName = _derivedVariables.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var ordered = new List<DerivedVariable>(_derivedVariables.Count);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done
        var path = new List<string>();
        foreach (var d in _derivedVariables)
        {
            Visit(d);
        }

        return ordered;

        void Visit(DerivedVariable d)
        {
            state.TryGetValue(d.Name, out var s);
            if (s == 2)
            {
                return;
            }

            if (s == 1)
            {
                var cycle = path.SkipWhile(n => n != d.Name).Append(d.Name);
                throw new ModelException(Name, $"Model '{Name}': derived variables depend on each other in a cycle: {string.Join(" -> ", cycle)}. A derived variable may only use derived variables that do not use it.", d.Name);
            }

            state[d.Name] = 1;
            path.Add(d.Name);
            foreach (var sym in d.Equation.FreeSymbols())
            {
                if (byName.TryGetValue(sym, out var dep))
                {
                    Visit(dep);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[d.Name] = 2;
            ordered.Add(d);
        }
    }

    private void CheckSymbols(string owner, Expr equation, string where, string text)
    {
        foreach (var sym in equation.FreeSymbols())
        {
            if (Resolve(sym) is null)
            {
                throw new ModelException(Name, $"Model '{Name}': {where} ('{text}') uses '{sym}', which is not a parameter, state variable, derived variable, coupling term, time (t) or constant (pi, e). Declare it, e.g. AddParameter(\"{sym}\", value). Known names: {string.Join(", ", _kinds.Keys)}.", owner);
            }
        }
    }
}

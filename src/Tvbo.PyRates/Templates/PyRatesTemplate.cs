namespace Tvbo.PyRates.Templates;

/// <summary>
/// A model translated into a PyRates 1.2.3 template: one operator, one node and one circuit, with the YAML text
/// and the names needed to run it (operator/node/circuit names, the renaming of reserved symbols, outputs and
/// parameter targets). Create it with <see cref="PyRatesTemplateWriter.Create(Tvbo.Model.Dynamics, string?)"/>.
/// </summary>
public sealed class PyRatesTemplate
{
    private readonly Dictionary<string, string> _names;

    internal PyRatesTemplate(
        string modelName,
        string yaml,
        string operatorName,
        string nodeName,
        string circuitName,
        Dictionary<string, string> names,
        IReadOnlyList<string> stateVariables,
        IReadOnlyList<string> parameters)
    {
        ModelName = modelName;
        Yaml = yaml;
        OperatorName = operatorName;
        NodeName = nodeName;
        CircuitName = circuitName;
        _names = names;
        StateVariables = stateVariables;
        Parameters = parameters;
    }

    /// <summary>The edge templates of a network circuit, in the order of the edge operators they were written for.</summary>
    internal IReadOnlyList<EdgeOperatorTemplate> EdgeOperators { get; init; } = [];

    /// <summary>The constant a template of a model without parameters has for grid_search to sweep (no equation uses it;
    /// its name is no model symbol's), or <see langword="null"/>. <see cref="PyRatesName"/> and
    /// <see cref="ParameterTarget"/> accept it as a parameter.</summary>
    internal string? SweepConstant { get; init; }

    /// <summary>The label of the circuit's only node.</summary>
    public const string NodeLabel = "p";

    /// <summary>The name of the translated model.</summary>
    public string ModelName { get; }

    /// <summary>The PyRates YAML text.</summary>
    public string Yaml { get; }

    /// <summary>The operator template's name.</summary>
    public string OperatorName { get; }

    /// <summary>The node template's name.</summary>
    public string NodeName { get; }

    /// <summary>The circuit template's name (PyRates names conditions <c>&lt;circuit&gt;_&lt;k&gt;</c>).</summary>
    public string CircuitName { get; }

    /// <summary>The model's state variables (model names), in output order.</summary>
    public IReadOnlyList<string> StateVariables { get; }

    /// <summary>The model's parameters (model names), which explorations may vary.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Every model symbol whose name had to change in the YAML (reserved in PyRates/sympy, a Python builtin
    /// or dunder name, or not ASCII: <c>σ_ext</c> is written <c>sigma_ext</c>), model name to YAML name. Results
    /// and parameter axes use the model names.</summary>
    public IReadOnlyDictionary<string, string> Renamed =>
        _names.Where(kv => kv.Key != kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>The name a model symbol has in the YAML.</summary>
    /// <param name="modelName">A parameter, state variable, derived variable or coupling term of the model.</param>
    /// <exception cref="ArgumentException">The model has no such symbol.</exception>
    public string PyRatesName(string modelName) =>
        _names.TryGetValue(modelName, out var n) ? n
            : modelName == SweepConstant ? modelName
            : throw new ArgumentException($"Model '{ModelName}' has no symbol '{modelName}'; symbols: {string.Join(", ", _names.Keys)}.", nameof(modelName));

    /// <summary>The <c>grid_search</c> output target of a state variable: <c>p/&lt;op&gt;/&lt;var&gt;</c>.</summary>
    /// <param name="stateVariable">The state variable's model name.</param>
    public string OutputTarget(string stateVariable) => $"{NodeLabel}/{OperatorName}/{PyRatesName(stateVariable)}";

    /// <summary>The <c>param_map</c> variable of a parameter: <c>&lt;op&gt;/&lt;var&gt;</c>.</summary>
    /// <param name="parameter">The parameter's model name.</param>
    public string ParameterTarget(string parameter) => $"{OperatorName}/{PyRatesName(parameter)}";

    /// <summary>The input target (<c>node/op/var</c>) of one of the model's input symbols.</summary>
    /// <param name="input">The input symbol.</param>
    public string InputTarget(string input) => $"{NodeLabel}/{OperatorName}/{PyRatesName(input)}";

    /// <summary>The path PyRates needs for this template when its YAML is saved as <paramref name="yamlPath"/>:
    /// <c>&lt;dir&gt;/&lt;file without .yaml&gt;/&lt;circuit&gt;</c>.</summary>
    /// <param name="yamlPath">Where the YAML was written.</param>
    public string TemplatePath(string yamlPath)
    {
        ArgumentNullException.ThrowIfNull(yamlPath);
        var dir = Path.GetDirectoryName(Path.GetFullPath(yamlPath)) ?? ".";
        return $"{Path.Combine(dir, Path.GetFileNameWithoutExtension(yamlPath))}/{CircuitName}";
    }

    /// <inheritdoc/>
    public override string ToString() => $"PyRatesTemplate('{ModelName}', circuit '{CircuitName}')";
}

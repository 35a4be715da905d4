namespace Tvbo.Experiment;

/// <summary>
/// A function an observation's pipeline may call by name (TVBO's <c>functions:</c>): an equation of its arguments and
/// parameters, an equation over a time range (a kernel), a Python expression (<c>source_code</c>) or a callable of
/// numpy/scipy. Create one with <see cref="FromEquation"/>, <see cref="FromTimeRange"/>, <see cref="FromSourceCode"/> or
/// <see cref="FromCallable"/>; add it to <see cref="SimulationExperiment.Functions"/>.
/// </summary>
public sealed class PipelineFunction
{
    private PipelineFunction(string name, PipelineFunctionKind kind, string body, IReadOnlyList<PipelineArgument>? arguments, IReadOnlyDictionary<string, double>? parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        if (!Model.Dynamics.IsIdentifier(name))
        {
            throw new ExperimentException($"Function name '{name}' is not valid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            throw new ExperimentException($"Function '{name}' is empty; give its {(kind == PipelineFunctionKind.SourceCode ? "source code" : kind == PipelineFunctionKind.Callable ? "callable" : "equation")}.");
        }

        Name = name;
        Kind = kind;
        Body = body.Trim();
        Arguments = (arguments ?? []).ToArray();
        Parameters = new Dictionary<string, double>(parameters ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        var names = Arguments.Select(a => a.Name).Concat(Parameters.Keys).ToArray();
        if (names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ExperimentException($"Function '{name}' names '{twice.Key}' twice among its arguments and parameters.");
        }
    }

    /// <summary>Its name.</summary>
    public string Name { get; }

    /// <summary>How it computes.</summary>
    public PipelineFunctionKind Kind { get; }

    /// <summary>Its equation's right-hand side, its Python expression, or its callable's <c>module.name</c>.</summary>
    public string Body { get; }

    /// <summary>Its arguments, in order.</summary>
    public IReadOnlyList<PipelineArgument> Arguments { get; }

    /// <summary>Its equation's parameters (named numbers).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>The times of a <see cref="PipelineFunctionKind.TimeRange"/> function, else null.</summary>
    public PipelineTimeRange? TimeRange { get; private init; }

    /// <summary>The callable's module (<c>scipy.signal</c>), for a <see cref="PipelineFunctionKind.Callable"/>.</summary>
    public string? Module => Kind == PipelineFunctionKind.Callable ? Body[..Body.LastIndexOf('.')] : null;

    /// <summary>The callable's name in its module (<c>welch</c>), for a <see cref="PipelineFunctionKind.Callable"/>.</summary>
    public string? CallableName => Kind == PipelineFunctionKind.Callable ? Body[(Body.LastIndexOf('.') + 1)..] : null;

    /// <summary>A function computed by an equation (<c>sqrt(mean((x - y)**2))</c>).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="rhs">The equation's right-hand side.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="parameters">Its named numbers.</param>
    /// <exception cref="ExperimentException">A name is not valid or given twice.</exception>
    public static PipelineFunction FromEquation(string name, string rhs, IReadOnlyList<PipelineArgument>? arguments = null, IReadOnlyDictionary<string, double>? parameters = null) =>
        new(name, PipelineFunctionKind.Equation, rhs, arguments, parameters);

    /// <summary>A function computed by an equation of <c>t</c> over a time range (a kernel).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="rhs">The equation's right-hand side, of <c>t</c>, its arguments and parameters.</param>
    /// <param name="timeRange">The times.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="parameters">Its named numbers.</param>
    /// <exception cref="ExperimentException">A name is not valid or given twice, or the range has neither a count nor a
    /// step.</exception>
    public static PipelineFunction FromTimeRange(string name, string rhs, PipelineTimeRange timeRange, IReadOnlyList<PipelineArgument>? arguments = null, IReadOnlyDictionary<string, double>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(timeRange);
        if (timeRange.Count is null && string.IsNullOrWhiteSpace(timeRange.Step))
        {
            throw new ExperimentException($"Function '{name}': its time_range has neither 'n' (a number of times) nor 'step'; give one.");
        }

        if (timeRange.Count is < 1 or > PipelineTimeRange.MaxTimes)
        {
            throw new ExperimentException($"Function '{name}': its time_range has n = {timeRange.Count}; give 1 to {PipelineTimeRange.MaxTimes}.");
        }

        return new(name, PipelineFunctionKind.TimeRange, rhs, arguments, parameters) { TimeRange = timeRange };
    }

    /// <summary>A function computed by a Python expression (TVBO's <c>source_code</c>, written for <c>jnp</c>), run only
    /// when the run allows code.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="code">The expression.</param>
    /// <param name="arguments">Its arguments (the names the expression reads).</param>
    /// <exception cref="ExperimentException">A name is not valid or given twice.</exception>
    public static PipelineFunction FromSourceCode(string name, string code, IReadOnlyList<PipelineArgument>? arguments = null) =>
        new(name, PipelineFunctionKind.SourceCode, code, arguments, null);

    /// <summary>A function that calls a callable of numpy or scipy (<c>scipy.signal</c>, <c>welch</c>).</summary>
    /// <param name="name">Its name.</param>
    /// <param name="module">The callable's module.</param>
    /// <param name="callableName">The callable's name in the module.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <exception cref="ExperimentException">A name is not valid or given twice.</exception>
    public static PipelineFunction FromCallable(string name, string module, string callableName, IReadOnlyList<PipelineArgument>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(callableName);
        return new(name, PipelineFunctionKind.Callable, $"{module}.{callableName}", arguments, null);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
}

using System.Globalization;
using Tvbo.Observables;

namespace Tvbo.Experiment;

/// <summary>One step of an <see cref="Observable"/>'s pipeline: a function (a built-in of
/// <see cref="ObservableLibrary"/>, one of <see cref="SimulationExperiment.Functions"/>, or with <see cref="Module"/> a
/// callable of numpy/scipy) and the arguments it is given. A step reads the previous step's value (the first, the
/// observation's source) unless an argument names another value.</summary>
public sealed class ObservableStep
{
    /// <summary>Creates a step.</summary>
    /// <param name="function">The function's name: a built-in (<c>order_parameter</c>, <c>psd</c>, …), one of the
    /// experiment's <see cref="SimulationExperiment.Functions"/>, or a callable's name in <see cref="Module"/>.</param>
    /// <param name="arguments">Numeric arguments (by name); the others take their defaults.</param>
    public ObservableStep(string function, IReadOnlyDictionary<string, double>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
        Arguments = new Dictionary<string, double>(arguments ?? new Dictionary<string, double>(), StringComparer.Ordinal);
    }

    /// <summary>The function's name.</summary>
    public string Function { get; }

    /// <summary>The numeric arguments given.</summary>
    public IReadOnlyDictionary<string, double> Arguments { get; }

    /// <summary>The text arguments given: the name of a value (<c>integration.result</c>, an earlier step's output or
    /// function, another observable, <c>network.observations.&lt;measure&gt;</c>), or a literal text for a callable
    /// (<c>mode: valid</c>).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The names its value is given (TVBO's <c>output</c>); several unpack a tuple
    /// (<c>frequencies, psd</c>). Empty: the value is named by the function.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>The module of a callable (<c>scipy.signal</c>; <c>jax.scipy.signal</c> runs as scipy's), with
    /// <see cref="Function"/> its name; null for a named function.</summary>
    public string? Module { get; init; }

    /// <summary>The dimension the step is applied along, one slice at a time (TVBO's <c>apply_on_dimension</c>):
    /// <c>node</c> applies it to each node's series (axis 1 of its input); null applies it once.</summary>
    public string? ApplyOnDimension { get; init; }

    /// <summary>The library's function, with every argument (given or default).</summary>
    internal (ObservableFunction Function, Dictionary<string, double> Arguments) Resolve(string observable)
    {
        Check(observable);
        var function = ObservableLibrary.Find(Function)!;
        var arguments = function.Arguments.ToDictionary(a => a.Name, a => Arguments.TryGetValue(a.Name, out var v) ? v : a.Default, StringComparer.Ordinal);
        foreach (var (name, value) in arguments)
        {
            if (double.IsNaN(value))
            {
                throw new ExperimentException($"Observable '{observable}': function '{Function}' needs argument '{name}' ({function.Arguments.First(a => a.Name == name).Description}).");
            }
        }

        return (function, arguments);
    }

    /// <summary>Checks that the library has the function and that every argument given is one of its own.</summary>
    internal void Check(string observable)
    {
        if (ObservableLibrary.Find(Function) is not { } function)
        {
            throw new ExperimentException($"Observable '{observable}': there is no built-in function '{Function}'. Valid: {string.Join(", ", ObservableLibrary.All.Select(f => f.Name))}.");
        }

        foreach (var name in Arguments.Keys)
        {
            if (!function.Arguments.Any(a => a.Name == name))
            {
                throw new ExperimentException($"Observable '{observable}': function '{Function}' has no argument '{name}'. Valid: {(function.Arguments.Count == 0 ? "none" : string.Join(", ", function.Arguments.Select(a => a.Name)))}.");
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Arguments.Count == 0 ? Function : $"{Function}({string.Join(", ", Arguments.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Key}={a.Value}")))})";
}

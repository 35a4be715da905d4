using System.Globalization;
using Tvbo.Observables;

namespace Tvbo.Experiment;

/// <summary>One step of an <see cref="Observable"/>'s pipeline: a built-in function and the arguments it is given.</summary>
public sealed class ObservableStep
{
    /// <summary>Creates a step.</summary>
    /// <param name="function">The function's name in <see cref="ObservableLibrary"/> (<c>order_parameter</c>, <c>psd</c>, …).</param>
    /// <param name="arguments">Arguments (by name); the others take their defaults.</param>
    public ObservableStep(string function, IReadOnlyDictionary<string, double>? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        Function = function;
        Arguments = new Dictionary<string, double>(arguments ?? new Dictionary<string, double>(), StringComparer.Ordinal);
    }

    /// <summary>The function's name.</summary>
    public string Function { get; }

    /// <summary>The arguments given.</summary>
    public IReadOnlyDictionary<string, double> Arguments { get; }

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

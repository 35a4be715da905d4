using System.Globalization;

namespace Tvbo.Experiment;

/// <summary>
/// A time-dependent input added to a model symbol (TVBO's <c>events</c> with <c>event_type: stimulus</c>): while the
/// experiment runs, the driven symbol's value is its own value plus <see cref="Equation"/>, a function of time
/// <c>t</c>, of the stimulus's <see cref="Parameters"/> and of the model's parameters. Both backends evaluate it at every
/// stage's own time (Heun's second stage sees <c>t + dt</c>). Its parameters are explored as
/// <c>&lt;stimulus name&gt;.&lt;parameter&gt;</c>.
/// </summary>
/// <example>
/// <code>
/// var pulse = new Stimulus("Piecewise((amplitude, (t &gt;= t0) &amp; (t &lt; t0 + duration)), (0.0, True))") { Target = "I" };
/// pulse.Parameters["amplitude"] = 0.4; pulse.Parameters["t0"] = 10.0; pulse.Parameters["duration"] = 1.0;
/// exp.Stimuli["stimulus"] = pulse;
/// </code>
/// </example>
public sealed class Stimulus
{
    /// <summary>Creates a stimulus.</summary>
    /// <param name="equation">Its value as a function of <c>t</c> and its parameters (Python/sympy syntax).</param>
    public Stimulus(string equation)
    {
        ArgumentNullException.ThrowIfNull(equation);
        Equation = equation;
    }

    /// <summary>The added value, as a function of <c>t</c>, the stimulus's parameters and the model's parameters.</summary>
    public string Equation { get; set; }

    /// <summary>The model symbol it is added to (a parameter or a coupling input); <see langword="null"/> means the
    /// stimulus's own name (TVBO keys events by the symbol they drive).</summary>
    public string? Target { get; set; }

    /// <summary>The stimulus's own parameters (<c>amplitude</c>, <c>t0</c>, …).</summary>
    public IDictionary<string, double> Parameters { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>On a network, the nodes it reaches and the factor at each (TVBO's <c>nodes</c> and <c>weights</c>);
    /// empty means every node with factor 1.</summary>
    public IDictionary<int, double> NodeWeights { get; } = new Dictionary<int, double>();

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Equation}" + (Parameters.Count > 0 ? " with " + string.Join(", ", Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}"))) : "");
}

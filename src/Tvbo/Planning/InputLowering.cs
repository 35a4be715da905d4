using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Model;
using Tvbo.Networks;

namespace Tvbo.Planning;

/// <summary>
/// Lowers an experiment's input series and noise into input symbols of its model (<see cref="SymbolKind.Input"/>):
/// a series on a parameter or coupling input <c>K</c> becomes <c>u__K</c>, read through <c>K__input = K + u__K</c>; noise
/// on a state variable <c>x</c> becomes <c>noise__x</c>, added to its right-hand side. Each input symbol's values come
/// from a <see cref="Source"/>.
/// </summary>
internal static class InputLowering
{
    /// <summary>Where an input symbol's values come from: a user series, or the noise of a state variable.</summary>
    /// <param name="Symbol">The input symbol.</param>
    /// <param name="Series">The user's series, or null for noise.</param>
    /// <param name="NoiseTarget">The state variable's index among the model's, for noise; else -1.</param>
    public sealed record Source(string Symbol, InputSeries? Series, int NoiseTarget);

    /// <summary>The input symbol of a series on symbol <paramref name="symbol"/>.</summary>
    public static string SeriesName(string symbol) => $"u__{symbol}";

    /// <summary>The parameter holding the noise intensity σ (explored as <c>noise.sigma</c>).</summary>
    public const string SigmaName = "noise__sigma";

    /// <summary>The axis address of the noise intensity.</summary>
    public const string SigmaAddress = "noise.sigma";

    /// <summary>The parameter holding the σ of the own noise of state variable <paramref name="state"/>.</summary>
    public static string StateSigmaName(string state) => $"noise__sigma__{state}";

    /// <summary>The input symbol of the noise on state variable <paramref name="state"/>.</summary>
    public static string NoiseName(string state) => $"noise__{state}";

    /// <summary>The steps an integration takes, transient included: the values an input series needs.</summary>
    /// <param name="integration">The settings (valid).</param>
    public static int StepsNeeded(IntegrationSettings integration)
    {
        var transientSteps = integration.TransientTime > 0 ? Math.Round(integration.TransientTime / integration.StepSize, MidpointRounding.ToEven) : 0;
        return (int)Math.Clamp((double)integration.SampleCount * integration.StepsPerSample + transientSteps, 0, int.MaxValue);
    }

    /// <summary>Checks the inputs and noise against the model and settings.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">The input series, by symbol.</param>
    /// <param name="integration">The settings.</param>
    /// <param name="conditions">The conditions of the whole grid of the exploration run, or null when not known.</param>
    /// <param name="exploration">The exploration, for messages.</param>
    /// <exception cref="ExperimentException">The first problem, naming the input or target.</exception>
    /// <exception cref="Files.TvboFileException">A series read from a file is too short or does not match the grid:
    /// located at the input's entry in the experiment file.</exception>
    public static void Validate(Dynamics model, IDictionary<string, InputSeries> inputs, IntegrationSettings integration, int? conditions, string? exploration = null)
    {
        var steps = integration.SampleCount * integration.StepsPerSample;
        var transientSteps = integration.TransientTime > 0 ? (int)Math.Round(integration.TransientTime / integration.StepSize, MidpointRounding.ToEven) : 0;
        foreach (var (symbol, series) in inputs)
        {
            ArgumentNullException.ThrowIfNull(series);
            var kind = model.Resolve(symbol);
            if (kind is not (SymbolKind.Parameter or SymbolKind.CouplingTerm or SymbolKind.Input))
            {
                var what = kind is null or SymbolKind.Constant ? "is not a symbol of the model" : $"is a {Dynamics.KindName(kind.Value)}";
                throw new ExperimentException($"Input '{symbol}' {what} '{model.Name}'; an input series is added to a parameter or a coupling input (parameters: {string.Join(", ", model.Parameters.Select(p => p.Name))}).");
            }

            if (integration.Method == IntegrationMethod.RK45)
            {
                throw new ExperimentException($"Input '{symbol}': an input series gives a value per fixed step; RK45 chooses its own steps. Use euler, heun or rk4.");
            }

            var file = series as Files.InputSeriesFile;
            file?.Require(steps + transientSteps);
            var takes = $"the integration takes {steps + transientSteps} steps ({(transientSteps > 0 ? $"{transientSteps} of transient and " : "")}duration {integration.Duration} / step {integration.StepSize})";
            if (series.Length is { } n && n < steps + transientSteps)
            {
                throw file is not null
                    ? file.Error($" has {n} value{(n == 1 ? "" : "s")}; {takes}, one value (row) each. Fewer values than steps are an error; more are allowed (rows after the last step are not read).")
                    : new ExperimentException($"Input '{symbol}' has {n} values; {takes}, one value each.");
            }

            if (series.Conditions is { } c && conditions is { } expected && c != expected)
            {
                var grid = exploration is null ? $"the run has {expected} condition{(expected == 1 ? "" : "s")}" : $"exploration '{exploration}' has {expected} conditions";
                throw file is not null
                    ? file.Error($" has {c} columns (a series per condition); {grid}. Give one column per condition (C order), or one column shared by all.")
                    : new ExperimentException($"Input '{symbol}' has series for {c} conditions; {grid}. Give one per condition (C order), or one shared series.", exploration);
            }
        }

        if (integration.Noise is { } noise)
        {
            foreach (var (t, sigma) in noise.StateSigmas)
            {
                if (model.StateVariables.All(s => s.Name != t))
                {
                    throw new ExperimentException($"Noise of state variable '{t}' (Integration.Noise.StateSigmas): '{t}' is not a state variable of model '{model.Name}'; state variables: {string.Join(", ", model.StateVariables.Select(s => s.Name))}.");
                }

                if (!(sigma >= 0 && double.IsFinite(sigma)))
                {
                    throw new ExperimentException($"The noise sigma of state variable '{t}' is {sigma.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be 0 or a positive finite number.");
                }
            }

            foreach (var t in noise.Targets)
            {
                if (model.StateVariables.All(s => s.Name != t))
                {
                    throw new ExperimentException($"Noise target '{t}' is not a state variable of model '{model.Name}'; state variables: {string.Join(", ", model.StateVariables.Select(s => s.Name))}.");
                }
            }
        }
    }

    /// <summary>A series seen through a map from a backend run's conditions to the grid's.</summary>
    private sealed class Remapped(InputSeries series, int[] conditions) : InputSeries
    {
        public override int? Length => series.Length;

        public override void Fill(int condition, int firstStep, Span<double> into) => series.Fill(conditions[condition], firstStep, into);
    }

    /// <summary>The series a backend run gets for a source at a node.</summary>
    /// <param name="source">The source.</param>
    /// <param name="noise">The noise settings (for noise sources).</param>
    /// <param name="dt">The step.</param>
    /// <param name="node">The node (0 for a single node).</param>
    /// <param name="conditions">The grid condition of each of the run's conditions, or null when they are the grid's.</param>
    public static InputSeries SeriesFor(Source source, NoiseSettings? noise, double dt, int node, int[]? conditions) =>
        source.Series is { } s
            ? (conditions is null ? s : new Remapped(s, conditions))
            : new NoiseSeries(noise!, dt, ((long)source.NoiseTarget << 32) | (uint)node, conditions);

    /// <summary>The model with the inputs and noise as input symbols, and the source of each new symbol.</summary>
    public static (Dynamics Model, IReadOnlyList<Source> Sources) Apply(Dynamics model, IDictionary<string, InputSeries> inputs, NoiseSettings? noise)
    {
        var sources = new List<Source>();
        var redirected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (symbol, series) in inputs)
        {
            if (model.Resolve(symbol) == SymbolKind.Input)
            {
                sources.Add(new Source(symbol, series, -1));
                continue;
            }

            sources.Add(new Source(SeriesName(symbol), series, -1));
            redirected[symbol] = symbol + "__input";
        }

        var noisy = new HashSet<string>(StringComparer.Ordinal);
        if (noise is not null)
        {
            for (var i = 0; i < model.StateVariables.Count; i++)
            {
                var s = model.StateVariables[i].Name;
                if (noise.Targets.Count == 0 || noise.Targets.Contains(s) || noise.StateSigmas.ContainsKey(s))
                {
                    noisy.Add(s);
                    sources.Add(new Source(NoiseName(s), null, i));
                }
            }
        }

        if (redirected.Count == 0 && noisy.Count == 0)
        {
            return (model, sources);
        }

        var lowered = model.Derive(
            e => e.Substitute(sym => new SymbolExpr(redirected.TryGetValue(sym, out var r) ? r : sym)),
            m =>
            {
                if (noise is not null)
                {
                    if (noisy.Any(x => !noise.StateSigmas.ContainsKey(x)))
                    {
                        // Only when a target reads it: with every target's own sigma, a noise.sigma axis is refused.
                        m.AddParameter(SigmaName, noise.Sigma, null, "the noise intensity sigma");
                    }

                    foreach (var (s, sigma) in noise.StateSigmas.Where(x => noisy.Contains(x.Key)))
                    {
                        m.AddParameter(StateSigmaName(s), sigma, null, $"the sigma of the noise of {s}");
                    }
                }

                foreach (var s in sources.Where(s => model.Resolve(s.Symbol) != SymbolKind.Input))
                {
                    m.AddInput(s.Symbol);
                }
            },
            (sv, rhs) => noisy.Contains(sv.Name)
                ? new BinaryExpr(BinaryOperator.Add, rhs, new BinaryExpr(BinaryOperator.Multiply, new SymbolExpr(noise!.StateSigmas.ContainsKey(sv.Name) ? StateSigmaName(sv.Name) : SigmaName), new SymbolExpr(NoiseName(sv.Name))))
                : rhs,
            m =>
            {
                foreach (var (symbol, name) in redirected)
                {
                    m.AddDerivedVariable(name, new BinaryExpr(BinaryOperator.Add, new SymbolExpr(symbol), new SymbolExpr(SeriesName(symbol))), $"{symbol} with its input series");
                }
            });
        return (lowered, sources);
    }
}

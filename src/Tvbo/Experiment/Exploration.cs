using Tvbo.Model;

namespace Tvbo.Experiment;

/// <summary>A named parameter exploration: which parameters vary, over which values, combined how.</summary>
public sealed class Exploration
{
    /// <summary>Creates an exploration.</summary>
    /// <param name="name">Its name (the key in <see cref="SimulationExperiment.Explorations"/> and in results).</param>
    /// <param name="parameters">The parameters it varies, in axis order (the first varies slowest).</param>
    /// <param name="mode">How the parameters' values combine.</param>
    public Exploration(string name, IEnumerable<ExplorationParameter> parameters, ExplorationMode mode = ExplorationMode.Product)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckName(name);
        Name = name;
        Parameters = parameters.ToArray();
        Mode = mode;
    }

    /// <summary>The exploration's name.</summary>
    public string Name { get; }

    /// <summary>The longest exploration name accepted.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Whether a name can name an exploration: letters (any script), digits, <c>_</c>, and <c>-</c> or <c>.</c>
    /// after the first character, at most <see cref="MaxNameLength"/> characters. Names become folder and file names
    /// of result files, so nothing else (no separators, spaces, quotes or control characters) is allowed.</summary>
    /// <param name="name">The name.</param>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name[0] is not ('-' or '.')
        && Tvbo.Expressions.Identifier.IsValid(name.Replace('-', '_').Replace('.', '_'));

    /// <summary>Throws when a name cannot name an exploration.</summary>
    internal static void CheckName(string name)
    {
        if (!IsValidName(name))
        {
            var shown = new string(name.Take(MaxNameLength).Select(c => char.IsControl(c) ? '?' : c).ToArray());
            throw new ExperimentException($"'{shown}'{(name.Length > MaxNameLength ? "…" : "")} is not a valid exploration name: use letters, digits and '_' (and '-' or '.' after the first character), at most {MaxNameLength} characters; names become the folders and files of the results.", shown);
        }
    }

    /// <summary>A human-readable label (e.g. for plots), or <see langword="null"/>.</summary>
    public string? Label { get; init; }

    /// <summary>A description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>The outputs to keep (TVBO's <c>record:</c>): state variables, derived variables or observations, in
    /// order; empty keeps the experiment's outputs.</summary>
    public IReadOnlyList<string> Record { get; init; } = [];

    /// <summary>The observable the sweep reports (TVBO's <c>observable: {function: …}</c>): one of the experiment's
    /// <see cref="SimulationExperiment.Observables"/>, shown first; null when the exploration names none.</summary>
    public string? Observable { get; init; }

    /// <summary>How many times each condition is repeated with its own noise (TVBO's <c>n_trials</c>, default 1): more
    /// than 1 adds a last axis <see cref="ExplorationGrid.TrialAxis"/> with values 0 … n − 1, so a trial's noise is that
    /// of its condition index.</summary>
    public int Trials { get; init; } = 1;

    /// <summary>The parameters varied, in axis order.</summary>
    public IReadOnlyList<ExplorationParameter> Parameters { get; }

    /// <summary>How the parameters' values combine.</summary>
    public ExplorationMode Mode { get; }

    /// <summary>Checks the exploration against a model and expands it into its grid of conditions.</summary>
    /// <param name="model">The model whose parameters are varied.</param>
    /// <returns>The grid, conditions in C order.</returns>
    /// <exception cref="ExperimentException">An unknown or duplicate parameter, a bad domain, or zip lengths that differ.</exception>
    public ExplorationGrid CreateGrid(Dynamics model) => ExplorationGrid.Create(this, model, null, null);

    /// <summary>Checks the exploration against an experiment (its model, and its network's addresses) and expands it.</summary>
    internal ExplorationGrid CreateGrid(SimulationExperiment experiment) => ExplorationGrid.Create(this, experiment.EffectiveModel, experiment.Network, experiment.Stimuli);

    /// <inheritdoc/>
    public override string ToString() =>
        $"Exploration('{Name}', {Mode.ToString().ToLowerInvariant()}: {string.Join(", ", Parameters.Select(p => $"{p.Name}={p.Domain}"))})";
}

namespace Tvbo.Experiment;

/// <summary>
/// A numerical continuation (TVBO's <c>continuations:</c> entry): equilibria followed in one free parameter, with
/// their stability, folds and Hopf points, and the periodic orbits born at Hopf points (<see cref="Branches"/>); or,
/// with two free parameters, the curve of a fold or Hopf point found by another continuation
/// (<see cref="ContinuationStart.FromBranch"/>).
/// </summary>
public sealed class Continuation
{
    /// <summary>Creates a continuation.</summary>
    /// <param name="name">Its name (the key in <see cref="SimulationExperiment.Continuations"/> and in results): letters,
    /// digits, <c>_</c>, and <c>-</c> or <c>.</c> after the first character.</param>
    /// <param name="freeParameters">The parameters it varies: one (a branch of equilibria) or two (a curve of
    /// bifurcation points).</param>
    /// <exception cref="ExperimentException">The name is invalid, or not one or two distinct free parameters.</exception>
    public Continuation(string name, params IReadOnlyList<ContinuationParameter> freeParameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(freeParameters);
        Exploration.CheckName(name);
        if (freeParameters.Count is < 1 or > 2 || freeParameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != freeParameters.Count)
        {
            throw new ExperimentException($"Continuation '{name}': free_parameters must name one parameter (equilibria) or two distinct ones (a fold or Hopf curve), not {freeParameters.Count}: {string.Join(", ", freeParameters.Select(p => p.Name))}.", name);
        }

        Name = name;
        FreeParameters = freeParameters.ToArray();
    }

    /// <summary>The continuation's name.</summary>
    public string Name { get; }

    /// <summary>A human-readable label (for figures), or <see langword="null"/>.</summary>
    public string? Label { get; init; }

    /// <summary>A description, or <see langword="null"/>.</summary>
    public string? Description { get; init; }

    /// <summary>The free parameters with their domains (one or two).</summary>
    public IReadOnlyList<ContinuationParameter> FreeParameters { get; }

    /// <summary>The first step along the branch, in arclength (TVBO's <c>ds</c>); its sign is the first direction of
    /// the first free parameter. TVBO's schema gives no default; 0.01 is what TVBO's PyRates/PyCoBi runner uses when
    /// <c>ds</c> is absent.</summary>
    public double InitialStep { get; init; } = 0.01;

    /// <summary>The smallest step (TVBO's <c>ds_min</c>): the continuation stops when Newton's method fails at it.
    /// TVBO's schema gives no default; 1e-8 is what TVBO's PyRates/PyCoBi runner uses when <c>ds_min</c> is
    /// absent.</summary>
    public double MinStep { get; init; } = 1e-8;

    /// <summary>The largest step (TVBO's <c>ds_max</c>). TVBO's schema gives no default; 0.1 is what TVBO's
    /// PyRates/PyCoBi runner uses when <c>ds_max</c> is absent.</summary>
    public double MaxStep { get; init; } = 0.1;

    /// <summary>The most steps per direction (TVBO's <c>max_steps</c>). TVBO's schema gives no default; 2000 is what
    /// TVBO's PyRates/PyCoBi runner uses when <c>max_steps</c> is absent.</summary>
    public int MaxSteps { get; init; } = 2000;

    /// <summary>Which bifurcations are detected (TVBO's <c>detect_bifurcation</c>, AUTO's <c>ISP</c>): 0 none, 1 Hopf
    /// and branch points of equilibria, 2 and 3 these and, on periodic orbits, period doublings and torus points.
    /// TVBO's schema gives no default; its PyRates/PyCoBi runner detects at level 2.</summary>
    public int DetectBifurcation { get; init; } = 2;

    /// <summary>Whether folds (limit points) are detected and located (TVBO's <c>detect_fold</c>, AUTO's <c>ILP</c>).
    /// TVBO's schema gives no default; its PyRates/PyCoBi runner detects folds.</summary>
    public bool DetectFold { get; init; } = true;

    /// <summary>Where the continuation starts (TVBO's <c>initial_state</c>). The default is TVBO's schema's: an absent
    /// <c>initial_state</c> is time integration to a steady state, for InitialState's default <c>duration</c> of
    /// 2000.</summary>
    public ContinuationStart InitialState { get; init; } = ContinuationStart.TimeIntegration(2000);

    /// <summary>Whether the branch is followed in both directions from the start (TVBO's <c>bothside</c>; absent, one
    /// direction, as TVBO's runners do).</summary>
    public bool BothSides { get; init; }

    /// <summary>The periodic-orbit branches continued from special points of this branch (TVBO's <c>branches:</c>).</summary>
    public IReadOnlyList<CycleContinuation> Branches { get; init; } = [];

    /// <summary>Checks the settings against each other (the model is checked when it runs).</summary>
    /// <exception cref="ExperimentException">A setting is out of its bounds; the message names the key.</exception>
    public void Validate()
    {
        static bool Finite(double v) => double.IsFinite(v);
        if (!Finite(MinStep) || MinStep <= 0)
        {
            throw Bad("ds_min", $"ds_min is {MinStep}; valid: a positive number, the smallest step");
        }

        if (!Finite(MaxStep) || MaxStep < MinStep)
        {
            throw Bad("ds_max", $"ds_max is {MaxStep}; valid: a number at least ds_min ({MinStep})");
        }

        if (!Finite(InitialStep) || Math.Abs(InitialStep) < MinStep || Math.Abs(InitialStep) > MaxStep)
        {
            throw Bad("ds", $"ds is {InitialStep}; valid: a step whose size lies within ds_min..ds_max ({MinStep}..{MaxStep}), its sign the first direction");
        }

        if (MaxSteps < 1)
        {
            throw Bad("max_steps", $"max_steps is {MaxSteps}; valid: a positive number of steps");
        }

        if (DetectBifurcation is < 0 or > 3)
        {
            throw Bad("detect_bifurcation", $"detect_bifurcation is {DetectBifurcation}; valid: 0 (none), 1 (Hopf and branch points), 2 or 3 (these and, on periodic orbits, period doublings and torus points)");
        }

        foreach (var p in FreeParameters)
        {
            p.Validate(Name);
        }

        if (FreeParameters.Count == 2 && InitialState.Kind != ContinuationStartKind.FromBranch)
        {
            throw Bad("initial_state", "two free parameters continue a fold or Hopf point, which initial_state must name: {method: from_branch, source_branch: <a one-parameter continuation>, source_point: \"fold:1\" or \"hopf:1\"}");
        }

        foreach (var b in Branches)
        {
            b.Validate(Name);
        }

        ExperimentException Bad(string key, string what) => new($"Continuation '{Name}': {what}.", Name, key);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Continuation '{Name}' in {string.Join(", ", FreeParameters.Select(p => p.ToString()))} (ds={InitialStep}, {MinStep}..{MaxStep}, max_steps={MaxSteps}, start={InitialState}{(BothSides ? ", both sides" : "")})";
}

using System.Globalization;

namespace Tvbo.Networks;

/// <summary>
/// How a network drives one coupling input of the model (TVBO's <c>network.coupling.&lt;input&gt;</c>, TVB's coupling
/// function): at node <c>i</c>, <c>gx = Σ_j W_ij · pre(x_i, x_j(t − τ_ij))</c> and the input is <c>post(gx)</c>.
/// In <see cref="PreExpression"/>, <c>x_j</c> is the first of the source node's <see cref="IncomingStates"/> and
/// <c>x_i</c> the first of the target's <see cref="LocalStates"/>; <c>x_j0</c>, <c>x_j[1]</c>, … (and <c>x_i0</c>, …)
/// name them by position; <c>theta_j</c> and <c>theta_i</c> name a state of the source and of the target; a state's
/// bare name is the source's when it is one of the incoming states only, the target's when it is one of the local
/// states only (TVBO's meanings); <c>incoming_states</c> and <c>local_states</c> name the first of each.
/// <see cref="PostExpression"/> sees <c>gx</c> and <c>N</c> (the number of nodes). Both see the coupling's
/// <see cref="Parameters"/>. A coupling of a multi-component input (TVBO's <c>dimension: 2</c> with <c>keys</c>) has a
/// list of pre-expressions <c>[pre0, pre1]</c>, one per component, each summed and passed through the post-expression.
/// </summary>
public sealed class Coupling
{
    /// <summary>Creates a coupling from its expressions.</summary>
    /// <param name="preExpression">The term summed over sources, over <c>x_i</c>, <c>x_j</c> and the parameters.</param>
    /// <param name="postExpression">The input from the sum <c>gx</c>.</param>
    public Coupling(string preExpression = "x_j", string postExpression = "gx")
    {
        ArgumentNullException.ThrowIfNull(preExpression);
        ArgumentNullException.ThrowIfNull(postExpression);
        PreExpression = preExpression;
        PostExpression = postExpression;
    }

    /// <summary>The term summed over the sources (symbols <c>x_i</c>, <c>x_j</c>, <c>x_i0</c>…, <c>x_j0</c>…, the states
    /// (<c>theta</c>, <c>theta_j</c>, <c>theta_i</c>), parameters), or a list <c>[pre0, pre1, …]</c> for a
    /// multi-component input.</summary>
    public string PreExpression { get; set; }

    /// <summary>The input computed from the weighted sum <c>gx</c> (symbols <c>gx</c>, <c>N</c>, parameters).</summary>
    public string PostExpression { get; set; }

    /// <summary>The coupling's own parameters (e.g. <c>G</c>, or <c>a</c> of <c>tvbo:Linear</c>); explored as
    /// <c>&lt;input&gt;.&lt;name&gt;</c>.</summary>
    public IDictionary<string, double> Parameters { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The source's state variables the coupling reads (<c>x_j0</c>, <c>x_j1</c>, …); empty means the model's
    /// coupling variables (<c>coupling_variable: true</c>), else its first state variable.</summary>
    public IList<string> IncomingStates { get; } = new List<string>();

    /// <summary>The target's state variables (<c>x_i0</c>, …); empty means the same as <see cref="IncomingStates"/>.</summary>
    public IList<string> LocalStates { get; } = new List<string>();

    /// <summary>Whether sources are read with the edges' delays (TVBO's default); <see langword="false"/> ignores
    /// lengths and delays.</summary>
    public bool Delayed { get; set; } = true;

    /// <summary>The coupling input of the model it drives (a scalar input, or a multi-component one by the name TVBO
    /// declares it under); <see langword="null"/> means the input its key in <see cref="Network.Coupling"/> names, else
    /// — as in TVBO, for a coupling keyed by its own name — the model's only coupling input no other coupling
    /// drives.</summary>
    public string? Input { get; set; }

    /// <summary>The library function it was made from (<c>tvbo:Linear</c>), or <see langword="null"/>.</summary>
    public string? Iri { get; set; }

    /// <summary>The names of the library coupling functions (<see cref="FromLibrary"/>).</summary>
    public static IReadOnlyList<string> LibraryNames => CouplingLibrary.Names;

    /// <summary>A coupling function of TVBO's library, with TVBO's definitions and default parameter values:
    /// <c>Linear</c> (<c>a·gx + b</c>), <c>Scaling</c> (<c>a·gx</c>), <c>Difference</c> (pre <c>x_j − x_i</c>, post
    /// <c>a·gx</c>), <c>Sigmoidal</c>, <c>SigmoidalJansenRit</c>, <c>HyperbolicTangent</c>, <c>KuramotoCoupling</c>
    /// (pre <c>sin(x_j − x_i)</c>, post <c>a·gx/N</c> with a parameter <c>N</c> = 1), <c>PreSigmoidal</c>,
    /// <c>FastLinearCoupling</c> (the sources' <c>S</c>, post <c>G·gx + b</c>, not delayed); and <c>Kuramoto</c> (TVB's:
    /// <c>a·gx/N</c>, N the number of nodes).</summary>
    /// <param name="name">The name, with or without the <c>tvbo:</c> prefix (case-insensitive).</param>
    /// <returns>A new coupling the caller may change.</returns>
    /// <exception cref="ArgumentException">The name is not in the library; the message lists the names.</exception>
    public static Coupling FromLibrary(string name) => CouplingLibrary.Create(name);

    /// <inheritdoc/>
    public override string ToString() =>
        $"pre: {PreExpression}; post: {PostExpression}" + (Parameters.Count > 0 ? "; " + string.Join(", ", Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}"))) : "");
}

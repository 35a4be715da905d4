namespace Tvbo.Networks;

/// <summary>TVBO's library coupling functions (its <c>database/coupling_functions/*.yaml</c>, current and earlier
/// releases): pre- and post-expressions as TVBO writes them, parameters with TVBO's default values, local states and
/// <c>delayed</c>; and <c>Kuramoto</c>, this project's name for TVB's Kuramoto coupling (divided by the number of nodes).</summary>
internal static class CouplingLibrary
{
    private sealed record Definition(string Name, string Pre, string Post, (string, double)[] Parameters, string[]? LocalStates = null, bool Delayed = true, bool Tvbo = true);

    private static readonly Definition[] Definitions =
    [
        new("Linear", "x_j", "a*gx + b", [("a", 0.00390625), ("b", 0.0)]),
        new("Scaling", "x_j", "a*gx", [("a", 0.00390625)]),
        new("Difference", "-x_i + x_j", "a*gx", [("a", 0.1)]),
        new("Sigmoidal", "x_j", "cmin + (cmax - cmin)/(exp((-a)*(gx - midpoint)/sigma) + 1.0)", [("midpoint", 0.0), ("cmax", 1.0), ("sigma", 230.0), ("cmin", -1.0), ("a", 1.0)]),
        new("SigmoidalJansenRit", "cmin + (cmax - cmin)/(exp(r*(midpoint - (x_j[0] - x_j[1]))) + 1.0)", "a*gx", [("a", 1.0), ("midpoint", 6.0), ("cmax", 0.005), ("r", 0.56), ("cmin", 0.0)]),
        new("HyperbolicTangent", "a*(tanh((b*x_j - midpoint)/sigma) + 1)", "gx", [("b", 1.0), ("a", 1.0), ("sigma", 1.0), ("midpoint", 0.0)]),
        new("KuramotoCoupling", "sin(-x_i + x_j)", "a*gx/N", [("a", 1.0), ("N", 1.0)]),
        new("PreSigmoidal", "H*(Q + tanh(G*(P*x_j - theta)))", "gx", [("theta", 0.5), ("P", 1.0), ("Q", 1.0), ("H", 0.5), ("G", 60.0)]),
        new("FastLinearCoupling", "local_states", "G * gx + b", [("G", 0.1), ("b", 0.0)], LocalStates: ["S"], Delayed: false),
        new("Kuramoto", "sin(x_j - x_i)", "a*gx/N", [("a", 1.0)], Tvbo: false),
    ];

    public static IReadOnlyList<string> Names { get; } = Definitions.Select(d => d.Name).ToArray();

    /// <summary>Whether a name (with or without <c>tvbo:</c>) is a library function.</summary>
    public static bool Contains(string name) => Find(name) >= 0;

    /// <summary>Whether a name, exactly as written, is one of TVBO's coupling functions (a coupling named so is filled
    /// from it, as TVBO fills a record from the database entry its name knows).</summary>
    public static bool IsTvboName(string name) => Array.Exists(Definitions, d => d.Tvbo && d.Name == name);

    public static Coupling Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var i = Find(name);
        if (i < 0)
        {
            throw new ArgumentException($"'{name}' is not a library coupling function; known: {string.Join(", ", Names.Select(n => "tvbo:" + n))}.", nameof(name));
        }

        var d = Definitions[i];
        var c = new Coupling(d.Pre, d.Post) { Iri = "tvbo:" + d.Name, Delayed = d.Delayed };
        foreach (var (p, v) in d.Parameters)
        {
            c.Parameters[p] = v;
        }

        foreach (var s in d.LocalStates ?? [])
        {
            c.LocalStates.Add(s);
        }

        return c;
    }

    private static int Find(string name)
    {
        var bare = name.Trim();
        var colon = bare.LastIndexOf(':');
        if (colon >= 0)
        {
            bare = bare[(colon + 1)..];
        }

        return Array.FindIndex(Definitions, d => string.Equals(d.Name, bare, StringComparison.OrdinalIgnoreCase));
    }
}

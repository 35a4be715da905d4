namespace Tvbo.Networks;

/// <summary>TVBO's library coupling functions, written from TVB's documented definitions (pre, post, default
/// parameter values).</summary>
internal static class CouplingLibrary
{
    private static readonly (string Name, string Pre, string Post, (string, double)[] Parameters)[] Definitions =
    [
        ("Linear", "x_j", "a*gx + b", [("a", 0.00390625), ("b", 0.0)]),
        ("Scaling", "x_j", "a*gx", [("a", 1.0)]),
        ("Difference", "x_j - x_i", "a*gx", [("a", 0.1)]),
        ("Sigmoidal", "x_j", "cmin + (cmax - cmin)/(1 + exp(-a*((gx - midpoint)/sigma)))", [("cmin", -1.0), ("cmax", 1.0), ("midpoint", 0.0), ("a", 1.0), ("sigma", 230.0)]),
        ("SigmoidalJansenRit", "cmax/(1 + exp(r*(midpoint - (x_j0 - x_j1))))", "a*gx", [("cmin", 0.0), ("cmax", 0.005), ("midpoint", 6.0), ("r", 0.56), ("a", 1.0)]),
        ("HyperbolicTangent", "a*(1 + tanh((b*x_j - midpoint)/sigma))", "gx", [("a", 1.0), ("b", 1.0), ("midpoint", 0.0), ("sigma", 1.0)]),
        ("Kuramoto", "sin(x_j - x_i)", "a*gx/N", [("a", 1.0)]),
    ];

    public static IReadOnlyList<string> Names { get; } = Definitions.Select(d => d.Name).ToArray();

    /// <summary>Whether a name (with or without <c>tvbo:</c>) is a library function.</summary>
    public static bool Contains(string name) => Find(name) >= 0;

    public static Coupling Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var i = Find(name);
        if (i < 0)
        {
            throw new ArgumentException($"'{name}' is not a library coupling function; known: {string.Join(", ", Names.Select(n => "tvbo:" + n))}.", nameof(name));
        }

        var d = Definitions[i];
        var c = new Coupling(d.Pre, d.Post) { Iri = "tvbo:" + d.Name };
        foreach (var (p, v) in d.Parameters)
        {
            c.Parameters[p] = v;
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

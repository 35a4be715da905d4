namespace Tvbo.PyRates.Templates;

/// <summary>
/// Names a model may use that PyRates 1.2.3 rejects or misreads in a template, and the renaming that avoids
/// them. A reserved name <c>beta</c> becomes <c>beta_</c> in the YAML (more underscores if that is taken);
/// names containing PyRates' internal fragments (<c>_buffer _delays _maxdelay _idx _hist</c>) have the
/// fragment shortened. Results are mapped back, so users never see the renaming.
/// </summary>
/// <remarks>
/// Measured on PyRates 1.2.3 with sympy 1.11: PyRates refuses its own list (<c>y dy pi I E S beta gamma exp …</c>);
/// every other name of sympy's namespace (<c>re im ln erf zeta sign floor Max Min var E1 Symbol …</c>) is parsed
/// as a sympy function and fails with a <c>TypeError</c>; PyRates' generated code shadows Python builtins and
/// its own helpers (<c>max min sum hist interp …</c>); Python keywords do not parse; and <c>t</c> is time.
/// All of these are renamed.
/// </remarks>
internal static class ReservedNames
{
    /// <summary>Fragments PyRates reserves inside names, with the replacement used.</summary>
    public static readonly IReadOnlyList<(string Fragment, string Replacement)> Fragments =
    [
        ("_buffer", "_bufr"), ("_delays", "_dlys"), ("_maxdelay", "_maxdly"), ("_idx", "_ix"), ("_hist", "_hst"),
    ];

    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        // PyRates' own list (frontend check_vname) and time.
        "y", "dy", "t", "source_idx", "target_idx", "pi", "I", "E", "S", "Q", "O", "N", "oo", "zoo", "nan",
        "beta", "gamma", "Beta", "Gamma", "exp", "log", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh",
        "tanh", "sqrt", "abs",

        // PyRates' generated-code helpers and arguments.
        "absv", "arccos", "arcsin", "arctan", "broadcast_post", "broadcast_pre", "concatenate", "conj", "conjugate",
        "dot", "flatten1d", "hist", "identity", "imag", "index", "index_1d", "index_2d", "index_axis", "index_range",
        "interp", "interp_rows", "matmul", "matvec", "maxi", "maximum", "mean", "mini", "minimum", "no_op", "past",
        "randn", "real", "reshape2d", "roll", "sigmoid", "sign", "vsum", "wsum", "np", "numpy", "time", "inf",

        // Python keywords and builtins.
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case",
        "all", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod",
        "compile", "complex", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter",
        "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
        "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max", "memoryview", "min", "next",
        "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
        "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",

        // Plain YAML scalars a YAML 1.1 or 1.2 loader reads as null or a boolean, not as a name.
        "null", "Null", "NULL", "true", "TRUE", "false", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On",
        "ON", "off", "Off", "OFF", "n", "Y",
    };

    /// <summary>Whether PyRates cannot use <paramref name="name"/> as a variable name.</summary>
    /// <param name="name">A model symbol.</param>
    public static bool IsReserved(string name) =>
        Names.Contains(name) || SympyNamespace.Contains(name) || Fragments.Any(f => name.Contains(f.Fragment, StringComparison.Ordinal));

    /// <summary>The name to write for <paramref name="name"/>: itself when allowed, otherwise a renamed form
    /// not reserved and not in <paramref name="taken"/>.</summary>
    /// <param name="name">A model symbol.</param>
    /// <param name="taken">Names already used in the template (model symbols and earlier renamings).</param>
    public static string SafeName(string name, ISet<string> taken)
    {
        if (!IsReserved(name))
        {
            return name;
        }

        var candidate = name;
        foreach (var (fragment, replacement) in Fragments)
        {
            while (candidate.Contains(fragment, StringComparison.Ordinal))
            {
                candidate = candidate.Replace(fragment, replacement, StringComparison.Ordinal);
            }
        }

        while (IsReserved(candidate) || taken.Contains(candidate))
        {
            candidate += "_";
        }

        return candidate;
    }
}

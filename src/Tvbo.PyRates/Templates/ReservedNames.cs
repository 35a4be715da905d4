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
/// Every name of Python 3.11's <c>builtins</c> module and every dunder name (<c>__x__</c>) resolves to the builtin
/// inside sympy's parser (<c>aiter</c>, <c>anext</c>, <c>__import__</c>: "TypeError: unsupported operand type(s) for +:
/// 'Mul' and 'builtin_function_or_method'"). <c>remainder</c> is the function the template writes for <c>%</c>, <c>where</c>
/// and numpy's comparisons those it writes for Piecewise.
/// All of these are renamed.
/// <para>Names with non-ASCII characters (<c>σ_ext</c>, <c>m_∞</c>, <c>τ</c>) are transliterated to ASCII
/// (<see cref="Transliterate"/>): sympy cannot parse some of them (<c>m_∞</c>: "SyntaxError: invalid character '∞'"),
/// and Python folds others into ASCII (NFKC: <c>ﬁ</c> is <c>fi</c>), which could silently merge two symbols.</para>
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

        // The rest of dir(builtins) of Python 3.11 (dunder names are reserved by IsReserved).
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
        "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError",
        "ConnectionError", "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError",
        "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception", "ExceptionGroup", "FileExistsError",
        "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError",
        "ImportWarning", "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError",
        "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "NotADirectoryError",
        "NotImplemented", "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning",
        "PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError",
        "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError",
        "SystemExit", "TabError", "TimeoutError", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
        "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError",
        "Warning", "ZeroDivisionError", "aiter", "anext", "copyright", "credits", "license",

        // Names the template itself uses: the functions written for %, maximum, minimum, ceil, log10, exp2, arctan2,
        // fmod, heaviside and Piecewise (EquationPrinter), and the generated function.
        "remainder", "maxi", "mini", "ceil", "log10", "exp2", "arctan2", "fmod", "heaviside", "vector_field",
        "where", "greater", "greater_equal", "less", "less_equal", "equal", "not_equal", "logical_and", "logical_or",

        // Plain YAML scalars a YAML 1.1 or 1.2 loader reads as null or a boolean, not as a name.
        "null", "Null", "NULL", "true", "TRUE", "false", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On",
        "ON", "off", "Off", "OFF", "n", "Y",
    };

    /// <summary>Whether PyRates cannot use <paramref name="name"/> as a variable name.</summary>
    /// <param name="name">A model symbol.</param>
    public static bool IsReserved(string name) =>
        Names.Contains(name) || SympyNamespace.Contains(name) || IsDunder(name) || !IsAscii(name) ||
        Fragments.Any(f => name.Contains(f.Fragment, StringComparison.Ordinal));

    /// <summary>Greek letters (and a few look-alike signs) spelled in ASCII, as sympy spells them.</summary>
    private static readonly Dictionary<int, string> Spelled = new()
    {
        [0x03B1] = "alpha", [0x03B2] = "beta", [0x03B3] = "gamma", [0x03B4] = "delta", [0x03B5] = "epsilon",
        [0x03B6] = "zeta", [0x03B7] = "eta", [0x03B8] = "theta", [0x03B9] = "iota", [0x03BA] = "kappa",
        [0x03BB] = "lambda", [0x03BC] = "mu", [0x03BD] = "nu", [0x03BE] = "xi", [0x03BF] = "omicron", [0x03C0] = "pi",
        [0x03C1] = "rho", [0x03C2] = "varsigma", [0x03C3] = "sigma", [0x03C4] = "tau", [0x03C5] = "upsilon",
        [0x03C6] = "phi", [0x03C7] = "chi", [0x03C8] = "psi", [0x03C9] = "omega",
        [0x0391] = "Alpha", [0x0392] = "Beta", [0x0393] = "Gamma", [0x0394] = "Delta", [0x0395] = "Epsilon",
        [0x0396] = "Zeta", [0x0397] = "Eta", [0x0398] = "Theta", [0x0399] = "Iota", [0x039A] = "Kappa",
        [0x039B] = "Lambda", [0x039C] = "Mu", [0x039D] = "Nu", [0x039E] = "Xi", [0x039F] = "Omicron", [0x03A0] = "Pi",
        [0x03A1] = "Rho", [0x03A3] = "Sigma", [0x03A4] = "Tau", [0x03A5] = "Upsilon", [0x03A6] = "Phi",
        [0x03A7] = "Chi", [0x03A8] = "Psi", [0x03A9] = "Omega",
        [0x03D1] = "vartheta", [0x03D5] = "varphi", [0x03F5] = "varepsilon", [0x03F1] = "varrho", [0x03D6] = "varpi",
        [0x00B5] = "mu", [0x221E] = "inf", [0x2032] = "prime", [0x2033] = "dprime", [0x2034] = "tprime",
    };

    /// <summary>An ASCII spelling of <paramref name="name"/>: ASCII characters are kept, Greek letters are spelled
    /// (<c>σ</c> → <c>sigma</c>, <c>Δ</c> → <c>Delta</c>), <c>∞</c> is <c>inf</c>, primes are <c>prime</c>, and every other
    /// character is <c>u</c> and its code point in hex (<c>é</c> → <c>u00e9</c>, <c>𝑥</c> → <c>u1d465</c>):
    /// <c>σ_ext</c> → <c>sigma_ext</c>, <c>m_∞</c> → <c>m_inf</c>. Different names can spell the same (<c>σ</c> and
    /// <c>sigma</c>); <see cref="SafeName"/> keeps the written names apart.</summary>
    /// <param name="name">A name.</param>
    public static string Transliterate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (IsAscii(name))
        {
            return name;
        }

        var text = new System.Text.StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                text.Append((char)rune.Value);
            }
            else if (Spelled.TryGetValue(rune.Value, out var spelled))
            {
                text.Append(spelled);
            }
            else
            {
                text.Append('u').Append(rune.Value.ToString(rune.Value > 0xFFFF ? "x5" : "x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static bool IsAscii(string name) => name.All(char.IsAscii);

    private static bool IsDunder(string name) => name.Length >= 4 && name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal);

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

        // A renamed name never starts with "__", so appending underscores below can never make it a dunder name.
        var candidate = Transliterate(name);
        if (candidate.StartsWith("__", StringComparison.Ordinal))
        {
            candidate = candidate.TrimStart('_');
            if (candidate.Length == 0 || char.IsAsciiDigit(candidate[0]))
            {
                candidate = "v" + candidate;
            }
        }

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

namespace Tvbo.Cli;

/// <summary>A parsed command line: positional arguments, <c>--name value</c> options and <c>--flag</c>s.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLine(string command, List<string> positional)
    {
        Command = command;
        Positional = positional;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>The arguments as given (for run.json).</summary>
    public IReadOnlyList<string> Arguments { get; private init; } = [];

    /// <summary>Every option that takes a value, of any command (a name outside these and the flags is unknown).</summary>
    public static readonly IReadOnlySet<string> ValueOptions = new HashSet<string>(StringComparer.Ordinal)
    {
        "backend", "backends", "chunk-size", "conditions", "csv-layout", "experiment", "exploration", "figure-format", "figure-size",
        "format", "json", "keep-yaml", "max-panels", "max-result-bytes", "models", "out", "python", "scheduler", "store",
        "summary-window", "tol-abs", "tol-rel", "tolerance", "workers",
    };

    /// <summary>Parses <paramref name="args"/>; <paramref name="flags"/> are the options that take no value.</summary>
    public static CommandLine Parse(string[] args, IReadOnlySet<string> flags)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no command given.");
        }

        var positional = new List<string>();
        var line = new CommandLine(args[0], positional) { Arguments = args.ToArray() };
        for (var i = 1; i < args.Length; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                var name = eq > 0 ? a[2..eq] : a[2..];
                if (flags.Contains(name))
                {
                    if (eq > 0)
                    {
                        throw new UsageException($"--{name} is a switch and takes no value ('{a}'); give --{name} alone, or leave it out.");
                    }

                    line._flags.Add(name);
                    continue;
                }

                if (!ValueOptions.Contains(name))
                {
                    throw new UsageException($"unknown option '--{name}'.");
                }

                if (eq < 0 && (i + 1 >= args.Length || (args[i + 1].StartsWith('-') && !double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))))
                {
                    throw new UsageException(i + 1 >= args.Length ? $"option --{name} needs a value." : $"option --{name} needs a value, but '{args[i + 1]}' is an option.");
                }

                var value = eq > 0 ? a[(eq + 1)..] : args[++i];
                if (value.Length == 0)
                {
                    throw new UsageException($"option --{name} has an empty value.");
                }
                if (!line._options.TryGetValue(name, out var list))
                {
                    line._options[name] = list = [];
                }

                list.Add(value);
            }
            else if (a is "-v")
            {
                line._flags.Add("verbose");
            }
            else if (a is "-h")
            {
                line._flags.Add("help");
            }
            else if (a.StartsWith('-') && a.Length > 1 && !double.TryParse(a, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw new UsageException($"unknown option '{a}'.");
            }
            else
            {
                positional.Add(a);
            }
        }

        return line;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _flags.Contains(name);
    }

    public string? Option(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var values))
        {
            return null;
        }

        return values.Count == 1 ? values[0] : throw new UsageException($"option --{name} is given {values.Count} times; give it once.");
    }

    /// <summary>An option's value without marking it used (for options another part of the command reads).</summary>
    public string? PeekOption(string name) => _options.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;

    public IReadOnlyList<string> Options(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values : [];
    }

    public int? IntOption(string name)
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new UsageException($"--{name} must be a positive whole number, got '{text}'.");
    }

    public double? DoubleOption(string name)
    {
        var text = Option(name);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new UsageException($"--{name} must be a number, got '{text}'.");
    }

    /// <summary>The single positional argument (the input file).</summary>
    public string File()
    {
        return Positional.Count switch
        {
            1 => Positional[0],
            0 => throw new UsageException($"'{Command}' needs a YAML file argument."),
            _ => throw new UsageException($"'{Command}' takes one file, got {Positional.Count}: {string.Join(" ", Positional)}."),
        };
    }

    /// <summary>Fails on options and flags the command did not ask for.</summary>
    public void RejectUnused()
    {
        var unknown = _options.Keys.Concat(_flags).Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new UsageException($"'{Command}' does not take {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

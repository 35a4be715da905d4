using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using Tvbo.Backends;
using Tvbo.Cli.Commands;
using Tvbo.Figures;

namespace Tvbo.Cli;

/// <summary>The commands of <c>tvbo</c> with their arguments and options (System.CommandLine): the one place that
/// declares the command line. The commands read their typed values from the <see cref="ParseResult"/>;
/// <see cref="Problem"/> words a command line that does not parse.</summary>
internal static class TvboCommands
{
    /// <summary>The name of the tool, whatever the executable's name.</summary>
    public const string Name = "tvbo";

    public const string ExitCodes = """
        Exit codes:
          0    success
          1    a failure of the environment or a backend (no usable Python, a Python error, a Dask worker)
          2    bad input (a bad command line, model, experiment or file)
          3    check/compare found a disagreement
          130  cancelled (Ctrl+C); 143 terminated (SIGTERM). A cancelled run with --out keeps what finished
               (run.json: status partial).
        """;

    // Positional arguments.
    public static readonly Argument<string> ModelFile = new("model-or-experiment.yaml")
    {
        Description = "A TVBO model file, or an experiment file (then its model is reported).",
    };

    public static readonly Argument<string> ExperimentFile = new("experiment.yaml")
    {
        Description = "The experiment: a TVBO simulation experiment file, or a study file (simulation_experiments:, see --experiment).",
    };

    public static readonly Argument<string> CheckInput = new("experiment.yaml|DIR_A")
    {
        Description = "The experiment to run with two backends, or (with DIR_B) the first of two stored results.",
    };

    public static readonly Argument<string?> CheckSecond = new("DIR_B")
    {
        Description = "The second stored result: with DIR_A, two folders written by 'tvbo run --out DIR' (or two exploration folders or .nc files) are compared without running anything.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static readonly Argument<string> ResultFolder = new("DIR")
    {
        Description = "A folder written by 'tvbo run --out DIR' (CSV or NetCDF), one exploration's folder, or one .nc file.",
    };

    public static readonly Argument<string[]> ShardFolders = new("DIR")
    {
        Description = "The shard folders written by 'tvbo run --conditions START:STOP --out DIR'.",
        Arity = ArgumentArity.OneOrMore,
    };

    // Options every command reading an experiment takes.
    public static readonly Option<string[]> Models = Repeatable(
        "--models", "DIR", "A folder holding TVBO model files, for dynamics: {iri: tvbo:Name}, and network files, for network: {iri: tvbo:Atlas} (also its networks subfolder, or the networks folder beside a database/models folder; repeatable; then TVBO_MODELS_DIR, then the tvbo Python package's database).");

    public static readonly Option<string> Experiment = Value(
        "--experiment", "ID", "The experiment (id or label) of a study file (simulation_experiments:).");

    public static readonly Option<bool> Verbose = Switch(
        "--verbose", "Log details on stderr (and progress as lines), and a Python error's traceback.", "-v");

    public static readonly Option<bool> Quiet = Switch(
        "--quiet", "Show no progress on stderr (by default a bar on a terminal, a line per exploration otherwise).", "-q");

    // run
    public static readonly Option<string> Backend = Value(
        "--backend", null, "The backend (required): native (compiled in this process) or pyrates (PyRates in Python).", "native", "pyrates");

    public static readonly Option<string> Out = Value(
        "--out", "DIR", "Write the results into DIR: DIR/<exploration>/ (csv) or DIR/<exploration>.nc (netcdf), DIR/run.json and the figures. DIR must hold only files of an earlier run unless --overwrite.");

    public static readonly Option<string> Store = Value(
        "--store", null, "Keep every condition's time series, or only its summary (first, final, min, max, mean over the summary window). [default: series]", "series", "summary");

    public static readonly Option<string[]> Exploration = Repeatable(
        "--exploration", "NAME", "Only this exploration or continuation (repeatable; default: every exploration and continuation).");

    public static readonly Option<double?> SummaryWindow = Number(
        "--summary-window", "F", "The fraction of the last samples the summaries (min, max, mean) cover, in (0, 1]. [default: 0.2; plot: the run's]");

    public static readonly Option<long?> MaxResultBytes = Bytes(
        "--max-result-bytes", "N", $"Refuse a run whose results in memory would exceed N bytes (then --store summary may fit). [default: {RunOptions.DefaultMaxResultBytes} ({RunOptions.FormatBytes(RunOptions.DefaultMaxResultBytes)})]");

    public static readonly Option<int?> MaxEventTimes = Parsed<int>(
        "--max-event-times", "N", $"For a model with spike-and-reset events: keep at most N times per event and condition (every firing is still counted; the result says where more fired; 0 keeps counts only). [default: {Results.EventTimes.DefaultMaxTimesPerCondition}]", "a whole number >= 0", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null);

    public static readonly Option<string> Conditions = Value(
        "--conditions", "START:STOP", "Run only conditions START..STOP-1 of each grid (C order): a shard, with the noise of the whole grid; join shards with 'tvbo merge'.");

    public static readonly Option<string> Format = Value(
        "--format", null, "The result files: csv (DIR/<exploration>/conditions.csv, series.csv, summary.csv, failures.csv, exploration.json) or netcdf (DIR/<exploration>.nc, opens with xarray.open_dataset). [default: csv]", "csv", "netcdf");

    public static readonly Option<string> CsvLayout = Value(
        "--csv-layout", "wide|long|tidy", "The layout of series.csv: wide (time, then <variable>|<condition> columns), long (condition,time,variable,value) or tidy (condition,time,<variables>). [default: wide]", "wide", "long", "tidy");

    public static readonly Option<bool> Overwrite = Switch(
        "--overwrite", "Replace everything in --out DIR, even files tvbo did not write (never the current, a home or root folder, or one holding an input).");

    public static readonly Option<bool> AllowCode = Switch(
        "--allow-code", "Let observation pipelines run the file's Python source code (TVBO's source_code functions) in the embedded CPython. Off by default: only give it for files you trust.");

    public static readonly Option<bool> NoFigures = Switch(
        "--no-figures", "Write no figures.");

    public static readonly Option<bool> Figures = Switch(
        "--figures", "Write the figures into DIR/<exploration>/figures/: time series, phase portraits, 1-D: bifurcation.png, 2-D: heatmap_*.png (the default with --out).");

    public static readonly Option<string> FigureFormat = Value(
        "--figure-format", "png|svg|png,svg", "The figure files. [default: png]", "png", "svg", "png,svg");

    public static readonly Option<string> FigureSize = Value(
        "--figure-size", "WxH", "The size of every figure in pixels, 200x150 to 20000x20000, e.g. 800x600; larger than a figure's default, its text and lines grow with it. [default: each figure's own]");

    public static readonly Option<int?> MaxPanels = Count(
        "--max-panels", "N", $"The most conditions drawn as panels. [default: {FigureOptions.Default.MaxPanels}]");

    // Backend options (pyrates; --scheduler, --chunk-size and --python also for the native backend on Dask).
    public static readonly Option<string> Python = Value(
        "--python", "PATH", "pyrates: the Python interpreter with PyRates (default: TVBO_PYTHON, then one located); 'run --backend native --scheduler': the Dask client's.");

    public static readonly Option<int?> ChunkSize = Count(
        "--chunk-size", "N", $"pyrates: conditions per PyRates call, one Dask task each with --workers/--scheduler [default: {BackendFactory.PyRatesChunkSize}]; 'run --backend native --scheduler': conditions per shard [default: {RunCommand.DefaultShardSize}].");

    public static readonly Option<string> KeepYaml = Value(
        "--keep-yaml", "DIR", "pyrates: keep the generated PyRates YAML files in DIR.");

    public static readonly Option<int?> Workers = Count(
        "--workers", "N", "pyrates: run the chunks as Dask tasks on a local cluster of N workers.");

    public static readonly Option<string> Scheduler = Value(
        "--scheduler", "tcp://HOST:PORT", "An existing Dask cluster. pyrates: the chunks as tasks; 'run --backend native': shards of --chunk-size conditions as tasks running 'tvbo run --conditions' on workers that have the tool (TVBO_TOOL, or tvbo on their PATH).");

    // check and compare
    public static readonly Option<string> Backends = Value(
        "--backends", "A,B", "The two backends to compare, e.g. native,pyrates. [default: native,pyrates]");

    public static readonly Option<double?> TolAbs = Number(
        "--tol-abs", "X", "The absolute tolerance: a sample agrees when |a - b| <= abs + rel x scale. [default: by the integration method, 1e-9 for fixed steps]");

    public static readonly Option<double?> TolRel = Number(
        "--tol-rel", "Y", "The relative tolerance (scale: the variable's largest |value| in the condition). [default: by the integration method, 1e-9 for fixed steps]");

    public static readonly Option<double?> Tolerance = Number(
        "--tolerance", "X", "The absolute tolerance, with a relative tolerance of 0 (the older spelling of --tol-abs X --tol-rel 0).");

    public static readonly Option<string> Json = Value(
        "--json", "FILE", "Also write the whole comparison (every condition and variable) as JSON to FILE.");

    public static readonly Option<string> CheckOut = Value(
        "--out", "DIR", "Write DIR/check.md, DIR/check.json, both runs' results as CSV (DIR/<backend>/<exploration>/) and overlay figures of each exploration's worst condition (DIR/figures/).");

    // plan
    public static readonly Option<bool> Csv = Switch(
        "--csv", "Print only the condition table of every exploration, as CSV (exploration, condition, parameter values).");

    // merge
    public static readonly Option<string> MergeOut = Value(
        "--out", "DIR", "The folder of the joined result (required); DIR must hold only files of an earlier run unless --overwrite.");

    /// <summary>The root command, built once (the options are shared by the commands that take them).</summary>
    public static readonly RootCommand Root = Create();

    private static RootCommand Create()
    {
        Option[] experimentOptions = [Models, Experiment, Verbose];
        Option[] backendOptions = [Python, ChunkSize, KeepYaml, Workers, Scheduler];
        Option[] outputOptions = [Format, CsvLayout, Overwrite];
        Option[] figureOptions = [NoFigures, Figures, FigureFormat, FigureSize, MaxPanels];

        var report = Command("report", "The model's Markdown report on stdout.", [ModelFile], experimentOptions);
        report.SetAction(p => ReportCommand.Run(p, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));

        var plan = Command(
            "plan",
            "What a run will do, without running it: per exploration the axes, conditions, samples per condition, result size, and the condition table in C order.",
            [ExperimentFile],
            [Csv, .. experimentOptions]);
        plan.SetAction(p => PlanCommand.Run(p, p.InvocationConfiguration.Output));

        var run = Command(
            "run",
            "Run every exploration of the experiment (or those named) and print a line per exploration, then its continuations (bifurcation analysis, always native whatever --backend; a file with continuations and neither explorations nor integration: runs only them); with --out DIR write the results (CSV or NetCDF), DIR/run.json and figures.",
            [ExperimentFile],
            [Backend, Out, Store, Exploration, SummaryWindow, MaxResultBytes, MaxEventTimes, Conditions, AllowCode, Quiet, .. outputOptions, .. figureOptions, .. backendOptions, .. experimentOptions]);
        run.SetAction(p => RunCommand.Run(p, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));

        var merge = Command(
            "merge",
            "Join the shard folders of 'run --conditions' (of one experiment file, unchanged, covering each grid once) into one result.",
            [ShardFolders],
            [MergeOut, .. outputOptions, .. experimentOptions]);
        merge.SetAction(p => MergeCommand.Run(p, p.InvocationConfiguration.Output));

        var plot = Command(
            "plot",
            "The figures of results written by 'run --out DIR' (CSV or NetCDF), into DIR/<exploration>/figures/, and the bifurcation diagrams of continuations written as CSV, into DIR/<continuation>/figures/.",
            [ResultFolder],
            [Exploration, SummaryWindow, .. figureOptions]);
        plot.SetAction(p => PlotCommand.Run(p, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));

        Option[] checkOptions = [Backends, TolAbs, TolRel, Json, CheckOut, AllowCode, Quiet, .. backendOptions, .. experimentOptions];
        var check = Command(
            "check",
            "Run the experiment with two backends, compare every condition and variable, and print the Markdown report (verdicts: agree, sensitive dependence, systematic, diverged); exit 3 on a disagreement. 'check DIR_A DIR_B' compares two stored results.",
            [CheckInput, CheckSecond],
            checkOptions);
        check.SetAction(p => CheckCommand.Run(p, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));

        var compare = Command(
            "compare",
            "'check' with an absolute --tolerance (the older spelling).",
            [ExperimentFile],
            [Tolerance, .. checkOptions]);
        compare.SetAction(p => CheckCommand.Run(p, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));

        var root = new RootCommand("Report, plan and run TVBO experiments: parameter explorations of neural-mass models, with the native backend or PyRates.")
        {
            report, plan, run, merge, plot, check, compare,
        };
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((HelpAction)help.Action!);
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        return root;
    }

    /// <summary>The commands' names, for messages.</summary>
    public static string CommandNames => string.Join(", ", Root.Subcommands.Select(c => c.Name));

    /// <summary>Fails when any of <paramref name="options"/> is on the command line: options the command takes, but
    /// not in the form it was given (e.g. <c>check DIR_A DIR_B</c> runs no backend).</summary>
    public static void RejectGiven(ParseResult parse, params Option[] options)
    {
        var given = options.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
        if (given.Length > 0)
        {
            throw new UsageException($"'{parse.CommandResult.Command.Name}' does not take {string.Join(", ", given)}.");
        }
    }

    /// <summary>Whether the command line asks for completions (<c>[suggest:N]</c>, as dotnet-suggest does).</summary>
    public static bool IsCompletion(ParseResult parse) => Root.Directives.OfType<SuggestDirective>().Any(d => parse.GetResult(d) is not null);

    /// <summary>The command line as parsed (for run.json).</summary>
    public static IReadOnlyList<string> Arguments(ParseResult parse) => parse.Tokens.Select(t => t.Value).ToArray();

    /// <summary>What is wrong with a command line, in one sentence, or <see langword="null"/> when it parsed.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="args">The arguments as given.</param>
    public static string? Problem(ParseResult parse, IReadOnlyList<string> args)
    {
        var command = parse.CommandResult.Command;
        if ((SwitchWithValue(command, args) ?? StrayOption(parse, command)) is { } problem)
        {
            return problem;
        }

        if (parse.Errors.Count == 0 && parse.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        return parse.UnmatchedTokens.Count > 0 ? Unmatched(parse, command) : FirstError(parse, args, command);
    }

    /// <summary>A switch given a value that is not true/false (--verbose=maybe): the value would be taken for a file.</summary>
    private static string? SwitchWithValue(Command command, IReadOnlyList<string> args)
    {
        var options = command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive))).ToList();
        foreach (var a in args.TakeWhile(a => a != "--"))
        {
            var split = a.StartsWith('-') ? a.IndexOfAny(['=', ':']) : -1;
            if (split > 0 && options.FirstOrDefault(o => o.ValueType == typeof(bool) && Names(o).Contains(a[..split])) is { } sw
                && !bool.TryParse(a[(split + 1)..], out _))
            {
                return $"{sw.Name} is a switch: give {sw.Name} alone (or {sw.Name}=true, {sw.Name}=false), not '{a}'.";
            }
        }

        return null;
    }

    /// <summary>Tokens outside any option (unmatched, or taken for a file) and before '--': an option-like one is
    /// unknown, or belongs to another command.</summary>
    private static string? StrayOption(ParseResult parse, Command command)
    {
        var optionValues = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        foreach (var r in AllResults(parse.RootCommandResult).OfType<OptionResult>())
        {
            optionValues.UnionWith(r.Tokens);
        }

        foreach (var token in parse.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash))
        {
            if (token.Type == TokenType.Argument && !optionValues.Contains(token) && LooksLikeOption(token.Value))
            {
                var name = token.Value.IndexOfAny(['=', ':']) is var i and > 0 ? token.Value[..i] : token.Value;
                return !AllOptions(Root).Any(o => Names(o).Contains(name)) ? $"unknown option '{name}'{Suggest(name, command.Options.Concat(command == Root ? [] : Root.Options).SelectMany(Names)) ?? "."}"
                    : command == Root ? $"{name} goes after a command (tvbo <command> ... {name}); commands: {CommandNames}."
                    : $"'{command.Name}' does not take {name}.";
            }
        }

        return null;
    }

    /// <summary>An unknown command, or more arguments than the command takes.</summary>
    private static string Unmatched(ParseResult parse, Command command)
    {
        if (command == Root)
        {
            return $"unknown command '{parse.UnmatchedTokens[0]}'{Suggest(parse.UnmatchedTokens[0], Root.Subcommands.Select(c => c.Name)) ?? ";"} commands: {CommandNames}.";
        }

        var positional = AllResults(parse.RootCommandResult).OfType<ArgumentResult>().Where(r => r.Parent is CommandResult)
            .SelectMany(r => r.Tokens).Select(t => t.Value).Concat(parse.UnmatchedTokens).ToArray();
        var what = command.Arguments[0] == ResultFolder ? "folder" : "file";
        return $"'{command.Name}' takes one {what}, got {positional.Length}: {string.Join(" ", positional)}.";
    }

    /// <summary>The parser's first error, in the tool's words where it has them.</summary>
    private static string FirstError(ParseResult parse, IReadOnlyList<string> args, Command command)
    {
        foreach (var error in parse.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult { IdentifierTokenCount: > 1, Tokens.Count: > 1 } r:
                    return $"option {r.Option.Name} is given {r.IdentifierTokenCount} times; give it once.";
                case OptionResult { Tokens.Count: 0, IdentifierToken: { } id } r when r.Option.Arity.MinimumNumberOfValues > 0:
                    return args.Contains(id.Value + "=") || args.Contains(id.Value + ":")
                        ? $"option {r.Option.Name} has an empty value."
                        : $"option {r.Option.Name} needs a value.";
                case ArgumentResult { Parent: CommandResult, Tokens.Count: 0 }:
                    return command.Name switch
                    {
                        "plot" => "'plot' needs the result folder of 'run --out DIR'.",
                        "merge" => "'merge' needs the shard folders of 'run --conditions START:STOP --out DIR'.",
                        _ => $"'{command.Name}' needs a YAML file argument.",
                    };
                case CommandResult r when r.Command == Root && parse.Errors.Count == 1:
                    return $"no command given; commands: {CommandNames}.";
            }
        }

        var message = parse.Errors[0].Message;
        return message.EndsWith('.') ? message : message + ".";
    }

    /// <summary>"; did you mean 'x'?" for a name close to one of <paramref name="valid"/>, else null.</summary>
    private static string? Suggest(string name, IEnumerable<string> valid) =>
        Tvbo.Files.KeySuggestion.Closest(name, valid.Where(v => !v.StartsWith("-?", StringComparison.Ordinal))) is { } close ? $"; did you mean '{close}'?" : null;

    private static IEnumerable<string> Names(Option option) => option.Aliases.Prepend(option.Name);

    private static IEnumerable<Option> AllOptions(Command command) => command.Options.Concat(command.Subcommands.SelectMany(AllOptions));

    private static IEnumerable<SymbolResult> AllResults(SymbolResult result) =>
        result is CommandResult c ? c.Children.SelectMany(AllResults).Prepend(result) : [result];

    /// <summary>Whether a token is an option: it starts with '-' and is not a negative number or range (<c>-1</c>,
    /// <c>-1:3</c>, <c>-.5</c>: no option name starts with a digit or a dot), which are values the option refuses with
    /// its own message.</summary>
    private static bool LooksLikeOption(string text) =>
        text.Length > 1 && text[0] == '-' && !char.IsAsciiDigit(text[1]) && text[1] != '.' && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static Command Command(string name, string description, Argument[] arguments, Option[] options)
    {
        var command = new Command(name, description);
        foreach (var a in arguments)
        {
            command.Arguments.Add(a);
        }

        foreach (var o in options)
        {
            command.Options.Add(o);
        }

        return command;
    }

    private static Option<bool> Switch(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description };

    private static Option<string> Value(string name, string? helpName, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(CheckValues);
        if (values.Length > 0)
        {
            option.CompletionSources.Add(values);
        }

        return option;
    }

    private static Option<string[]> Repeatable(string name, string helpName, string description)
    {
        var option = new Option<string[]>(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.OneOrMore };
        option.Validators.Add(CheckValues);
        return option;
    }

    private static Option<int?> Count(string name, string helpName, string description) =>
        Parsed<int>(name, helpName, description, "a positive whole number", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null);

    private static Option<long?> Bytes(string name, string helpName, string description) =>
        Parsed<long>(name, helpName, description, "a positive whole number of bytes", t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null);

    private static Option<double?> Number(string name, string helpName, string description) =>
        Parsed<double>(name, helpName, description, "a number", t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null);

    /// <summary>A value option read with <paramref name="parse"/> (invariant culture); a value it refuses is
    /// "NAME must be EXPECTED, got 'VALUE'."</summary>
    private static Option<T?> Parsed<T>(string name, string helpName, string description, string expected, Func<string, T?> parse)
        where T : struct
    {
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r => parse(Text(r)) ?? Refuse<T?>(r, $"{name} must be {expected}, got '{Text(r)}'."),
        };
        option.Validators.Add(CheckValues);
        return option;
    }

    private static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

    private static T? Refuse<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    /// <summary>A value option's values: not empty, and not another option (negative numbers are values).</summary>
    private static void CheckValues(OptionResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.Length == 0)
            {
                result.AddError($"option {result.Option.Name} has an empty value.");
                return;
            }

            if (LooksLikeOption(token.Value))
            {
                result.AddError($"option {result.Option.Name} needs a value, but '{token.Value}' is an option.");
                return;
            }
        }
    }

    /// <summary>System.CommandLine's help, named <c>tvbo</c> whatever the executable is called, with the exit codes.</summary>
    private sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var output = parseResult.InvocationConfiguration.Output;
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            parseResult.InvocationConfiguration.Output = text;
            try
            {
                standard.Invoke(parseResult);
            }
            finally
            {
                parseResult.InvocationConfiguration.Output = output;
            }

            var help = text.ToString();
            var usage = "Usage:" + Environment.NewLine + "  ";
            if (RootCommand.ExecutableName != Name)
            {
                help = help.Replace(usage + RootCommand.ExecutableName, usage + Name, StringComparison.Ordinal);
            }

            output.Write(help);
            output.WriteLine(ExitCodes);
            return 0;
        }
    }

    /// <summary><c>tvbo --version</c>: <c>tvbo VERSION</c>.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"{Name} {Tvbo.IO.ResultMetadata.VersionOf(typeof(Cli).Assembly)}");
            return 0;
        }
    }
}

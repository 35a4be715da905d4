using Tvbo.Cli.Commands;

namespace Tvbo.Cli;

/// <summary>The <c>tvbo</c> command: dispatch, error reporting and exit codes.</summary>
internal static class Cli
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A failure that is not the input's fault (e.g. no usable Python).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a bad command line, model, experiment or file.</summary>
    public const int BadInput = 2;

    /// <summary>Cancelled (Ctrl+C; 143 after SIGTERM).</summary>
    public const int Cancelled = 130;

    public const string Usage = """
        usage: tvbo <command> [options]      (tvbo --version; tvbo <command> --help for this text)

        commands:
          report <model-or-experiment.yaml>      the model's Markdown report on stdout
          plan <experiment.yaml> [--csv]         axes, conditions, samples and result size per exploration,
                                                 and the condition table in C order (CSV with --csv)
          run <experiment.yaml> --backend native|pyrates [--out DIR] [--store series|summary]
                  [--exploration NAME]... [--summary-window F] [--max-result-bytes N] [-v]
                  pyrates only: [--python PATH] [--chunk-size N] [--keep-yaml DIR]
                                [--workers N | --scheduler tcp://HOST:PORT]   (chunks as Dask tasks)
                  native on Dask: --scheduler tcp://HOST:PORT [--chunk-size N]  (shards of N conditions as tasks
                                running 'tvbo run --conditions' on workers that have the tool: TVBO_TOOL or tvbo)
                  [--format csv|netcdf] [--csv-layout wide|long|tidy] [--overwrite]
                                                 run every exploration (or those named) and write
                                                 DIR/<exploration>/conditions.csv, series.csv, summary.csv,
                                                 failures.csv, exploration.json (csv) or DIR/<exploration>.nc
                                                 (netcdf, opens with xarray.open_dataset), and DIR/run.json;
                                                 DIR must hold only files of an earlier run unless --overwrite
                  [--no-figures] [--figure-format png|svg|png,svg] [--figure-size WxH] [--max-panels N]
                                                 and figures in DIR/<exploration>/figures/ (time series,
                                                 phase portraits; 1-D: bifurcation.png; 2-D: heatmap_*.png)
                  [--conditions START:STOP]      run only conditions START..STOP-1 of each grid (C order): a
                                                 shard, with the noise of the whole grid; join with 'merge'
          merge DIR... --out DIR [--format csv|netcdf] [--csv-layout ...] [--overwrite]
                                                 join the shard folders of 'run --conditions' (of one experiment
                                                 file, unchanged, covering each grid once) into one result
          plot DIR [--exploration NAME]... [--figure-format png|svg|png,svg] [--figure-size WxH]
                  [--max-panels N] [--summary-window F]
                                                 the figures of results written by 'run --out DIR' (CSV or
                                                 NetCDF), into DIR/<exploration>/figures/
          check <experiment.yaml> [--backends native,pyrates] [--tol-abs 1e-9] [--tol-rel 1e-9]
                  [--json FILE] [--out DIR] [-v]  (and the pyrates options of run)
                                                 run with two backends, compare every condition and variable,
                                                 print the Markdown report (verdicts: agree, sensitive
                                                 dependence, systematic, diverged); exit 3 on a disagreement
          compare <experiment.yaml> [--backends native,pyrates] [--tolerance 1e-9] [-v]
                                                 'check' with an absolute --tolerance (the older spelling)

        every command reading an experiment also takes:
          --models DIR (repeatable)              folders holding TVBO model files, for dynamics: {iri: tvbo:Name}
                                                 (then TVBO_MODELS_DIR, then the tvbo Python package's models)
          --experiment ID                        the experiment (id or label) of a study file
                                                 (simulation_experiments:)

        exit codes: 0 success, 1 failure of the environment or a backend, 2 bad input,
                    3 check/compare found a disagreement, 130 cancelled (Ctrl+C),
                    143 terminated (SIGTERM); cancelled runs with --out keep what finished (run.json: partial)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? BadInput : Ok;
        }

        if (args[0] is "--version" or "version")
        {
            stdout.WriteLine($"tvbo {Tvbo.IO.ResultMetadata.VersionOf(typeof(Cli).Assembly)}");
            return Ok;
        }

        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine(Usage);
            return Ok;
        }

        try
        {
            var line = CommandLine.Parse(args, new HashSet<string>(StringComparer.Ordinal) { "csv", "verbose", "figures", "no-figures", "overwrite" });
            return line.Command switch
            {
                "report" => ReportCommand.Run(line, stdout),
                "plan" => PlanCommand.Run(line, stdout),
                "run" => RunCommand.Run(line, stdout, stderr),
                "plot" => PlotCommand.Run(line, stdout, stderr),
                "check" or "compare" => CheckCommand.Run(line, stdout, stderr),
                "merge" => MergeCommand.Run(line, stdout),
                _ => throw new UsageException($"unknown command '{line.Command}'; commands: report, plan, run, merge, plot, check, compare."),
            };
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"tvbo: {ex.Message}");
            stderr.WriteLine("Run 'tvbo --help' for usage.");
            return BadInput;
        }
        catch (TvboException ex) when (ex is not Tvbo.Backends.BackendException)
        {
            stderr.WriteLine($"tvbo: {ex.Message}");
            return BadInput;
        }
        catch (Tvbo.Backends.BackendException ex)
        {
            stderr.WriteLine($"tvbo: {ex.Message}");
            if (ex is Tvbo.PyRates.Runtime.PyRatesException { PythonTraceback: { Length: > 0 } traceback })
            {
                stderr.WriteLine(args.Any(a => a is "-v" or "--verbose") ? traceback.TrimEnd() : "(the Python traceback: run again with -v)");
            }

            return Failure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("tvbo: cancelled.");
            return Interruption.LastExitCode ?? Cancelled;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"tvbo: {ex.Message}");
            return Failure;
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("TVBO_DEBUG") is not "1")
        {
            stderr.WriteLine($"tvbo: internal error ({ex.GetType().Name}): {ex.Message} (set TVBO_DEBUG=1 to see where it happened).");
            return Failure;
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Files.ExperimentFile;
using Tvbo.Model;

namespace Tvbo.Cli.Commands;

/// <summary>Loads the experiment (or model) file of a command with the options every command shares:
/// <c>--models DIR</c> (repeatable) for model and network IRIs, <c>--experiment ID</c> for study files; IRIs not found
/// there or in <c>TVBO_MODELS_DIR</c> are looked up in the <c>database/models</c> folder (and the <c>database/networks</c>
/// folder beside it) of a <c>tvbo</c> Python package of the interpreter (<c>--python</c>, <c>TVBO_PYTHON</c> or
/// <c>python3</c>), found without importing it (<c>importlib.util.find_spec</c> locates a top-level package without
/// running it).</summary>
internal static class ExperimentFiles
{
    /// <summary>The load options of the command line (<c>--models</c>, <c>--experiment</c> unless
    /// <paramref name="experiment"/> is given, the logger).</summary>
    public static ExperimentLoadOptions Options(ParseResult parse, ILogger logger, string? experiment = null)
    {
        var models = parse.GetValue(TvboCommands.Models) ?? [];
        foreach (var dir in models)
        {
            if (!Directory.Exists(dir))
            {
                throw new UsageException($"--models '{dir}' is not a folder.");
            }
        }

        var python = parse.GetValue(TvboCommands.Python) ?? Environment.GetEnvironmentVariable("TVBO_PYTHON");
        return new ExperimentLoadOptions
        {
            ModelDirectories = models,
            Experiment = experiment ?? parse.GetValue(TvboCommands.Experiment),
            Logger = logger,
            FallbackModelDirectories = () => TvboPackageModels(python, logger),
        };
    }

    /// <summary>The <c>database/models</c> folder of the <c>tvbo</c> package of an interpreter, if it has one.</summary>
    private static IEnumerable<string> TvboPackageModels(string? python, ILogger logger)
    {
        var exe = python ?? "python3";
        const string Probe = "import importlib.util as u, os\ns = u.find_spec('tvbo')\nprint(os.path.dirname(s.origin) if s and s.origin else '')";
        try
        {
            using var p = Process.Start(new ProcessStartInfo(exe, ["-c", Probe]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (p is null)
            {
                return [];
            }

            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit(10_000);
            if (output.Length == 0)
            {
                return [];
            }

            var candidates = new[] { Path.Combine(output, "database", "models"), Path.Combine(Path.GetDirectoryName(output) ?? output, "database", "models") };
            return candidates.Where(Directory.Exists).ToArray();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            logger.LogDebug("Looking for the tvbo Python package with {Python} failed: {Message}", exe, ex.Message);
            return [];
        }
    }

    public static ILoggerFactory Logging(bool verbose) => LoggerFactory.Create(b => b
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o => o.SingleLine = true));

    public static bool IsExperiment(string file) => SimulationExperiment.IsExperimentFile(file);
}

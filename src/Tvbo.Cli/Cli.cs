using System.CommandLine;
using Tvbo.Cli.Commands;

namespace Tvbo.Cli;

/// <summary>The <c>tvbo</c> command: parsing (the commands are declared in <see cref="TvboCommands"/>), error reporting
/// and exit codes.</summary>
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

    /// <summary>Runs <c>tvbo</c> with <paramref name="args"/>, writing only to <paramref name="stdout"/> and
    /// <paramref name="stderr"/>.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl+C and SIGTERM: see Interruption
        };
        if (args.Length == 0)
        {
            TvboCommands.Root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return BadInput;
        }

        var parse = TvboCommands.Root.Parse(args);
        try
        {
            // --help, --version and [suggest] answer whatever else is on the line.
            if (parse.Action is not { ClearsParseErrors: true } || parse.Errors.Count > 0)
            {
                if (TvboCommands.Problem(parse, args) is { } problem)
                {
                    throw new UsageException(problem);
                }
            }

            return parse.Invoke(invocation);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"tvbo: {ex.Message}");
            stderr.WriteLine("Run 'tvbo --help' for usage.");
            return BadInput;
        }
        catch (TvboException ex)
        {
            stderr.WriteLine($"tvbo: {ex.Message}");
            return BadInput;
        }
        catch (Tvbo.Backends.BackendException ex)
        {
            stderr.WriteLine($"tvbo: {ex.Message}");
            if (ex.Detail is { Length: > 0 } detail)
            {
                stderr.WriteLine(parse.GetValue(TvboCommands.Verbose) ? detail.TrimEnd() : $"({ex.DetailName}: run again with -v)");
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
        catch (InvalidOperationException) when (TvboCommands.IsCompletion(parse))
        {
            return Ok; // no suggestions where System.CommandLine cannot complete (e.g. after --format=)
        }
        catch (Exception ex) when (Environment.GetEnvironmentVariable("TVBO_DEBUG") is not "1")
        {
            stderr.WriteLine($"tvbo: internal error ({ex.GetType().Name}): {ex.Message} (set TVBO_DEBUG=1 to see where it happened).");
            return Failure;
        }
    }
}

using System.Runtime.InteropServices;

namespace Tvbo.Cli.Commands;

/// <summary>Ctrl+C and SIGTERM (a batch system, <c>docker stop</c>) cancel a command's work through one token: the
/// running integration or Python call stops, finished results are kept (written, marked partial, by <c>run</c>),
/// temporary folders are removed, and the command exits 130 (Ctrl+C) or 143 (SIGTERM). A second signal exits at once.</summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly TextWriter _stderr;
    private readonly PosixSignalRegistration? _term;
    private long _firstSignalAt;

    /// <summary>A second Ctrl+C counts as "exit at once" only this long after the first signal (ms): a person's second
    /// key press; one that comes sooner (a signal to the process and to its group, a key held down), or a repeated
    /// SIGTERM, is the same request again.</summary>
    private const long SecondSignalDelayMs = 50;

    public Interruption(TextWriter stderr)
    {
        _stderr = stderr;
        LastExitCode = null;
        Console.CancelKeyPress += OnCancel;
        _term = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            Signal(TerminatedExit);
        });
    }

    /// <summary>The exit code after Ctrl+C (128 + SIGINT).</summary>
    public const int InterruptedExit = 130;

    /// <summary>The exit code after SIGTERM (128 + SIGTERM).</summary>
    public const int TerminatedExit = 143;

    /// <summary>Cancelled by either signal.</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Run before exiting at once on a second Ctrl+C (removes the run's staging folder), best effort.</summary>
    public Action? BeforeExitNow { get; set; }

    /// <summary>The exit code for the signal received (130 when none was: a cancellation from elsewhere).</summary>
    public int ExitCode => LastExitCode ?? InterruptedExit;

    /// <summary>The exit code of the last signal received by a command of this process, or <see langword="null"/>.</summary>
    public static int? LastExitCode { get; private set; }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _term?.Dispose();
        _cts.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Signal(InterruptedExit);
    }

    private void Signal(int exitCode)
    {
        var now = Environment.TickCount64;
        var first = Interlocked.CompareExchange(ref _firstSignalAt, now, 0);
        if (first != 0)
        {
            if (!IsDeliberateSecond(exitCode, now - first))
            {
                // The same request again: a repeated SIGTERM (timeout signals the process, then its group), or a second
                // signal that arrived with the first.
                if (exitCode == InterruptedExit)
                {
                    _stderr.WriteLine("tvbo: already cancelling (press Ctrl+C again to exit at once).");
                    _stderr.Flush();
                }

                return;
            }

            // A second Ctrl+C typed by a person: out now, whatever is being cleaned up or written.
            _stderr.WriteLine("tvbo: exiting at once.");
            _stderr.Flush();
            try
            {
                BeforeExitNow?.Invoke();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a staging folder left behind is removed by the next run into the folder.
            }

            if (OperatingSystem.IsWindows())
            {
                Environment.Exit(exitCode);
            }

            ExitNow(exitCode);
        }

        LastExitCode = exitCode;
        _stderr.WriteLine("tvbo: cancelling; finished results are kept (press Ctrl+C again to exit at once)...");
        _stderr.Flush();
        _cts.Cancel();
    }

    /// <summary>Only a Ctrl+C (SIGINT) at least <see cref="SecondSignalDelayMs"/> after the first signal exits at once.</summary>
    private static bool IsDeliberateSecond(int exitCode, long sinceFirstMs) =>
        exitCode == InterruptedExit && sinceFirstMs >= SecondSignalDelayMs;

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitNow(int status);
}

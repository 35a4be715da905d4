using System.Runtime.InteropServices;

namespace Tvbo.Cli.Commands;

/// <summary>Ctrl+C and SIGTERM (a batch system, <c>docker stop</c>) cancel a command's work through one token:
/// outstanding work stops, partial files and temporary folders are removed, the command exits 130.</summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration? _term;

    public Interruption()
    {
        Console.CancelKeyPress += OnCancel;
        _term = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            _cts.Cancel();
        });
    }

    /// <summary>Cancelled by either signal.</summary>
    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _term?.Dispose();
        _cts.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _cts.Cancel();
    }
}

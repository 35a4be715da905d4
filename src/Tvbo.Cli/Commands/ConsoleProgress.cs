using Tvbo.Backends;

namespace Tvbo.Cli.Commands;

/// <summary>Prints an exploration's progress to stderr (<c>name: 42%</c>), once per whole percent.</summary>
internal sealed class ConsoleProgress(TextWriter stderr) : IProgress<RunProgress>
{
    private int _lastPercent = -1;

    public void Report(RunProgress value)
    {
        var percent = (int)(value.Fraction * 100);
        if (Interlocked.Exchange(ref _lastPercent, percent) != percent)
        {
            stderr.WriteLine($"{value.Exploration}: {percent}%");
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Tvbo.Backends;

namespace Tvbo.Cli.Commands;

/// <summary>
/// Shows the explorations' progress on stderr. On a terminal: a bar redrawn in place (conditions done, rate, time
/// left), replaced by one line when the exploration is done. When stderr is redirected (a log, CI): one line per
/// exploration when it is done; with <c>-v</c> also a line at the start and at every tenth of the way, since a log
/// cannot be redrawn. <c>--quiet</c> shows nothing.
/// </summary>
internal sealed class ProgressDisplay : IProgress<RunProgress>, IDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _stderr;
    private readonly bool _live;
    private readonly bool _verbose;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, Shown> _shown = new(StringComparer.Ordinal);
    private TimeSpan _drawn = -RedrawInterval;
    private bool _open;

    private ProgressDisplay(TextWriter stderr, bool live, bool verbose)
    {
        (_stderr, _live, _verbose) = (stderr, live, verbose);
        if (live)
        {
            // Warnings logged meanwhile go to Console.Error: each clears the bar's line first and the bar is drawn
            // again below it at the next report.
            Console.SetError(new SharedLine(this));
        }
    }

    /// <summary>The display a run shows, or <see langword="null"/> with <c>--quiet</c>.</summary>
    /// <param name="stderr">Where it writes.</param>
    /// <param name="verbose">Whether <c>-v</c> was given (logs share stderr, so lines are written instead of a bar).</param>
    /// <param name="quiet">Whether <c>--quiet</c> was given.</param>
    public static ProgressDisplay? Create(TextWriter stderr, bool verbose, bool quiet) =>
        quiet ? null : new ProgressDisplay(stderr, !verbose && IsTerminal(stderr), verbose);

    /// <summary>Whether <paramref name="stderr"/> is this process's stderr and a terminal that can redraw a line.</summary>
    private static bool IsTerminal(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    /// <inheritdoc/>
    public void Report(RunProgress value)
    {
        lock (_gate)
        {
            // Explorations may run at once (Dask shards): each keeps its own clock; the bar shows the latest report.
            var now = _clock.Elapsed;
            if (!_shown.TryGetValue(value.Exploration, out var shown))
            {
                _shown[value.Exploration] = shown = new Shown(now);
                _drawn = -RedrawInterval;
            }

            if (shown.Done)
            {
                return;
            }

            var elapsed = now - shown.Started;
            if (value.IsComplete)
            {
                shown.Done = true;
                Write(Finished(value, elapsed), newline: true);
                _drawn = -RedrawInterval;
                return;
            }

            if (_live)
            {
                if (now - _drawn >= RedrawInterval)
                {
                    _drawn = now;
                    Write(Bar(value, elapsed), newline: false);
                }
            }
            else if (_verbose && (long)(value.Fraction * 10) is var tenth && tenth > shown.Tenth)
            {
                shown.Tenth = tenth;
                Write(Line(value, elapsed), newline: true);
            }
        }
    }

    /// <summary>Ends an unfinished bar's line (a run that failed or was cancelled) and gives Console.Error back.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            EndLine();
            if (_live && Console.Error is SharedLine)
            {
                Console.SetError(_stderr);
            }
        }
    }

    /// <summary>The line of a finished exploration: <c>sweep: 15 conditions in 7.9 s (1.9 conditions/s)</c>.</summary>
    internal static string Finished(RunProgress p, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Exploration}: {Conditions(p.Conditions)} in {Seconds(elapsed)}{(elapsed.TotalSeconds > 0 ? $" ({Rate(p.Conditions / elapsed.TotalSeconds)})" : "")}");

    /// <summary>A line of progress: <c>sweep: 40% (6/15 conditions, 1.9 conditions/s, 5 s left)</c>.</summary>
    internal static string Line(RunProgress p, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Exploration}: {p.Fraction * 100:0}% ({p.ConditionsDone}/{p.Conditions} conditions{Pace(p, elapsed, ", ")})");

    /// <summary>The bar: <c>sweep ━━━━━━━━──────────  40%  6/15 conditions · 1.9 conditions/s · 5 s left</c>,
    /// cut to the terminal's width.</summary>
    internal static string Bar(RunProgress p, TimeSpan elapsed, int width = 0)
    {
        width = width > 0 ? width : TerminalWidth();
        const int barWidth = 24;
        var filled = (int)Math.Round(p.Fraction * barWidth);
        var text = string.Create(CultureInfo.InvariantCulture, $"{p.Exploration} {new string('━', filled)}{new string('─', barWidth - filled)} {p.Fraction * 100,3:0}%  {p.ConditionsDone}/{p.Conditions} conditions{Pace(p, elapsed, " · ")}");
        return text.Length < width ? text : text[..Math.Max(0, width - 1)];
    }

    private static string Pace(RunProgress p, TimeSpan elapsed, string separator)
    {
        var done = p.Fraction * p.Conditions;
        if (elapsed.TotalSeconds < 0.5)
        {
            return "";
        }

        if (done <= 0)
        {
            return separator + Seconds(elapsed);
        }

        var rate = done / elapsed.TotalSeconds;
        var left = TimeSpan.FromSeconds((p.Conditions - done) / rate);
        return separator + Rate(rate) + separator + Seconds(left) + " left";
    }

    private static string Conditions(int n) => n == 1 ? "1 condition" : string.Create(CultureInfo.InvariantCulture, $"{n} conditions");

    private static string Rate(double perSecond) =>
        perSecond >= 1
            ? perSecond.ToString(perSecond >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) + " conditions/s"
            : (1 / perSecond).ToString("0.#", CultureInfo.InvariantCulture) + " s/condition";

    private static string Seconds(TimeSpan t) =>
        t.TotalSeconds < 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0} ms")
        : t.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#} s")
        : t.TotalHours < 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes} min");

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 20 and var w ? w : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    private void Write(string text, bool newline)
    {
        if (_live)
        {
            // Redraw in place: back to the line's start, the text, the rest of the old line cleared.
            _stderr.Write("\r" + text + "\u001b[K");
            _open = !newline;
            if (newline)
            {
                _stderr.WriteLine();
            }
        }
        else
        {
            _stderr.WriteLine(text);
        }

        _stderr.Flush();
    }

    /// <summary>Text another writer (the logger) sends to stderr while the bar is shown: the bar's line is cleared
    /// first, and the bar is drawn again at the next report.</summary>
    private void Interject(string text)
    {
        lock (_gate)
        {
            if (_open)
            {
                _stderr.Write("\r\u001b[K");
                _open = false;
                _drawn = -RedrawInterval;
            }

            _stderr.Write(text);
            _stderr.Flush();
        }
    }

    private void EndLine()
    {
        if (_open)
        {
            _stderr.WriteLine();
            _stderr.Flush();
            _open = false;
        }
    }

    /// <summary>Console.Error while a bar is shown: what others write goes through <see cref="Interject"/>.</summary>
    private sealed class SharedLine(ProgressDisplay display) : TextWriter
    {
        public override System.Text.Encoding Encoding => display._stderr.Encoding;

        public override void Write(char value) => display.Interject(value.ToString());

        public override void Write(string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                display.Interject(value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => display.Interject(new string(buffer, index, count));

        public override void Flush() => display._stderr.Flush();
    }

    /// <summary>What has been shown of one exploration.</summary>
    private sealed class Shown(TimeSpan started)
    {
        public TimeSpan Started { get; } = started;

        public long Tenth { get; set; } = -1;

        public bool Done { get; set; }
    }
}

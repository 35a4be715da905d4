using System.Globalization;
using Tvbo.Experiment;

namespace Tvbo.IO;

/// <summary>
/// What a result file claims, checked before anything is allocated from it: counts within the bounds a run can
/// produce, names a result can carry, a step size and a time grid a run has. Shared by the CSV and the NetCDF reader,
/// so that both refuse the same tampering with the same words. Every refusal is a <see cref="ResultFileException"/>
/// naming the file and the key (or line) at fault and saying what would be valid; a value from the file is shown only
/// when it is the one at fault, and then shortened.
/// </summary>
internal static class ResultFileCheck
{
    /// <summary>The most values one result holds (its series or each summary statistic is one array).</summary>
    public const long MaxValues = 0x7FFFFFC7; // Array.MaxLength

    /// <summary>The longest value shown in a message.</summary>
    private const int MaxShown = 40;

    /// <summary>A refusal: <c>'path': what.</c></summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What is wrong and what would be valid.</param>
    public static ResultFileException Fail(string path, string what) => new($"'{path}': {what}.", path);

    /// <summary>A refusal at a line: <c>'path', line n: what.</c></summary>
    /// <param name="path">The file.</param>
    /// <param name="line">The line (from 1).</param>
    /// <param name="what">What is wrong and what would be valid.</param>
    public static ResultFileException FailAt(string path, long line, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"'{path}', line {line}: {what}."), path);

    /// <summary>A value from a file as a message shows it: at most 40 characters, control characters as '?'.</summary>
    /// <param name="value">The value.</param>
    public static string Show(string value)
    {
        var shown = value.Length > MaxShown ? value[..MaxShown] : value;
        shown = new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > MaxShown ? shown + "…" : shown;
    }

    /// <summary>A number as a message shows it (round-trip exact).</summary>
    /// <param name="value">The number.</param>
    public static string Show(double value) => RoundTripNumber.ToText(value);

    /// <summary>A count as a message shows it (digits only, so it can be searched for).</summary>
    /// <param name="value">The count.</param>
    public static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A whole number within <paramref name="min"/> … <paramref name="max"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The key as the message names it (<c>"samples"</c>, <c>attribute "failure_count"</c>).</param>
    /// <param name="value">The value.</param>
    /// <param name="min">The smallest valid value.</param>
    /// <param name="max">The largest valid value.</param>
    /// <param name="what">What the number counts (<c>the samples per condition</c>).</param>
    public static void Count(string path, string key, long value, long min, long max, string what)
    {
        if (value < min || value > max)
        {
            throw Fail(path, $"{key} is {Show(value)}; valid: {what}, a whole number from {Show(min)} to {Show(max)}");
        }
    }

    /// <summary>The exploration's name: what an experiment accepts (it names folders and files).</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The key.</param>
    /// <param name="name">The name, or <see langword="null"/> when the file has none.</param>
    public static string Name(string path, string key, string? name)
    {
        if (name is null)
        {
            throw Fail(path, $"{key} is missing; valid: the exploration's name");
        }

        if (!Exploration.IsValidName(name))
        {
            throw Fail(path, $"{key} is '{Show(name)}', not an exploration name; valid: letters, digits and '_' (and '-' or '.' after the first character), at most {Exploration.MaxNameLength} characters");
        }

        return name;
    }

    /// <summary>One of a few words (<c>product</c> or <c>zip</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, or <see langword="null"/> when the file has none.</param>
    /// <param name="valid">The valid words.</param>
    public static string Word(string path, string key, string? value, params string[] valid)
    {
        if (value is null || !valid.Contains(value, StringComparer.Ordinal))
        {
            var got = value is null ? "missing" : $"'{Show(value)}'";
            throw Fail(path, $"{key} is {got}; valid: {string.Join(" or ", valid.Select(v => $"'{v}'"))}");
        }

        return value;
    }

    /// <summary>The output names: at least one, none empty, no two alike, no line break (the CSV tables could not hold
    /// it); at most as many as one result can hold for one condition.</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The key.</param>
    /// <param name="outputs">The names, or <see langword="null"/> when the file has none.</param>
    public static void Outputs(string path, string key, IReadOnlyList<string?>? outputs)
    {
        if (outputs is null || outputs.Count == 0)
        {
            throw Fail(path, $"{key} lists no outputs; valid: the names of the recorded variables, at least one");
        }

        Names(path, key, outputs, "output");
    }

    /// <summary>The axes' names: none empty, no two alike, no line break, no '/' (a NetCDF variable name).</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The key.</param>
    /// <param name="names">The names.</param>
    public static void AxisNames(string path, string key, IReadOnlyList<string?> names)
    {
        Names(path, key, names, "parameter");
        foreach (var name in names)
        {
            if (name!.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            {
                throw Fail(path, $"{key} names a parameter '{Show(name)}'; valid: parameter names without '/'");
            }
        }
    }

    /// <summary>The grid of the axes, refused (not built) when it has more conditions than a grid may have or zip axes
    /// of different lengths; every explored value finite.</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The key of the axes.</param>
    /// <param name="name">The exploration's name (checked).</param>
    /// <param name="label">Its label.</param>
    /// <param name="mode">How the axes combine.</param>
    /// <param name="axes">The axes (names checked with <see cref="AxisNames"/>).</param>
    public static ExplorationGrid Grid(string path, string key, string name, string? label, ExplorationMode mode, IReadOnlyList<ExplorationAxis> axes)
    {
        long total = 1;
        foreach (var axis in axes)
        {
            var n = axis.ExploredValues.Count;
            if (n == 0)
            {
                throw Fail(path, $"{key}: parameter '{Show(axis.Name)}' has no values; valid: at least one explored value per parameter");
            }

            for (var i = 0; i < n; i++)
            {
                if (!double.IsFinite(axis.ExploredValues[i]))
                {
                    throw Fail(path, $"{key}: value {Show(i)} of parameter '{Show(axis.Name)}' is {Show(axis.ExploredValues[i])}; valid: finite numbers");
                }
            }

            if (mode == ExplorationMode.Zip && n != axes[0].ExploredValues.Count)
            {
                throw Fail(path, $"{key}: the grid is a zip, but parameter '{Show(axis.Name)}' has {Show(n)} values and '{Show(axes[0].Name)}' {Show(axes[0].ExploredValues.Count)}; valid: parameters of one length");
            }

            total = mode == ExplorationMode.Zip ? n : total * n;
            if (total > ExplorationGrid.MaxConditions || total * Math.Max(1, axes.Count) > MaxValues)
            {
                throw Fail(path, $"{key} gives more than {Show(ExplorationGrid.MaxConditions)} conditions; valid: a grid of at most {Show(ExplorationGrid.MaxConditions)}");
            }
        }

        try
        {
            return ExplorationGrid.Restore(name, label, mode, axes);
        }
        catch (TvboException ex)
        {
            throw Fail(path, $"{key} gives no grid a run can have ({ex.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The step size: finite and positive, as every run's.</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The key.</param>
    /// <param name="dt">The value, or <see langword="null"/> when the file has none.</param>
    public static double Dt(string path, string key, double? dt)
    {
        if (dt is not { } value || !double.IsFinite(value) || value <= 0)
        {
            throw Fail(path, $"{key} is {(dt is { } d ? Show(d) : "missing")}; valid: the integration step size, a finite number > 0");
        }

        return value;
    }

    /// <summary>The time grid: finite, in order (no sample before the one it follows).</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">Where the times are (<c>"time"</c>, <c>the time column</c>).</param>
    /// <param name="time">The times.</param>
    public static void Time(string path, string key, ReadOnlySpan<double> time)
    {
        for (var t = 0; t < time.Length; t++)
        {
            if (!double.IsFinite(time[t]))
            {
                throw Fail(path, $"{key}: sample {Show(t)} is at t = {Show(time[t])}; valid: finite times, in increasing order");
            }

            if (t > 0 && time[t] < time[t - 1])
            {
                throw Fail(path, $"{key}: sample {Show(t)} (t = {Show(time[t])}) comes before sample {Show(t - 1)} (t = {Show(time[t - 1])}); valid: finite times, in increasing order");
            }
        }
    }

    /// <summary>The summary window: its fraction in (0, 1] and its first sample within the samples.</summary>
    /// <param name="path">The file.</param>
    /// <param name="startKey">The key of the first sample.</param>
    /// <param name="start">The first sample, or <see langword="null"/> when the file has none.</param>
    /// <param name="fractionKey">The key of the fraction.</param>
    /// <param name="fraction">The fraction.</param>
    /// <param name="samples">The samples per condition.</param>
    public static void Window(string path, string startKey, long? start, string fractionKey, double fraction, int samples)
    {
        if (!(fraction > 0 && fraction <= 1))
        {
            throw Fail(path, $"{fractionKey} is {Show(fraction)}; valid: the summary window, a fraction in (0, 1]");
        }

        if (start is { } s)
        {
            Count(path, startKey, s, 0, samples - 1, $"the first sample of the summary window ({Show(samples)} samples)");
        }
    }

    /// <summary>The values one result would hold: at most <see cref="MaxValues"/>, so the arrays can exist.</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The keys of the counts (<c>"samples" and "outputs"</c>).</param>
    /// <param name="conditions">The conditions.</param>
    /// <param name="samples">The samples per condition, or <see langword="null"/> for a summary.</param>
    /// <param name="outputs">The outputs.</param>
    public static void Values(string path, string key, long conditions, long? samples, long outputs)
    {
        var values = (Int128)conditions * (samples ?? 1) * outputs;
        if (values > MaxValues)
        {
            var shape = samples is { } nt ? $"{Show(conditions)} conditions x {Show(nt)} samples" : $"{Show(conditions)} conditions";
            throw Fail(path, $"{key}: {shape} x {Show(outputs)} outputs are {values.ToString(CultureInfo.InvariantCulture)} values, more than one result holds; valid: at most {Show(MaxValues)} values");
        }
    }

    /// <summary>A data file is large enough for the values claimed: every number takes at least two bytes (a digit and
    /// a separator; eight in NetCDF). Checked before the arrays are allocated, so memory is bounded by the files.</summary>
    /// <param name="path">The file.</param>
    /// <param name="minimumBytes">The fewest bytes the values claimed take.</param>
    /// <param name="claim">What was claimed, and by which file.</param>
    public static void Holds(string path, Int128 minimumBytes, string claim)
    {
        var length = new FileInfo(path).Length;
        if (length < minimumBytes)
        {
            throw Fail(path, $"it is {ResultSize.Format(length)}, too small for {claim} (at least {ResultSize.Format((long)Int128.Min(minimumBytes, long.MaxValue))}); valid: the file as 'tvbo run' wrote it, complete");
        }
    }

    /// <summary>A failure's condition: an index into the exploration's conditions.</summary>
    /// <param name="path">The file.</param>
    /// <param name="where">Where it is (<c>line 3</c>, <c>variable "failure_condition", failure 2</c>).</param>
    /// <param name="condition">The condition.</param>
    /// <param name="conditions">The exploration's conditions.</param>
    public static int FailureCondition(string path, string where, long condition, int conditions) =>
        condition >= 0 && condition < conditions
            ? (int)condition
            : throw new ResultFileException($"'{path}', {where}: condition {Show(condition)} is not one of the exploration's; valid: a condition from 0 to {Show(conditions - 1)}.", path);

    /// <summary>The metadata a reader uses: the shard's range (if any) holding the file's conditions, numbers finite,
    /// the summary window a fraction.</summary>
    /// <param name="path">The file.</param>
    /// <param name="m">The metadata.</param>
    /// <param name="conditions">The file's conditions.</param>
    /// <param name="key">The key of a metadata field as the message names it.</param>
    public static void Metadata(string path, ResultMetadata m, int conditions, Func<string, string> key)
    {
        foreach (var (name, value) in new (string, double?)[]
        {
            ("stepSize", m.StepSize), ("samplingStepSize", m.SamplingStepSize), ("duration", m.Duration), ("transientTime", m.TransientTime),
            ("relativeTolerance", m.RelativeTolerance), ("absoluteTolerance", m.AbsoluteTolerance),
        })
        {
            if (value is { } v && !double.IsFinite(v))
            {
                throw Fail(path, $"{key(name)} is {Show(v)}; valid: a finite number");
            }
        }

        if (m.Software is null)
        {
            throw Fail(path, $"{key("software")} is null; valid: an object of name: version texts");
        }

        if (!(m.SummaryWindow > 0 && m.SummaryWindow <= 1))
        {
            throw Fail(path, $"{key("summaryWindow")} is {Show(m.SummaryWindow)}; valid: the summary window, a fraction in (0, 1]");
        }

        if (m.ConditionStart is null != m.ConditionStop is null)
        {
            throw Fail(path, $"{key(m.ConditionStart is null ? "conditionStop" : "conditionStart")} is given without {key(m.ConditionStart is null ? "conditionStart" : "conditionStop")}; valid: both (a shard: tvbo run --conditions START:STOP, RunOptions.Conditions) or neither");
        }

        if (m.ConditionStart is { } start && m.ConditionStop is { } stop)
        {
            Count(path, key("conditionStart"), start, 0, ExplorationGrid.MaxConditions - 1, "the shard's first condition");
            if ((long)stop - start != conditions)
            {
                throw Fail(path, $"{key("conditionStart")} and {key("conditionStop")} give the range {Show(start)}:{Show(stop)}, but the file holds {Show(conditions)} conditions; valid: a range of {Show(conditions)} conditions");
            }
        }
    }

    private static void Names(string path, string key, IReadOnlyList<string?> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (string.IsNullOrEmpty(name))
            {
                throw Fail(path, $"{key}: {what} {Show(i)} has no name; valid: non-empty names");
            }

            if (name.Contains('\n', StringComparison.Ordinal) || name.Contains('\r', StringComparison.Ordinal))
            {
                throw Fail(path, $"{key}: {what} {Show(i)} ('{Show(name)}') holds a line break; valid: names on one line");
            }

            if (!seen.Add(name))
            {
                throw Fail(path, $"{key} lists {what} '{Show(name)}' twice; valid: each {what} once");
            }
        }
    }
}

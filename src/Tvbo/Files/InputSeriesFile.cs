using System.Globalization;
using Tvbo.Experiment;

namespace Tvbo.Files;

/// <summary>
/// An input series read from a file (<c>inputs: {I: drive.csv}</c>): one row per step, one column (every condition) or
/// one per condition. Only the rows the integration needs are read, a text file line by line (each line at most
/// <see cref="TextRows.MaxLineChars"/> characters), a <c>.npy</c> file after its header is checked: memory follows the
/// steps run, not the file's size. Rows after the last step are not read (a longer series is allowed); a later, longer
/// integration reads more (<see cref="Require"/>). Problems are <see cref="TvboFileException"/>s located at the
/// experiment file's entry for the input and naming the data file.
/// </summary>
internal sealed class InputSeriesFile : InputSeries
{
    private readonly string _symbol;
    private readonly string _shown;
    private readonly string _path;
    private readonly (string File, int Line, int Column) _at;
    private readonly IReadOnlyList<(string Name, long Conditions)>? _grids;
    private double[] _values = [];
    private int _width = 1;
    private int _rows;
    private bool _complete;

    private InputSeriesFile(string symbol, string shown, string path, (string File, int Line, int Column) at, IReadOnlyList<(string Name, long Conditions)>? grids)
    {
        _symbol = symbol;
        _shown = shown;
        _path = path;
        _at = at;
        _grids = grids;
    }

    /// <summary>Reads the first <paramref name="steps"/> rows of a series file (all of them when it has fewer).</summary>
    /// <param name="symbol">The input, for messages.</param>
    /// <param name="shown">The file as the user wrote it.</param>
    /// <param name="path">The file's full path.</param>
    /// <param name="at">Where the input is given (the experiment file, line, column).</param>
    /// <param name="steps">The rows the integration needs.</param>
    /// <param name="grids">The explorations' condition counts: a file of several columns must have as many as one of
    /// them, checked on its first row, before the rest is read; <see langword="null"/> when not known.</param>
    /// <exception cref="TvboFileException">The file cannot be read, is not a series, or its columns match no grid.</exception>
    public static InputSeriesFile Read(string symbol, string shown, string path, (string File, int Line, int Column) at, int steps, IReadOnlyList<(string Name, long Conditions)>? grids)
    {
        var series = new InputSeriesFile(symbol, shown, path, at, grids);
        series.Load(steps);
        return series;
    }

    /// <summary>The rows read: those the integration needs, or all of the file's when it has fewer.</summary>
    public override int? Length => _rows;

    /// <inheritdoc/>
    public override int? Conditions => _width == 1 ? null : _width;

    /// <inheritdoc/>
    public override void Fill(int condition, int firstStep, Span<double> into)
    {
        if (_width == 1)
        {
            _values.AsSpan(firstStep, into.Length).CopyTo(into);
            return;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstStep + into.Length, _rows, nameof(into));
        for (var k = 0; k < into.Length; k++)
        {
            into[k] = _values[((long)(firstStep + k) * _width) + condition];
        }
    }

    /// <summary>Makes at least <paramref name="steps"/> rows available when the file has them (reading it again when
    /// the integration has grown since it was read).</summary>
    /// <param name="steps">The rows needed.</param>
    public void Require(int steps)
    {
        if (!_complete && _rows < steps)
        {
            Load(steps);
        }
    }

    /// <summary>An error at the input's entry in the experiment file, naming the input and its file.</summary>
    /// <param name="problem">What is wrong, after "input 'I': 'file'" (from its separator on: " has …", ": …").</param>
    public TvboFileException Error(string problem) => new(_at.File, _at.Line, _at.Column, $"input '{_symbol}': '{_shown}'{problem}");

    private void Load(int steps)
    {
        var verdict = InputFile.Check(_path, InputFile.MaxDataBytes, allowEmpty: false);
        if (verdict.Finding != InputFile.Finding.Readable)
        {
            throw Error(verdict.Finding == InputFile.Finding.Missing
                ? $" does not exist (looked for {_path})."
                : $" {verdict.Problem}; give a file of one row per step ({MatrixFile.Accepted}).");
        }

        try
        {
            using var stream = InputFile.OpenRead(_path);
            (_values, _width, _rows, _complete) = Path.GetExtension(_path).Equals(".npy", StringComparison.OrdinalIgnoreCase)
                ? FromNpy(stream, steps)
                : MatrixFile.IsText(_path)
                    ? FromText(stream, steps)
                    : throw new InvalidDataException($"the extension '{Path.GetExtension(_path)}' is not read; give {MatrixFile.Accepted}.");
        }
        catch (InvalidDataException ex)
        {
            throw Error($": {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error($" cannot be read: {ex.Message}");
        }
    }

    /// <summary>Refuses a file of several columns whose count is no exploration's number of conditions.</summary>
    private void CheckWidth(long width)
    {
        if (width == 1 || _grids is null || _grids.Any(g => g.Conditions == width))
        {
            return;
        }

        var grids = string.Join(", ", _grids.Select(g => string.Create(CultureInfo.InvariantCulture, $"exploration '{g.Name}' has {g.Conditions} condition{(g.Conditions == 1 ? "" : "s")}")));
        throw Error(string.Create(CultureInfo.InvariantCulture,
            $" has {width} columns (a series per condition); {grids}. Give one column per condition (C order), or one column shared by all."));
    }

    private (double[] Values, int Width, int Rows, bool Complete) FromNpy(Stream stream, int steps)
    {
        var layout = NpyFile.ReadLayout(stream, allowVector: true);
        CheckWidth(layout.Columns);
        var values = NpyFile.ReadRows(stream, layout, steps);
        var width = (int)layout.Columns;
        for (var k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"row {k / width}, column {k % width}: {values[k]}; input values must be finite."));
            }
        }

        return (values, width, values.Length / width, layout.Rows <= steps);
    }

    private (double[] Values, int Width, int Rows, bool Complete) FromText(Stream stream, int steps)
    {
        using var rows = new TextRows(stream);
        var row = new List<double>();
        if (!rows.Next(row))
        {
            throw new InvalidDataException("the file holds no rows of numbers.");
        }

        var width = row.Count;
        var firstLine = rows.Line;
        CheckWidth(width);

        // Row after row in one buffer, grown as rows come (never beyond the steps needed).
        var capacity = (int)Math.Clamp(Math.Min(steps, (1L << 16) / width), 1, steps);
        var values = new double[(long)capacity * width];
        var n = 0;
        do
        {
            if (row.Count != width)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"line {rows.Line} has {row.Count} values, but line {firstLine} has {width}; every row has one value per column (one column, or one per condition)."));
            }

            if (n == capacity)
            {
                capacity = (int)Math.Min(steps, 2L * capacity);
                if ((long)capacity * width > Array.MaxLength)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {rows.Line}: {n + 1} rows of {width} values are more values than an input series holds here ({Array.MaxLength})."));
                }

                Array.Resize(ref values, capacity * width);
            }

            for (var j = 0; j < width; j++)
            {
                var v = row[j];
                if (!double.IsFinite(v))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {rows.Line}, column {j}: {v}; input values must be finite."));
                }

                values[((long)n * width) + j] = v;
            }

            n++;
        }
        while (n < steps && rows.Next(row));

        Array.Resize(ref values, n * width);
        return (values, width, n, n < steps);
    }
}

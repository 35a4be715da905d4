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
    private double[][] _columns = [];
    private bool _complete;

    private InputSeriesFile(string symbol, string shown, string path, (string File, int Line, int Column) at)
    {
        _symbol = symbol;
        _shown = shown;
        _path = path;
        _at = at;
    }

    /// <summary>Reads the first <paramref name="steps"/> rows of a series file (all of them when it has fewer).</summary>
    /// <param name="symbol">The input, for messages.</param>
    /// <param name="shown">The file as the user wrote it.</param>
    /// <param name="path">The file's full path.</param>
    /// <param name="at">Where the input is given (the experiment file, line, column).</param>
    /// <param name="steps">The rows the integration needs.</param>
    /// <exception cref="TvboFileException">The file cannot be read, or is not a series.</exception>
    public static InputSeriesFile Read(string symbol, string shown, string path, (string File, int Line, int Column) at, int steps)
    {
        var series = new InputSeriesFile(symbol, shown, path, at);
        series.Load(steps);
        return series;
    }

    /// <summary>The rows read: those the integration needs, or all of the file's when it has fewer.</summary>
    public override int? Length => _columns[0].Length;

    /// <inheritdoc/>
    public override int? Conditions => _columns.Length == 1 ? null : _columns.Length;

    /// <inheritdoc/>
    public override void Fill(int condition, int firstStep, Span<double> into) =>
        _columns[_columns.Length == 1 ? 0 : condition].AsSpan(firstStep, into.Length).CopyTo(into);

    /// <summary>Makes at least <paramref name="steps"/> rows available when the file has them (reading it again when
    /// the integration has grown since it was read).</summary>
    /// <param name="steps">The rows needed.</param>
    public void Require(int steps)
    {
        if (!_complete && _columns[0].Length < steps)
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
            (_columns, _complete) = Path.GetExtension(_path).Equals(".npy", StringComparison.OrdinalIgnoreCase)
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

    private static (double[][] Columns, bool Complete) FromNpy(Stream stream, int steps)
    {
        var layout = NpyFile.ReadLayout(stream, allowVector: true);
        var columns = NpyFile.ReadColumns(stream, layout, steps);
        for (var j = 0; j < columns.Length; j++)
        {
            for (var k = 0; k < columns[j].Length; k++)
            {
                if (!double.IsFinite(columns[j][k]))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"row {k}, column {j}: {columns[j][k]}; input values must be finite."));
                }
            }
        }

        return (columns, layout.Rows <= steps);
    }

    private static (double[][] Columns, bool Complete) FromText(Stream stream, int steps)
    {
        using var rows = new TextRows(stream);
        var row = new List<double>();
        if (!rows.Next(row))
        {
            throw new InvalidDataException("the file holds no rows of numbers.");
        }

        var width = row.Count;
        var firstLine = rows.Line;
        var capacity = Math.Min(steps, 1024);
        var columns = new double[width][];
        for (var j = 0; j < width; j++)
        {
            columns[j] = new double[capacity];
        }

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
                for (var j = 0; j < width; j++)
                {
                    Array.Resize(ref columns[j], capacity);
                }
            }

            for (var j = 0; j < width; j++)
            {
                var v = row[j];
                if (!double.IsFinite(v))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {rows.Line}, column {j}: {v}; input values must be finite."));
                }

                columns[j][n] = v;
            }

            n++;
        }
        while (n < steps && rows.Next(row));

        for (var j = 0; j < width; j++)
        {
            Array.Resize(ref columns[j], n);
        }

        return (columns, n < steps);
    }
}

using System.Globalization;

namespace Tvbo.Files.Connectome;

/// <summary>Reading and checking the matrices of connectome files: text matrices (<c>.csv</c>, <c>.tsv</c>) through
/// <see cref="MatrixFile"/> under the file-access policy, and the checks every matrix of a network passes (square, the
/// network's size, finite, lengths not negative); problems are <see cref="TvboFileException"/>s naming the file.</summary>
internal static class ConnectomeMatrix
{
    /// <summary>Names TVBO gives a weight matrix (an edge of a network file, a BIDS measure), lower case.</summary>
    public static readonly IReadOnlySet<string> WeightNames = new HashSet<string>(StringComparer.Ordinal) { "weight", "weights", "sc", "streamlinecount", "streamlinedensity" };

    /// <summary>Names TVBO gives a tract-length matrix, lower case (TVBO's <c>_LENGTH_MEASURES</c>).</summary>
    public static readonly IReadOnlySet<string> LengthNames = new HashSet<string>(StringComparer.Ordinal) { "length", "lengths", "tractlength", "tractlengths", "tract_length", "tract_lengths" };

    /// <summary>Units read as millimetres (lengths are in mm: delays are length / conduction speed in mm/ms).</summary>
    private static readonly IReadOnlySet<string> Millimetres = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "mm", "millimeter", "millimeters", "millimetre", "millimetres" };

    /// <summary>Other length units, refused for lengths.</summary>
    private static readonly IReadOnlySet<string> OtherLengths = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "m", "meter", "meters", "metre", "metres", "cm", "centimeter", "centimeters", "um", "µm", "micrometer", "micrometers", "nm", "km",
    };

    /// <summary>What a declared unit of lengths means here: <see langword="null"/> when it is millimetres (or not given), else
    /// the problem.</summary>
    /// <param name="unit">The unit as written.</param>
    /// <param name="isError">Whether the problem is an error (another length unit) rather than a unit that is no length.</param>
    public static string? LengthUnitProblem(string? unit, out bool isError)
    {
        isError = false;
        if (string.IsNullOrWhiteSpace(unit) || Millimetres.Contains(unit.Trim()))
        {
            return null;
        }

        isError = OtherLengths.Contains(unit.Trim());
        return isError
            ? $"lengths are in '{unit.Trim()}'; they are read in mm (delay = length / conduction_speed in mm/ms): give the lengths in mm"
            : $"the unit of the lengths is '{unit.Trim()}', not a length; they are read as mm";
    }

    /// <summary>A text matrix file (<c>.csv</c>, <c>.tsv</c>, <c>.txt</c>) read and checked.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the matrix is, for messages (e.g. <c>the weights</c>).</param>
    /// <param name="nonNegative">Whether values must not be negative (lengths).</param>
    /// <param name="finite">Whether values must be finite.</param>
    /// <param name="context">What asked for it, for messages.</param>
    public static double[,] ReadText(string path, string what, bool nonNegative, bool finite, string context)
    {
        var verdict = InputFile.Check(path, InputFile.MaxDataBytes, allowEmpty: false);
        if (verdict.Finding != InputFile.Finding.Readable)
        {
            throw new TvboFileException(path, 0, 0, $"{what}: the file {verdict.Problem} ({context}); give a matrix file ({MatrixFile.Accepted}).");
        }

        MatrixData data;
        try
        {
            data = MatrixFile.Read(path);
        }
        catch (InvalidDataException ex)
        {
            throw new TvboFileException(path, 0, 0, $"{what}: {ex.Message} ({context})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TvboFileException(path, 0, 0, $"{what}: the file cannot be read: {ex.Message} ({context}).", ex);
        }

        Check(data.Values, path, what, nonNegative, finite, context, data.Where, row => data.RowLines?[row] ?? 0);
        return data.Values;
    }

    /// <summary>Checks a matrix square, of at most <see cref="Networks.Network.MaxNodes"/> nodes, and its values.</summary>
    /// <param name="values">The matrix.</param>
    /// <param name="file">The file it was read from.</param>
    /// <param name="what">What it is, for messages.</param>
    /// <param name="nonNegative">Whether values must not be negative.</param>
    /// <param name="finite">Whether values must be finite.</param>
    /// <param name="context">What asked for it.</param>
    /// <param name="where">Where a row is in the file (e.g. <c>line 4 (row 2)</c>).</param>
    /// <param name="lineOf">The file line of a row, or 0.</param>
    public static void Check(double[,] values, string file, string what, bool nonNegative, bool finite, string context, Func<int, string> where, Func<int, int> lineOf)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(lineOf);
        var (r, c) = (values.GetLength(0), values.GetLength(1));
        if (r != c)
        {
            throw new TvboFileException(file, 0, 0, string.Create(CultureInfo.InvariantCulture, $"{what} is {r}×{c}; a network's matrix is square (N×N; row = target node, column = source node) ({context})."));
        }

        if (r > Networks.Network.MaxNodes)
        {
            throw new TvboFileException(file, 0, 0, string.Create(CultureInfo.InvariantCulture, $"{what} is {r}×{c}; a network has at most {Networks.Network.MaxNodes} nodes ({context})."));
        }

        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var v = values[i, j];
                if ((finite && !double.IsFinite(v)) || (nonNegative && v < 0))
                {
                    throw new TvboFileException(file, lineOf(i), 0, string.Create(CultureInfo.InvariantCulture,
                        $"{what}: {where(i)}, column {j} is {v}; {what} must be {(nonNegative ? "finite and not negative" : "finite")} ({context})."));
                }
            }
        }
    }

    /// <summary>Where a matrix is least symmetric: the cell and the difference, or <see langword="null"/> when it is
    /// symmetric (to 1e-9 relative).</summary>
    /// <param name="m">A square matrix.</param>
    public static (int Row, int Column, double Difference)? Asymmetry(double[,] m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var n = m.GetLength(0);
        (int, int, double)? worst = null;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var d = Math.Abs(m[i, j] - m[j, i]);
                var scale = Math.Max(Math.Abs(m[i, j]), Math.Abs(m[j, i]));
                if (d > 1e-9 * scale && (worst is null || d > worst.Value.Item3))
                {
                    worst = (i, j, d);
                }
            }
        }

        return worst;
    }

    /// <summary>A warning for a matrix declared undirected whose values are not symmetric, or <see langword="null"/>.</summary>
    /// <param name="m">The matrix.</param>
    /// <param name="what">What it is (e.g. <c>the weights in x.tsv</c>).</param>
    /// <param name="declared">Where it is declared undirected.</param>
    public static string? UndirectedButAsymmetric(double[,] m, string what, string declared)
    {
        if (Asymmetry(m) is not { } a)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{what} are declared undirected ({declared}) but are not symmetric: [{a.Row}, {a.Column}] = {m[a.Row, a.Column]}, [{a.Column}, {a.Row}] = {m[a.Column, a.Row]}. They are used as written, as TVBO does (row = target node, column = source node).");
    }
}

using System.Globalization;

namespace Tvbo.Files;

/// <summary>
/// Reads the matrices of a network (weights, lengths, delays) from files: text (<c>.csv</c>, <c>.txt</c>,
/// <c>.tsv</c>, <c>.dat</c>: one row per line, values separated by commas or white space, <c>#</c> starts a
/// comment) or NumPy <c>.npy</c> (2-D, dtype <c>&lt;f8</c>, <c>&lt;f4</c>, <c>&lt;i8</c> or <c>&lt;i4</c>, C or
/// Fortran order). Problems with the content are <see cref="InvalidDataException"/>s whose message names the line or
/// row (not the file: the caller names it as the user wrote it).
/// </summary>
internal static class MatrixFile
{
    /// <summary>The extensions read as text.</summary>
    private static readonly string[] TextExtensions = [".csv", ".txt", ".tsv", ".dat"];

    /// <summary>What the reader accepts, for messages.</summary>
    public const string Accepted = ".csv, .txt, .tsv or .dat (rows of numbers) or .npy (NumPy, 2-D)";

    /// <summary>Whether a path has an extension this reader knows.</summary>
    /// <param name="path">The path.</param>
    public static bool IsKnown(string path)
    {
        var ext = Path.GetExtension(path);
        return ext.Equals(".npy", StringComparison.OrdinalIgnoreCase) || TextExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Reads a matrix file, by its extension.</summary>
    /// <param name="path">The file (its extension chooses the format).</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="InvalidDataException">The content is not a matrix of the format; the message names the line or row.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static MatrixData Read(string path)
    {
        if (InputFile.Problem(path, InputFile.MaxDataBytes) is { } problem)
        {
            throw new InvalidDataException($"the file {problem}.");
        }

        var ext = Path.GetExtension(path);
        if (ext.Equals(".npy", StringComparison.OrdinalIgnoreCase))
        {
            return NpyFile.Read(path);
        }

        if (ext.Equals(".npz", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException("NumPy .npz archives are not read; save the matrix alone with np.save (a .npy file) or np.savetxt (a .csv or .txt file).");
        }

        if (!TextExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"the extension '{ext}' is not a matrix format read here; give {Accepted}.");
        }

        using var rows = new TextRows(InputFile.OpenRead(path));
        return ReadText(rows);
    }

    /// <summary>Whether a path is read as text (<c>.csv</c>, <c>.txt</c>, <c>.tsv</c>, <c>.dat</c>).</summary>
    /// <param name="path">The path.</param>
    public static bool IsText(string path) => TextExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads rows of numbers, one row per line, separated by commas or white space; <c>#</c> starts a comment.</summary>
    /// <param name="reader">The rows.</param>
    public static MatrixData ReadText(TextRows reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<double[]>();
        var rowLines = new List<int>();
        var row = new List<double>();
        while (reader.Next(row))
        {
            if (rows.Count > 0 && row.Count != rows[0].Length)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"line {reader.Line} (row {rows.Count}) has {row.Count} values, but line {rowLines[0]} (row 0) has {rows[0].Length}; every row must have the same number of values."));
            }

            rows.Add([.. row]);
            rowLines.Add(reader.Line);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException("the file holds no rows of numbers.");
        }

        return new MatrixData(ToMatrix(rows), rowLines.ToArray());
    }

    /// <summary>Rows of equal length as a matrix.</summary>
    private static double[,] ToMatrix(List<double[]> rows)
    {
        var m = new double[rows.Count, rows[0].Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < rows[i].Length; j++)
            {
                m[i, j] = rows[i][j];
            }
        }

        return m;
    }
}

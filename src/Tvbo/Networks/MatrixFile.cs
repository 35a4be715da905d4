using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tvbo.Networks;

/// <summary>A matrix read from a file, with the file line of each row for messages (text files only).</summary>
/// <param name="Values">The matrix, [row, column]; rectangular, values as written (not checked finite).</param>
/// <param name="RowLines">The one-based file line of each row, or <see langword="null"/> for a binary file.</param>
internal sealed record MatrixData(double[,] Values, int[]? RowLines)
{
    /// <summary>Where a row is, for messages: <c>line 4 (row 2)</c>, or <c>row 2</c> for a binary file.</summary>
    /// <param name="row">The row (0-based).</param>
    public string Where(int row) => RowLines is { } lines
        ? string.Create(CultureInfo.InvariantCulture, $"line {lines[row]} (row {row})")
        : string.Create(CultureInfo.InvariantCulture, $"row {row}");
}

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

    /// <summary>The NumPy dtypes read: descr, bytes per element.</summary>
    private static readonly Dictionary<string, int> NpyTypes = new(StringComparer.Ordinal)
    {
        ["<f8"] = 8,
        ["<f4"] = 4,
        ["<i8"] = 8,
        ["<i4"] = 4,
    };

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
        var ext = Path.GetExtension(path);
        if (ext.Equals(".npy", StringComparison.OrdinalIgnoreCase))
        {
            return ReadNpy(File.ReadAllBytes(path));
        }

        if (ext.Equals(".npz", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException("NumPy .npz archives are not read; save the matrix alone with np.save (a .npy file) or np.savetxt (a .csv or .txt file).");
        }

        return TextExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase)
            ? ReadText(File.ReadAllLines(path))
            : throw new InvalidDataException($"the extension '{ext}' is not a matrix format read here; give {Accepted}.");
    }

    /// <summary>Reads rows of numbers, one row per line, separated by commas or white space; <c>#</c> starts a comment.</summary>
    /// <param name="lines">The file's lines.</param>
    public static MatrixData ReadText(IReadOnlyList<string> lines)
    {
        var rows = new List<double[]>();
        var rowLines = new List<int>();
        for (var k = 0; k < lines.Count; k++)
        {
            var line = lines[k];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var lineNo = k + 1;
            var fields = line.Contains(',', StringComparison.Ordinal)
                ? line.Split(',').Select(f => f.Trim()).ToArray()
                : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var row = new double[fields.Length];
            for (var j = 0; j < fields.Length; j++)
            {
                if (fields[j].Length == 0)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {lineNo} has an empty value (column {j}): two commas in a row, or a comma at the start or end of the line."));
                }

                row[j] = ParseNumber(fields[j]) ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"line {lineNo}, column {j}: '{fields[j]}' is not a number (a header line must be commented out with '#')."));
            }

            if (rows.Count > 0 && row.Length != rows[0].Length)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"line {lineNo} (row {rows.Count}) has {row.Length} values, but line {rowLines[0]} (row 0) has {rows[0].Length}; every row must have the same number of values."));
            }

            rows.Add(row);
            rowLines.Add(lineNo);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException("the file holds no rows of numbers.");
        }

        var m = new double[rows.Count, rows[0].Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < rows[i].Length; j++)
            {
                m[i, j] = rows[i][j];
            }
        }

        return new MatrixData(m, rowLines.ToArray());
    }

    /// <summary>Reads a NumPy .npy file (format versions 1, 2 and 3) holding a 2-D array.</summary>
    /// <param name="bytes">The file's bytes.</param>
    public static MatrixData ReadNpy(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(magic))
        {
            throw new InvalidDataException("not a NumPy .npy file (it does not start with \\x93NUMPY); save the matrix with np.save.");
        }

        var major = bytes[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8, 2));
                headerStart = 10;
                break;
            case 2 or 3 when bytes.Length >= 12:
                var len = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8, 4));
                headerLength = len > int.MaxValue ? int.MaxValue : (int)len;
                headerStart = 12;
                break;
            default:
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy format version {major}.{bytes[7]} is not read (versions 1.0, 2.0 and 3.0 are)."));
        }

        if ((long)headerStart + headerLength > bytes.Length)
        {
            throw new InvalidDataException("the .npy header is cut short (the file ends inside it).");
        }

        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes, headerStart, headerLength);
        var descr = HeaderValue(header, "descr", @"'([^']*)'|""([^""]*)""")
            ?? throw new InvalidDataException($"the .npy header has no simple 'descr' (a structured or unknown dtype): {header.Trim()}; save a plain numeric matrix.");
        if (!NpyTypes.TryGetValue(descr, out var size))
        {
            var hint = descr.Length > 0 && descr[0] == '>' ? " (big-endian)" : "";
            throw new InvalidDataException($"the .npy dtype '{descr}'{hint} is not read; save the matrix as float64 ('<f8'), float32 ('<f4'), int64 ('<i8') or int32 ('<i4'), e.g. np.save(path, W.astype(float)).");
        }

        var fortran = HeaderValue(header, "fortran_order", "(True|False)") switch
        {
            "True" => true,
            "False" => false,
            _ => throw new InvalidDataException($"the .npy header has no 'fortran_order': {header.Trim()}."),
        };
        var shapeText = HeaderValue(header, "shape", @"\(([^)]*)\)")
            ?? throw new InvalidDataException($"the .npy header has no 'shape': {header.Trim()}.");
        var dims = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[dims.Length];
        for (var d = 0; d < dims.Length; d++)
        {
            if (!long.TryParse(dims[d], NumberStyles.None, CultureInfo.InvariantCulture, out shape[d]))
            {
                throw new InvalidDataException($"the .npy shape ({shapeText}) is not a list of sizes.");
            }
        }

        if (shape.Length != 2)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy array is {shape.Length}-D (shape ({shapeText})); a matrix is 2-D (N, N)."));
        }

        var (rows, cols) = (shape[0], shape[1]);
        if (rows == 0 || cols == 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy array is empty (shape ({rows}, {cols}))."));
        }

        var dataStart = headerStart + headerLength;
        var available = bytes.Length - dataStart;
        if (rows > int.MaxValue || cols > int.MaxValue || rows * cols > Array.MaxLength || rows * cols * size != available)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"the .npy file holds {available} bytes of data, but shape ({rows}, {cols}) of '{descr}' needs {(decimal)rows * cols * size}; the file is cut short or not what its header says."));
        }

        var (r, c) = ((int)rows, (int)cols);
        var data = bytes.AsSpan(dataStart);
        var m = new double[r, c];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var at = (fortran ? ((long)j * r) + i : ((long)i * c) + j) * size;
                var cell = data.Slice((int)at, size);
                m[i, j] = descr switch
                {
                    "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(cell),
                    "<f4" => BinaryPrimitives.ReadSingleLittleEndian(cell),
                    "<i8" => BinaryPrimitives.ReadInt64LittleEndian(cell),
                    _ => BinaryPrimitives.ReadInt32LittleEndian(cell),
                };
            }
        }

        return new MatrixData(m, null);
    }

    /// <summary>A number as text: invariant culture, and NumPy's <c>nan</c>, <c>inf</c>, <c>-inf</c> (returned, so the
    /// caller reports them as not finite); <see langword="null"/> when it is not a number.</summary>
    private static double? ParseNumber(string text) => text.ToLowerInvariant() switch
    {
        "nan" or "+nan" or "-nan" => double.NaN,
        "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
    };

    /// <summary>The value of a key of the .npy header dict (a Python literal), by a pattern whose first non-empty group
    /// is the value; <see langword="null"/> when the key is absent or its value does not match.</summary>
    private static string? HeaderValue(string header, string key, string valuePattern)
    {
        var match = Regex.Match(header, $@"['""]{key}['""]\s*:\s*(?:{valuePattern})", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return null;
        }

        return match.Groups.Values.Skip(1).FirstOrDefault(g => g.Success)?.Value;
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tvbo.Files;

/// <summary>Reads a NumPy <c>.npy</c> file (format versions 1, 2 and 3) holding a 2-D array of dtype <c>&lt;f8</c>,
/// <c>&lt;f4</c>, <c>&lt;i8</c> or <c>&lt;i4</c>, in C or Fortran order. Problems are
/// <see cref="InvalidDataException"/>s.</summary>
internal static class NpyFile
{
    /// <summary>The NumPy dtypes read: descr, bytes per element.</summary>
    private static readonly Dictionary<string, int> NpyTypes = new(StringComparer.Ordinal)
    {
        ["<f8"] = 8,
        ["<f4"] = 4,
        ["<i8"] = 8,
        ["<i4"] = 4,
    };

    /// <summary>The layout of the array a header describes.</summary>
    /// <param name="Descr">The dtype, e.g. <c>&lt;f8</c>.</param>
    /// <param name="Size">Bytes per element.</param>
    /// <param name="Fortran">Whether the data is in column-major (Fortran) order.</param>
    /// <param name="Rows">Rows of the matrix.</param>
    /// <param name="Columns">Columns of the matrix.</param>
    private sealed record Layout(string Descr, int Size, bool Fortran, long Rows, long Columns);

    /// <summary>Reads a NumPy .npy file (format versions 1, 2 and 3) holding a 2-D array.</summary>
    /// <param name="bytes">The file's bytes.</param>
    public static MatrixData Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (header, dataStart) = ReadHeader(bytes);
        var layout = ParseHeader(header);
        var available = bytes.Length - dataStart;
        var (rows, cols, size) = (layout.Rows, layout.Columns, layout.Size);
        if (rows > int.MaxValue || cols > int.MaxValue || rows * cols > Array.MaxLength || rows * cols * size != available)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"the .npy file holds {available} bytes of data, but shape ({rows}, {cols}) of '{layout.Descr}' needs {(decimal)rows * cols * size}; the file is cut short or not what its header says."));
        }

        return new MatrixData(Cells(bytes.AsSpan(dataStart), layout), null);
    }

    /// <summary>The header text after the magic string and version, and where the data starts.</summary>
    private static (string Header, int DataStart) ReadHeader(byte[] bytes)
    {
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
        return (header, headerStart + headerLength);
    }

    /// <summary>The dtype, order and shape the header dict gives, checked to be a plain numeric 2-D array.</summary>
    private static Layout ParseHeader(string header)
    {
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
        var (rows, cols) = Shape(header);
        return new Layout(descr, size, fortran, rows, cols);
    }

    /// <summary>The header's shape, checked to be 2-D and not empty.</summary>
    private static (long Rows, long Columns) Shape(string header)
    {
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

        return (rows, cols);
    }

    /// <summary>The data as a matrix of doubles, read in the layout's order and dtype.</summary>
    private static double[,] Cells(ReadOnlySpan<byte> data, Layout layout)
    {
        var (r, c, size) = ((int)layout.Rows, (int)layout.Columns, layout.Size);
        var m = new double[r, c];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var at = (layout.Fortran ? ((long)j * r) + i : ((long)i * c) + j) * size;
                var cell = data.Slice((int)at, size);
                m[i, j] = layout.Descr switch
                {
                    "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(cell),
                    "<f4" => BinaryPrimitives.ReadSingleLittleEndian(cell),
                    "<i8" => BinaryPrimitives.ReadInt64LittleEndian(cell),
                    _ => BinaryPrimitives.ReadInt32LittleEndian(cell),
                };
            }
        }

        return m;
    }

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

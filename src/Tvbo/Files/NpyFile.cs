using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tvbo.Files;

/// <summary>Reads a NumPy <c>.npy</c> file (format versions 1, 2 and 3) holding a 2-D array (or, for an input series,
/// a 1-D one) of dtype <c>&lt;f8</c>, <c>&lt;f4</c>, <c>&lt;i8</c> or <c>&lt;i4</c>, in C or Fortran order. The magic
/// bytes and the header are read and checked first, and the data size the header's shape and dtype give must be the
/// rest of the file, before any data is read; the data is then read in pieces, never as one block of the file's bytes.
/// Problems are <see cref="InvalidDataException"/>s that name no file (the caller names it as the user wrote it).</summary>
internal static class NpyFile
{
    /// <summary>The largest header read (64 KiB; NumPy writes a few dozen bytes for a plain numeric array).</summary>
    public const int MaxHeaderBytes = 1 << 16;

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
    /// <param name="Rows">Rows of the matrix (the length of a 1-D array).</param>
    /// <param name="Columns">Columns of the matrix (1 for a 1-D array).</param>
    /// <param name="DataStart">Where the data starts in the file.</param>
    public sealed record Layout(string Descr, int Size, bool Fortran, long Rows, long Columns, long DataStart);

    /// <summary>Reads a whole 2-D array.</summary>
    /// <param name="path">The file, already checked with <see cref="InputFile"/>.</param>
    public static MatrixData Read(string path)
    {
        using var stream = InputFile.OpenRead(path);
        return Read(stream);
    }

    /// <summary>Reads a whole 2-D array from a stream positioned at the start of the .npy data.</summary>
    /// <param name="stream">The stream (its length is the file's).</param>
    public static MatrixData Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var layout = ReadLayout(stream, allowVector: false);
        if (layout.Rows > int.MaxValue || layout.Columns > int.MaxValue || layout.Rows * layout.Columns > Array.MaxLength)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy array of shape ({layout.Rows}, {layout.Columns}) has more elements than a matrix can hold here."));
        }

        var (r, c) = ((int)layout.Rows, (int)layout.Columns);
        var m = new double[r, c];
        ReadElements(stream, layout, (long)r * c, (k, v) =>
        {
            var (i, j) = layout.Fortran ? (k % r, k / r) : (k / c, k % c);
            m[i, j] = v;
        });
        return new MatrixData(m, null);
    }

    /// <summary>The first <paramref name="rows"/> rows (fewer when the array has fewer), row-major, read without the
    /// rows after them.</summary>
    /// <param name="stream">The stream, positioned after the header <paramref name="layout"/> describes.</param>
    /// <param name="layout">The array's layout (<see cref="ReadLayout"/>).</param>
    /// <param name="rows">The rows wanted.</param>
    /// <returns>The values, row after row (<c>[k * columns + j]</c>).</returns>
    public static double[] ReadRows(Stream stream, Layout layout, int rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(layout);
        var n = (int)Math.Min(rows, layout.Rows);
        if (layout.Columns * n > Array.MaxLength)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy array has {layout.Columns} columns of {n} rows; that is more values than are held here."));
        }

        var c = (int)layout.Columns;
        var values = new double[(long)n * c];
        if (layout.Fortran && c > 1)
        {
            // Column-major: each column's first rows are contiguous.
            for (var j = 0; j < c; j++)
            {
                stream.Position = layout.DataStart + (j * layout.Rows * layout.Size);
                var column = j;
                ReadElements(stream, layout, n, (k, v) => values[((long)k * c) + column] = v);
            }
        }
        else
        {
            // Row-major (or one column): the first rows are the first n × c elements.
            stream.Position = layout.DataStart;
            ReadElements(stream, layout, (long)n * c, (k, v) => values[k] = v);
        }

        return values;
    }

    /// <summary>Reads and checks the magic string, version and header of a stream at its start, and checks that the data
    /// the header describes is exactly the rest of the stream; leaves the stream at the start of the data.</summary>
    /// <param name="stream">The stream (its <see cref="Stream.Length"/> is the file's).</param>
    /// <param name="allowVector">Whether a 1-D array is read (as one column).</param>
    public static Layout ReadLayout(Stream stream, bool allowVector)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.Length;
        Span<byte> prefix = stackalloc byte[12];
        ReadOnlySpan<byte> magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        if (length < 10 || ReadAtMost(stream, prefix[..10]) < 10 || !prefix[..6].SequenceEqual(magic))
        {
            throw new InvalidDataException("not a NumPy .npy file (it does not start with \\x93NUMPY); save the matrix with np.save.");
        }

        var major = prefix[6];
        long headerLength;
        int headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.Slice(8, 2));
                headerStart = 10;
                break;
            case 2 or 3 when length >= 12 && ReadAtMost(stream, prefix.Slice(10, 2)) == 2:
                headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(8, 4));
                headerStart = 12;
                break;
            default:
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy format version {major}.{prefix[7]} is not read (versions 1.0, 2.0 and 3.0 are)."));
        }

        if (headerLength > MaxHeaderBytes)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy header is {headerLength} bytes; a plain numeric array's header is at most {MaxHeaderBytes} bytes (np.save writes under 128)."));
        }

        if (headerStart + headerLength > length)
        {
            throw new InvalidDataException("the .npy header is cut short (the file ends inside it).");
        }

        var bytes = new byte[headerLength];
        stream.ReadExactly(bytes);
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes);
        var (descr, size, fortran, rows, cols) = ParseHeader(header, allowVector);
        var dataStart = headerStart + headerLength;
        var available = length - dataStart;
        var needed = (decimal)rows * cols * size;
        if (needed != available)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"the .npy file holds {available} bytes of data, but shape {ShapeText(rows, cols, allowVector && cols == 1)} of '{descr}' needs {needed}; the file is cut short or not what its header says."));
        }

        return new Layout(descr, size, fortran, rows, cols, dataStart);
    }

    private static string ShapeText(long rows, long cols, bool vector) =>
        vector ? string.Create(CultureInfo.InvariantCulture, $"({rows},)") : string.Create(CultureInfo.InvariantCulture, $"({rows}, {cols})");

    /// <summary>Reads <paramref name="count"/> elements from the stream's position, in pieces, handing each (its index
    /// in the read order, its value) to <paramref name="store"/>.</summary>
    private static void ReadElements(Stream stream, Layout layout, long count, Action<int, double> store)
    {
        var size = layout.Size;
        var buffer = new byte[Math.Min(1 << 16, Math.Max(size, count * size))];
        var perPiece = buffer.Length / size;
        for (long done = 0; done < count;)
        {
            var n = (int)Math.Min(perPiece, count - done);
            var piece = buffer.AsSpan(0, n * size);
            if (ReadAtMost(stream, piece) < piece.Length)
            {
                throw new InvalidDataException("the .npy file ended before its data did (it changed while it was read?).");
            }

            for (var e = 0; e < n; e++)
            {
                var cell = piece.Slice(e * size, size);
                store((int)(done + e), layout.Descr switch
                {
                    "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(cell),
                    "<f4" => BinaryPrimitives.ReadSingleLittleEndian(cell),
                    "<i8" => BinaryPrimitives.ReadInt64LittleEndian(cell),
                    _ => BinaryPrimitives.ReadInt32LittleEndian(cell),
                });
            }

            done += n;
        }
    }

    /// <summary>Fills <paramref name="into"/> from the stream as far as it goes; the bytes read.</summary>
    private static int ReadAtMost(Stream stream, Span<byte> into)
    {
        var total = 0;
        int n;
        while (total < into.Length && (n = stream.Read(into[total..])) > 0)
        {
            total += n;
        }

        return total;
    }

    /// <summary>The dtype, order and shape the header dict gives, checked to be a plain numeric 2-D (or, when allowed,
    /// 1-D) array.</summary>
    private static (string Descr, int Size, bool Fortran, long Rows, long Columns) ParseHeader(string header, bool allowVector)
    {
        var descr = HeaderValue(header, "descr", @"'([^']*)'|""([^""]*)""")
            ?? throw new InvalidDataException($"the .npy header has no simple 'descr' (a structured or unknown dtype): {Shown(header)}; save a plain numeric matrix.");
        if (!NpyTypes.TryGetValue(descr, out var size))
        {
            var hint = descr.Length > 0 && descr[0] == '>' ? " (big-endian)" : "";
            throw new InvalidDataException($"the .npy dtype '{Shown(descr)}'{hint} is not read; save the matrix as float64 ('<f8'), float32 ('<f4'), int64 ('<i8') or int32 ('<i4'), e.g. np.save(path, W.astype(float)).");
        }

        var fortran = HeaderValue(header, "fortran_order", "(True|False)") switch
        {
            "True" => true,
            "False" => false,
            _ => throw new InvalidDataException($"the .npy header has no 'fortran_order': {Shown(header)}."),
        };
        var (rows, cols) = Shape(header, allowVector);
        return (descr, size, fortran, rows, cols);
    }

    /// <summary>Header text as shown in a message: at most 200 characters of it.</summary>
    private static string Shown(string text)
    {
        text = text.Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    /// <summary>The header's shape, checked to be 2-D (or 1-D when allowed) and not empty.</summary>
    private static (long Rows, long Columns) Shape(string header, bool allowVector)
    {
        var shapeText = HeaderValue(header, "shape", @"\(([^)]*)\)")
            ?? throw new InvalidDataException($"the .npy header has no 'shape': {Shown(header)}.");
        var dims = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[dims.Length];
        for (var d = 0; d < dims.Length; d++)
        {
            if (!long.TryParse(dims[d], NumberStyles.None, CultureInfo.InvariantCulture, out shape[d]))
            {
                throw new InvalidDataException($"the .npy shape ({Shown(shapeText)}) is not a list of sizes.");
            }
        }

        if (allowVector && shape.Length == 1)
        {
            shape = [shape[0], 1];
        }
        else if (shape.Length != 2)
        {
            throw new InvalidDataException(allowVector
                ? string.Create(CultureInfo.InvariantCulture, $"the .npy array is {shape.Length}-D (shape ({shapeText})); an input series is 1-D (steps,) or 2-D (steps, conditions).")
                : string.Create(CultureInfo.InvariantCulture, $"the .npy array is {shape.Length}-D (shape ({shapeText})); a matrix is 2-D (N, N)."));
        }

        var (rows, cols) = (shape[0], shape[1]);
        if (rows == 0 || cols == 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the .npy array is empty (shape ({shapeText}))."));
        }

        return (rows, cols);
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

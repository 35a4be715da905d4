using System.Globalization;
using PureHDF;

namespace Tvbo.Files.Connectome;

/// <summary>
/// Reads the matrices of TVBO's HDF5 network companions (<c>*_relmat.h5</c>, TVBO's <c>tvbo/data/matrix_io.py</c>
/// layout), with PureHDF: each matrix is the group <c>/edges/&lt;name&gt;</c> with the attributes <c>format</c>
/// (<c>dense</c>, <c>csr</c> or <c>coo</c>) and <c>shape</c> (rows, columns), holding <c>data</c> (dense: the rows × columns
/// values; csr: <c>data</c>, <c>indices</c>, <c>indptr</c>; coo: <c>data</c>, <c>row</c>, <c>col</c>), float or integer
/// numbers of any width. Everything is checked before it is used: the file is a regular file of at most
/// <see cref="InputFile.MaxDataBytes"/>, each dataset's size fits the file and agrees with <c>shape</c>, and sparse
/// indices are in range; problems are <see cref="TvboFileException"/>s naming the file and the matrix.
/// </summary>
internal sealed class RelmatH5File : IDisposable
{
    private readonly IDisposable _handle;
    private readonly IH5Group _root;
    private readonly long _length;
    private readonly string _context;

    private RelmatH5File(IDisposable handle, IH5Group root, string path, long length, string context)
    {
        _handle = handle;
        _root = root;
        Path = path;
        _length = length;
        _context = context;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Opens a companion file, checked as input.</summary>
    /// <param name="path">The file.</param>
    /// <param name="context">What asked for it, for messages (e.g. <c>network.iri 'tvbo:X' in exp.yaml:4</c>).</param>
    /// <exception cref="TvboFileException">The file is missing, not a regular file, too large or not HDF5.</exception>
    public static RelmatH5File Open(string path, string context)
    {
        var verdict = InputFile.Check(path, InputFile.MaxDataBytes, allowEmpty: false);
        if (verdict.Finding != InputFile.Finding.Readable)
        {
            throw new TvboFileException(path, 0, 0, $"the network's HDF5 file {verdict.Problem} ({context}); give the .h5 file TVBO wrote beside the network file.");
        }

        try
        {
            var file = H5File.OpenRead(path);
            return new RelmatH5File(file, file, path, verdict.Length, context);
        }
        catch (Exception ex) when (ex is not TvboFileException)
        {
            throw Damaged(path, context, ex);
        }
    }

    /// <summary>The names of the matrices the file holds (the groups under <c>/edges</c>), in file order.</summary>
    public IReadOnlyList<string> EdgeNames() => Guard("/edges", () =>
        _root.LinkExists("edges") && _root.Get("edges") is IH5Group edges
            ? edges.Children().Select(c => c.Name).ToArray()
            : Array.Empty<string>());

    /// <summary>Reads one matrix as a dense N×N matrix (row = target, column = source).</summary>
    /// <param name="name">The matrix (a group under <c>/edges</c>).</param>
    /// <exception cref="TvboFileException">The matrix is missing or not as TVBO writes it.</exception>
    public double[,] Read(string name)
    {
        var key = $"/edges/{name}";
        var group = Guard(key, () => _root.LinkExists($"edges/{name}") ? _root.Get($"edges/{name}") as IH5Group : null)
            ?? throw Fail($"{key} is not in the file; it holds {Show(EdgeNames())}");
        var format = Guard(key, () => group.AttributeExists("format") ? group.Attribute("format") : null) is { } fa
            && fa.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength
            ? Guard(key, () => fa.Read<string>())
            : throw Fail($"{key} has no text attribute 'format'; valid: dense, csr or coo, as TVBO's matrix_io writes it");
        var (rows, cols) = Shape(group, key);
        if (rows != cols)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"{key} is {rows}×{cols}; a network's matrix is square (N×N)"));
        }

        if (rows is < 1 or > Networks.Network.MaxNodes)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"{key} is {rows}×{cols}; a network has 1 to {Networks.Network.MaxNodes} nodes"));
        }

        var n = (int)rows;
        return format switch
        {
            "dense" => Dense(group, key, n),
            "csr" => Csr(group, key, n),
            "coo" => Coo(group, key, n),
            _ => throw Fail($"{key} has format '{format}'; valid: dense, csr or coo"),
        };
    }

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();

    private static TvboFileException Damaged(string path, string context, Exception ex) => new(path, 0, 0,
        ex is EndOfStreamException
            ? $"the file is truncated: its HDF5 structure refers to data past its end ({context}); give the complete .h5 file TVBO wrote."
            : $"the file's HDF5 structure cannot be decoded: it is damaged or not HDF5 ({context}); give the .h5 file TVBO wrote beside the network file.",
        ex);

    private TvboFileException Fail(string problem) => new(Path, 0, 0, $"{problem} ({_context}).");

    private static string Show(IReadOnlyList<string> names) => names.Count == 0 ? "no matrices under /edges" : string.Join(", ", names.Select(x => $"/edges/{x}"));

    private (ulong Rows, ulong Cols) Shape(IH5Group group, string key)
    {
        var a = Guard(key, () => group.AttributeExists("shape") ? group.Attribute("shape") : null)
            ?? throw Fail($"{key} has no attribute 'shape'; valid: (rows, columns), as TVBO's matrix_io writes it");
        var dims = a.Space.Dimensions;
        if (a.Type.Class != H5DataTypeClass.FixedPoint || dims.Length != 1 || dims[0] != 2 || a.Type.Size is not (1 or 2 or 4 or 8))
        {
            throw Fail($"{key}: the attribute 'shape' is not two whole numbers; valid: (rows, columns)");
        }

        var values = Guard(key, () => Integers(a.Type, () => a.Read<sbyte[]>(), () => a.Read<short[]>(), () => a.Read<int[]>(), () => a.Read<long[]>(),
            () => a.Read<byte[]>(), () => a.Read<ushort[]>(), () => a.Read<uint[]>(), () => a.Read<ulong[]>()));
        if (values.Length != 2 || values.Any(v => v < 0))
        {
            throw Fail($"{key}: the attribute 'shape' is ({string.Join(", ", values)}); valid: (rows, columns), not negative");
        }

        return ((ulong)values[0], (ulong)values[1]);
    }

    private double[,] Dense(IH5Group group, string key, int n)
    {
        var values = Numbers(group, key, "data", [(ulong)n, (ulong)n]);
        var m = new double[n, n];
        Buffer.BlockCopy(values, 0, m, 0, values.Length * sizeof(double));
        return m;
    }

    private double[,] Csr(IH5Group group, string key, int n)
    {
        var data = Numbers(group, key, "data", null);
        var indices = Indices(group, key, "indices", (ulong)data.Length);
        var indptr = Indices(group, key, "indptr", (ulong)n + 1);
        if (indptr[0] != 0 || indptr[n] != data.Length)
        {
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"{key}/indptr runs from {indptr[0]} to {indptr[n]}; valid: 0 to the {data.Length} values of {key}/data"));
        }

        var m = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            if (indptr[i + 1] < indptr[i])
            {
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"{key}/indptr decreases at row {i}; valid: a non-decreasing list"));
            }

            for (var k = indptr[i]; k < indptr[i + 1]; k++)
            {
                m[i, Column(indices[k], n, key, "indices")] += data[k];
            }
        }

        return m;
    }

    private double[,] Coo(IH5Group group, string key, int n)
    {
        var data = Numbers(group, key, "data", null);
        var row = Indices(group, key, "row", (ulong)data.Length);
        var col = Indices(group, key, "col", (ulong)data.Length);
        var m = new double[n, n];
        for (var k = 0; k < data.Length; k++)
        {
            m[Column(row[k], n, key, "row"), Column(col[k], n, key, "col")] += data[k];
        }

        return m;
    }

    private int Column(long index, int n, string key, string what) =>
        index >= 0 && index < n ? (int)index : throw Fail(string.Create(CultureInfo.InvariantCulture, $"{key}/{what} holds {index}; valid: 0 to {n - 1}"));

    /// <summary>A dataset of numbers as float64: of <paramref name="dims"/> when given, else one-dimensional.</summary>
    private double[] Numbers(IH5Group group, string key, string name, ulong[]? dims)
    {
        var d = Dataset(group, key, name, dims);
        var t = d.Type;
        return Guard($"{key}/{name}", () => t.Class switch
        {
            H5DataTypeClass.FloatingPoint when t.Size == 8 => d.Read<double[]>(),
            H5DataTypeClass.FloatingPoint when t.Size == 4 => Array.ConvertAll(d.Read<float[]>(), v => (double)v),
            H5DataTypeClass.FixedPoint => Array.ConvertAll(Integers(t, () => d.Read<sbyte[]>(), () => d.Read<short[]>(), () => d.Read<int[]>(), () => d.Read<long[]>(),
                () => d.Read<byte[]>(), () => d.Read<ushort[]>(), () => d.Read<uint[]>(), () => d.Read<ulong[]>()), v => (double)v),
            _ => throw Fail($"{key}/{name} does not hold numbers; valid: float32, float64 or integer values"),
        });
    }

    /// <summary>A one-dimensional dataset of whole numbers (sparse indices) of <paramref name="count"/> values.</summary>
    private long[] Indices(IH5Group group, string key, string name, ulong count)
    {
        var d = Dataset(group, key, name, [count]);
        if (d.Type.Class != H5DataTypeClass.FixedPoint)
        {
            throw Fail($"{key}/{name} does not hold whole numbers; valid: the integer indices TVBO's matrix_io writes");
        }

        return Guard($"{key}/{name}", () => Integers(d.Type, () => d.Read<sbyte[]>(), () => d.Read<short[]>(), () => d.Read<int[]>(), () => d.Read<long[]>(),
            () => d.Read<byte[]>(), () => d.Read<ushort[]>(), () => d.Read<uint[]>(), () => d.Read<ulong[]>()));
    }

    private IH5Dataset Dataset(IH5Group group, string key, string name, ulong[]? dims)
    {
        var d = Guard(key, () => group.LinkExists(name) ? group.Get(name) as IH5Dataset : null)
            ?? throw Fail($"{key} has no dataset '{name}'; valid: the datasets TVBO's matrix_io writes for its format");
        var shape = d.Space.Dimensions;
        if (dims is null ? shape.Length != 1 : !shape.SequenceEqual(dims))
        {
            var expected = dims is null ? "one dimension" : $"({string.Join(", ", dims)}), as the attribute 'shape' gives";
            throw Fail($"{key}/{name} has the dimensions ({string.Join(", ", shape)}); valid: {expected}");
        }

        var count = shape.Aggregate((Int128)1, (p, x) => p * x);
        if (count * Math.Max(1, d.Type.Size) > _length * 1024 || count > (Int128)Networks.Network.MaxNodes * Networks.Network.MaxNodes)
        {
            throw Fail($"{key}/{name} claims {count.ToString(CultureInfo.InvariantCulture)} values, more than a network's matrix or the file can hold");
        }

        return d;
    }

    private long[] Integers(IH5DataType t, Func<sbyte[]> i8, Func<short[]> i16, Func<int[]> i32, Func<long[]> i64, Func<byte[]> u8, Func<ushort[]> u16, Func<uint[]> u32, Func<ulong[]> u64)
    {
        var signed = t.FixedPoint.IsSigned;
        return (t.Size, signed) switch
        {
            (1, true) => Array.ConvertAll(i8(), v => (long)v),
            (2, true) => Array.ConvertAll(i16(), v => (long)v),
            (4, true) => Array.ConvertAll(i32(), v => (long)v),
            (8, true) => i64(),
            (1, false) => Array.ConvertAll(u8(), v => (long)v),
            (2, false) => Array.ConvertAll(u16(), v => (long)v),
            (4, false) => Array.ConvertAll(u32(), v => (long)v),
            (8, false) => Array.ConvertAll(u64(), v => v > long.MaxValue ? throw Fail("an integer value is beyond 2^63") : (long)v),
            _ => throw Fail($"integers of {t.Size} bytes are not read; valid: 1, 2, 4 or 8 bytes"),
        };
    }

    /// <summary>A read through PureHDF: its errors become Tvbo's, naming the file and the object.</summary>
    private T Guard<T>(string key, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not TvboFileException)
        {
            throw ex is EndOfStreamException
                ? new TvboFileException(Path, 0, 0, $"{key} cannot be read: the file is truncated ({_context}); give the complete .h5 file TVBO wrote.", ex)
                : new TvboFileException(Path, 0, 0, $"{key} cannot be read: the file is damaged, or not as TVBO's matrix_io writes it ({_context}).", ex);
        }
    }
}

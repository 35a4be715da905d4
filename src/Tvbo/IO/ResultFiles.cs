namespace Tvbo.IO;

/// <summary>Reads results back from the files Tvbo writes: an exploration's CSV folder
/// (<c>DIR/&lt;exploration&gt;/</c>, any layout) or its NetCDF file (<c>DIR/&lt;exploration&gt;.nc</c>).</summary>
public static class ResultFiles
{
    /// <summary>Reads one exploration's result.</summary>
    /// <param name="path">A CSV folder holding <c>exploration.json</c> (or any file in it), or a <c>.nc</c> file.</param>
    /// <returns>The result, bit for bit as written, with its metadata.</returns>
    /// <exception cref="ResultFileException">The path does not exist or is not one of Tvbo's result files; the
    /// message says what was expected.</exception>
    public static LoadedResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return CsvResultReader.Read(path);
        }

        if (!File.Exists(path))
        {
            throw new ResultFileException($"'{path}' does not exist; give an exploration's CSV folder (DIR/<exploration>) or its NetCDF file (DIR/<exploration>.nc).", path);
        }

        CsvResultReader.CheckReadable(path, null);
        if (IsHdf5(path))
        {
            return NetCdfResultReader.Read(path);
        }

        if (path.EndsWith(NetCdfResultWriter.Extension, StringComparison.OrdinalIgnoreCase))
        {
            throw new ResultFileException($"'{path}' is not a NetCDF file: it does not open with the HDF5 signature (a text file, or another format, named .nc); valid: the .nc file tvbo (tvbo run --format netcdf, NetCdfResultWriter) wrote.", path);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (File.Exists(Path.Combine(folder, CsvExplorationInfo.FileName)))
        {
            return CsvResultReader.Read(folder);
        }

        throw new ResultFileException($"'{path}' is neither a NetCDF/HDF5 file nor part of a CSV result folder (no {CsvExplorationInfo.FileName} beside it).", path);
    }

    private static bool IsHdf5(string path)
    {
        ReadOnlySpan<byte> signature = [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];
        var head = new byte[8];
        var read = CsvLineReader.Guard(path, () =>
        {
            using var stream = File.OpenRead(path);
            return stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        });
        return read == 8 && head.AsSpan().SequenceEqual(signature);
    }
}

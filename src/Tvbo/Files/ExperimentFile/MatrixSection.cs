using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The matrices of a network block (<c>weights</c>, <c>lengths</c> or <c>tract_lengths</c>,
/// <c>delays</c>): a list of rows or the path of a matrix file (<see cref="MatrixFile"/>, relative to the file that
/// names it), checked square, finite and, unless weights, not negative; errors name the key and the row or the matrix
/// file's line.</summary>
internal static class MatrixSection
{
    /// <summary>The matrices the block gives, each size recorded in <paramref name="size"/>.</summary>
    /// <param name="src">The file.</param>
    /// <param name="m">The network's mapping.</param>
    /// <param name="baseDirectory">The folder relative paths start from (for the experiment file itself).</param>
    /// <param name="size">The network's size, which the matrices must agree with.</param>
    public static NetworkMatrices ReadAll(YamlSource src, YamlMappingNode m, string baseDirectory, NetworkSize size)
    {
        var lengthKey = YamlSource.Get(m, "lengths") is not null ? "lengths" : "tract_lengths";
        if (YamlSource.Get(m, "lengths") is not null && YamlSource.Get(m, "tract_lengths") is { } both)
        {
            throw src.Error(both, "the network has both 'lengths' and 'tract_lengths' (the same matrix); give one.");
        }

        var matrices = new NetworkMatrices { LengthKey = lengthKey };
        matrices.Weights = ReadSized(src, m, "weights", baseDirectory, size);
        matrices.Lengths = ReadSized(src, m, lengthKey, baseDirectory, size);
        matrices.Delays = ReadSized(src, m, "delays", baseDirectory, size);
        return matrices;
    }

    /// <summary>The matrix under <paramref name="key"/>, if given, its size recorded.</summary>
    private static (YamlNode Node, double[,] Values)? ReadSized(YamlSource src, YamlMappingNode m, string key, string baseDirectory, NetworkSize size)
    {
        if (YamlSource.Get(m, key) is not { } mn || YamlSource.IsEmpty(mn))
        {
            return null;
        }

        var values = Read(src, mn, key, baseDirectory, nonNegative: key != "weights");
        var n = values.GetLength(0);
        size.Agree(mn, n, string.Create(CultureInfo.InvariantCulture, $"network.{key} is {n}×{n}"));
        return (mn, values);
    }

    /// <summary>A matrix: a list of rows or the path of a matrix file.</summary>
    private static double[,] Read(YamlSource src, YamlNode node, string key, string baseDirectory, bool nonNegative)
    {
        if (node is YamlSequenceNode rows)
        {
            return Inline(src, rows, key, nonNegative);
        }

        if (node is YamlMappingNode matrix && YamlSource.Has(matrix, "values"))
        {
            return Inline(src, RowOrdered(src, matrix, key), key, nonNegative);
        }

        if (node is not YamlScalarNode)
        {
            throw src.Error(node, $"network.{key} must be a list of rows ([[0, 1], [1, 0]]; row = target node, column = source node), TVBO's older {{x, y, values}} form, or the path of a matrix file ({MatrixFile.Accepted}).");
        }

        return FromFile(src, node, key, baseDirectory, nonNegative);
    }

    /// <summary>TVBO's older Matrix form, <c>{x: {values: [labels]}, y: {values: [labels]}, values: [...]}</c>: the
    /// values row by row (a row-ordered array, rows along x), as the equivalent list of rows.</summary>
    private static YamlSequenceNode RowOrdered(YamlSource src, YamlMappingNode matrix, string key)
    {
        var what = $"network.{key}";
        src.OnlyKeys(matrix, what, "values", "x", "y", "label", "description", "dataLocation");
        var values = src.Sequence(YamlSource.Get(matrix, "values") ?? throw src.Error(matrix, $"{what}.values is empty."), $"{what}.values").Children;
        int Axis(string axis)
        {
            if (YamlSource.Get(matrix, axis) is not { } a)
            {
                return -1;
            }

            var labels = YamlSource.Get(src.Mapping(a, $"{what}.{axis}"), "values") ?? throw src.Error(a, $"{what}.{axis} has no 'values:' (the labels along that axis).");
            return src.Sequence(labels, $"{what}.{axis}.values").Children.Count;
        }

        var (nx, ny) = (Axis("x"), Axis("y"));
        var n = nx > 0 ? nx : ny > 0 ? ny : (int)Math.Round(Math.Sqrt(values.Count));
        if ((nx > 0 && ny > 0 && nx != ny) || values.Count == 0 || (long)n * n != values.Count)
        {
            throw src.Error(matrix, string.Create(CultureInfo.InvariantCulture,
                $"{what}: {values.Count} values for a {(nx > 0 ? nx : n)}×{(ny > 0 ? ny : n)} matrix; the older Matrix form needs N×N values, row by row (row = target node, column = source node), with x and y listing the N nodes."));
        }

        var rows = new YamlSequenceNode();
        for (var i = 0; i < n; i++)
        {
            rows.Add(new YamlSequenceNode(values.Skip(i * n).Take(n)));
        }

        return rows;
    }

    /// <summary>A matrix written as a list of rows.</summary>
    private static double[,] Inline(YamlSource src, YamlSequenceNode rows, string key, bool nonNegative)
    {
        var what = $"network.{key}";
        var cells = new List<YamlNode[]>();
        for (var i = 0; i < rows.Children.Count; i++)
        {
            var row = src.Sequence(rows.Children[i], string.Create(CultureInfo.InvariantCulture, $"row {i} of {what}")).Children.ToArray();
            if (cells.Count > 0 && row.Length != cells[0].Length)
            {
                throw src.Error(rows.Children[i], string.Create(CultureInfo.InvariantCulture,
                    $"{what}: row {i} has {row.Length} values, but row 0 has {cells[0].Length}; the matrix must be square (N×N; row = target node, column = source node)."));
            }

            cells.Add(row);
        }

        if (cells[0].Length != cells.Count)
        {
            throw src.Error(rows, string.Create(CultureInfo.InvariantCulture,
                $"{what} is {cells.Count}×{cells[0].Length}; the matrix must be square (N×N; row = target node, column = source node)."));
        }

        var m = new double[cells.Count, cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            for (var j = 0; j < cells.Count; j++)
            {
                var v = src.Number(cells[i][j], string.Create(CultureInfo.InvariantCulture, $"{what}[{i}][{j}]"));
                if (!double.IsFinite(v) || (nonNegative && v < 0))
                {
                    throw src.Error(cells[i][j], string.Create(CultureInfo.InvariantCulture, $"{what}[{i}][{j}] is {v}; {key} must be {Must(nonNegative)}."));
                }

                m[i, j] = v;
            }
        }

        return m;
    }

    /// <summary>A matrix read from the file a scalar names, relative to the file the scalar is in.</summary>
    private static double[,] FromFile(YamlSource src, YamlNode node, string key, string baseDirectory, bool nonNegative)
    {
        var what = $"network.{key}";
        var rel = src.Text(node, what).Trim();
        var origin = src.FileOf(node);
        var dir = origin == src.File ? baseDirectory : Path.GetDirectoryName(Path.GetFullPath(origin)) ?? baseDirectory;
        var path = Path.GetFullPath(Path.IsPathRooted(rel) ? rel : Path.Combine(dir, rel));
        if (!MatrixFile.IsKnown(path) && !path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
        {
            throw src.Error(node, $"{what}: '{rel}' is not a matrix file read here (by its extension); give {MatrixFile.Accepted}, or the rows inline.");
        }

        var verdict = InputFile.Check(path, InputFile.MaxDataBytes, allowEmpty: false);
        if (verdict.Finding == InputFile.Finding.Missing)
        {
            throw src.Error(node, $"{what}: the file '{rel}' does not exist (looked for {path}); paths are relative to the experiment file.");
        }

        if (verdict.Finding != InputFile.Finding.Readable)
        {
            throw src.Error(node, $"{what}: '{rel}' {verdict.Problem}; give a matrix file ({MatrixFile.Accepted}).");
        }

        MatrixData data;
        try
        {
            data = MatrixFile.Read(path);
        }
        catch (InvalidDataException ex)
        {
            throw src.Error(node, $"{what}: '{rel}': {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw src.Error(node, $"{what}: cannot read '{rel}' ({path}): {ex.Message}", ex);
        }

        CheckFileMatrix(src, node, key, rel, data, nonNegative);
        return data.Values;
    }

    /// <summary>Checks a matrix read from a file square, finite and, when asked, not negative.</summary>
    private static void CheckFileMatrix(YamlSource src, YamlNode node, string key, string rel, MatrixData data, bool nonNegative)
    {
        var what = $"network.{key}";
        var values = data.Values;
        var (r, c) = (values.GetLength(0), values.GetLength(1));
        if (r != c)
        {
            throw src.Error(node, string.Create(CultureInfo.InvariantCulture,
                $"{what}: the matrix in '{rel}' is {r}×{c}; it must be square (N×N; row = target node, column = source node)."));
        }

        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                var v = values[i, j];
                if (!double.IsFinite(v) || (nonNegative && v < 0))
                {
                    throw src.Error(node, string.Create(CultureInfo.InvariantCulture, $"{what}: '{rel}' {data.Where(i)}, column {j}: {v}; {key} must be {Must(nonNegative)}."));
                }
            }
        }
    }

    private static string Must(bool nonNegative) => nonNegative ? "finite and not negative" : "finite";
}

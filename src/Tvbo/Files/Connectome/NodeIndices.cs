using System.Globalization;

namespace Tvbo.Files.Connectome;

/// <summary>
/// A BEP017 node file (<c>atlas-&lt;A&gt;_nodeindices.tsv</c>): a tab-separated table with a header, one row per node of
/// the matrices. The <c>label</c> column gives the node labels; <c>matrix_index</c>, when present, the row and column of each
/// node in the matrices (0 … N − 1, each once); without it the rows are in matrix order (as TVBO reads them).
/// </summary>
internal static class NodeIndices
{
    /// <summary>The largest node file read (16 MiB).</summary>
    private const long MaxBytes = 16L << 20;

    /// <summary>The labels, in matrix order, or <see langword="null"/> when the file has no <c>label</c> column.</summary>
    /// <param name="path">The node file.</param>
    /// <param name="n">The number of nodes of the matrices.</param>
    /// <param name="context">What asked for it, for messages.</param>
    /// <exception cref="TvboFileException">The file cannot be read, or does not list the matrices' nodes.</exception>
    public static string[]? Labels(string path, int n, string context)
    {
        var verdict = InputFile.Check(path, MaxBytes, allowEmpty: false);
        if (verdict.Finding != InputFile.Finding.Readable)
        {
            throw new TvboFileException(path, 0, 0, $"the node file {verdict.Problem} ({context}); give the BEP017 node file (atlas-<A>_nodeindices.tsv).");
        }

        string text;
        try
        {
            text = InputFile.ReadAllText(path, MaxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TvboFileException(path, 0, 0, $"the node file cannot be read: {ex.Message} ({context}).", ex);
        }

        var lines = text.Split('\n');
        var rows = new List<(int Line, string[] Cells)>();
        string[]? header = null;
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                header = cells;
                continue;
            }

            if (cells.Length != header.Length)
            {
                throw new TvboFileException(path, k + 1, 0, string.Create(CultureInfo.InvariantCulture,
                    $"the row has {cells.Length} tab-separated cells, but the header ({string.Join(", ", header)}) has {header.Length} ({context})."));
            }

            rows.Add((k + 1, cells));
        }

        if (header is null)
        {
            throw new TvboFileException(path, 0, 0, $"the node file holds no header (matrix_index, label, …) ({context}).");
        }

        if (rows.Count != n)
        {
            throw new TvboFileException(path, rows.Count > 0 ? rows[^1].Line : 1, 0, string.Create(CultureInfo.InvariantCulture,
                $"the node file lists {rows.Count} node{(rows.Count == 1 ? "" : "s")}, but the matrices are {n}×{n}; it must list one row per node ({context})."));
        }

        var labelColumn = Array.IndexOf(header, "label");
        if (labelColumn < 0)
        {
            return null;
        }

        var indexColumn = Array.IndexOf(header, "matrix_index");
        var labels = new string?[n];
        for (var r = 0; r < n; r++)
        {
            var (line, cells) = rows[r];
            var at = r;
            if (indexColumn >= 0)
            {
                if (!int.TryParse(cells[indexColumn], NumberStyles.None, CultureInfo.InvariantCulture, out at) || at >= n)
                {
                    throw new TvboFileException(path, line, 0, string.Create(CultureInfo.InvariantCulture,
                        $"matrix_index is '{TextRows.Shown(cells[indexColumn])}'; valid: a whole number 0 to {n - 1}, the node's row in the matrices ({context})."));
                }

                if (labels[at] is not null)
                {
                    throw new TvboFileException(path, line, 0, string.Create(CultureInfo.InvariantCulture, $"matrix_index {at} is listed twice; each row of the matrices is one node ({context})."));
                }
            }

            labels[at] = cells[labelColumn];
        }

        return labels.Select(l => l!).ToArray();
    }
}

using System.Globalization;

namespace Tvbo.Files;

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

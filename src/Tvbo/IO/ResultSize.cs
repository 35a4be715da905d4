using System.Globalization;

namespace Tvbo.IO;

/// <summary>Byte counts for messages.</summary>
public static class ResultSize
{
    /// <summary>Writes larger than this (1 GiB) are announced with their estimated size before they start.</summary>
    public const long LargeWriteBytes = 1L << 30;

    /// <summary>A size as people read it: <c>512 B</c>, <c>3.4 MiB</c>, <c>1.6 GiB</c>.</summary>
    /// <param name="bytes">The size.</param>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}

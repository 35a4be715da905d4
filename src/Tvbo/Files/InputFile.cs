using System.Globalization;

namespace Tvbo.Files;

/// <summary>
/// What a file the tool reads must be, checked before it is opened: it exists, it is a regular file (a symbolic link is
/// followed to its final target; folders, pipes, devices, sockets and files under <c>/dev</c>, <c>/proc</c> and
/// <c>/sys</c> are refused: a pipe or device reports no size, and reading one would block or never end), and it is not
/// larger than its kind allows. So a FIFO named <c>w.csv</c> or a link to <c>/dev/zero</c> named <c>series.csv</c> is
/// refused at once instead of hanging or filling the memory.
/// </summary>
public static class InputFile
{
    /// <summary>The largest matrix or input-series file read (1 GiB).</summary>
    public const long MaxDataBytes = 1L << 30;

    /// <summary>What is wrong with <paramref name="path"/> as a file to read, or <see langword="null"/> when it may be
    /// read. The text names no content of the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size allowed, or <see langword="null"/> for no limit (a file that is streamed).</param>
    /// <returns>The problem ("does not exist", "is a folder", "is not a regular file …", "is … MiB; at most …"), or null.</returns>
    public static string? Problem(string path, long? maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileSystemInfo info = new FileInfo(path);
        try
        {
            info = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }
        catch (IOException)
        {
            return "is a symbolic link that cannot be resolved (a loop?)";
        }

        if (Directory.Exists(info.FullName))
        {
            return "is a folder";
        }

        if (!info.Exists)
        {
            return "does not exist";
        }

        var length = ((FileInfo)info).Length;
        if (IsSystemPath(info.FullName) || length == 0)
        {
            return length == 0 && !IsSystemPath(info.FullName)
                ? "is empty, or not a regular file (a pipe, a device or a socket)"
                : "is not a regular file (a device or a system file)";
        }

        return maxBytes is { } max && length > max
            ? string.Create(CultureInfo.InvariantCulture, $"is {length >> 20} MiB; files of this kind are at most {max >> 20} MiB")
            : null;
    }

    private static bool IsSystemPath(string full) =>
        !OperatingSystem.IsWindows()
        && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal));
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Tvbo.Files;

/// <summary>
/// What a file the tool reads must be, checked before it is opened: it exists, it is a regular file (a symbolic link is
/// followed to its final target; folders, pipes, devices, sockets and files under <c>/dev</c>, <c>/proc</c> and
/// <c>/sys</c> are refused: a pipe or device reports no size, and reading one would block or never end), and it is not
/// larger than its kind allows. So a FIFO named <c>w.csv</c> or a link to <c>/dev/zero</c> named <c>series.csv</c> is
/// refused at once instead of hanging or filling the memory.
/// </summary>
/// <remarks>On Linux the file's type is asked of the system (<c>statx</c>), so a pipe is told from an empty file;
/// elsewhere an empty file is refused as possibly a pipe, a device or a socket.</remarks>
public static class InputFile
{
    /// <summary>The largest matrix or input-series file read (1 GiB).</summary>
    public const long MaxDataBytes = 1L << 30;

    /// <summary>What is wrong with <paramref name="path"/> as a file to read, or <see langword="null"/> when it may be
    /// read. The text names no content of the file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size allowed, or <see langword="null"/> for no limit (a file that is streamed).</param>
    /// <returns>The problem ("does not exist", "is a folder", "is not a regular file …", "is empty", "is … MiB; at most
    /// …"), or null.</returns>
    public static string? Problem(string path, long? maxBytes) => Check(path, maxBytes, allowEmpty: false).Problem;

    /// <summary>What a check found.</summary>
    internal enum Finding
    {
        /// <summary>The file may be read.</summary>
        Readable,

        /// <summary>Nothing is at the path.</summary>
        Missing,

        /// <summary>A folder is at the path.</summary>
        Folder,

        /// <summary>A pipe, device, socket or system file is at the path, or a link that cannot be resolved.</summary>
        NotRegular,

        /// <summary>The file is empty (or, where the type cannot be asked, may be a pipe or device).</summary>
        Empty,

        /// <summary>The file is larger than allowed.</summary>
        TooLarge,
    }

    /// <summary>The outcome of <see cref="Check"/>.</summary>
    /// <param name="Finding">What was found.</param>
    /// <param name="Problem">The problem as text ("is a folder", …), or null when readable.</param>
    /// <param name="Length">The file's length in bytes (0 when it is not a regular file).</param>
    internal readonly record struct Verdict(Finding Finding, string? Problem, long Length);

    /// <summary>Checks <paramref name="path"/> as a file to read.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size allowed, or <see langword="null"/> for no limit.</param>
    /// <param name="allowEmpty">Whether an empty regular file may be read (a YAML file: it is reported as empty by its
    /// reader). Where the type cannot be asked of the system, an empty file is refused all the same.</param>
    internal static Verdict Check(string path, long? maxBytes, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileSystemInfo info = new FileInfo(path);
        try
        {
            info = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }
        catch (IOException)
        {
            return new(Finding.NotRegular, "is a symbolic link that cannot be resolved (a loop?)", 0);
        }

        if (Directory.Exists(info.FullName))
        {
            return new(Finding.Folder, "is a folder", 0);
        }

        if (!info.Exists)
        {
            return new(Finding.Missing, "does not exist", 0);
        }

        if (IsSystemPath(info.FullName))
        {
            return new(Finding.NotRegular, "is not a regular file (a device or a system file)", 0);
        }

        var type = TypeOf(info.FullName);
        if (type is { } t && t != RegularFile)
        {
            return new(Finding.NotRegular, $"is not a regular file but {TypeName(t)}", 0);
        }

        var length = ((FileInfo)info).Length;
        if (length == 0 && !(allowEmpty && type == RegularFile))
        {
            return type == RegularFile
                ? new(Finding.Empty, "is empty", 0)
                : new(Finding.Empty, "is empty, or not a regular file (a pipe, a device or a socket)", 0);
        }

        return maxBytes is { } max && length > max
            ? new(Finding.TooLarge, string.Create(CultureInfo.InvariantCulture, $"is {length >> 20} MiB; files of this kind are at most {max >> 20} MiB"), length)
            : new(Finding.Readable, null, length);
    }

    /// <summary>Opens a checked file for reading, sequentially.</summary>
    /// <param name="path">The file.</param>
    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    /// <summary>The text of a checked file (UTF-8, or the encoding its byte-order mark gives), read up to
    /// <paramref name="maxChars"/> characters: a file that has grown since it was checked is not read without end.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxChars">The most characters read.</param>
    /// <exception cref="IOException">The file holds more than <paramref name="maxChars"/> characters.</exception>
    internal static string ReadAllText(string path, long maxChars)
    {
        using var stream = OpenRead(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder((int)Math.Min(stream.Length, maxChars));
        var buffer = new char[1 << 16];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + n > maxChars)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"the file has grown beyond {maxChars >> 20} MiB since it was checked"));
            }

            text.Append(buffer, 0, n);
        }

        return text.ToString();
    }

    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    private static string TypeName(int type) => type switch
    {
        0x1000 => "a pipe (FIFO)",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "not a file",
    };

    /// <summary>The file-type bits of a path's final target (<c>S_IFMT</c> of its mode), or <see langword="null"/>
    /// where the system cannot be asked (not Linux, or no <c>statx</c>).</summary>
    private static int? TypeOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var status = default(NativeMethods.Statx);
            return NativeMethods.StatX(NativeMethods.CurrentDirectory, path, 0, NativeMethods.TypeWanted, ref status) == 0 && (status.Mask & NativeMethods.TypeWanted) != 0
                ? status.Mode & TypeMask
                : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static bool IsSystemPath(string full) =>
        !OperatingSystem.IsWindows()
        && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal) || full.StartsWith("/sys/", StringComparison.Ordinal));

    /// <summary>Linux's <c>statx</c>, whose result has the same layout on every architecture.</summary>
    private static class NativeMethods
    {
        /// <summary><c>AT_FDCWD</c>: a relative path starts from the current folder.</summary>
        public const int CurrentDirectory = -100;

        /// <summary><c>STATX_TYPE</c>: only the file type is asked for.</summary>
        public const uint TypeWanted = 1;

        /// <summary>The start of <c>struct statx</c> (256 bytes): <c>stx_mask</c> and <c>stx_mode</c>.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 256)]
        public struct Statx
        {
            /// <summary>What was filled in.</summary>
            [FieldOffset(0)]
            public uint Mask;

            /// <summary>The file type and mode.</summary>
            [FieldOffset(28)]
            public ushort Mode;
        }

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        public static extern int StatX(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref Statx status);
    }
}

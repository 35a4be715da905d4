using System.Globalization;
using System.Text;

namespace Tvbo.IO;

/// <summary>
/// Reads a result table line by line with a limit on a line's length, so a damaged file (one endless line, a file of
/// zero bytes made large) is refused instead of filling the memory. Lines end with <c>\n</c> (a <c>\r</c> before it is
/// dropped). Errors of the file system while reading become a <see cref="ResultFileException"/> naming the file.
/// </summary>
internal sealed class CsvLineReader : IDisposable
{
    private readonly StreamReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    private CsvLineReader(string path, StreamReader reader)
    {
        Path = path;
        _reader = reader;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The number of the line last read (from 1).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens a result table: it must exist and be a regular file (<see cref="CsvResultReader.CheckReadable"/>).</summary>
    /// <param name="path">The file.</param>
    public static CsvLineReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ResultFileException($"'{path}' is missing; the exploration folder is incomplete (a CSV result folder holds the files tvbo wrote: tvbo run --out, ExperimentResult.Save).", path);
        }

        CsvResultReader.CheckReadable(path, null);
        return Guard(path, () => new CsvLineReader(path, new StreamReader(path, new UTF8Encoding(false, false), false, 1 << 16)));
    }

    /// <summary>The next line, or <see langword="null"/> at the end of the file.</summary>
    /// <param name="maxChars">The longest line the file can hold here.</param>
    /// <param name="what">What the line is, for the message when it is longer (<c>a row of 13 numbers</c>).</param>
    public string? ReadLine(long maxChars, string what)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var newline = pending.IndexOf('\n');
            if (newline >= 0)
            {
                LineNumber++;
                _start += newline + 1;
                return Text(pending[..newline], maxChars, what);
            }

            if (pending.Length > maxChars + 1)
            {
                LineNumber++;
                throw TooLong(maxChars, what);
            }

            if (_eof)
            {
                if (pending.Length == 0)
                {
                    return null;
                }

                LineNumber++;
                _start = _end;
                return Text(pending, maxChars, what);
            }

            Fill(maxChars);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    /// <summary>Runs a read of <paramref name="path"/>: errors of the file system become a
    /// <see cref="ResultFileException"/> that names the file and no .NET text.</summary>
    /// <typeparam name="T">What the read returns.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="read">The read.</param>
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ResultFileException($"'{path}' cannot be read: permission denied; give a result file you may read.", path, ex);
        }
        catch (IOException ex)
        {
            throw new ResultFileException($"'{path}' cannot be read (an input/output error: the file is damaged, or changed while it was read); write it again (tvbo run --out, ExperimentResult.Save).", path, ex);
        }
    }

    private string Text(ReadOnlySpan<char> line, long maxChars, string what)
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        return line.Length > maxChars ? throw TooLong(maxChars, what) : new string(line);
    }

    private ResultFileException TooLong(long maxChars, string what) =>
        ResultFileCheck.FailAt(Path, LineNumber, string.Create(CultureInfo.InvariantCulture, $"the line is longer than {what} can be ({maxChars} characters); valid: the file as 'tvbo run' wrote it"));

    private void Fill(long maxChars)
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, Math.Min(maxChars + 2, _buffer.Length * 2L)));
            Array.Resize(ref _buffer, size);
        }

        var read = Guard(Path, () => _reader.Read(_buffer, _end, _buffer.Length - _end));
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}

using System.Globalization;
using System.Text;

namespace Tvbo.Files;

/// <summary>
/// Reads rows of numbers from a text file, one line at a time and never more than <see cref="MaxLineChars"/> characters
/// of a line: values separated by commas or white space, <c>#</c> starts a comment, empty lines are skipped. Problems are
/// <see cref="InvalidDataException"/>s naming the line and column and what was expected; they quote at most a short
/// token of the file (<see cref="MaxShownChars"/> characters), so a file that is not numbers (a link to
/// <c>/etc/passwd</c>) is not echoed.
/// </summary>
internal sealed class TextRows : IDisposable
{
    /// <summary>The longest line read (16 Mi characters): a row holds a value per column (a node, or a condition of an
    /// input series).</summary>
    public const int MaxLineChars = 16 << 20;

    /// <summary>The longest text of the file a message quotes.</summary>
    public const int MaxShownChars = 20;

    private readonly StreamReader _reader;
    private readonly int _maxLineChars;
    private readonly char[] _buffer = new char[1 << 16];
    private char[] _line = new char[256];
    private int _length;
    private int _at;
    private int _filled;
    private bool _ended;
    private bool _skipNewline;

    /// <summary>Reads from <paramref name="stream"/> (UTF-8, or the encoding its byte-order mark gives).</summary>
    /// <param name="stream">The stream; disposed with the reader.</param>
    /// <param name="maxLineChars">The longest line read.</param>
    public TextRows(Stream stream, int maxLineChars = MaxLineChars)
    {
        _reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        _maxLineChars = maxLineChars;
    }

    /// <summary>The one-based line of the row last read (0 before the first).</summary>
    public int Line { get; private set; }

    /// <summary>Reads the next row of numbers into <paramref name="row"/> (cleared first), skipping empty and comment
    /// lines; <see langword="false"/> at the end of the file.</summary>
    /// <param name="row">Receives the row's values.</param>
    /// <exception cref="InvalidDataException">A line is too long, has an empty value or a value that is not a number.</exception>
    public bool Next(List<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.Clear();
        while (ReadLine())
        {
            Line++;
            var text = _line.AsSpan(0, _length);
            var hash = text.IndexOf('#');
            if (hash >= 0)
            {
                text = text[..hash];
            }

            text = text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            Parse(text, row);
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();

    /// <summary>A file's text as a message may show it: the token itself when short and plain, else only its length.</summary>
    /// <param name="token">The text.</param>
    public static string Shown(ReadOnlySpan<char> token)
    {
        foreach (var ch in token)
        {
            if (char.IsControl(ch) || ch == '\'')
            {
                return string.Create(CultureInfo.InvariantCulture, $"a text of {token.Length} characters (not shown)");
            }
        }

        return token.Length <= MaxShownChars
            ? $"'{token}'"
            : string.Create(CultureInfo.InvariantCulture, $"a text of {token.Length} characters (not shown)");
    }

    /// <summary>Reads one line (without its end: <c>\n</c>, <c>\r\n</c> or <c>\r</c>) into <see cref="_line"/>;
    /// <see langword="false"/> at the end.</summary>
    private bool ReadLine()
    {
        _length = 0;
        var any = false;
        while (true)
        {
            if (_at == _filled)
            {
                if (_ended || (_filled = _reader.Read(_buffer, 0, _buffer.Length)) == 0)
                {
                    (_ended, _at, _filled) = (true, 0, 0);
                    return any;
                }

                _at = 0;
                if (_skipNewline && _buffer[0] == '\n')
                {
                    _at = 1;
                }

                _skipNewline = false;
                continue;
            }

            any = true;
            var rest = _buffer.AsSpan(_at, _filled - _at);
            var end = rest.IndexOfAny('\n', '\r');
            var part = end < 0 ? rest : rest[..end];
            if (_length + part.Length > _maxLineChars)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"line {Line + 1} is longer than {Limit(_maxLineChars)} characters; a row of numbers is at most that long (is it a text file of rows of numbers?)."));
            }

            if (_length + part.Length > _line.Length)
            {
                Array.Resize(ref _line, (int)Math.Min(_maxLineChars, Math.Max(2L * _line.Length, _length + part.Length)));
            }

            part.CopyTo(_line.AsSpan(_length));
            _length += part.Length;
            if (end < 0)
            {
                _at = _filled;
                continue;
            }

            _at += end + 1;
            if (rest[end] == '\r')
            {
                if (_at < _filled)
                {
                    _at += _buffer[_at] == '\n' ? 1 : 0;
                }
                else
                {
                    _skipNewline = true;
                }
            }

            return true;
        }
    }

    private static string Limit(int chars) =>
        chars >= 1 << 20 && chars % (1 << 20) == 0 ? string.Create(CultureInfo.InvariantCulture, $"{chars >> 20} Mi") : chars.ToString(CultureInfo.InvariantCulture);

    /// <summary>The numbers of a line that holds some, separated by commas (when it has one) or white space.</summary>
    private void Parse(ReadOnlySpan<char> text, List<double> row)
    {
        var commas = text.Contains(',');
        var column = 0;
        while (true)
        {
            ReadOnlySpan<char> field;
            if (commas)
            {
                var end = text.IndexOf(',');
                field = (end < 0 ? text : text[..end]).Trim();
                if (field.Length == 0)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"line {Line} has an empty value (column {column}): two commas in a row, or a comma at the start or end of the line."));
                }

                Add(field, column, row);
                if (end < 0)
                {
                    return;
                }

                text = text[(end + 1)..];
            }
            else
            {
                var end = IndexOfWhiteSpace(text);
                field = end < 0 ? text : text[..end];
                Add(field, column, row);
                if (end < 0)
                {
                    return;
                }

                text = text[end..].TrimStart();
                if (text.Length == 0)
                {
                    return;
                }
            }

            column++;
        }
    }

    private static int IndexOfWhiteSpace(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void Add(ReadOnlySpan<char> field, int column, List<double> row) =>
        row.Add(ParseNumber(field) ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"line {Line}, column {column}: expected a number, found {Shown(field)} (a header line must be commented out with '#').")));

    /// <summary>A number as text: invariant culture, and NumPy's <c>nan</c>, <c>inf</c>, <c>-inf</c> (returned, so the
    /// caller reports them as not finite); <see langword="null"/> when it is not a number.</summary>
    public static double? ParseNumber(ReadOnlySpan<char> text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        if (text.Length > 9)
        {
            return null;
        }

        Span<char> lower = stackalloc char[text.Length];
        text.ToLowerInvariant(lower);
        return lower switch
        {
            "nan" or "+nan" or "-nan" => double.NaN,
            "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => null,
        };
    }
}

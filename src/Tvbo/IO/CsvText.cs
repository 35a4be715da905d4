using System.Text;

namespace Tvbo.IO;

/// <summary>RFC 4180 fields: quoting on write, splitting a line on read.</summary>
internal static class CsvText
{
    /// <summary>A field as written: quoted (with doubled quotes) when it holds a comma, quote, line break or
    /// leading/trailing space.</summary>
    /// <param name="value">The field's text.</param>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quote = value.Length > 0 && (value[0] == ' ' || value[^1] == ' ');
        foreach (var ch in value)
        {
            if (ch is ',' or '"' or '\n' or '\r')
            {
                quote = true;
                break;
            }
        }

        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Splits one line into fields (quoted fields may hold commas and doubled quotes, not line breaks).</summary>
    /// <param name="line">The line.</param>
    public static List<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                while (i < line.Length && line[i] != ',')
                {
                    sb.Append(line[i++]);
                }
            }
            else
            {
                var end = line.IndexOf(',', i);
                end = end < 0 ? line.Length : end;
                sb.Append(line, i, end - i);
                i = end;
            }

            fields.Add(sb.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}

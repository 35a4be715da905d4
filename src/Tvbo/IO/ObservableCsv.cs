using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>An observable as a CSV file, one row per value: <c>condition</c>, one column per dimension (its label or
/// number), <c>value</c> (an order parameter: <c>condition,value</c>; a spectrum:
/// <c>condition,channel,frequency,value</c>).</summary>
internal static class ObservableCsv
{
    /// <summary>The file name of an observable: <c>observable_&lt;name&gt;.csv</c>.</summary>
    /// <param name="name">The observable's name.</param>
    public static string FileName(string name) => $"observable_{name}.csv";

    /// <summary>Writes the observable.</summary>
    /// <param name="observable">The observable.</param>
    /// <param name="output">The stream.</param>
    /// <param name="cancellationToken">Cancels the writing between conditions.</param>
    public static void Write(ObservableResult observable, Stream output, CancellationToken cancellationToken)
    {
        var b = new Utf8TextBuffer();
        b.Text("condition");
        foreach (var d in observable.Dimensions)
        {
            b.Byte((byte)',');
            b.Text(CsvText.Field(d.Name));
        }

        b.Text(",value\n");
        var dims = observable.Dimensions;
        var index = new int[dims.Count];
        for (var c = 0; c < observable.ConditionCount; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = observable.Condition(c);
            for (var v = 0; v < values.Length; v++)
            {
                // The cell's index along each dimension, row-major.
                var rest = v;
                for (var k = dims.Count - 1; k >= 0; k--)
                {
                    index[k] = rest % dims[k].Length;
                    rest /= dims[k].Length;
                }

                b.Integer(c);
                for (var k = 0; k < dims.Count; k++)
                {
                    b.Byte((byte)',');
                    if (dims[k].Labels is { } labels)
                    {
                        b.Text(CsvText.Field(labels[index[k]]));
                    }
                    else
                    {
                        b.Number(dims[k].Values![index[k]]);
                    }
                }

                b.CommaNumber(values[v]);
                b.Byte((byte)'\n');
                if (b.Length > 1 << 15)
                {
                    output.Write(b.Written);
                    b.Clear();
                }
            }
        }

        output.Write(b.Written);
    }
}

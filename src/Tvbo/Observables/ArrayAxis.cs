using System.Globalization;

namespace Tvbo.Observables;

/// <summary>Applies a computation to the slices of an array along one axis and stacks the results back along it
/// (TVBO's <c>apply_on_dimension</c>, as <c>jax.vmap</c> with equal in and out axes).</summary>
internal static class ArrayAxis
{
    /// <summary>The array as [time, series]: its first axis kept, the others flattened (each column one series).</summary>
    /// <param name="value">An array of at least one dimension.</param>
    public static ArrayValue AsSeries(ArrayValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Rank == 0)
        {
            throw new ObservableException("apply_on_dimension: node needs a series [time, …], not one number.");
        }

        var rows = value.Shape[0];
        return new ArrayValue([rows, rows == 0 ? 0 : value.Data.Length / rows], value.Data);
    }

    /// <summary>A [time', series] result given back the trailing shape of the input it came from.</summary>
    /// <param name="result">The result, [time', series].</param>
    /// <param name="input">The input's shape, [time, …].</param>
    public static ArrayValue FromSeries(ArrayValue result, int[] input)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length <= 2)
        {
            return result;
        }

        var series = input[1..].Aggregate(1, (a, b) => a * b);
        if (result.Rank != 2 || result.Shape[1] != series)
        {
            throw new ObservableException($"applied to each series, it gives {result.ShapeText}, not one result per series.");
        }

        return new ArrayValue([result.Shape[0], .. input[1..]], result.Data);
    }

    /// <summary>Computes <paramref name="compute"/> on each slice of <paramref name="value"/> along
    /// <paramref name="axis"/> and stacks the results along that axis.</summary>
    /// <param name="value">The array.</param>
    /// <param name="axis">The axis.</param>
    /// <param name="compute">The computation of one slice (the array without that axis).</param>
    /// <exception cref="ObservableException">The array has no such axis, or the slices' results differ in shape.</exception>
    public static ArrayValue Apply(ArrayValue value, int axis, Func<ArrayValue, ArrayValue> compute)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(compute);
        if (axis >= value.Rank)
        {
            throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"it is applied along axis {axis}, but its input has shape {value.ShapeText}."));
        }

        var count = value.Shape[axis];
        var outer = value.Shape[..axis].Aggregate(1, (a, b) => a * b);
        var inner = value.Shape[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        int[]? shape = null;
        double[]? stacked = null;
        for (var k = 0; k < count; k++)
        {
            var slice = new double[outer * inner];
            for (var o = 0; o < outer; o++)
            {
                Array.Copy(value.Data, ((o * count) + k) * inner, slice, o * inner, inner);
            }

            var result = compute(new ArrayValue([.. value.Shape[..axis], .. value.Shape[(axis + 1)..]], slice));
            if (shape is null)
            {
                shape = result.Shape;
                stacked = new double[result.Data.Length * count];
            }
            else if (!shape.SequenceEqual(result.Shape))
            {
                throw new ObservableException(string.Create(CultureInfo.InvariantCulture, $"applied along axis {axis}, slice 0 gives {new ArrayValue(shape, new double[shape.Aggregate(1, (a, b) => a * b)]).ShapeText} but slice {k} gives {result.ShapeText}."));
            }

            // Result slice k goes to index k of the new axis, inserted where the input's axis was.
            var rOuter = shape[..Math.Min(axis, shape.Length)].Aggregate(1, (a, b) => a * b);
            var rInner = result.Data.Length / Math.Max(rOuter, 1);
            for (var o = 0; o < rOuter; o++)
            {
                Array.Copy(result.Data, o * rInner, stacked!, ((o * count) + k) * rInner, rInner);
            }
        }

        if (shape is null)
        {
            throw new ObservableException($"it is applied along an axis of length 0 (input {value.ShapeText}).");
        }

        var axisAt = Math.Min(axis, shape.Length);
        return new ArrayValue([.. shape[..axisAt], count, .. shape[axisAt..]], stacked!);
    }
}

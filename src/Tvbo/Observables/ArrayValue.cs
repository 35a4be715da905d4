using System.Globalization;

namespace Tvbo.Observables;

/// <summary>A value of an observation's pipeline for one condition: an N-dimensional array of numbers, row-major
/// (numpy's C order), or one number (no dimensions).</summary>
internal sealed class ArrayValue
{
    /// <summary>Creates an array.</summary>
    /// <param name="shape">The length of each dimension (empty for one number).</param>
    /// <param name="data">The values, row-major; as many as the shape's product.</param>
    /// <exception cref="ArgumentException">The data do not fill the shape, or a length is negative.</exception>
    public ArrayValue(int[] shape, double[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        long count = 1;
        foreach (var n in shape)
        {
            if (n < 0)
            {
                throw new ArgumentException($"A dimension's length is negative ({n}).", nameof(shape));
            }

            count *= n;
        }

        if (count != data.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{data.Length} values do not fill shape ({string.Join(", ", shape)})."), nameof(data));
        }

        Shape = shape;
        Data = data;
    }

    /// <summary>The length of each dimension.</summary>
    public int[] Shape { get; }

    /// <summary>The values, row-major.</summary>
    public double[] Data { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Whether it is one number.</summary>
    public bool IsScalar => Shape.Length == 0;

    /// <summary>The shape as numpy prints it: <c>()</c>, <c>(84,)</c>, <c>(120, 84)</c>.</summary>
    public string ShapeText => Shape.Length == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({Shape[0]},)")
        : $"({string.Join(", ", Shape.Select(n => n.ToString(CultureInfo.InvariantCulture)))})";

    /// <summary>One number.</summary>
    /// <param name="value">The number.</param>
    public static ArrayValue Scalar(double value) => new([], [value]);

    /// <inheritdoc/>
    public override string ToString() => IsScalar ? Data[0].ToString("R", CultureInfo.InvariantCulture) : $"array{ShapeText}";
}

using System.Globalization;
using Tvbo.IO;

namespace Tvbo.Tests.IO;

[TestClass]
public sealed class RoundTripNumberTests
{
    [TestMethod]
    public void PrintsWhatDotNetPrintsAndParsesBack()
    {
        var rnd = new Random(20261201);
        var values = new List<double>
        {
            0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
            double.MaxValue, double.MinValue, 2.2250738585072014E-308, 2.2250738585072009E-308, 6.039999999999999, 0.1,
            1.0 / 3, 123456789012345.0, 1234567890123456.0, 1e15, 1e16, 1e17, 1e14, 0.0001, 0.00001, 9007199254740993.0,
            5e-324, 1.7976931348623157e308, 4.35, 0.3, 2.5, 1e23, 9.999999999999999e22, 1e-7, 123.456,
        };
        for (var e = -325; e <= 308; e++)
        {
            values.Add(Math.Pow(10, e));
            values.Add(-3 * Math.Pow(10, e));
        }

        for (var i = 0; i < 200_000; i++)
        {
            values.Add(BitConverter.Int64BitsToDouble(rnd.NextInt64()));
            values.Add(rnd.NextDouble() * Math.Pow(10, rnd.Next(-20, 20)));
            values.Add(Math.Round(rnd.NextDouble() * 1000, rnd.Next(0, 8)));
        }

        Span<byte> buffer = stackalloc byte[RoundTripNumber.MaxLength];
        foreach (var v in values)
        {
            var n = RoundTripNumber.Format(v, buffer);
            var text = System.Text.Encoding.ASCII.GetString(buffer[..n]);
            Assert.AreEqual(v.ToString("R", CultureInfo.InvariantCulture), text, $"bits {BitConverter.DoubleToInt64Bits(v):X16}");
            var back = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.IsTrue(double.IsNaN(v) ? double.IsNaN(back) : BitConverter.DoubleToInt64Bits(back) == BitConverter.DoubleToInt64Bits(v), text);
        }
    }
}

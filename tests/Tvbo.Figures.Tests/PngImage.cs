using System.Buffers.Binary;
using SkiaSharp;

namespace Tvbo.Figures.Tests;

/// <summary>What a PNG file holds: checked signature, the IHDR size, and statistics of its decoded pixels.</summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(int width, int height, int colours, double inkFraction)
    {
        Width = width;
        Height = height;
        Colours = colours;
        InkFraction = inkFraction;
    }

    /// <summary>The width in the IHDR chunk.</summary>
    public int Width { get; }

    /// <summary>The height in the IHDR chunk.</summary>
    public int Height { get; }

    /// <summary>Distinct colours (quantised to 4 bits a channel).</summary>
    public int Colours { get; }

    /// <summary>The fraction of pixels that are not (nearly) white.</summary>
    public double InkFraction { get; }

    /// <summary>Reads a PNG: fails the test unless the signature and IHDR are right and the pixels decode at that size.</summary>
    public static PngImage Read(string path)
    {
        Assert.IsTrue(File.Exists(path), $"{path} was not written");
        var bytes = File.ReadAllBytes(path);
        Assert.IsTrue(bytes.Length > 33, $"{path} has only {bytes.Length} bytes");
        CollectionAssert.AreEqual(Signature, bytes[..8], $"{path} does not start with the PNG signature");
        Assert.AreEqual(13, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)), "IHDR length");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4), "first chunk");
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.AreEqual("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4), "last chunk");

        using var bitmap = SKBitmap.Decode(bytes);
        Assert.IsNotNull(bitmap, $"{path} does not decode");
        Assert.AreEqual(width, bitmap.Width);
        Assert.AreEqual(height, bitmap.Height);
        var colours = new HashSet<int>();
        long ink = 0;
        var pixels = bitmap.Pixels;
        foreach (var p in pixels)
        {
            colours.Add(((p.Red >> 4) << 8) | ((p.Green >> 4) << 4) | (p.Blue >> 4));
            if (p.Red < 235 || p.Green < 235 || p.Blue < 235)
            {
                ink++;
            }
        }

        return new PngImage(width, height, colours.Count, ink / (double)pixels.Length);
    }

    /// <summary>Fails unless the image has the size asked for and is not blank: some ink, several colours.</summary>
    public static PngImage AssertFigure(string path, int? width = null, int? height = null, int minColours = 8)
    {
        var png = Read(path);
        if (width is { } w)
        {
            Assert.AreEqual(w, png.Width, $"{path} width");
        }

        if (height is { } h)
        {
            Assert.AreEqual(h, png.Height, $"{path} height");
        }

        Assert.IsTrue(png.InkFraction > 0.01, $"{path} is (nearly) blank: {png.InkFraction:P2} non-white pixels");
        Assert.IsTrue(png.InkFraction < 0.95, $"{path} is (nearly) one colour: {png.InkFraction:P2} non-white pixels");
        Assert.IsTrue(png.Colours >= minColours, $"{path} has only {png.Colours} colours");
        return png;
    }
}

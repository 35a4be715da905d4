using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Tvbo.Files;

namespace Tvbo.Tests.Files;

/// <summary>The .npy reader checks the magic bytes and the header first, and the data size the header gives against the
/// file's length, before it reads any data; the data is read in pieces, not as one block of the file.</summary>
[TestClass]
public sealed class NpyFileTests
{
    /// <summary>The header of a .npy file (format 1.0) as np.save writes it, padded to a multiple of 64 bytes.</summary>
    internal static byte[] Header(string shape, string descr = "<f8", bool fortran = false)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        var pad = (64 - ((10 + dict.Length + 1) % 64)) % 64;
        var header = Encoding.Latin1.GetBytes(dict + new string(' ', pad) + "\n");
        var bytes = new byte[10 + header.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bytes, 10);
        return bytes;
    }

    /// <summary>A whole .npy file of float64 values in C order.</summary>
    internal static byte[] Npy(double[,] m)
    {
        var (r, c) = (m.GetLength(0), m.GetLength(1));
        var header = Header(string.Create(CultureInfo.InvariantCulture, $"({r}, {c})"));
        var bytes = new byte[header.Length + (r * c * 8)];
        header.CopyTo(bytes, 0);
        for (var k = 0; k < r * c; k++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(header.Length + (k * 8)), m[k / c, k % c]);
        }

        return bytes;
    }

    [TestMethod]
    public void ABodyThatDoesNotMatchTheHeaderIsRefusedBeforeAnyOfItIsRead()
    {
        // The header promises 1000 × 1000 float64 (8 MB); the file holds 4 MB after it. Only the header is read.
        var header = Header("(1000, 1000)");
        using var stream = new CountingStream(new MemoryStream([.. header, .. new byte[4_000_000]]));
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => NpyFile.Read(stream));
        StringAssert.Contains(ex.Message, "holds 4000000 bytes of data, but shape (1000, 1000) of '<f8' needs 8000000");
        Assert.AreEqual(header.Length, stream.BytesRead, "only the magic, version and header are read");
    }

    [TestMethod]
    public void AFileThatIsNotNpyIsRefusedAfterItsFirstBytes()
    {
        using var stream = new CountingStream(new MemoryStream(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0, 1, 2, 3\n", 100_000)))));
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => NpyFile.Read(stream));
        StringAssert.Contains(ex.Message, "not a NumPy .npy file");
        Assert.IsLessThanOrEqualTo(12L, stream.BytesRead);
    }

    [TestMethod]
    public void AHugeHeaderLengthIsRefusedWithoutReadingIt()
    {
        var bytes = new byte[64];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 0x7FFF_0000);
        using var stream = new CountingStream(new MemoryStream(bytes));
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => NpyFile.Read(stream));
        StringAssert.Contains(ex.Message, "the .npy header is 2147418112 bytes");
        Assert.IsLessThanOrEqualTo(12L, stream.BytesRead);
    }

    [TestMethod]
    public void TheDataIsReadInPiecesIntoTheMatrixAlone()
    {
        var m = new double[500, 500];
        for (var i = 0; i < 500; i++)
        {
            for (var j = 0; j < 500; j++)
            {
                m[i, j] = (i * 1000) + j;
            }
        }

        var bytes = Npy(m);
        using var stream = new CountingStream(new MemoryStream(bytes));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = NpyFile.Read(stream).Values;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        CollectionAssert.AreEqual(m, read);
        Assert.AreEqual(bytes.Length, stream.BytesRead);
        Assert.IsLessThanOrEqualTo(1 << 16, stream.LargestRead, "no read asks for more than a 64 KiB piece");

        // The 2 MB matrix and a piece buffer: not the file's bytes as well.
        Assert.IsLessThan(500L * 500 * 8 + (512 << 10), allocated, $"allocated {allocated} bytes");
    }

    [TestMethod]
    public void AnInputSeriesReadsOnlyTheRowsItNeeds()
    {
        // A (1 000 000, 3) float64 series (24 MB of data); a run of 100 steps reads 100 rows of it.
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-npy-").FullName, "drive.npy");
        var header = Header("(1000000, 3)");
        using (var f = File.Create(path))
        {
            f.Write(header);
            for (var k = 0; k < 300; k++)
            {
                var value = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(value, k);
                f.Write(value);
            }

            f.SetLength(header.Length + (3_000_000L * 8));
        }

        using var stream = new CountingStream(File.OpenRead(path));
        var layout = NpyFile.ReadLayout(stream, allowVector: true);
        var rows = NpyFile.ReadRows(stream, layout, 100);
        CollectionAssert.AreEqual(Enumerable.Range(0, 300).Select(k => (double)k).ToArray(), rows);
        Assert.AreEqual(header.Length + (300L * 8), stream.BytesRead);
    }

    [TestMethod]
    public void AFortranOrderSeriesReadsTheFirstRowsOfEachColumn()
    {
        // Shape (4, 2) in Fortran order: column 0 is 0..3, column 1 is 10..13; two rows are wanted.
        var header = Header("(4, 2)", fortran: true);
        var data = new byte[8 * 8];
        double[] stored = [0, 1, 2, 3, 10, 11, 12, 13];
        for (var k = 0; k < stored.Length; k++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(k * 8), stored[k]);
        }

        using var stream = new CountingStream(new MemoryStream([.. header, .. data]));
        var layout = NpyFile.ReadLayout(stream, allowVector: true);
        CollectionAssert.AreEqual(new[] { 0.0, 10, 1, 11 }, NpyFile.ReadRows(stream, layout, 2));
        Assert.AreEqual(header.Length + (4L * 8), stream.BytesRead);
    }

    /// <summary>A stream that counts what is read of it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public int LargestRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            LargestRead = Math.Max(LargestRead, buffer.Length);
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

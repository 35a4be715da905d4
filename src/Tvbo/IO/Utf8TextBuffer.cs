using System.Globalization;
using System.Text;

namespace Tvbo.IO;

/// <summary>A growable UTF-8 buffer that CSV rows are formatted into (numbers with <see cref="RoundTripNumber"/>).</summary>
internal sealed class Utf8TextBuffer
{
    private byte[] _buffer;
    private int _length;

    public Utf8TextBuffer(int capacity = 1 << 16)
    {
        _buffer = new byte[Math.Max(64, capacity)];
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>The number of bytes written so far.</summary>
    public int Length => _length;

    public void Clear() => _length = 0;

    public void Number(double value)
    {
        Ensure(RoundTripNumber.MaxLength);
        _length += RoundTripNumber.Format(value, _buffer.AsSpan(_length));
    }

    /// <summary>A comma, then the number.</summary>
    public void CommaNumber(double value)
    {
        Ensure(RoundTripNumber.MaxLength + 1);
        _buffer[_length] = (byte)',';
        _length += 1 + RoundTripNumber.Format(value, _buffer.AsSpan(_length + 1));
    }

    public void Integer(long value)
    {
        Ensure(24);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void Text(string value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}

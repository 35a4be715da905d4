using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tvbo.IO;

/// <summary>
/// Prints a double as UTF-8 text that parses back to the same double: the shortest such digits (Ryu, Ulf Adams,
/// PLDI 2018), laid out exactly as .NET's <c>value.ToString("R", CultureInfo.InvariantCulture)</c> lays them out
/// (<c>0.1</c>, <c>6.039999999999999</c>, <c>1E+17</c>, <c>1E-05</c>, <c>-0</c>, <c>NaN</c>, <c>Infinity</c>), about
/// twice as fast and without allocating. Result files print millions of numbers, so this is their hot loop.
/// </summary>
internal static class RoundTripNumber
{
    /// <summary>Room enough for any double (<c>-2.2250738585072014E-308</c> is 24 bytes).</summary>
    public const int MaxLength = 32;

    private const int MantissaBits = 52;
    private const int ExponentBits = 11;
    private const int Bias = 1023;
    private const int Pow5InvBitCount = 125;
    private const int Pow5BitCount = 125;
    private const int Pow5InvTableSize = 342;
    private const int Pow5TableSize = 326;

    // 5^i and 2^k / 5^q as 125-bit fixed-point numbers, low and high 64-bit words interleaved.
    private static readonly ulong[] Pow5Split = BuildPow5Split();
    private static readonly ulong[] Pow5InvSplit = BuildPow5InvSplit();

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes).</summary>
    /// <param name="value">The value.</param>
    /// <param name="destination">The target.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Format(double value, Span<byte> destination)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var sign = (bits >> 63) != 0;
        var ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
        var ieeeExponent = (uint)((bits >> MantissaBits) & ((1U << ExponentBits) - 1));
        if (ieeeExponent == (1U << ExponentBits) - 1)
        {
            ReadOnlySpan<byte> text = ieeeMantissa != 0 ? "NaN"u8 : sign ? "-Infinity"u8 : "Infinity"u8;
            text.CopyTo(destination);
            return text.Length;
        }

        var pos = 0;
        if (sign)
        {
            destination[pos++] = (byte)'-';
        }

        if (ieeeExponent == 0 && ieeeMantissa == 0)
        {
            destination[pos++] = (byte)'0';
            return pos;
        }

        var (mantissa, exponent) = ShortestDecimal(ieeeMantissa, ieeeExponent);
        return pos + Layout(mantissa, exponent, destination[pos..]);
    }

    /// <summary>The text of a value as a string (for headers and tests).</summary>
    /// <param name="value">The value.</param>
    public static string ToText(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var n = Format(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..n]);
    }

    // value = mantissa * 10^exponent, in .NET's "R" layout: fixed notation for decimal exponents -5 < e < 17
    // (1E-05, 0.0001, 10000000000000000, 1E+17).
    private static int Layout(ulong mantissa, int exponent, Span<byte> d)
    {
        var length = DecimalLength(mantissa);
        var sci = exponent + length - 1;
        if (sci is > -5 and < 17)
        {
            if (exponent >= 0)
            {
                WriteDigits(mantissa, d[..length]);
                d.Slice(length, exponent).Fill((byte)'0');
                return length + exponent;
            }

            if (sci >= 0)
            {
                // ddd.ddd: the digits, then the fraction moved one place right for the point.
                var whole = sci + 1;
                WriteDigits(mantissa, d[..length]);
                d[whole..length].CopyTo(d[(whole + 1)..]);
                d[whole] = (byte)'.';
                return length + 1;
            }

            d[0] = (byte)'0';
            d[1] = (byte)'.';
            var zeros = -sci - 1;
            d.Slice(2, zeros).Fill((byte)'0');
            WriteDigits(mantissa, d.Slice(2 + zeros, length));
            return 2 + zeros + length;
        }

        var pos = length;
        WriteDigits(mantissa, d[..length]);
        if (length > 1)
        {
            d[1..length].CopyTo(d[2..]);
            d[1] = (byte)'.';
            pos++;
        }

        d[pos++] = (byte)'E';
        d[pos++] = sci < 0 ? (byte)'-' : (byte)'+';
        var e = sci < 0 ? -sci : sci;
        if (e >= 100)
        {
            d[pos++] = (byte)('0' + (e / 100));
            e %= 100;
        }

        d[pos++] = (byte)('0' + (e / 10));
        d[pos++] = (byte)('0' + (e % 10));
        return pos;
    }

    // Right-aligned decimal digits of value (at most 17), in 32-bit pieces of 8 digits, two digits at a time.
    private static void WriteDigits(ulong value, Span<byte> target)
    {
        var i = target.Length;
        while (value >= 100_000_000)
        {
            var q = value / 100_000_000;
            var piece = (uint)(value - (q * 100_000_000));
            value = q;
            for (var k = 0; k < 4; k++)
            {
                var p2 = piece / 100;
                var r = (int)(piece - (p2 * 100)) * 2;
                target[--i] = DigitPairs[r + 1];
                target[--i] = DigitPairs[r];
                piece = p2;
            }
        }

        var small = (uint)value;
        while (small >= 100)
        {
            var p2 = small / 100;
            var r = (int)(small - (p2 * 100)) * 2;
            target[--i] = DigitPairs[r + 1];
            target[--i] = DigitPairs[r];
            small = p2;
        }

        if (small >= 10)
        {
            var r = (int)small * 2;
            target[--i] = DigitPairs[r + 1];
            target[--i] = DigitPairs[r];
        }
        else
        {
            target[--i] = (byte)('0' + (int)small);
        }
    }

    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    // Ryu's d2d: the shortest decimal in the interval of values that round to the double.
    private static (ulong Mantissa, int Exponent) ShortestDecimal(ulong ieeeMantissa, uint ieeeExponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - Bias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - Bias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }

        var acceptBounds = (m2 & 1) == 0;
        var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1U : 0U;
        var interval = e2 >= 0
            ? IntervalForPositiveExponent(m2, e2, mmShift, acceptBounds)
            : IntervalForNegativeExponent(m2, e2, mmShift, acceptBounds);
        var (output, removed) = interval.VmIsTrailingZeros || interval.VrIsTrailingZeros
            ? ShortestTrackingZeros(interval, acceptBounds)
            : ShortestCommon(interval);
        return (output, interval.E10 + removed);
    }

    // The interval as decimals vr (the value), vp and vm (its bounds) times 10^e10, for e2 >= 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecimalInterval IntervalForPositiveExponent(ulong m2, int e2, uint mmShift, bool acceptBounds)
    {
        var mv = 4 * m2;
        var q = Log10Pow2(e2) - (e2 > 3 ? 1U : 0U);
        var k = Pow5InvBitCount + Pow5Bits((int)q) - 1;
        var i = -e2 + (int)q + k;
        var lo = Pow5InvSplit[2 * q];
        var hi = Pow5InvSplit[(2 * q) + 1];
        var d = new DecimalInterval
        {
            E10 = (int)q,
            Vr = MulShift(4 * m2, lo, hi, i),
            Vp = MulShift((4 * m2) + 2, lo, hi, i),
            Vm = MulShift((4 * m2) - 1 - mmShift, lo, hi, i),
        };
        if (q <= 21)
        {
            if (mv % 5 == 0)
            {
                d.VrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
            }
            else if (acceptBounds)
            {
                d.VmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
            }
            else
            {
                d.Vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
            }
        }

        return d;
    }

    // The interval as decimals vr, vp and vm times 10^e10, for e2 < 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DecimalInterval IntervalForNegativeExponent(ulong m2, int e2, uint mmShift, bool acceptBounds)
    {
        var mv = 4 * m2;
        var q = Log10Pow5(-e2) - (-e2 > 1 ? 1U : 0U);
        var i = -e2 - (int)q;
        var k = Pow5Bits(i) - Pow5BitCount;
        var j = (int)q - k;
        var lo = Pow5Split[2 * i];
        var hi = Pow5Split[(2 * i) + 1];
        var d = new DecimalInterval
        {
            E10 = (int)q + e2,
            Vr = MulShift(4 * m2, lo, hi, j),
            Vp = MulShift((4 * m2) + 2, lo, hi, j),
            Vm = MulShift((4 * m2) - 1 - mmShift, lo, hi, j),
        };
        if (q <= 1)
        {
            d.VrIsTrailingZeros = true;
            if (acceptBounds)
            {
                d.VmIsTrailingZeros = mmShift == 1;
            }
            else
            {
                --d.Vp;
            }
        }
        else if (q < 63)
        {
            d.VrIsTrailingZeros = (mv & ((1UL << (int)q) - 1)) == 0;
        }

        return d;
    }

    // Removes digits while the bounds still differ, tracking trailing zeros of vm and vr (the rare case).
    private static (ulong Output, int Removed) ShortestTrackingZeros(DecimalInterval d, bool acceptBounds)
    {
        ulong vr = d.Vr, vp = d.Vp, vm = d.Vm;
        bool vmIsTrailingZeros = d.VmIsTrailingZeros, vrIsTrailingZeros = d.VrIsTrailingZeros;
        var removed = 0;
        byte lastRemovedDigit = 0;
        while (vp / 10 > vm / 10)
        {
            vmIsTrailingZeros &= vm % 10 == 0;
            vrIsTrailingZeros &= lastRemovedDigit == 0;
            lastRemovedDigit = (byte)(vr % 10);
            vr /= 10;
            vp /= 10;
            vm /= 10;
            ++removed;
        }

        if (vmIsTrailingZeros)
        {
            while (vm % 10 == 0)
            {
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (byte)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                ++removed;
            }
        }

        if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
        {
            lastRemovedDigit = 4;
        }

        return (vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL), removed);
    }

    // The common case (about 99 %): removes digits while the bounds still differ, no trailing zeros to track.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Output, int Removed) ShortestCommon(DecimalInterval d)
    {
        ulong vr = d.Vr, vp = d.Vp, vm = d.Vm;
        var removed = 0;
        var roundUp = false;
        var vpDiv100 = vp / 100;
        var vmDiv100 = vm / 100;
        if (vpDiv100 > vmDiv100)
        {
            var vrDiv100 = vr / 100;
            roundUp = vr - (vrDiv100 * 100) >= 50;
            vr = vrDiv100;
            vp = vpDiv100;
            vm = vmDiv100;
            removed += 2;
        }

        while (true)
        {
            var vpDiv10 = vp / 10;
            var vmDiv10 = vm / 10;
            if (vpDiv10 <= vmDiv10)
            {
                break;
            }

            var vrDiv10 = vr / 10;
            roundUp = vr - (vrDiv10 * 10) >= 5;
            vr = vrDiv10;
            vp = vpDiv10;
            vm = vmDiv10;
            ++removed;
        }

        return (vr + (vr == vm || roundUp ? 1UL : 0UL), removed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShift(ulong m, ulong lo, ulong hi, int j)
    {
        var b0 = Math.BigMul(m, lo, out _);
        var b2High = Math.BigMul(m, hi, out var b2Low);
        var sumLow = b2Low + b0;
        var sumHigh = b2High + (sumLow < b2Low ? 1UL : 0UL);
        var shift = j - 64;
        return shift == 0 ? sumLow : (sumLow >> shift) | (sumHigh << (64 - shift));
    }

    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static uint Log10Pow2(int e) => (uint)e * 78913 >> 18;

    private static uint Log10Pow5(int e) => (uint)e * 732923 >> 20;

    private static bool MultipleOfPowerOf5(ulong value, uint p)
    {
        uint count = 0;
        while (value != 0 && value % 5 == 0)
        {
            value /= 5;
            count++;
        }

        return count >= p;
    }

    private static int DecimalLength(ulong v)
    {
        // The shortest mantissa of a double has at most 17 digits.
        if (v >= 10000000000000000UL) { return 17; }
        if (v >= 1000000000000000UL) { return 16; }
        if (v >= 100000000000000UL) { return 15; }
        if (v >= 10000000000000UL) { return 14; }
        if (v >= 1000000000000UL) { return 13; }
        if (v >= 100000000000UL) { return 12; }
        if (v >= 10000000000UL) { return 11; }
        if (v >= 1000000000UL) { return 10; }
        if (v >= 100000000UL) { return 9; }
        if (v >= 10000000UL) { return 8; }
        if (v >= 1000000UL) { return 7; }
        if (v >= 100000UL) { return 6; }
        if (v >= 10000UL) { return 5; }
        if (v >= 1000UL) { return 4; }
        if (v >= 100UL) { return 3; }
        return v >= 10UL ? 2 : 1;
    }

    private static ulong[] BuildPow5Split()
    {
        var table = new ulong[2 * Pow5TableSize];
        var pow = BigInteger.One;
        for (var i = 0; i < Pow5TableSize; i++, pow *= 5)
        {
            var shift = (int)pow.GetBitLength() - Pow5BitCount;
            Store(table, i, shift >= 0 ? pow >> shift : pow << -shift);
        }

        return table;
    }

    private static ulong[] BuildPow5InvSplit()
    {
        var table = new ulong[2 * Pow5InvTableSize];
        var pow = BigInteger.One;
        for (var q = 0; q < Pow5InvTableSize; q++, pow *= 5)
        {
            var j = (int)pow.GetBitLength() - 1 + Pow5InvBitCount;
            Store(table, q, (BigInteger.One << j) / pow + 1);
        }

        return table;
    }

    private static void Store(ulong[] table, int index, BigInteger value)
    {
        var mask = (BigInteger.One << 64) - 1;
        table[2 * index] = (ulong)(value & mask);
        table[(2 * index) + 1] = (ulong)(value >> 64);
    }

    // vr (the value), vp and vm (the bounds of the values that round to it) as decimals times 10^E10, and whether
    // the digits vm and vr would drop are all zeros.
    private struct DecimalInterval
    {
        public ulong Vr;
        public ulong Vp;
        public ulong Vm;
        public int E10;
        public bool VmIsTrailingZeros;
        public bool VrIsTrailingZeros;
    }
}

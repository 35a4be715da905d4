namespace Tvbo.Observables;

/// <summary>The discrete Fourier transform of a real sequence, X_m = Σ_j x_j exp(−2πi jm/n) for m = 0 … n/2 (the
/// one-sided half; the rest are conjugates): an iterative radix-2 FFT when n is a power of two, Bluestein's chirp-z
/// algorithm (through power-of-two FFTs) otherwise, so any length takes O(n log n).</summary>
internal sealed class RealDft
{
    private readonly int n;
    private readonly int size;
    private readonly double[] cos;
    private readonly double[] sin;
    private readonly double[]? chirpCos;
    private readonly double[]? chirpSin;
    private readonly double[]? filterRe;
    private readonly double[]? filterIm;
    private readonly double[] re;
    private readonly double[] im;

    /// <summary>Prepares the transform of a length.</summary>
    /// <param name="length">The sequence's length (≥ 1).</param>
    public RealDft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        n = length;
        size = IsPowerOfTwo(n) ? n : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)((2 * n) - 1));
        (cos, sin) = Twiddles(size);
        re = new double[size];
        im = new double[size];
        if (size == n)
        {
            return;
        }

        // Bluestein: jm = (j² + m² − (m − j)²)/2, so X_m = w_m Σ_j (x_j w_j) conj(w_{m−j}) with w_j = exp(−πi j²/n);
        // j² mod 2n keeps the chirp's angle exact for large j.
        chirpCos = new double[n];
        chirpSin = new double[n];
        for (var j = 0; j < n; j++)
        {
            var angle = Math.PI * (double)((long)j * j % (2L * n)) / n;
            (chirpSin[j], chirpCos[j]) = Math.SinCos(-angle);
        }

        filterRe = new double[size];
        filterIm = new double[size];
        filterRe[0] = chirpCos[0];
        filterIm[0] = -chirpSin[0];
        for (var j = 1; j < n; j++)
        {
            filterRe[j] = filterRe[size - j] = chirpCos[j];
            filterIm[j] = filterIm[size - j] = -chirpSin[j];
        }

        Fft(filterRe, filterIm, cos, sin);
    }

    /// <summary>The number of one-sided bins, n/2 + 1.</summary>
    public int Bins => (n / 2) + 1;

    /// <summary>Transforms a sequence; writes the one-sided bins' real and imaginary parts.</summary>
    /// <param name="x">The sequence (length n).</param>
    /// <param name="real">The bins' real parts (length n/2 + 1).</param>
    /// <param name="imaginary">The bins' imaginary parts (length n/2 + 1).</param>
    public void Transform(ReadOnlySpan<double> x, Span<double> real, Span<double> imaginary)
    {
        if (chirpCos is null)
        {
            x[..n].CopyTo(re);
            Array.Clear(im);
            Fft(re, im, cos, sin);
            re.AsSpan(0, Bins).CopyTo(real);
            im.AsSpan(0, Bins).CopyTo(imaginary);
            return;
        }

        Array.Clear(re);
        Array.Clear(im);
        for (var j = 0; j < n; j++)
        {
            re[j] = x[j] * chirpCos[j];
            im[j] = x[j] * chirpSin![j];
        }

        Fft(re, im, cos, sin);
        for (var j = 0; j < size; j++)
        {
            var r = (re[j] * filterRe![j]) - (im[j] * filterIm![j]);
            var i = (re[j] * filterIm[j]) + (im[j] * filterRe[j]);

            // The inverse FFT as the conjugate of the forward FFT of the conjugate.
            re[j] = r;
            im[j] = -i;
        }

        Fft(re, im, cos, sin);
        for (var m = 0; m < Bins; m++)
        {
            double r = re[m] / size, i = -im[m] / size;
            real[m] = (r * chirpCos[m]) - (i * chirpSin![m]);
            imaginary[m] = (r * chirpSin[m]) + (i * chirpCos[m]);
        }
    }

    private static bool IsPowerOfTwo(int value) => (value & (value - 1)) == 0;

    private static (double[] Cos, double[] Sin) Twiddles(int length)
    {
        var c = new double[length / 2];
        var s = new double[length / 2];
        for (var k = 0; k < length / 2; k++)
        {
            (s[k], c[k]) = Math.SinCos(-2 * Math.PI * k / length);
        }

        return (c, s);
    }

    /// <summary>The in-place forward FFT of a power-of-two length with the twiddles exp(−2πik/length).</summary>
    private static void Fft(double[] re, double[] im, double[] cos, double[] sin)
    {
        var length = re.Length;
        for (int i = 1, j = 0; i < length; i++)
        {
            var bit = length >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var half = 1; half < length; half <<= 1)
        {
            var stride = length / (2 * half);
            for (var start = 0; start < length; start += 2 * half)
            {
                for (var k = 0; k < half; k++)
                {
                    double wr = cos[k * stride], wi = sin[k * stride];
                    int a = start + k, b = a + half;
                    var tr = (re[b] * wr) - (im[b] * wi);
                    var ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}

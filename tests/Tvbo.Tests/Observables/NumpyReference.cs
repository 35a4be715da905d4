using System.Globalization;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Observables;

/// <summary>Independent results computed at test time by numpy and scipy in Debian's Python (/usr/bin/python3): the
/// inputs go to Python as raw little-endian float64 files, a snippet assigns <c>out</c>, which comes back the same way.</summary>
internal static class NumpyReference
{
    private const string Python = DebianPython.Executable;

    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Marks the test inconclusive, with the reason, when numpy or scipy does not import.</summary>
    public static void RequirePython()
    {
        if (Missing.Value is { } why)
        {
            Assert.Inconclusive($"numpy and scipy are not importable from {Python}: {why}");
        }
    }

    /// <summary>Runs a snippet that reads the named arrays and assigns <c>out</c>; returns <c>out</c> flattened
    /// (row-major) as float64.</summary>
    /// <param name="code">The snippet (numpy as np, scipy.signal as signal imported).</param>
    /// <param name="inputs">The arrays: a name, the values row-major and the shape.</param>
    public static double[] Run(string code, params (string Name, double[] Values, int[] Shape)[] inputs)
    {
        RequirePython();
        var dir = Path.Combine(Path.GetTempPath(), "tvbo-observables-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var script = new System.Text.StringBuilder();
            script.AppendLine("import sys, warnings");
            script.AppendLine("import numpy as np");
            script.AppendLine("import scipy.signal as signal");
            script.AppendLine("import scipy.special");
            script.AppendLine("warnings.simplefilter('ignore')");
            script.AppendLine("d = sys.argv[1]");
            foreach (var (name, values, shape) in inputs)
            {
                var bytes = new byte[values.Length * sizeof(double)];
                for (var i = 0; i < values.Length; i++)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
                }

                File.WriteAllBytes(Path.Combine(dir, name + ".f8"), bytes);
                var dims = string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + (shape.Length == 1 ? "," : string.Empty);
                script.AppendLine(CultureInfo.InvariantCulture, $"{name} = np.fromfile(d + '/{name}.f8', dtype='<f8').reshape(({dims}))");
            }

            script.AppendLine(code);
            script.AppendLine("np.ascontiguousarray(np.asarray(out, dtype='<f8')).ravel().tofile(d + '/out.f8')");
            var scriptPath = Path.Combine(dir, "reference.py");
            File.WriteAllText(scriptPath, script.ToString());
            var (exit, stdout, stderr) = DebianPython.Run(scriptPath, dir);
            Assert.AreEqual(0, exit, $"python failed:\n{stdout}\n{stderr}");
            var result = File.ReadAllBytes(Path.Combine(dir, "out.f8"));
            var values2 = new double[result.Length / sizeof(double)];
            for (var i = 0; i < values2.Length; i++)
            {
                values2[i] = System.Buffers.Binary.BinaryPrimitives.ReadDoubleLittleEndian(result.AsSpan(i * sizeof(double)));
            }

            return values2;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string? FindMissing() => DebianPython.Missing("numpy, scipy.signal");
}

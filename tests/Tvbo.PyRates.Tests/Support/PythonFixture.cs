using Tvbo.Backends;
using Tvbo.PyRates.Runtime;

namespace Tvbo.PyRates.Tests.Support;

/// <summary>Starts the embedded Python once per test run and turns a missing Python or PyRates into
/// Inconclusive with the reason.</summary>
internal static class PythonFixture
{
    private static readonly Lazy<(PythonRuntime? Runtime, string? Error)> Started = new(() =>
    {
        try
        {
            return (PythonRuntime.Start(), null);
        }
        catch (BackendUnavailableException ex)
        {
            return (null, ex.Message);
        }
    });

    /// <summary>The runtime (CPython + numpy + pandas), or Inconclusive.</summary>
    public static PythonRuntime Runtime()
    {
        var (runtime, error) = Started.Value;
        if (runtime is null)
        {
            Assert.Inconclusive($"No usable Python (CPython with numpy and pandas): {error}");
        }

        return runtime!;
    }

    /// <summary>The runtime with PyRates importable, or Inconclusive.</summary>
    public static PythonRuntime PyRates()
    {
        var runtime = Runtime();
        if (!runtime.HasPyRates)
        {
            Assert.Inconclusive($"PyRates not importable from {runtime.Interpreter.DisplayName}: {runtime.PyRatesError}");
        }

        return runtime;
    }

    /// <summary>Runs Python source (statements) on the Python thread and returns the value of <c>result</c>
    /// converted by <paramref name="convert"/>.</summary>
    public static T Exec<T>(string code, Func<Python.Runtime.PyObject, T> convert)
    {
        var runtime = Runtime();
        return runtime.Invoke(() =>
        {
            using var scope = Python.Runtime.Py.CreateScope();
            scope.Exec(code);
            using var result = scope.Get("result");
            return convert(result);
        });
    }
}

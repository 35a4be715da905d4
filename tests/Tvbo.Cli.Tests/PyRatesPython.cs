using Tvbo.Backends;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Runtime;

namespace Tvbo.Cli.Tests;

/// <summary>The Python with PyRates the command line's PyRates runs use, or the test inconclusive with the reason.</summary>
internal static class PyRatesPython
{
    /// <summary>The <c>--python</c> option naming the interpreter the backend found (empty when it found none by path);
    /// inconclusive when there is no usable Python or PyRates does not import.</summary>
    public static string[] OptionOrInconclusive()
    {
        PythonInterpreter python;
        try
        {
            python = new PyRatesBackend().StartPython();
        }
        catch (BackendUnavailableException ex)
        {
            Assert.Inconclusive($"No usable Python for the PyRates backend: {ex.Message}");
            return [];
        }

        if (!python.HasPyRates)
        {
            Assert.Inconclusive($"PyRates not importable from {python.DisplayName}: {python.PyRatesError}");
        }

        return python.Executable is { } exe ? ["--python", exe] : [];
    }
}

namespace Tvbo.PyRates.Runtime;

/// <summary>A Python interpreter the PyRates backend can embed, as reported by the interpreter itself.</summary>
public sealed class PythonInterpreter
{
    internal PythonInterpreter(
        string? executable,
        string version,
        string libraryPath,
        IReadOnlyList<string> searchPath,
        string? numpyVersion,
        string? pandasVersion,
        string? pyRatesVersion,
        string? pyRatesError,
        string source)
    {
        Executable = executable;
        Version = version;
        LibraryPath = libraryPath;
        SearchPath = searchPath;
        NumpyVersion = numpyVersion;
        PandasVersion = pandasVersion;
        PyRatesVersion = pyRatesVersion;
        PyRatesError = pyRatesError;
        Source = source;
    }

    /// <summary>The interpreter's executable (<c>sys.executable</c>), or <see langword="null"/> when only its shared
    /// library is known (<c>PYTHONNET_PYDLL</c>).</summary>
    public string? Executable { get; }

    /// <summary>The Python version, e.g. <c>3.11.2</c>.</summary>
    public string Version { get; }

    /// <summary>The shared library (<c>libpython3.x.so</c>) loaded into the process.</summary>
    public string LibraryPath { get; }

    /// <summary>The interpreter's <c>sys.path</c>, applied to the embedded interpreter.</summary>
    public IReadOnlyList<string> SearchPath { get; }

    /// <summary>numpy's version, or <see langword="null"/> when numpy does not import.</summary>
    public string? NumpyVersion { get; }

    /// <summary>pandas' version, or <see langword="null"/> when pandas does not import.</summary>
    public string? PandasVersion { get; }

    /// <summary>PyRates' version, or <see langword="null"/> when PyRates does not import.</summary>
    public string? PyRatesVersion { get; }

    /// <summary>Why PyRates does not import (type and message), or <see langword="null"/>.</summary>
    public string? PyRatesError { get; }

    /// <summary>Where the interpreter was found: <c>option</c>, <c>TVBO_PYTHON</c>, <c>PYTHONNET_PYDLL</c>, <c>PATH</c>
    /// or <c>system</c>.</summary>
    public string Source { get; }

    /// <summary>Whether PyRates imports.</summary>
    public bool HasPyRates => PyRatesVersion is not null;

    /// <summary>A short description for messages, e.g. <c>/usr/bin/python3 (Python 3.11.2)</c>.</summary>
    public string DisplayName => $"{Executable ?? LibraryPath} (Python {Version})";

    /// <inheritdoc/>
    public override string ToString() =>
        $"{DisplayName}: numpy {NumpyVersion ?? "missing"}, pandas {PandasVersion ?? "missing"}, PyRates {PyRatesVersion ?? "missing"} [{Source}]";
}

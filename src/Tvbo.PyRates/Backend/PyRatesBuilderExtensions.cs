using Tvbo.Backends;
using Tvbo.Hosting;
using Tvbo.PyRates.Backend;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PyRates backend: <c>services.AddTvbo().AddPyRates(new() { PythonExecutable = "/usr/bin/python3" })</c>.</summary>
public static class PyRatesBuilderExtensions
{
    /// <summary>Registers the PyRates backend (named <c>pyrates</c>) with its options. The registration names the type,
    /// so it survives trimming and single-file publishing. Python starts at the first run, not here.</summary>
    /// <param name="builder">The builder of <c>AddTvbo()</c>.</param>
    /// <param name="options">The backend's options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ITvboBuilder AddPyRates(this ITvboBuilder builder, PyRatesBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ISimulationBackend>(new PyRatesBackend(options ?? new PyRatesBackendOptions()));
        return builder;
    }
}

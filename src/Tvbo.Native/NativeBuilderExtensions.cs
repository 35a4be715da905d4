using Tvbo.Backends;
using Tvbo.Hosting;
using Tvbo.Native;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the native backend: <c>services.AddTvbo().AddNative(new() { MaxDegreeOfParallelism = 4 })</c>.</summary>
public static class NativeBuilderExtensions
{
    /// <summary>Registers the native backend (named <c>native</c>) with its options. The registration names the type,
    /// so it survives trimming and single-file publishing, where assemblies are not files to look for.</summary>
    /// <param name="builder">The builder of <c>AddTvbo()</c>.</param>
    /// <param name="options">The backend's options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ITvboBuilder AddNative(this ITvboBuilder builder, NativeBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ISimulationBackend>(new NativeBackend(options ?? new NativeBackendOptions()));
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Tvbo.Backends;

namespace Tvbo.Hosting;

/// <summary>Registers backends on an <see cref="ITvboBuilder"/>.</summary>
public static class TvboBuilderExtensions
{
    /// <summary>Registers a backend built by the container (for a backend of your own; the packages' backends have
    /// <c>AddNative()</c> and <c>AddPyRates()</c>).</summary>
    /// <typeparam name="TBackend">The backend's type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ITvboBuilder AddBackend<TBackend>(this ITvboBuilder builder)
        where TBackend : class, ISimulationBackend
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ISimulationBackend, TBackend>();
        return builder;
    }

    /// <summary>Registers a backend instance.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="backend">The backend.</param>
    /// <returns>The builder.</returns>
    public static ITvboBuilder AddBackend(this ITvboBuilder builder, ISimulationBackend backend)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(backend);
        builder.Services.AddSingleton(backend);
        return builder;
    }
}

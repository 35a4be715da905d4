using Microsoft.Extensions.DependencyInjection.Extensions;
using Tvbo.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Tvbo to a service collection: <c>services.AddTvbo(o =&gt; o.Store = ResultStore.Summary).AddNative().AddPyRates()</c>,
/// then <see cref="ExperimentRunner"/> from the container runs experiments with the registered backends, the options
/// and the container's logging.</summary>
public static class TvboServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ExperimentRunner"/> and <see cref="TvboOptions"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the run defaults, or <see langword="null"/>.</param>
    /// <returns>A builder to register backends on.</returns>
    public static ITvboBuilder AddTvbo(this IServiceCollection services, Action<TvboOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TvboOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<ExperimentRunner>();
        return new TvboBuilder(services);
    }
}

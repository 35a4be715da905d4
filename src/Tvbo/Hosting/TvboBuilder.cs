using Microsoft.Extensions.DependencyInjection;

namespace Tvbo.Hosting;

/// <summary>The builder <c>services.AddTvbo()</c> returns.</summary>
/// <param name="services">The service collection.</param>
internal sealed class TvboBuilder(IServiceCollection services) : ITvboBuilder
{
    /// <inheritdoc/>
    public IServiceCollection Services { get; } = services;
}

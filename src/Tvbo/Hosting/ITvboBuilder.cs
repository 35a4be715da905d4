using Microsoft.Extensions.DependencyInjection;

namespace Tvbo.Hosting;

/// <summary>What <c>services.AddTvbo()</c> returns: the service collection, for registering backends
/// (<c>.AddNative()</c>, <c>.AddPyRates()</c> from their packages, or <see cref="TvboBuilderExtensions.AddBackend"/>).</summary>
public interface ITvboBuilder
{
    /// <summary>The service collection the builder adds to.</summary>
    IServiceCollection Services { get; }
}

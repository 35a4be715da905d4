using Tvbo.Backends;

namespace Tvbo.PyRates.Runtime;

/// <summary>The Python half of the bridge (<c>python/tvbo_pyrates</c>), copied next to the application by the
/// Tvbo.PyRates project (or, from the package, by its <c>buildTransitive/Tvbo.PyRates.targets</c>).</summary>
internal static class BridgePackage
{
    /// <summary>The folder that holds the <c>tvbo_pyrates</c> package (to put on <c>sys.path</c>).</summary>
    /// <exception cref="BackendUnavailableException">The package is not in the application's output.</exception>
    public static string Directory()
    {
        var candidates = new[]
        {
            Path.Combine(Path.GetDirectoryName(typeof(BridgePackage).Assembly.Location) ?? AppContext.BaseDirectory, "python"),
            Path.Combine(AppContext.BaseDirectory, "python"),
        };
        foreach (var dir in candidates)
        {
            if (File.Exists(Path.Combine(dir, "tvbo_pyrates", "__init__.py")))
            {
                return dir;
            }
        }

        throw new BackendUnavailableException("pyrates", $"The Python half of the bridge (python/tvbo_pyrates) is missing from the application's output; looked in {string.Join(", ", candidates)}. It is copied there by the Tvbo.PyRates project, or by the Tvbo.PyRates package's buildTransitive/Tvbo.PyRates.targets; rebuild the application.");
    }
}

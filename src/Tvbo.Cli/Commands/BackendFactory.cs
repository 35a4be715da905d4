using Microsoft.Extensions.Logging;
using Tvbo.Backends;

namespace Tvbo.Cli.Commands;

/// <summary>Creates the backend a command line names, with its backend-specific options.</summary>
internal static class BackendFactory
{
    public static ISimulationBackend Create(string name, CommandLine line, ILogger logger)
    {
        _ = logger;
        return BackendRegistry.Get(name);
    }
}

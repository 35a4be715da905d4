using System.Reflection;

namespace Tvbo.Backends;

/// <summary>
/// Finds backends by name. Backends registered with <see cref="Register"/> come first; otherwise the registry loads
/// the backend assemblies it knows by name (<c>Tvbo.Native</c>, <c>Tvbo.PyRates</c>; found also inside a single-file
/// application) and any other <c>Tvbo.*.dll</c> next to the application, and takes those that carry a
/// <see cref="SimulationBackendAttribute"/> (so referencing <c>Tvbo.Native</c> or <c>Tvbo.PyRates</c> is enough for
/// <c>Run("native")</c> / <c>Run("pyrates")</c>). A trimmed application registers its backends explicitly:
/// <c>BackendRegistry.Register(new NativeBackend())</c>, or <c>services.AddTvbo().AddNative()</c>.
/// </summary>
public static class BackendRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, ISimulationBackend> Backends = new(StringComparer.OrdinalIgnoreCase);
    private static bool _discovered;

    // Loaded by name: in a single-file application they are inside the executable, not files next to it.
    private static readonly string[] KnownBackendAssemblies = ["Tvbo.Native", "Tvbo.PyRates"];

    /// <summary>The names of every backend available, registered or discovered.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate)
            {
                Discover();
                return Backends.Keys.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Every backend available, registered or discovered, ordered by name (a caller looking for a capability,
    /// such as the runner of observation pipelines' Python steps, <see cref="Observables.IPipelinePython"/>).</summary>
    internal static IReadOnlyList<ISimulationBackend> All
    {
        get
        {
            lock (Gate)
            {
                Discover();
                return Backends.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value).ToArray();
            }
        }
    }

    /// <summary>Registers a backend under its <see cref="ISimulationBackend.Name"/>, replacing any of the same name.</summary>
    /// <param name="backend">The backend.</param>
    public static void Register(ISimulationBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        lock (Gate)
        {
            Backends[backend.Name] = backend;
        }
    }

    /// <summary>The backend of the given name (case-insensitive).</summary>
    /// <param name="name">The backend's name.</param>
    /// <exception cref="TvboException">No backend has that name; the message lists those that exist.</exception>
    public static ISimulationBackend Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
        {
            if (Backends.TryGetValue(name, out var b))
            {
                return b;
            }

            Discover();
            if (Backends.TryGetValue(name, out b))
            {
                return b;
            }

            var known = Backends.Keys.Order(StringComparer.Ordinal).ToArray();
            throw new TvboException(
                $"No backend named '{name}'. Registered backends: {(known.Length == 0 ? "none (reference Tvbo.Native or Tvbo.PyRates, or call BackendRegistry.Register)" : string.Join(", ", known))}.");
        }
    }

    private static void Discover()
    {
        if (_discovered)
        {
            return;
        }

        _discovered = true;
        var assemblies = AppDomain.CurrentDomain.GetAssemblies().ToList();
        var loaded = assemblies.Select(a => a.GetName().Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var files = Directory.Exists(AppContext.BaseDirectory) ? Directory.EnumerateFiles(AppContext.BaseDirectory, "Tvbo.*.dll").Select(Path.GetFileNameWithoutExtension) : [];
        foreach (var name in KnownBackendAssemblies.Concat(files).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (name is null || loaded.Contains(name) || name.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                assemblies.Add(Assembly.Load(new AssemblyName(name)));
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not a loadable assembly of this application: not a backend.
            }
        }

        foreach (var assembly in assemblies)
        {
            foreach (var attribute in assembly.GetCustomAttributes<SimulationBackendAttribute>())
            {
                var backend = (ISimulationBackend)Activator.CreateInstance(attribute.BackendType)!;
                Backends.TryAdd(backend.Name, backend);
            }
        }
    }
}

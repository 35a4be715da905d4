namespace Tvbo.Observables;

/// <summary>The Python modules a pipeline's <c>callable</c> may come from: numpy and scipy and their submodules, and
/// TVBO's <c>jax.numpy</c> and <c>jax.scipy</c>, which run as numpy and scipy. Anything else is refused: a pipeline
/// names data to compute, not code to import.</summary>
internal static class PipelineModules
{
    /// <summary>The allowed roots, as a message lists them.</summary>
    public const string Allowed = "numpy, scipy and their submodules (numpy.fft, scipy.signal, …), and jax.numpy and jax.scipy.* (run as numpy and scipy)";

    /// <summary>The module that runs for <paramref name="module"/> (jax's mapped to numpy's and scipy's), or null when
    /// it is not allowed.</summary>
    /// <param name="module">The module as written.</param>
    public static string? Resolve(string module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var parts = module.Split('.');
        if (parts.Any(p => !Model.Dynamics.IsIdentifier(p)))
        {
            return null;
        }

        if (parts[0] == "jax" && parts.Length > 1 && parts[1] is "numpy" or "scipy")
        {
            parts = parts[1..];
        }

        return parts[0] is "numpy" or "scipy" ? string.Join('.', parts) : null;
    }
}

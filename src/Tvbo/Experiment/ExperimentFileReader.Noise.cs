using Tvbo.Files;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Experiment;

/// <summary>The <c>integration.noise</c> block: additive gaussian or Ornstein–Uhlenbeck noise.</summary>
internal static partial class ExperimentFileReader
{
    /// <summary>Reads <c>noise: {noise_type, parameters: {sigma | nsig, ntau}, targets, seed, additive, correlated}</c>.</summary>
    private static NoiseSettings ReadNoise(YamlSource src, YamlNode node)
    {
        const string what = "integration.noise";
        var m = src.Mapping(node, what);
        src.SchemaKeys(m, what, TvboSchema.Noise, unknownIsError: true);
        var noise = new NoiseSettings();
        var type = YamlSource.Get(m, "noise_type") is { } tn ? src.Text(tn, $"{what}.noise_type").Trim().ToLowerInvariant().Replace("-", "_", StringComparison.Ordinal) : "gaussian";
        noise.Kind = type switch
        {
            "gaussian" or "white" or "additive" => NoiseKind.Gaussian,
            "ou" or "ornstein_uhlenbeck" or "ornsteinuhlenbeck" or "coloured" or "colored" => NoiseKind.OrnsteinUhlenbeck,
            _ => throw src.Error(YamlSource.Get(m, "noise_type")!, $"{what}.noise_type '{type}' is not known; valid: gaussian, ou."),
        };

        foreach (var (key, reason) in new[] { ("additive", "only additive noise is supported"), ("correlated", "correlated noise is not supported") })
        {
            if (YamlSource.Get(m, key) is { } flag && src.Boolean(flag, $"{what}.{key}") != (key == "additive"))
            {
                throw src.Error(flag, $"{what}.{key}: {reason}.");
            }
        }

        foreach (var key in new[] { "covariance", "correlated_over" })
        {
            if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"{what}.{key} is not supported: the noise of each target is independent.");
            }
        }

        double? sigma = null, nsig = null;
        if (YamlSource.Get(m, "parameters") is { } pn && !YamlSource.IsEmpty(pn))
        {
            foreach (var (p, pkey, body) in src.Collection(pn, $"{what}.parameters"))
            {
                var v = ReadValue(src, body, pkey, $"{what}.parameters.{p}", TvboSchema.Parameter, "value");
                switch (p)
                {
                    case "sigma":
                        sigma = v;
                        break;
                    case "nsig":
                        nsig = v;
                        break;
                    case "ntau":
                        noise.CorrelationTime = v;
                        break;
                    default:
                        throw src.Error(pkey, $"{what}.parameters.{p} is not a noise parameter; valid: sigma, nsig, ntau.");
                }

                if (v < 0)
                {
                    throw src.Error(pkey, $"{what}.parameters.{p} is {v}; it must not be negative.");
                }
            }
        }

        noise.Sigma = sigma ?? (nsig is { } d ? NoiseSettings.SigmaFromNsig(d) : throw src.Error(node, $"{what} has no parameters.sigma (or nsig); give the noise's intensity."));
        if (noise.Kind == NoiseKind.OrnsteinUhlenbeck && double.IsNaN(noise.CorrelationTime))
        {
            throw src.Error(node, $"{what} is Ornstein–Uhlenbeck noise without parameters.ntau; give its correlation time.");
        }

        if (noise.Kind == NoiseKind.Gaussian && !double.IsNaN(noise.CorrelationTime) && noise.CorrelationTime > 0)
        {
            noise.Kind = NoiseKind.OrnsteinUhlenbeck; // TVB: ntau > 0 makes the noise coloured
        }

        if (YamlSource.Get(m, "targets") is { } targets)
        {
            foreach (var t in targets is YamlSequenceNode seq ? seq.Children : [targets])
            {
                noise.Targets.Add(src.Text(t, $"a target of {what}").Trim());
            }
        }

        if (YamlSource.Get(m, "seed") is { } seed)
        {
            noise.Seed = src.Integer(seed, $"{what}.seed");
        }
        else
        {
            src.Default(m, $"{what}.seed not given; using TVBO's default 42.");
        }

        return noise;
    }
}

using System.Globalization;
using Tvbo.Experiment;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The <c>integration.noise</c> block: additive gaussian or Ornstein–Uhlenbeck noise,
/// <c>{noise_type, parameters: {sigma | nsig, ntau}, targets, seed, additive, correlated}</c>.</summary>
internal static class NoiseSection
{
    private const string What = "integration.noise";

    /// <summary>Reads the noise settings.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The <c>noise:</c> value.</param>
    public static NoiseSettings Read(YamlSource src, YamlNode node)
    {
        var m = src.Mapping(node, What);
        src.SchemaKeys(m, What, TvboSchema.Noise, unknownIsError: true);
        var noise = new NoiseSettings { Kind = Kind(src, m) };
        if (YamlSource.Get(m, "gaussian") is { } gaussian && !src.Boolean(gaussian, $"{What}.gaussian"))
        {
            // TVBO's older flag; its simulators read noise_type (gaussian by default), never this flag.
            src.Warn(gaussian, $"{What}.gaussian: false is not applied; TVBO's noise_type decides the noise (gaussian when absent). Write noise_type: ou for coloured noise.");
        }


        RefuseCorrelated(src, m);
        var (sigma, nsig, ntauKey) = ReadParameters(src, m, noise);
        noise.Sigma = sigma ?? (nsig is { } d ? NoiseSettings.SigmaFromNsig(d) : throw src.Error(node, $"{What} has no parameters.sigma (or nsig); give the noise's intensity."));
        if (noise.Kind == NoiseKind.OrnsteinUhlenbeck && double.IsNaN(noise.CorrelationTime))
        {
            throw src.Error(node, $"{What} is Ornstein–Uhlenbeck noise without parameters.ntau; give its correlation time.");
        }

        if (noise.Kind == NoiseKind.OrnsteinUhlenbeck && !(noise.CorrelationTime > 0))
        {
            throw src.Error(ntauKey!, string.Create(CultureInfo.InvariantCulture, $"{What}.parameters.ntau is {noise.CorrelationTime:R}; Ornstein–Uhlenbeck noise needs a positive correlation time (ntau > 0). For white noise, use noise_type: gaussian."));
        }

        if (noise.Kind == NoiseKind.Gaussian && !double.IsNaN(noise.CorrelationTime) && noise.CorrelationTime > 0)
        {
            noise.Kind = NoiseKind.OrnsteinUhlenbeck; // TVB: ntau > 0 makes the noise coloured
        }

        if (YamlSource.Get(m, "targets") is { } targets)
        {
            if (targets is YamlSequenceNode { Children.Count: 0 })
            {
                throw src.Error(targets, $"{What}.targets is empty; list the state variables the noise drives, or leave 'targets' out for all of them.");
            }

            foreach (var t in targets is YamlSequenceNode seq ? seq.Children : [targets])
            {
                noise.Targets.Add(src.Text(t, $"a target of {What}").Trim());
            }
        }

        if (YamlSource.Get(m, "seed") is { } seed)
        {
            noise.Seed = src.Integer(seed, $"{What}.seed");
        }
        else
        {
            src.Default(m, $"{What}.seed not given; using TVBO's default 42.");
        }

        return noise;
    }

    /// <summary>The noise type, by TVBO's and TVB's names; gaussian when absent.</summary>
    private static NoiseKind Kind(YamlSource src, YamlMappingNode m)
    {
        var type = YamlSource.Get(m, "noise_type") is { } tn ? src.Text(tn, $"{What}.noise_type").Trim().ToLowerInvariant().Replace("-", "_", StringComparison.Ordinal) : "gaussian";
        return type switch
        {
            "gaussian" or "white" or "additive" => NoiseKind.Gaussian,
            "ou" or "ornstein_uhlenbeck" or "ornsteinuhlenbeck" or "coloured" or "colored" => NoiseKind.OrnsteinUhlenbeck,
            _ => throw src.Error(YamlSource.Get(m, "noise_type")!, $"{What}.noise_type '{type}' is not known; valid: gaussian, ou."),
        };
    }

    /// <summary>Refuses multiplicative and correlated noise.</summary>
    private static void RefuseCorrelated(YamlSource src, YamlMappingNode m)
    {
        foreach (var (key, reason) in new[] { ("additive", "only additive noise is supported"), ("correlated", "correlated noise is not supported") })
        {
            if (YamlSource.Get(m, key) is { } flag && src.Boolean(flag, $"{What}.{key}") != (key == "additive"))
            {
                throw src.Error(flag, $"{What}.{key}: {reason}.");
            }
        }

        foreach (var key in new[] { "covariance", "correlated_over" })
        {
            if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"{What}.{key} is not supported: the noise of each target is independent.");
            }
        }
    }

    /// <summary>The parameters: sigma and nsig returned, ntau set as the correlation time; each not negative.</summary>
    private static (double? Sigma, double? Nsig, YamlNode? NtauKey) ReadParameters(YamlSource src, YamlMappingNode m, NoiseSettings noise)
    {
        double? sigma = null, nsig = null;
        YamlNode? ntauKey = null;
        if (YamlSource.Get(m, "parameters") is not { } pn || YamlSource.IsEmpty(pn))
        {
            return (sigma, nsig, ntauKey);
        }

        foreach (var (p, pkey, body) in src.Collection(pn, $"{What}.parameters"))
        {
            var v = SectionValue.Number(src, body, pkey, $"{What}.parameters.{p}", TvboSchema.Parameter, "value");
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
                    ntauKey = pkey;
                    break;
                default:
                    throw src.Error(pkey, $"{What}.parameters.{p} is not a noise parameter; valid: sigma, nsig, ntau.");
            }

            if (v < 0 || !double.IsFinite(v))
            {
                throw src.Error(pkey, string.Create(CultureInfo.InvariantCulture, $"{What}.parameters.{p} is {v:R}; it must {(v < 0 ? "not be negative" : "be finite")}."));
            }
        }

        if (sigma is { } s && nsig is { } d && s != NoiseSettings.SigmaFromNsig(d))
        {
            throw src.Error(pn, string.Create(CultureInfo.InvariantCulture, $"{What}.parameters gives both sigma ({s:R}) and nsig ({d:R}), which disagree (nsig {d:R} is sigma = sqrt(2*nsig) = {NoiseSettings.SigmaFromNsig(d):R}); give one of them."));
        }

        return (sigma, nsig, ntauKey);
    }
}

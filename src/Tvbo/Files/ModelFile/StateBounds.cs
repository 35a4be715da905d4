using System.Globalization;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>A state variable's bounds: <c>domain: {lo, hi, enforce}</c> (a plain domain does not clamp) or the
/// legacy <c>boundaries: {lo, hi}</c> (clamp).</summary>
internal static class StateBounds
{
    /// <summary>The bounds of a state variable, or <see langword="null"/> when it is not bounded.</summary>
    /// <param name="src">The file.</param>
    /// <param name="m">The state variable's mapping.</param>
    /// <param name="what">What it is, for messages.</param>
    public static Boundaries? Read(YamlSource src, YamlMappingNode m, string what)
    {
        var result = YamlSource.Get(m, "domain") is { } dn ? Domain(src, dn, what) : null;
        if (YamlSource.Get(m, "boundaries") is { } bn)
        {
            if (result is not null)
            {
                throw src.Error(bn, $"{what} has both 'boundaries' and a domain with 'enforce'; give one.");
            }

            var bm = src.Mapping(bn, $"the boundaries of {what}");
            src.OnlyKeys(bm, $"the boundaries of {what}", "lo", "hi");
            var lo = YamlSource.Get(bm, "lo") is { } l ? src.Number(l, $"boundaries.lo of {what}") : double.NegativeInfinity;
            var hi = YamlSource.Get(bm, "hi") is { } h ? src.Number(h, $"boundaries.hi of {what}") : double.PositiveInfinity;
            result = new Boundaries(lo, hi);
        }

        return result;
    }

    /// <summary>The bounds a domain enforces (clamp or wrap), or <see langword="null"/> for <c>enforce: none</c>.</summary>
    private static Boundaries? Domain(YamlSource src, YamlNode dn, string what)
    {
        var dm = src.Mapping(dn, $"the domain of {what}");
        src.SchemaKeys(dm, $"the domain of {what}", TvboSchema.Range, unknownIsError: true);
        var enforce = YamlSource.Get(dm, "enforce") is { } en ? src.Text(en, $"domain.enforce of {what}").Trim().ToLowerInvariant() : "none";
        var mode = enforce switch
        {
            "none" => (BoundaryMode?)null,
            "clamp" => BoundaryMode.Clamp,
            "wrap" => BoundaryMode.Wrap,
            _ => throw src.Error(YamlSource.Get(dm, "enforce")!, $"domain.enforce of {what} is '{enforce}'; valid: none, clamp, wrap."),
        };
        if (mode is not { } bm)
        {
            return null;
        }

        var lo = YamlSource.Get(dm, "lo") is { } l ? src.Number(l, $"domain.lo of {what}") : double.NegativeInfinity;
        var hi = YamlSource.Get(dm, "hi") is { } h ? src.Number(h, $"domain.hi of {what}") : double.PositiveInfinity;
        if (bm == BoundaryMode.Wrap && !(double.IsFinite(lo) && double.IsFinite(hi) && lo < hi))
        {
            throw src.Error(dm, $"domain of {what}: 'enforce: wrap' needs finite lo < hi, got [{lo.ToString("R", CultureInfo.InvariantCulture)}, {hi.ToString("R", CultureInfo.InvariantCulture)}].");
        }

        return new Boundaries(lo, hi, bm);
    }
}

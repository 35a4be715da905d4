using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The values of an exploration axis: <c>explored_values: [...]</c> (as given) or
/// <c>domain: {lo, hi, n | step, log_scale}</c>, whose bounds may name a model parameter (as TVBO allows).</summary>
internal static class AxisDomain
{
    /// <summary>The axis's domain.</summary>
    /// <param name="src">The file.</param>
    /// <param name="pm">The axis's mapping.</param>
    /// <param name="pwhat">The axis, for messages.</param>
    /// <param name="model">The model (for bounds that name a parameter).</param>
    public static Domain Read(YamlSource src, YamlMappingNode pm, string pwhat, Dynamics model)
    {
        var log = YamlSource.Get(pm, "log_scale") is { } lg && src.Boolean(lg, $"log_scale of {pwhat}");
        var ev = YamlSource.Get(pm, "explored_values");
        var dn = YamlSource.Get(pm, "domain");
        if (ev is null && dn is YamlMappingNode inner && YamlSource.Get(inner, "explored_values") is { } iev)
        {
            ev = iev;
            dn = null;
        }

        if (ev is not null)
        {
            return Values(src, pm, ev, dn, pwhat, log);
        }

        return dn is null
            ? throw src.Error(pm, $"{pwhat} has no values; give 'domain: {{lo, hi, n}}' or 'explored_values: [...]'.")
            : Range(src, dn, pwhat, model, log);
    }

    /// <summary>The explored values, used as given.</summary>
    private static Domain Values(YamlSource src, YamlMappingNode pm, YamlNode ev, YamlNode? dn, string pwhat, bool log)
    {
        if (log)
        {
            throw src.Error(YamlSource.Get(pm, "log_scale")!, $"{pwhat}: log_scale applies to a domain {{lo, hi, n}}, not to explored_values, which are used as given.");
        }

        if (dn is not null)
        {
            src.Warn(dn, $"{pwhat} has both 'domain' and 'explored_values'; as in TVBO, the explored_values are used.");
        }

        return Domain.Values(src.Sequence(ev, $"explored_values of {pwhat}").Children.Select(n => src.Number(n, $"a value of {pwhat}")).ToArray());
    }

    /// <summary>A range <c>{lo, hi, n | step, log_scale}</c>; lo defaults to 0.</summary>
    private static Domain Range(YamlSource src, YamlNode dn, string pwhat, Dynamics model, bool log)
    {
        var dm = src.Mapping(dn, $"the domain of {pwhat}");
        src.SchemaKeys(dm, $"the domain of {pwhat}", TvboSchema.Range, unknownIsError: true);
        var lo = YamlSource.Get(dm, "lo") is { } lon ? Bound(src, lon, "lo", pwhat, model) : 0.0;
        var hi = YamlSource.Get(dm, "hi") is { } hin ? Bound(src, hin, "hi", pwhat, model) : throw src.Error(dm, $"the domain of {pwhat} has no 'hi:'.");
        log |= YamlSource.Get(dm, "log_scale") is { } dlg && src.Boolean(dlg, $"domain.log_scale of {pwhat}");
        return Domain.Range(lo, hi, Count(src, dm, pwhat, lo, hi, log), log);
    }

    /// <summary>The number of values: <c>n</c>, or the whole number of <c>step</c>s from lo to hi, plus one.</summary>
    private static int Count(YamlSource src, YamlMappingNode dm, string pwhat, double lo, double hi, bool log)
    {
        if (YamlSource.Get(dm, "n") is { } nn)
        {
            return src.Integer(nn, $"domain.n of {pwhat}");
        }

        if (YamlSource.Get(dm, "step") is not { } sn)
        {
            throw src.Error(dm, $"the domain of {pwhat} has neither 'n:' (the number of values) nor 'step:'.");
        }

        var step = src.FiniteNumber(sn, $"domain.step of {pwhat}");
        if (log)
        {
            throw src.Error(sn, $"the domain of {pwhat}: 'step' with log_scale is ambiguous; give 'n' (the number of values).");
        }

        var count = (hi - lo) / step;
        var whole = Math.Round(count);
        if (!(step > 0) || !double.IsFinite(count) || Math.Abs(count - whole) > 1e-9 * Math.Max(1, whole))
        {
            throw src.Error(sn, string.Create(CultureInfo.InvariantCulture, $"the domain of {pwhat}: step {step} does not divide hi - lo = {hi - lo} into whole steps; give 'n' (the number of values) or a step that does."));
        }

        return checked((int)whole + 1);
    }

    /// <summary>A bound: a number, or the name of a model parameter (its value).</summary>
    private static double Bound(YamlSource src, YamlNode b, string which, string pwhat, Dynamics model)
    {
        if (!YamlSource.IsNumber(b) && b is YamlScalarNode { Value: { } text } && model.FindParameter(text.Trim()) is { } p)
        {
            return p.Value; // TVBO allows a parameter's name as a bound
        }

        return src.Number(b, $"domain.{which} of {pwhat}");
    }
}

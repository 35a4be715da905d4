using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The <c>monitors:</c> of TVBO's older experiment schema (TVB's monitors, keyed by the monitor class or listed
/// with <c>name:</c>), read as this project's outputs where they mean the same: <c>Raw</c>/<c>RawVoi</c> are the
/// stored series; <c>TemporalAverage</c>, <c>SubSample</c> and <c>Bold</c> with their <c>period</c> become observables
/// computed by the built-in <c>temporal_average</c>, <c>subsample</c> and <c>bold</c> (TVB's monitors) from the
/// monitored variables. Monitors without an equivalent (projections such as EEG, spatial averages, afferent coupling)
/// are warned about with what to write instead; an unknown monitor is an error.</summary>
internal static class MonitorSection
{
    /// <summary>TVB's default period of TemporalAverage and SubSample (ms), TVBO's <c>DownsamplingModel.period</c>.</summary>
    private const double TvbPeriod = 0.9765625;

    /// <summary>The monitors read as observables: TVB's class, the built-in function, its default period.</summary>
    private static readonly Dictionary<string, (string Function, double Period)> Sampled = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TemporalAverage"] = ("temporal_average", TvbPeriod),
        ["SubSample"] = ("subsample", TvbPeriod),
        ["Bold"] = ("bold", 2000.0),
    };

    /// <summary>TVB's monitors without an equivalent here, with what to write instead.</summary>
    private static readonly Dictionary<string, string> NoEquivalent = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EEG"] = "a projection through a lead-field (sensors and head model) is not supported; write an observation of the state variables instead (observations: {eeg: {equation: {rhs: \"y1 - y2\"}}})",
        ["MEG"] = "a projection through a lead-field (sensors and head model) is not supported; write an observation of the state variables instead",
        ["iEEG"] = "a projection through a lead-field (sensors and head model) is not supported; write an observation of the state variables instead",
        ["SEEG"] = "a projection through a lead-field (sensors and head model) is not supported; write an observation of the state variables instead",
        ["Projection"] = "a projection through a lead-field is not supported; write an observation of the state variables instead",
        ["SpatialAverage"] = "averages over regions are not supported as monitors; write an observation with a pipeline (e.g. function: mean) instead",
        ["GlobalAverage"] = "averages over regions are not supported as monitors; write an observation with a pipeline (e.g. function: mean) instead",
        ["AfferentCoupling"] = "the coupling input is not recorded; write an observation of the state variables instead",
        ["AfferentCouplingTemporalAverage"] = "the coupling input is not recorded; write an observation of the state variables instead",
        ["BoldRegionROI"] = "regions of interest are not supported; use the Bold monitor (every node)",
        ["ProgressLogger"] = "it records nothing",
    };

    private static readonly string[] Known = ["Raw", "RawVoi", .. Sampled.Keys, .. NoEquivalent.Keys];

    /// <summary>Reads <c>monitors:</c> into the experiment.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The section's value.</param>
    /// <param name="exp">The experiment, its model, integration and observations read.</param>
    /// <param name="at">Where each observable was written, for errors found later.</param>
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp, Dictionary<string, YamlNode> at)
    {
        foreach (var (name, key, body) in src.Collection(node, "'monitors'"))
        {
            var m = body is null ? new YamlMappingNode() : src.Mapping(body, $"monitor '{name}'");
            src.SchemaKeys(m, $"monitor '{name}'", TvboSchema.Monitor, unknownIsError: true);
            var type = Known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                ?? throw src.Error(key, $"monitor '{name}' is not one of TVB's monitors; known: {string.Join(", ", Known)}. (Other outputs are written as 'observations:'.)");
            var what = $"monitor '{name}'";
            foreach (var k in new[] { "equation", "transformation", "pipeline", "data_injections", "argument_mappings", "derivatives" })
            {
                if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
                {
                    throw src.Error(YamlSource.KeyNode(m, k)!, $"{what}: '{k}' (a monitor's own processing) is not supported; write it as an observation with a 'pipeline:' of steps instead.");
                }
            }

            if (NoEquivalent.TryGetValue(type, out var instead))
            {
                src.Warn(key, $"{what} has no equivalent here and is not computed: {instead}. The run goes on.");
                continue;
            }

            var sources = Selection(src, m, what, exp.Model);
            if (type is "Raw" or "RawVoi")
            {
                ReadRaw(src, m, key, what, sources, exp);
                continue;
            }

            var (function, defaultPeriod) = Sampled[type];
            var arguments = Arguments(src, m, what, function, defaultPeriod);
            var columns = sources.Count > 0 ? sources.ToArray() : exp.Model.StateVariables.Select(s => s.Name).ToArray();
            CheckPeriod(src, YamlSource.Get(m, "period") ?? key, what, arguments["period"], exp);
            try
            {
                exp.Observables.Add(new Observable(type, columns, [new ObservableStep(function, arguments)]) { SourceHasStateAxis = columns.Length > 1 });
            }
            catch (TvboException ex)
            {
                throw src.Error(key, $"{what}: {ex.Message}", ex);
            }

            at[type] = key;
            src.Default(key, string.Create(CultureInfo.InvariantCulture, $"{what} is the observable '{type}': TVB's {type} of {string.Join(", ", columns)} every {arguments["period"]} ms (function {function})."));
        }
    }

    /// <summary>Raw (and RawVoi): the stored series, every returned sample. A selected derived variable is added as an
    /// observation; TVB's Raw has no period (it records every step).</summary>
    private static void ReadRaw(YamlSource src, YamlMappingNode m, YamlNode key, string what, IReadOnlyList<string> sources, SimulationExperiment exp)
    {
        if (YamlSource.Get(m, "period") is { } period)
        {
            src.Warn(period, $"{what}: TVB's Raw monitor records every sample and has no period, so 'period' is not applied (as in TVB); the stored series has one sample per integration.sampling_step_size (else step_size). Set integration.sampling_step_size to store fewer samples, or use a SubSample monitor.");
        }

        foreach (var v in sources.Where(v => exp.Model.Resolve(v) == SymbolKind.DerivedVariable && !exp.Observations.Any(o => o.Name == v)))
        {
            exp.Observations.Add(new Observation(v, v, exp.Model));
        }

        src.Default(key, $"{what} is the stored series ({(sources.Count == 0 ? "every state variable" : string.Join(", ", sources))}).");
    }

    /// <summary>The variables a monitor selects (<c>select_variable</c>, <c>variables_of_interest</c>: a name, a list,
    /// <c>{name: v}</c>); names that are not state or derived variables are warned about and left out.</summary>
    private static List<string> Selection(YamlSource src, YamlMappingNode m, string what, Dynamics model)
    {
        var names = new List<string>();
        foreach (var k in new[] { "select_variable", "variables_of_interest" })
        {
            if (YamlSource.Get(m, k) is not { } sel || YamlSource.IsEmpty(sel))
            {
                continue;
            }

            foreach (var item in sel is YamlSequenceNode seq ? seq.Children : [sel])
            {
                var nameNode = item is YamlMappingNode im ? YamlSource.Get(im, "name") ?? throw src.Error(item, $"{what}: an entry of '{k}' needs a 'name:' (a state or derived variable).") : item;
                var v = src.Text(nameNode, $"a variable of {what}").Trim();
                if (model.Resolve(v) is SymbolKind.StateVariable or SymbolKind.DerivedVariable)
                {
                    names.Add(v);
                }
                else
                {
                    src.Warn(nameNode, $"{what} selects '{v}', which is not a state or derived variable of model '{model.Name}' (a model's output_transforms are not read); the monitor observes every state variable instead. To record {v}, write observations: {{{v}: {{equation: {{rhs: ...}}}}}} with its expression.");
                }
            }
        }

        return names;
    }

    /// <summary>The function's arguments: <c>period</c> (TVB's default when absent) and the monitor's
    /// <c>parameters</c>, which must be arguments of the function.</summary>
    private static Dictionary<string, double> Arguments(YamlSource src, YamlMappingNode m, string what, string function, double defaultPeriod)
    {
        var arguments = new Dictionary<string, double>(StringComparer.Ordinal);
        if (YamlSource.Get(m, "period") is { } p)
        {
            arguments["period"] = src.FiniteNumber(p, $"the period of {what}");
        }
        else
        {
            arguments["period"] = defaultPeriod;
            src.Default(m, string.Create(CultureInfo.InvariantCulture, $"{what} has no 'period'; using TVB's default {defaultPeriod} ms."));
        }

        var valid = Observables.ObservableLibrary.Find(function)!.Arguments.Select(a => a.Name).ToArray();
        if (YamlSource.Get(m, "parameters") is { } parameters && !YamlSource.IsEmpty(parameters))
        {
            foreach (var (pname, pkey, pvalue) in src.Collection(parameters, $"the parameters of {what}"))
            {
                if (!valid.Contains(pname, StringComparer.Ordinal))
                {
                    throw src.Error(pkey, $"{what}: parameter '{pname}' is not one of {function}'s: {string.Join(", ", valid)}.");
                }

                var valueNode = pvalue is YamlMappingNode pm ? YamlSource.Get(pm, "value") ?? throw src.Error(pkey, $"{what}: parameter '{pname}' has no 'value:'.") : pvalue ?? throw src.Error(pkey, $"{what}: parameter '{pname}' has no value.");
                arguments[pname] = src.FiniteNumber(valueNode, $"parameter '{pname}' of {what}");
            }
        }

        return arguments;
    }

    /// <summary>Refuses a period that is not a positive multiple of the sample interval or is longer than the run.</summary>
    private static void CheckPeriod(YamlSource src, YamlNode at, string what, double period, SimulationExperiment exp)
    {
        var dt = exp.Integration.SampleInterval;
        var ratio = period / dt;
        var k = Math.Round(ratio);
        if (!(period > 0) || !double.IsFinite(ratio) || k < 1 || Math.Abs(ratio - k) > 1e-9 * ratio)
        {
            throw src.Error(at, string.Create(CultureInfo.InvariantCulture, $"{what}: period {period} ms is not a positive multiple of the sample interval {dt} ms (integration.sampling_step_size, else step_size); give a multiple, e.g. {Math.Max(1, Math.Round(ratio)) * dt}."));
        }

        if (period > exp.Integration.Duration)
        {
            throw src.Error(at, string.Create(CultureInfo.InvariantCulture, $"{what}: period {period} ms is longer than the run (integration.duration {exp.Integration.Duration} ms), so it would hold no sample; give a shorter period or a longer duration."));
        }
    }
}

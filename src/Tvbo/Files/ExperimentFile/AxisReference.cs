using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.Planning;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The parameter an exploration axis names: <c>name</c> or <c>&lt;dynamics name&gt;.name</c> (the model
/// parameter); with a network also <c>c_glob.G</c>, <c>&lt;node label&gt;.p</c>, <c>network.conduction_speed</c> and
/// <c>network.edges[s->t].weight</c>, returned as written and checked when the grid is made
/// (<see cref="Planning.NetworkAxis.Resolve"/>). References to things this project does not simulate are errors
/// naming the missing capability.</summary>
internal static class AxisReference
{
    /// <summary>The parameter <paramref name="reference"/> names, as the grid addresses it.</summary>
    /// <param name="src">The file.</param>
    /// <param name="reference">The axis as written.</param>
    /// <param name="node">Where it is written.</param>
    /// <param name="what">The exploration, for messages.</param>
    /// <param name="exp">The experiment, read up to its explorations.</param>
    /// <param name="couplingKeys">The coupling keys the file names.</param>
    public static string Resolve(YamlSource src, string reference, YamlNode node, string what, SimulationExperiment exp, IReadOnlyCollection<string> couplingKeys)
    {
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return reference;
        }

        var scope = reference[..dot];
        if (scope == exp.Model.Name)
        {
            return reference[(dot + 1)..];
        }

        if (IsKnownScope(reference, scope, exp))
        {
            return reference;
        }

        throw src.Error(node, $"{what}: axis '{reference}': {Problem(scope, exp, couplingKeys)}.");
    }

    /// <summary>Whether the scope is the noise's sigma, an event or (with a network) a network scope, whose members
    /// are checked when the grid is made.</summary>
    private static bool IsKnownScope(string reference, string scope, SimulationExperiment exp)
    {
        if (reference == InputLowering.SigmaAddress && exp.Integration.Noise is not null)
        {
            return true;
        }

        if (exp.Stimuli.ContainsKey(scope))
        {
            return true; // checked against the stimulus's parameters when the grid is made
        }

        var network = exp.Network;
        return network is not null && (scope == "network" || network.Coupling.ContainsKey(scope) || network.IndexOf(scope) >= 0
            || (scope is not ("noise" or "integration" or "stimulus" or "stimulation" or "events") && exp.Observations.All(o => o.Name != scope)));
    }

    /// <summary>Why a scope cannot be explored, naming what would make it explorable.</summary>
    private static string Problem(string scope, SimulationExperiment exp, IReadOnlyCollection<string> couplingKeys)
    {
        var model = exp.Model;
        return scope switch
        {
            "network" => "network parameters (conduction speed, edge weights) need a network: give 'network:' with more than one node, or with weights or edges",
            "noise" => exp.Integration.Noise is null ? "noise parameters need integration.noise" : $"the noise's explorable parameter is {InputLowering.SigmaAddress}",
            "integration" => "integration settings cannot be explored; run one experiment per setting",
            _ when model.Resolve(scope) == SymbolKind.CouplingTerm || couplingKeys.Contains(scope) =>
                $"coupling parameters ('{scope}' is a coupling {(model.Resolve(scope) == SymbolKind.CouplingTerm ? $"input of model '{model.Name}'" : "of the file")}) need a network: give 'network:' with more than one node, or with weights or edges, and 'coupling: {{{scope}: ...}}'",
            _ when scope is "stimulus" or "stimulation" or "events" => $"there is no event named '{scope}'; events: {(exp.Stimuli.Count == 0 ? "none" : string.Join(", ", exp.Stimuli.Keys))}",
            _ when exp.Stimuli.Count > 0 && model.Resolve(scope) is null => $"'{scope}' is neither the model's name ('{model.Name}'), an event ({string.Join(", ", exp.Stimuli.Keys)}) nor another known scope (network, a coupling input)",
            _ when exp.Observations.Any(o => o.Name == scope) => $"'{scope}' is an observation; observations have no parameters to explore",
            _ => $"'{scope}' is neither the model's name ('{model.Name}') nor a known scope (network, noise, a coupling input, an event); address model parameters as 'name' or '{model.Name}.name'",
        };
    }
}

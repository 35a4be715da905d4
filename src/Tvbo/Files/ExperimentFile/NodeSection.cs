using Tvbo.Model;
using Tvbo.Networks;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>One entry of <c>network.nodes</c>: a label, or <c>{id, label, parameters, state}</c> giving the node its
/// own parameter values and initial state. Every node runs the experiment's dynamics.</summary>
internal static class NodeSection
{
    /// <summary>Reads one entry of <c>network.nodes</c> into a node; returns its <c>id</c> (for edges), if any.</summary>
    /// <param name="src">The file.</param>
    /// <param name="entry">The entry.</param>
    /// <param name="node">The network's node to fill.</param>
    /// <param name="model">The experiment's model.</param>
    /// <param name="what">The entry, for messages (<c>network.nodes[i]</c>).</param>
    public static string? Read(YamlSource src, YamlNode entry, NetworkNode node, Dynamics model, string what)
    {
        if (entry is YamlScalarNode)
        {
            node.Label = src.Text(entry, what).Trim();
            return null;
        }

        var nm = src.Mapping(entry, what);
        src.SchemaKeys(nm, what, TvboSchema.Node, unknownIsError: true);
        if (YamlSource.Get(nm, "dynamics") is { } dyn && !YamlSource.IsEmpty(dyn) && !(dyn is YamlScalarNode { Value: { } same } && same.Trim() == model.Name))
        {
            throw src.Error(dyn, $"{what}.dynamics is not supported: every node runs the experiment's dynamics ('{model.Name}'); set per-node values under {what}.parameters instead.");
        }

        if (YamlSource.Get(nm, "events") is { } ev && !YamlSource.IsEmpty(ev))
        {
            throw src.Error(ev, $"{what}.events is not supported: events and stimuli are not supported yet.");
        }

        var id = YamlSource.Get(nm, "id") is { } idNode ? src.Text(idNode, $"{what}.id").Trim() : null;
        var label = YamlSource.Get(nm, "label") is { } labelNode ? src.Text(labelNode, $"{what}.label").Trim() : null;
        node.Label = label ?? id ?? node.Label;
        ReadParameters(src, nm, node, model, what);
        ReadState(src, nm, node, model, what);
        return id;
    }

    /// <summary>The node's own values of model parameters (<c>parameters:</c>).</summary>
    private static void ReadParameters(YamlSource src, YamlMappingNode nm, NetworkNode node, Dynamics model, string what)
    {
        if (YamlSource.Get(nm, "parameters") is not { } pn || YamlSource.IsEmpty(pn))
        {
            return;
        }

        foreach (var (p, key, body) in src.Collection(pn, $"{what}.parameters"))
        {
            if (model.FindParameter(p) is null)
            {
                throw src.Error(key, $"{what}.parameters: '{p}' is not a parameter of model '{model.Name}'; parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}.");
            }

            node.Parameters[p] = SectionValue.Number(src, body, key, $"{what}.parameters.{p}", TvboSchema.Parameter, "value");
        }
    }

    /// <summary>The node's own initial values of state variables (<c>state:</c>).</summary>
    private static void ReadState(YamlSource src, YamlMappingNode nm, NetworkNode node, Dynamics model, string what)
    {
        if (YamlSource.Get(nm, "state") is not { } sn || YamlSource.IsEmpty(sn))
        {
            return;
        }

        foreach (var (s, key, body) in src.Collection(sn, $"{what}.state"))
        {
            if (model.StateVariables.All(x => x.Name != s))
            {
                throw src.Error(key, $"{what}.state: '{s}' is not a state variable of model '{model.Name}'; state variables: {string.Join(", ", model.StateVariables.Select(x => x.Name))}.");
            }

            node.InitialState[s] = SectionValue.Number(src, body, key, $"{what}.state.{s}", TvboSchema.NodeState, "value", "initial_value");
        }
    }
}

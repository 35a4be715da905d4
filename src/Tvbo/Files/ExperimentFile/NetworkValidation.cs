using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Networks;
using Tvbo.Planning;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>Validates the network read against the model and the integration settings (after both are read), each
/// problem located at the coupling, node or setting it is about.</summary>
internal static class NetworkValidation
{
    /// <summary>Validates each coupling alone (so its problems point at its own lines), then the whole network.</summary>
    /// <param name="src">The file.</param>
    /// <param name="exp">The experiment, with its network.</param>
    /// <param name="block">What the network block read.</param>
    public static void Validate(YamlSource src, SimulationExperiment exp, NetworkBlock block)
    {
        var network = exp.Network!;
        foreach (var (key, coupling) in network.Coupling)
        {
            var probe = new Network(1);
            probe.Coupling[key] = coupling;
            try
            {
                NetworkLowering.Validate(exp.Model, probe, exp.Integration);
            }
            catch (Exception ex) when (ex is ExperimentException or ArgumentException)
            {
                throw src.Error(CouplingNode(block, key, ex.Message), ex.Message, ex);
            }
        }

        try
        {
            NetworkLowering.Validate(exp.Model, network, exp.Integration);
        }
        catch (Exception ex) when (ex is ExperimentException or ArgumentException)
        {
            var coupling = block.Couplings.Keys.FirstOrDefault(k => ex.Message.StartsWith($"Network coupling '{k}'", StringComparison.Ordinal));
            throw src.Error(coupling is null ? NetworkNode(block, network, ex.Message) : CouplingNode(block, coupling, ex.Message), ex.Message, ex);
        }
    }

    /// <summary>The node of a coupling a message is about: the expression or states it names, else its key.</summary>
    private static YamlNode CouplingNode(NetworkBlock block, string key, string message)
    {
        var (keyNode, body, _, _) = block.Couplings[key];
        var at = body is null ? keyNode : message switch
        {
            var s when s.Contains("the pre_expression", StringComparison.Ordinal) => YamlSource.Get(body, "pre_expression"),
            var s when s.Contains("the post_expression", StringComparison.Ordinal) => YamlSource.Get(body, "post_expression"),
            var s when s.Contains("incoming_states names", StringComparison.Ordinal) => YamlSource.Get(body, "incoming_states"),
            var s when s.Contains("local_states names", StringComparison.Ordinal) => YamlSource.Get(body, "local_states"),
            var s when s.Contains("with local_states and no incoming_states", StringComparison.Ordinal) => YamlSource.Get(body, "local_states"),
            _ => null,
        };
        return at ?? keyNode;
    }

    /// <summary>The node of the network a message is about: the conduction speed, the delays, a node's entry, or the
    /// network block.</summary>
    private static YamlNode NetworkNode(NetworkBlock block, Network network, string message)
    {
        var at = block.At;
        if (message.Contains("conduction_speed", StringComparison.Ordinal) && block.Speed is not null)
        {
            at = block.Speed;
        }
        else if (message.StartsWith("The network has delays", StringComparison.Ordinal) && block.Delays is not null)
        {
            at = block.Delays;
        }

        for (var i = 0; i < block.NodeEntries.Count; i++)
        {
            var label = network.Nodes[i].Label;
            if (message.StartsWith($"Network node '{label}'", StringComparison.Ordinal)
                || message.StartsWith(string.Create(CultureInfo.InvariantCulture, $"Network node {i} "), StringComparison.Ordinal)
                || (message.StartsWith("Network nodes ", StringComparison.Ordinal) && message.Contains(string.Create(CultureInfo.InvariantCulture, $" and {i} have"), StringComparison.Ordinal)))
            {
                return block.NodeEntries[i];
            }
        }

        return at;
    }
}

using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Planning;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's <c>events:</c>: stimuli keyed by name, <c>{event_type: stimulus, equation, parameters,
/// nodes, weights, target}</c>, each a value added to a model symbol as a function of t.</summary>
internal static class EventSection
{
    /// <summary>Reads the events into the experiment's stimuli, then checks them against the model (and network),
    /// each problem at its event's line.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The <c>events:</c> value.</param>
    /// <param name="exp">The experiment, its model and network read.</param>
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp)
    {
        var where = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (name, key, body) in src.Collection(node, "'events'"))
        {
            exp.Stimuli[name] = ReadOne(src, name, key, body, exp);
            where[name] = key;
        }

        foreach (var (name, s) in exp.Stimuli)
        {
            try
            {
                StimulusLowering.Validate(exp.Model, new Dictionary<string, Stimulus> { [name] = s }, exp.Network);
            }
            catch (ExperimentException ex)
            {
                throw src.Error(where[name], ex.Message, ex);
            }
        }
    }

    /// <summary>The symbols the file's events drive (each event's <c>target</c>, else its name), read before the model so
    /// that a symbol the equations use without declaring it is declared for its event (TVBO binds an event to the
    /// symbol of its name). Nothing is checked here; <see cref="Read"/> checks the events.</summary>
    /// <param name="root">The experiment's mapping.</param>
    public static IReadOnlyCollection<string> Symbols(YamlMappingNode root)
    {
        // Events keyed by name, or a list of events with 'name:'.
        var events = YamlSource.Get(root, "events") switch
        {
            YamlMappingNode m => m.Children.Select(kv => ((kv.Key as YamlScalarNode)?.Value, kv.Value)),
            YamlSequenceNode l => l.Children.OfType<YamlMappingNode>().Select(e => ((YamlSource.Get(e, "name") as YamlScalarNode)?.Value, (YamlNode)e)),
            _ => [],
        };
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, body) in events)
        {
            var symbol = body is YamlMappingNode m && YamlSource.Get(m, "target") is YamlScalarNode { Value: { } t } ? t.Trim() : name?.Trim();
            if (symbol is not null && Tvbo.Expressions.Identifier.IsValid(symbol))
            {
                symbols.Add(symbol);
            }
        }

        return symbols;
    }

    private static Stimulus ReadOne(YamlSource src, string name, YamlNode key, YamlNode? body, SimulationExperiment exp)
    {
        var what = $"event '{name}'";
        var m = body is null ? throw src.Error(key, $"{what} is empty; give its 'equation:' (a function of t) and 'parameters:'.") : src.Mapping(body, what);
        src.SchemaKeys(m, what, TvboSchema.Event, unknownIsError: true);
        var type = YamlSource.Get(m, "event_type") is { } tn ? src.Text(tn, $"{what}.event_type").Trim() : "stimulus";
        if (type is not ("stimulus" or "continuous"))
        {
            throw src.Error(YamlSource.Get(m, "event_type")!, $"{what}: event_type '{type}' is not supported; only stimuli (event_type: stimulus or continuous: a value added to a model symbol as a function of t) are.");
        }

        var eq = YamlSource.Get(m, "equation") ?? throw src.Error(key, $"{what} has no 'equation:'; give the added value as a function of t, e.g. equation: {{rhs: \"Piecewise((amplitude, t >= t0), (0.0, True))\"}}.");
        var stimulus = new Stimulus(SectionValue.Expression(src, eq, $"{what}.equation"));
        if (YamlSource.Get(m, "target") is { } target)
        {
            stimulus.Target = src.Text(target, $"{what}.target").Trim();
        }

        if (YamlSource.Get(m, "parameters") is { } pn && !YamlSource.IsEmpty(pn))
        {
            foreach (var (p, pkey, pbody) in src.Collection(pn, $"{what}.parameters"))
            {
                if (p == Tvbo.Model.Dynamics.TimeSymbol)
                {
                    throw src.Error(pkey, $"{what}.parameters.{p}: 't' is time in the event's equation and cannot be a parameter (it would make the stimulus a constant); rename the parameter (e.g. t0 for an onset).");
                }

                stimulus.Parameters[p] = SectionValue.Number(src, pbody, pkey, $"{what}.parameters.{p}", TvboSchema.Parameter, "value");
            }
        }

        ReadNodes(src, m, stimulus, exp, what);
        return stimulus;
    }

    /// <summary>The nodes the event drives, with a weight each (1 when <c>weights</c> is not given).</summary>
    private static void ReadNodes(YamlSource src, YamlMappingNode m, Stimulus stimulus, SimulationExperiment exp, string what)
    {
        if (YamlSource.Get(m, "nodes") is { } nodesNode && !YamlSource.IsEmpty(nodesNode))
        {
            var nodes = src.Sequence(nodesNode, $"{what}.nodes").Children.Select(n => NodeIndex(src, n, exp, what)).ToArray();
            var weights = YamlSource.Get(m, "weights") is { } wn
                ? src.Sequence(wn, $"{what}.weights").Children.Select(w => src.FiniteNumber(w, $"a weight of {what}")).ToArray()
                : Enumerable.Repeat(1.0, nodes.Length).ToArray();
            if (weights.Length != nodes.Length)
            {
                throw src.Error(YamlSource.Get(m, "weights")!, $"{what} lists {nodes.Length} nodes but {weights.Length} weights; give one weight per node.");
            }

            for (var i = 0; i < nodes.Length; i++)
            {
                if (!stimulus.NodeWeights.TryAdd(nodes[i], weights[i]))
                {
                    throw src.Error(src.Sequence(nodesNode, $"{what}.nodes").Children[i], $"{what}.nodes lists node {nodes[i]} twice; give each node once (with its one weight).");
                }
            }
        }
        else if (YamlSource.Get(m, "weights") is { } wOnly && !YamlSource.IsEmpty(wOnly))
        {
            throw src.Error(wOnly, $"{what} has 'weights' but no 'nodes'; give the nodes the weights belong to.");
        }
    }

    /// <summary>A node of an event: an index, or a label of the network.</summary>
    private static int NodeIndex(YamlSource src, YamlNode n, SimulationExperiment exp, string what)
    {
        var text = src.Text(n, $"a node of {what}").Trim();
        if (exp.Network is { } network && network.IndexOf(text) is var i and >= 0)
        {
            return i;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            ? k
            : throw src.Error(n, $"{what}: node '{text}' is neither a node index nor a label of the network.");
    }
}

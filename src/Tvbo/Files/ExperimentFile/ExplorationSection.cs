using Tvbo.Experiment;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>One entry of the experiment's <c>explorations:</c>: its axes (<c>space</c> as a map or a list, or the
/// older <c>parameters</c>), mode (product or zip), trials and record, checked against the experiment with the grid
/// made. Keys that reduce or optimise are warnings: the full results are returned.</summary>
internal static class ExplorationSection
{
    /// <summary>Reads one exploration and checks its grid and record.</summary>
    /// <param name="src">The file.</param>
    /// <param name="name">The exploration's name.</param>
    /// <param name="key">Its key node.</param>
    /// <param name="body">Its mapping, if any.</param>
    /// <param name="exp">The experiment, read up to its explorations.</param>
    /// <param name="couplingKeys">The coupling keys the file names (for messages about coupling axes).</param>
    public static Exploration Read(YamlSource src, string name, YamlNode key, YamlNode? body, SimulationExperiment exp, IReadOnlyCollection<string> couplingKeys)
    {
        try
        {
            Exploration.CheckName(name);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(key, ex.Message, ex);
        }

        var what = $"exploration '{name}'";
        var m = body is null ? throw src.Error(key, $"{what} is empty; give its 'space:'.") : src.Mapping(body, what);
        src.SchemaKeys(m, what, TvboSchema.Exploration, unknownIsError: true);
        var mode = Mode(src, m, what);
        var trialCount = Trials(src, m, what, exp);
        foreach (var k in new[] { "average", "objectives", "algorithms", "reduce", "strategy", "sweep_seeding", "sweep_direction" })
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(m, k)!, $"{what}: '{k}' is not applied; the full results are returned.");
            }
        }

        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var parameters = ReadAxes(src, AxesNode(src, m, key, what), what, exp, couplingKeys, nodes);
        var record = Record(src, m, what);
        var exploration = new Exploration(name, parameters, mode)
        {
            Trials = trialCount,
            Label = YamlSource.Get(m, "label") is { } l ? src.Text(l, $"the label of {what}") : null,
            Description = YamlSource.Get(m, "description") is { } d ? src.Text(d, $"the description of {what}").Trim() : null,
            Record = record,
            Observable = ObservableOf(src, m, what, exp),
        };

        try
        {
            exploration.CreateGrid(exp);
            exp.CheckRecord(exploration);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(ex.Parameter is not null && nodes.TryGetValue(ex.Parameter, out var n) ? n : YamlSource.Get(m, "record") is { } r && ex.Parameter is null ? r : key, ex.Message, ex);
        }

        return exploration;
    }

    private static ExplorationMode Mode(YamlSource src, YamlMappingNode m, string what)
    {
        if (YamlSource.Get(m, "mode") is not { } modeNode)
        {
            return ExplorationMode.Product;
        }

        var text = src.Text(modeNode, $"the mode of {what}").Trim();
        return text.ToLowerInvariant() switch
        {
            "product" or "grid" => ExplorationMode.Product,
            "zip" => ExplorationMode.Zip,
            _ => throw src.Error(modeNode, $"the mode of {what} is '{text}'; valid: product, zip."),
        };
    }

    private static int Trials(YamlSource src, YamlMappingNode m, string what, SimulationExperiment exp)
    {
        var trialCount = YamlSource.Get(m, "n_trials") is { } trials ? src.Integer(trials, $"n_trials of {what}") : 1;
        if (trialCount < 1)
        {
            throw src.Error(YamlSource.Get(m, "n_trials")!, $"{what}: n_trials is {trialCount}; give at least 1.");
        }

        if (trialCount > 1 && exp.Integration.Noise is null)
        {
            src.Warn(YamlSource.KeyNode(m, "n_trials")!, $"{what}: n_trials {trialCount} without integration.noise repeats identical conditions.");
        }

        return trialCount;
    }

    /// <summary>The node holding the axes: <c>space</c>, else the older <c>parameters</c>.</summary>
    private static YamlNode AxesNode(YamlSource src, YamlMappingNode m, YamlNode key, string what)
    {
        if (YamlSource.Get(m, "space") is not { } space)
        {
            return YamlSource.Get(m, "parameters") ?? throw src.Error(key, $"{what} has no 'space:' (or older 'parameters:') giving the axes.");
        }

        if (YamlSource.Get(m, "parameters") is { } hyper && !YamlSource.IsEmpty(hyper))
        {
            src.Warn(YamlSource.KeyNode(m, "parameters")!, $"{what}: beside 'space', 'parameters' holds the exploration's own settings, which are not applied.");
        }

        return space;
    }

    /// <summary>The axes, each with its domain; <paramref name="nodes"/> receives each parameter's key node.</summary>
    private static List<ExplorationParameter> ReadAxes(YamlSource src, YamlNode axesNode, string what, SimulationExperiment exp, IReadOnlyCollection<string> couplingKeys, Dictionary<string, YamlNode> nodes)
    {
        var parameters = new List<ExplorationParameter>();
        IEnumerable<(string Ref, YamlNode Key, YamlNode? Body)> axes = axesNode is YamlSequenceNode list
            ? list.Children.Select(c =>
            {
                var cm = src.Mapping(c, $"an axis of {what}");
                // TVBO writes 'name:' (its current files) or 'parameter:'.
                var p = YamlSource.Get(cm, "parameter") ?? YamlSource.Get(cm, "name") ?? throw src.Error(c, $"an axis of {what} has neither 'name:' nor 'parameter:' naming its parameter.");
                return (src.Text(p, $"the parameter of an axis of {what}"), p, (YamlNode?)cm);
            })
            : src.Entries(axesNode, $"the space of {what}");
        foreach (var (reference, pkey, pbody) in axes)
        {
            var pname = AxisReference.Resolve(src, reference, pkey, what, exp, couplingKeys);
            var pwhat = $"axis '{reference}' of {what}";
            var pm = pbody is null ? throw src.Error(pkey, $"{pwhat} has no values; give 'domain: {{lo, hi, n}}' or 'explored_values: [...]'.") : src.Mapping(pbody, pwhat);
            src.SchemaKeys(pm, pwhat, TvboSchema.Axis, unknownIsError: true);
            foreach (var k in new[] { "transform", "builder", "element_domains" })
            {
                if (YamlSource.Get(pm, k) is { } n && !YamlSource.IsEmpty(n))
                {
                    throw src.Error(n, $"{pwhat}: '{k}' is not supported; give the values with 'domain' or 'explored_values'.");
                }
            }

            if (YamlSource.Get(pm, "reduce") is { } reduce)
            {
                src.Warn(reduce, $"{pwhat}: 'reduce' is not applied; results keep this axis.");
            }

            nodes[pname] = pkey;
            parameters.Add(new ExplorationParameter(pname, AxisDomain.Read(src, pm, pwhat, exp.Model)));
        }

        return parameters;
    }

    private static string[] Record(YamlSource src, YamlMappingNode m, string what) =>
        YamlSource.Get(m, "record") is { } rn
            ? (rn is YamlSequenceNode rs ? rs.Children.Select(c => src.Text(c, $"an entry of the record of {what}")).ToArray() : [src.Text(rn, $"the record of {what}")])
            : [];

    /// <summary>The exploration's <c>observable: {function: name}</c> (or <c>observable: name</c>), when the experiment
    /// computes it; a name it does not compute is warned about.</summary>
    private static string? ObservableOf(YamlSource src, YamlMappingNode m, string what, SimulationExperiment exp)
    {
        if (YamlSource.Get(m, "observable") is not { } node || YamlSource.IsEmpty(node))
        {
            return null;
        }

        var at = node is YamlMappingNode om ? YamlSource.Get(om, "function") ?? throw src.Error(node, $"{what}: 'observable' names an observation: observable: {{function: order_parameter}}.") : node;
        var name = src.Text(at, $"the observable of {what}");
        if (node is YamlMappingNode withArguments && YamlSource.Get(withArguments, "arguments") is { } args && !YamlSource.IsEmpty(args))
        {
            return Computed(src, withArguments, args, name, what, exp);
        }

        if (exp.Observables.Any(o => o.Name == name))
        {
            return name;
        }

        src.Warn(at, $"{what}: observable '{name}' is not computed (it is not an observation with a pipeline, or it was left out); the full results are returned.");
        return null;
    }

    /// <summary>An exploration's <c>observable: {function: f, arguments: [...]}</c>: an observable of its own, named
    /// after the function, computed from the observations its arguments name (<c>fc.data</c>). Arguments whose names
    /// the function does not have are given to its arguments in order, with a warning (TVBO's RWW file names them
    /// after the loss: simulated_fc, empirical_fc for rmse's x, y).</summary>
    private static string Computed(YamlSource src, YamlMappingNode node, YamlNode args, string function, string what, SimulationExperiment exp)
    {
        var (step, _) = ObservationSection.Step(src, node, $"{what}, its observable", exp);
        if (exp.Functions.Contains(function) && exp.Functions[function] is var f)
        {
            var declared = f.Arguments.Select(a => a.Name).Concat(f.Parameters.Keys).ToArray();
            var given = FunctionSection.Arguments(src, args, $"the observable of {what}");
            if (given.Count > 0 && !given.Any(g => declared.Contains(g.Name, StringComparer.Ordinal)) && given.Count <= f.Arguments.Count)
            {
                var renamed = given.Select((g, i) => (From: g, To: f.Arguments[i].Name)).ToArray();
                src.Warn(args, $"{what}: function '{function}' has no argument {string.Join(" or ", given.Select(g => $"'{g.Name}'"))}; they are given to its arguments in order: {string.Join(", ", renamed.Select(r => $"{r.From.Name} → {r.To}"))}.");
                step = new ObservableStep(function, renamed.Where(r => r.From.Number is not null).ToDictionary(r => r.To, r => r.From.Number!.Value, StringComparer.Ordinal))
                {
                    Texts = renamed.Where(r => r.From.Text is not null).ToDictionary(r => r.To, r => r.From.Text!, StringComparer.Ordinal),
                };
            }
        }

        var name = exp.Observables.Any(o => o.Name == function) ? $"{what.Split('\'')[1]}_{function}" : function;
        try
        {
            exp.Observables.Add(new Observable(name, [], [step]));
            ObservationSection.Compile(src, exp, new Dictionary<string, YamlNode>(StringComparer.Ordinal) { [name] = node });
        }
        catch (ExperimentException ex)
        {
            throw src.Error(node, ex.Message, ex);
        }

        return name;
    }
}

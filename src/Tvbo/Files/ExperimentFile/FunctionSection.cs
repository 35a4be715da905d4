using Tvbo.Experiment;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's <c>functions:</c> (TVBO's Function entries), which observation pipelines call by name: an
/// <c>equation</c> (with <c>time_range</c>, a kernel of <c>t</c>), Python <c>source_code</c>, or a <c>callable</c>
/// <c>{module, name}</c>. Arguments are keyed or a list of <c>{name, value}</c>; an argument without a value is
/// positional.</summary>
internal static class FunctionSection
{
    /// <summary>Reads <c>functions:</c> into the experiment.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The <c>functions:</c> value.</param>
    /// <param name="exp">The experiment.</param>
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp)
    {
        foreach (var (name, key, body) in src.Collection(node, "'functions'"))
        {
            var what = $"function '{name}'";
            var m = body is null ? throw src.Error(key, $"{what} is empty; give its equation: {{rhs: ...}}, source_code or callable: {{module, name}}.") : src.Mapping(body, what);
            src.SchemaKeys(m, what, TvboSchema.Function, unknownIsError: false);
            try
            {
                exp.Functions.Add(Function(src, m, key, name, what));
            }
            catch (ExperimentException ex)
            {
                throw src.Error(key, ex.Message, ex);
            }
        }
    }

    private static PipelineFunction Function(YamlSource src, YamlMappingNode m, YamlNode key, string name, string what)
    {
        var arguments = Arguments(src, YamlSource.Get(m, "arguments"), what);
        if (YamlSource.Get(m, "source_code") is { } code && !YamlSource.IsEmpty(code))
        {
            return PipelineFunction.FromSourceCode(name, src.Text(code, $"the source_code of {what}"), arguments);
        }

        if (YamlSource.Get(m, "callable") is { } callable && !YamlSource.IsEmpty(callable))
        {
            var cm = src.Mapping(callable, $"the callable of {what}");
            var module = YamlSource.Get(cm, "module") is { } mod ? src.Text(mod, $"the module of {what}'s callable") : throw src.Error(callable, $"the callable of {what} has no 'module:' (e.g. scipy.signal).");
            var callableName = YamlSource.Get(cm, "name") is { } cn ? src.Text(cn, $"the name of {what}'s callable") : throw src.Error(callable, $"the callable of {what} has no 'name:' (e.g. welch).");
            return PipelineFunction.FromCallable(name, module, callableName, arguments);
        }

        var equation = YamlSource.Get(m, "equation") ?? throw src.Error(key, $"{what} has neither 'equation:', 'source_code:' nor 'callable:'; give one.");
        string rhs;
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        if (equation is YamlMappingNode em)
        {
            rhs = YamlSource.Get(em, "rhs") is { } r ? src.Text(r, $"the rhs of {what}") : throw src.Error(equation, $"the equation of {what} has no 'rhs:'.");
            if (YamlSource.Get(em, "parameters") is { } ps && !YamlSource.IsEmpty(ps))
            {
                foreach (var (p, pk, pv) in src.Collection(ps, $"the parameters of {what}"))
                {
                    var v = pv is YamlMappingNode pm ? YamlSource.Get(pm, "value") : pv;
                    parameters[p] = v is null ? throw src.Error(pk, $"parameter '{p}' of {what} has no value.") : src.FiniteNumber(v, $"parameter '{p}' of {what}");
                }
            }
        }
        else
        {
            rhs = src.Text(equation, $"the equation of {what}");
        }

        if (YamlSource.Get(m, "time_range") is { } range && !YamlSource.IsEmpty(range))
        {
            var rm = src.Mapping(range, $"the time_range of {what}");
            string Bound(string k, string fallback) => YamlSource.Get(rm, k) is { } b ? src.Text(b, $"'{k}' of the time_range of {what}") : fallback;
            var count = YamlSource.Get(rm, "n") is { } n ? src.Integer(n, $"'n' of the time_range of {what}") : (int?)null;
            var step = YamlSource.Get(rm, "step") is { } st ? src.Text(st, $"'step' of the time_range of {what}") : null;
            if (step is not null && step.Contains("input.", StringComparison.Ordinal))
            {
                throw src.Error(YamlSource.Get(rm, "step")!, $"the time_range of {what} steps by '{step}', the sampling of a step's input, which a kernel here does not know; give n: (a number of times) or a step in ms.");
            }

            return PipelineFunction.FromTimeRange(name, rhs, new PipelineTimeRange(Bound("lo", "0"), YamlSource.Get(rm, "hi") is null ? throw src.Error(range, $"the time_range of {what} has no 'hi:'.") : Bound("hi", "0"), count, step), arguments, parameters);
        }

        return PipelineFunction.FromEquation(name, rhs, arguments, parameters);
    }

    /// <summary>Arguments keyed (<c>{data: {description}, tail: {value: 0.2}}</c>, <c>{tail: 0.2}</c>) or a list of
    /// <c>{name, value}</c>: a number, a text, or none (positional).</summary>
    public static List<PipelineArgument> Arguments(YamlSource src, YamlNode? node, string what)
    {
        var list = new List<PipelineArgument>();
        if (node is null || YamlSource.IsEmpty(node))
        {
            return list;
        }

        foreach (var (name, key, body) in src.Collection(node, $"the arguments of {what}"))
        {
            var value = body is YamlMappingNode am ? YamlSource.Get(am, "value") : body;
            try
            {
                list.Add(value is null || YamlSource.IsNull(value) ? new PipelineArgument(name)
                    : value is YamlSequenceNode ? throw src.Error(value, $"argument '{name}' of {what} is a list; arguments here are numbers or names of values (a list of numbers is not supported: compute it in a step).")
                    : YamlSource.IsNumber(value) ? new PipelineArgument(name, src.Number(value, $"argument '{name}' of {what}"))
                    : new PipelineArgument(name, text: src.Text(value, $"argument '{name}' of {what}")));
            }
            catch (ExperimentException ex)
            {
                throw src.Error(key, ex.Message, ex);
            }
        }

        return list;
    }
}

using Tvbo.Model;
using Tvbo.Yaml;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Experiment;

/// <summary>
/// Reads experiment files: <c>label</c>, <c>description</c>, <c>model</c> (an inline TVBO model or the path of a
/// TVBO model file, relative to the experiment file), <c>integration</c> (<c>method</c>, <c>duration</c>,
/// <c>step_size</c>, <c>sampling_step_size</c>, <c>rtol</c>, <c>atol</c>) and <c>explorations</c> (by name:
/// <c>label</c>, <c>description</c>, <c>mode</c>, <c>parameters</c> with <c>domain: {lo, hi, n, log_scale}</c>
/// or <c>explored_values: [...]</c>). Unknown keys are errors, so typos do not pass silently.
/// </summary>
internal static class ExperimentFileReader
{
    public static SimulationExperiment ReadFile(string path)
    {
        var src = YamlSource.Load(path);
        return Read(src, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    public static SimulationExperiment ReadText(string yaml, string sourceName, string baseDirectory) =>
        Read(YamlSource.Parse(yaml, sourceName), baseDirectory);

    /// <summary>Whether a YAML file is an experiment (has a top-level <c>model:</c>) rather than a model.</summary>
    public static bool IsExperiment(string path) => YamlSource.Get(YamlSource.Load(path).Root, "model") is not null;

    private static SimulationExperiment Read(YamlSource src, string baseDirectory)
    {
        var root = src.Root;
        src.OnlyKeys(root, "The experiment", "label", "description", "model", "integration", "explorations");
        var modelNode = YamlSource.Get(root, "model") ?? throw src.Error(root, "the experiment has no 'model:'; give an inline TVBO model or the path of a model file.");
        Dynamics model;
        if (modelNode is YamlMappingNode inline)
        {
            model = TvboModelReader.Read(src, inline, null);
        }
        else
        {
            var rel = src.Text(modelNode, "'model'");
            var path = Path.IsPathRooted(rel) ? rel : Path.Combine(baseDirectory, rel);
            if (!File.Exists(path))
            {
                throw src.Error(modelNode, $"the model file '{rel}' does not exist (looked for {path}); paths are relative to the experiment file.");
            }

            model = TvboModelReader.ReadFile(path);
        }

        var exp = new SimulationExperiment(model)
        {
            Label = YamlSource.Get(root, "label") is { } l ? src.Text(l, "'label'") : null,
            Description = YamlSource.Get(root, "description") is { } d ? src.Text(d, "'description'").Trim() : null,
        };

        var integ = YamlSource.Get(root, "integration") ?? throw src.Error(root, "the experiment has no 'integration:'; give at least {duration: ..., step_size: ...}.");
        ReadIntegration(src, src.Mapping(integ, "'integration'"), exp.Integration);

        var explorations = YamlSource.Get(root, "explorations") ?? throw src.Error(root, "the experiment has no 'explorations:'; give at least one.");
        foreach (var (name, key, body) in src.Entries(explorations, "'explorations'"))
        {
            var exploration = ReadExploration(src, name, key, body, model);
            exp.Explorations.Add(exploration);
        }

        return exp;
    }

    private static void ReadIntegration(YamlSource src, YamlMappingNode m, IntegrationSettings s)
    {
        src.OnlyKeys(m, "'integration'", "method", "duration", "step_size", "dt", "sampling_step_size", "rtol", "atol");
        if (YamlSource.Get(m, "method") is { } method)
        {
            var text = src.Text(method, "integration.method").Trim();
            s.Method = text.ToLowerInvariant() switch
            {
                "euler" => IntegrationMethod.Euler,
                "heun" => IntegrationMethod.Heun,
                "rk4" or "rungekutta4" => IntegrationMethod.RK4,
                "rk45" or "dopri5" or "scipy" => IntegrationMethod.RK45,
                _ => throw src.Error(method, $"integration.method '{text}' is not known; valid: euler, heun, rk4, rk45."),
            };
        }

        s.Duration = YamlSource.Get(m, "duration") is { } dur ? src.FiniteNumber(dur, "integration.duration") : throw src.Error(m, "integration has no 'duration:'.");
        var step = YamlSource.Get(m, "step_size") ?? YamlSource.Get(m, "dt") ?? throw src.Error(m, "integration has no 'step_size:'.");
        s.StepSize = src.FiniteNumber(step, "integration.step_size");
        if (YamlSource.Get(m, "sampling_step_size") is { } dts)
        {
            s.SamplingStepSize = src.FiniteNumber(dts, "integration.sampling_step_size");
        }

        if (YamlSource.Get(m, "rtol") is { } rtol)
        {
            s.RelativeTolerance = src.FiniteNumber(rtol, "integration.rtol");
        }

        if (YamlSource.Get(m, "atol") is { } atol)
        {
            s.AbsoluteTolerance = src.FiniteNumber(atol, "integration.atol");
        }

        try
        {
            s.Validate();
        }
        catch (ExperimentException ex)
        {
            throw src.Error(m, ex.Message, ex);
        }
    }

    private static Exploration ReadExploration(YamlSource src, string name, YamlNode key, YamlNode? body, Dynamics model)
    {
        var what = $"exploration '{name}'";
        var m = body is null ? throw src.Error(key, $"{what} is empty; give its 'parameters:'.") : src.Mapping(body, what);
        src.OnlyKeys(m, what, "label", "description", "mode", "parameters");
        var mode = ExplorationMode.Product;
        if (YamlSource.Get(m, "mode") is { } modeNode)
        {
            var text = src.Text(modeNode, $"the mode of {what}").Trim();
            mode = text.ToLowerInvariant() switch
            {
                "product" or "grid" => ExplorationMode.Product,
                "zip" => ExplorationMode.Zip,
                _ => throw src.Error(modeNode, $"the mode of {what} is '{text}'; valid: product, zip."),
            };
        }

        var parametersNode = YamlSource.Get(m, "parameters") ?? throw src.Error(key, $"{what} has no 'parameters:'.");
        var parameters = new List<ExplorationParameter>();
        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (pname, pkey, pbody) in src.Entries(parametersNode, $"the parameters of {what}"))
        {
            var pwhat = $"parameter '{pname}' of {what}";
            var pm = pbody is null ? throw src.Error(pkey, $"{pwhat} has no values; give 'domain: {{lo, hi, n}}' or 'explored_values: [...]'.") : src.Mapping(pbody, pwhat);
            src.OnlyKeys(pm, pwhat, "domain", "explored_values", "log_scale");
            var log = YamlSource.Get(pm, "log_scale") is { } lg && src.Boolean(lg, $"log_scale of {pwhat}");
            Domain domain;
            if (YamlSource.Get(pm, "explored_values") is { } ev)
            {
                if (YamlSource.Get(pm, "domain") is { } both)
                {
                    throw src.Error(both, $"{pwhat} has both 'domain' and 'explored_values'; give one.");
                }

                if (log)
                {
                    throw src.Error(YamlSource.Get(pm, "log_scale")!, $"{pwhat}: log_scale applies to a domain {{lo, hi, n}}, not to explored_values, which are used as given.");
                }

                domain = Domain.Values(src.Sequence(ev, $"explored_values of {pwhat}").Children.Select(n => src.Number(n, $"a value of {pwhat}")).ToArray());
            }
            else if (YamlSource.Get(pm, "domain") is { } dn)
            {
                var dm = src.Mapping(dn, $"the domain of {pwhat}");
                src.OnlyKeys(dm, $"the domain of {pwhat}", "lo", "hi", "n", "log_scale");
                var lo = YamlSource.Get(dm, "lo") is { } lon ? src.Number(lon, $"domain.lo of {pwhat}") : throw src.Error(dm, $"the domain of {pwhat} has no 'lo:'.");
                var hi = YamlSource.Get(dm, "hi") is { } hin ? src.Number(hin, $"domain.hi of {pwhat}") : throw src.Error(dm, $"the domain of {pwhat} has no 'hi:'.");
                var n = YamlSource.Get(dm, "n") is { } nn ? src.Integer(nn, $"domain.n of {pwhat}") : throw src.Error(dm, $"the domain of {pwhat} has no 'n:' (the number of values).");
                log |= YamlSource.Get(dm, "log_scale") is { } dlg && src.Boolean(dlg, $"domain.log_scale of {pwhat}");
                domain = Domain.Range(lo, hi, n, log);
            }
            else
            {
                throw src.Error(pkey, $"{pwhat} has no values; give 'domain: {{lo, hi, n}}' or 'explored_values: [...]'.");
            }

            nodes[pname] = pkey;
            parameters.Add(new ExplorationParameter(pname, domain));
        }

        var exploration = new Exploration(name, parameters, mode)
        {
            Label = YamlSource.Get(m, "label") is { } l ? src.Text(l, $"the label of {what}") : null,
            Description = YamlSource.Get(m, "description") is { } d ? src.Text(d, $"the description of {what}").Trim() : null,
        };

        try
        {
            exploration.CreateGrid(model);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(ex.Parameter is not null && nodes.TryGetValue(ex.Parameter, out var n) ? n : key, ex.Message, ex);
        }

        return exploration;
    }
}

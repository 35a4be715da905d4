using System.Globalization;
using Tvbo.Experiment;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>
/// The experiment's <c>continuations:</c> (TVBO's Continuation, BranchSwitch, InitialState and Discretization): each
/// entry's free parameters with their domains, steps, detection, start and periodic-orbit branches, checked against
/// the model and against the other continuations of the file. Keys TVBO's schema defines that only tune another
/// toolkit's solver (Newton tolerances, eigenvalue counts, backend options) are warnings naming the key; keys that
/// would start or compute the continuation differently than it can be done here are errors.
/// </summary>
internal static class ContinuationSection
{
    /// <summary>TVBO's default integration time of <c>initial_state: {method: time_integration}</c> (the schema's
    /// InitialState.duration).</summary>
    public const double DefaultDuration = 2000.0;

    /// <summary>Keys that tune another toolkit's solver: read, not applied, warned about.</summary>
    private static readonly string[] SolverKeys =
        ["newton_tol", "newton_max_iterations", "nev", "tol_stability", "n_inversion", "max_bisection_steps", "execution", "software", "options"];

    /// <summary>Keys of a parameter that only document it.</summary>
    private static readonly string[] ParameterDocumentation =
        ["name", "label", "description", "definition", "symbol", "unit", "comment", "references", "iri", "acronym", "notes", "source"];

    /// <summary>Reads <c>continuations:</c> into <see cref="SimulationExperiment.Continuations"/>.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The section's value.</param>
    /// <param name="exp">The experiment, its model read.</param>
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp)
    {
        var entries = src.Collection(node, "'continuations'").ToList();
        var names = entries.Select(e => e.Name).ToArray();
        foreach (var (name, key, body) in entries)
        {
            if (exp.Continuations.Contains(name))
            {
                throw src.Error(key, $"continuation '{name}' is given twice; continuation names must be unique.");
            }

            exp.Continuations.Add(ReadOne(src, name, key, body, exp, names));
        }
    }

    private static Continuation ReadOne(YamlSource src, string name, YamlNode key, YamlNode? body, SimulationExperiment exp, string[] names)
    {
        try
        {
            Exploration.CheckName(name);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(key, ex.Message, ex);
        }

        var what = $"continuation '{name}'";
        var m = body is null
            ? throw src.Error(key, $"{what} is empty; give its 'free_parameters:' (one parameter with its domain: [{{name: p, domain: {{lo: 0, hi: 1}}}}]).")
            : src.Mapping(body, what);
        src.SchemaKeys(m, what, TvboSchema.Continuation, unknownIsError: true);
        CheckDynamics(src, m, what, exp);
        Algorithm(src, m, what);
        foreach (var k in SolverKeys)
        {
            if (YamlSource.Get(m, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(m, k)!, $"{what}: '{k}' is not applied (it tunes another toolkit's solver); the continuation runs with Tvbo.PyRates' own setting for it.");
            }
        }

        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var parameters = FreeParameters(src, m, key, what, exp, nodes);
        Continuation continuation;
        try
        {
            continuation = new Continuation(name, parameters)
            {
                Label = YamlSource.Get(m, "label") is { } l ? src.Text(l, $"the label of {what}") : null,
                Description = YamlSource.Get(m, "description") is { } d ? src.Text(d, $"the description of {what}").Trim() : null,
                InitialStep = Number(src, m, "ds", what) ?? 0.01,
                MinStep = Number(src, m, "ds_min", what) ?? 1e-8,
                MaxStep = Number(src, m, "ds_max", what) ?? 0.1,
                MaxSteps = YamlSource.Get(m, "max_steps") is { } ms ? src.Integer(ms, $"max_steps of {what}") : 2000,
                DetectBifurcation = DetectBifurcation(src, m, what),
                DetectFold = YamlSource.Get(m, "detect_fold") is not { } df || src.Boolean(df, $"detect_fold of {what}"),
                BothSides = YamlSource.Get(m, "bothside") is { } bs && src.Boolean(bs, $"bothside of {what}"),
                InitialState = Start(src, m, key, name, what, names),
                Branches = Branches(src, m, what, name),
            };
        }
        catch (ExperimentException ex)
        {
            throw src.Error(YamlSource.Get(m, "free_parameters") ?? key, ex.Message, ex);
        }

        try
        {
            continuation.Validate();
        }
        catch (ExperimentException ex)
        {
            var at = ex.Parameter is { } p
                ? YamlSource.KeyNode(m, p) ?? (nodes.TryGetValue(p, out var pn) ? pn : null) ?? (p == "initial_state" ? YamlSource.KeyNode(m, "free_parameters") : null)
                : null;
            throw src.Error(at ?? key, ex.Message, ex);
        }

        return continuation;
    }

    /// <summary>A continuation's <c>dynamics:</c> names the model it continues: the experiment's model here.</summary>
    private static void CheckDynamics(YamlSource src, YamlMappingNode m, string what, SimulationExperiment exp)
    {
        if (YamlSource.Get(m, "dynamics") is not { } node)
        {
            return;
        }

        var named = node is YamlMappingNode dm && YamlSource.Get(dm, "name") is { } inner ? src.Text(inner, $"the dynamics of {what}") : src.Text(node, $"the dynamics of {what}");
        if (!string.Equals(named.Trim(), exp.Model.Name, StringComparison.Ordinal))
        {
            src.Warn(node, $"{what}: 'dynamics' names '{named.Trim()}', but the experiment's model is '{exp.Model.Name}'; the experiment's model is continued.");
        }
    }

    /// <summary>TVBO's <c>algorithm</c> (PALC, MoorePenrose or Natural): pseudo-arclength continuation is what runs.</summary>
    private static void Algorithm(YamlSource src, YamlMappingNode m, string what)
    {
        if (YamlSource.Get(m, "algorithm") is not { } node)
        {
            return;
        }

        var text = src.Text(node, $"the algorithm of {what}").Trim();
        if (text.Equals("PALC", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (text.Equals("MoorePenrose", StringComparison.OrdinalIgnoreCase) || text.Equals("Natural", StringComparison.OrdinalIgnoreCase))
        {
            src.Warn(node, $"{what}: algorithm '{text}' is not applied; the branch is followed by pseudo-arclength continuation (PALC), which finds the same branch.");
            return;
        }

        throw src.Error(node, $"{what}: algorithm is '{text}'; valid: PALC (pseudo-arclength, TVBO's default), MoorePenrose, Natural.");
    }

    /// <summary>The free parameters, each a parameter of the model, with its domain (<c>lo</c>, <c>hi</c>; a missing
    /// end is unbounded); <paramref name="nodes"/> receives each one's node.</summary>
    private static List<ContinuationParameter> FreeParameters(YamlSource src, YamlMappingNode m, YamlNode key, string what, SimulationExperiment exp, Dictionary<string, YamlNode> nodes)
    {
        if (YamlSource.Get(m, "free_parameters") is not { } fp || YamlSource.IsEmpty(fp))
        {
            throw src.Error(YamlSource.KeyNode(m, "free_parameters") ?? key, $"{what} has no 'free_parameters:'; valid: one parameter of model '{exp.Model.Name}' (equilibria) or two (a fold or Hopf curve), each with its domain: free_parameters: [{{name: p, domain: {{lo: 0, hi: 1}}}}].");
        }

        var modelParameters = exp.Model.Parameters.Select(p => p.Name).ToArray();
        var list = new List<ContinuationParameter>();
        foreach (var (pname, pkey, pbody) in src.Collection(fp, $"the free_parameters of {what}"))
        {
            var pwhat = $"free parameter '{pname}' of {what}";
            if (!modelParameters.Contains(pname, StringComparer.Ordinal))
            {
                var close = KeySuggestion.Closest(pname, modelParameters);
                throw src.Error(pkey, $"{what}: free parameter '{pname}' is not a parameter of model '{exp.Model.Name}'.{(close is null ? string.Empty : $" Did you mean '{close}'?")} Valid: {string.Join(", ", modelParameters)}.");
            }

            if (nodes.ContainsKey(pname))
            {
                throw src.Error(pkey, $"{what}: free parameter '{pname}' is given twice; valid: one parameter, or two distinct ones.");
            }

            nodes[pname] = pkey;
            var (lo, hi) = (double.NegativeInfinity, double.PositiveInfinity);
            if (pbody is YamlMappingNode pm)
            {
                src.SchemaKeys(pm, pwhat, TvboSchema.Parameter, unknownIsError: true);
                foreach (var (k, _) in pm.Children)
                {
                    var kn = ((YamlScalarNode)k).Value ?? string.Empty;
                    if (kn != "domain" && !ParameterDocumentation.Contains(kn, StringComparer.Ordinal))
                    {
                        src.Warn(k, $"{pwhat}: '{kn}' is not applied; the continuation starts at the model's value of '{pname}' and is bounded by 'domain'.");
                    }
                }

                if (YamlSource.Get(pm, "domain") is { } dn)
                {
                    var dm = src.Mapping(dn, $"the domain of {pwhat}");
                    src.SchemaKeys(dm, $"the domain of {pwhat}", TvboSchema.Range, unknownIsError: true);
                    foreach (var (k, _) in dm.Children)
                    {
                        if (((YamlScalarNode)k).Value is { } kn && kn is not ("lo" or "hi"))
                        {
                            src.Warn(k, $"the domain of {pwhat}: '{kn}' is not applied; a continuation is bounded by 'lo' and 'hi' only.");
                        }
                    }

                    lo = YamlSource.Get(dm, "lo") is { } lon ? src.Number(lon, $"the domain's lo of {pwhat}") : lo;
                    hi = YamlSource.Get(dm, "hi") is { } hin ? src.Number(hin, $"the domain's hi of {pwhat}") : hi;
                    if (!(lo < hi))
                    {
                        throw src.Error(dn, $"{what}: the domain of free parameter '{pname}' is {Show(lo)}..{Show(hi)}; valid: lo < hi.");
                    }
                }
            }
            else if (pbody is not null)
            {
                throw src.Error(pbody, $"{pwhat} must be a mapping: {{name: {pname}, domain: {{lo: 0, hi: 1}}}}.");
            }

            list.Add(new ContinuationParameter(pname, lo, hi));
        }

        return list;
    }

    private static double? Number(YamlSource src, YamlMappingNode m, string key, string what) =>
        YamlSource.Get(m, key) is { } n ? src.FiniteNumber(n, $"{key} of {what}") : null;

    /// <summary>TVBO's <c>detect_bifurcation</c> is an integer (0 off … 3); <c>true</c> and <c>false</c> are read as 2
    /// (TVBO's runners' level) and 0.</summary>
    private static int DetectBifurcation(YamlSource src, YamlMappingNode m, string what)
    {
        if (YamlSource.Get(m, "detect_bifurcation") is not { } node)
        {
            return 2;
        }

        var text = src.Text(node, $"detect_bifurcation of {what}").Trim().ToLowerInvariant();
        return text switch
        {
            "true" => 2,
            "false" => 0,
            _ => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw src.Error(node, $"{what}: detect_bifurcation is '{text}'; valid: 0 (none), 1 (Hopf and branch points), 2 or 3 (these and, on periodic orbits, period doublings and torus points), or true (2) / false (0)."),
        };
    }

    /// <summary>The continuation's <c>initial_state</c>. TVBO's schema: <c>method</c> defaults to
    /// <c>time_integration</c> and <c>duration</c> to 2000; an absent <c>initial_state</c> is time integration to a
    /// steady state. <c>given</c> and <c>newton</c> both start from the model's initial values, refined by Newton's
    /// method.</summary>
    private static ContinuationStart Start(YamlSource src, YamlMappingNode m, YamlNode key, string name, string what, string[] names)
    {
        if (YamlSource.Get(m, "initial_state") is not { } node)
        {
            src.Default(key, $"{what} has no 'initial_state:'; TVBO's default: method time_integration, duration {Show(DefaultDuration)} (the state the model settles to, refined by Newton's method).");
            return ContinuationStart.TimeIntegration(DefaultDuration);
        }

        var iwhat = $"the initial_state of {what}";
        var im = src.Mapping(node, iwhat);
        src.SchemaKeys(im, iwhat, TvboSchema.ContinuationStart, unknownIsError: true);
        foreach (var k in new[] { "source_experiment", "ramp" })
        {
            if (YamlSource.Get(im, k) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(YamlSource.KeyNode(im, k)!, $"{iwhat}: '{k}' is not supported; valid methods: time_integration, newton, given, from_branch.");
            }
        }

        foreach (var k in new[] { "abs_tol", "rel_tol", "solver" })
        {
            if (YamlSource.Get(im, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(im, k)!, $"{iwhat}: '{k}' is not applied; the settling integration uses Tvbo.PyRates' own solver and tolerances.");
            }
        }

        var methodNode = YamlSource.Get(im, "method");
        var method = methodNode is null ? "time_integration" : src.Text(methodNode, $"the method of {iwhat}").Trim();
        switch (method)
        {
            case "time_integration":
                Unused(src, im, iwhat, method, "source_branch", "source_point");
                if (YamlSource.Get(im, "duration") is not { } dn)
                {
                    src.Default(node, $"{iwhat} has no 'duration'; TVBO's default: {Show(DefaultDuration)}.");
                    return ContinuationStart.TimeIntegration(DefaultDuration);
                }

                var duration = src.FiniteNumber(dn, $"the duration of {iwhat}");
                try
                {
                    return ContinuationStart.TimeIntegration(duration);
                }
                catch (ExperimentException ex)
                {
                    throw src.Error(dn, $"{what}: {ex.Message}", ex);
                }

            case "given" or "newton":
                Unused(src, im, iwhat, method, "duration", "source_branch", "source_point");
                return ContinuationStart.ModelInitialState;

            case "from_branch":
                Unused(src, im, iwhat, method, "duration");
                return FromBranch(src, im, node, name, what, iwhat, names);

            default:
                throw src.Error(methodNode!, $"{iwhat}: method is '{method}'; valid: time_integration (integrate for 'duration', then Newton), newton or given (Newton from the model's initial values), from_branch (a point of another continuation: source_branch, source_point).");
        }
    }

    private static ContinuationStart FromBranch(YamlSource src, YamlMappingNode im, YamlNode node, string name, string what, string iwhat, string[] names)
    {
        var others = names.Where(n => n != name).ToArray();
        var valid = others.Length == 0 ? "none: this file has no other continuation" : string.Join(", ", others);
        if (YamlSource.Get(im, "source_branch") is not { } bn)
        {
            throw src.Error(node, $"{iwhat}: from_branch needs 'source_branch', the continuation whose branch holds the start; valid: {valid}.");
        }

        var branch = src.Text(bn, $"the source_branch of {iwhat}").Trim();
        if (!others.Contains(branch, StringComparer.Ordinal))
        {
            var close = KeySuggestion.Closest(branch, others);
            throw src.Error(bn, $"{what}: initial_state.source_branch '{branch}' names {(branch == name ? "this continuation itself" : "no other continuation of the file")}.{(close is null ? string.Empty : $" Did you mean '{close}'?")} Valid: {valid}.");
        }

        if (YamlSource.Get(im, "source_point") is not { } pn)
        {
            throw src.Error(node, $"{iwhat}: from_branch needs 'source_point', the special point of '{branch}' to start from; valid: fold:1, hopf:1, … (kind:index).");
        }

        var point = src.Text(pn, $"the source_point of {iwhat}").Trim();
        try
        {
            return ContinuationStart.FromBranch(branch, point);
        }
        catch (ExperimentException ex)
        {
            throw src.Error(pn, $"{what}: initial_state.{ex.Message}", ex);
        }
    }

    /// <summary>Warns about keys of <c>initial_state</c> the method does not use.</summary>
    private static void Unused(YamlSource src, YamlMappingNode im, string iwhat, string method, params string[] keys)
    {
        foreach (var k in keys)
        {
            if (YamlSource.Get(im, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(im, k)!, $"{iwhat}: '{k}' is not used by method {method}.");
            }
        }
    }

    /// <summary>The continuation's <c>branches:</c>, each a branch of periodic orbits from Hopf points.</summary>
    private static CycleContinuation[] Branches(YamlSource src, YamlMappingNode m, string what, string name)
    {
        if (YamlSource.Get(m, "branches") is not { } node || YamlSource.IsEmpty(node))
        {
            return [];
        }

        var list = new List<CycleContinuation>();
        foreach (var (bname, bkey, body) in src.Collection(node, $"the branches of {what}"))
        {
            if (list.Any(b => b.Name == bname))
            {
                throw src.Error(bkey, $"{what}: branch '{bname}' is given twice; branch names must be unique.");
            }

            list.Add(Branch(src, bname, bkey, body, what, name));
        }

        return [.. list];
    }

    private static CycleContinuation Branch(YamlSource src, string bname, YamlNode bkey, YamlNode? body, string what, string name)
    {
        var bwhat = $"branch '{bname}' of {what}";
        var bm = body is null ? new YamlMappingNode() : src.Mapping(body, bwhat);
        src.SchemaKeys(bm, bwhat, TvboSchema.BranchSwitch, unknownIsError: true);
        foreach (var k in new[] { "bothside", "delta_p", "parameters", "options" })
        {
            if (YamlSource.Get(bm, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(bm, k)!, $"{bwhat}: '{k}' is not applied; the periodic orbits are followed from the Hopf point in the direction the Hopf point gives.");
            }
        }

        var spNode = YamlSource.Get(bm, "source_point");
        string sourcePoint;
        if (spNode is null)
        {
            sourcePoint = "hopf:all";
            src.Default(bkey, $"{bwhat} has no 'source_point'; using hopf:all (every Hopf point, as TVBO's PyCoBi runner does).");
        }
        else
        {
            sourcePoint = src.Text(spNode, $"the source_point of {bwhat}").Trim();
        }

        var (meshIntervals, degree) = Discretization(src, bm, bwhat);
        var maxSteps = BranchSteps(src, bm, bwhat);
        CycleContinuation cycle;
        try
        {
            cycle = new CycleContinuation(bname, sourcePoint)
            {
                Description = YamlSource.Get(bm, "description") is { } d ? src.Text(d, $"the description of {bwhat}").Trim() : null,
                MeshIntervals = meshIntervals.Value,
                Degree = degree.Value,
                MaxSteps = maxSteps.Value,
            };
        }
        catch (ExperimentException ex)
        {
            throw src.Error(ex.Parameter == "source_point" ? spNode ?? bkey : bkey, $"{what}: {ex.Message}", ex);
        }

        try
        {
            cycle.Validate(name);
        }
        catch (ExperimentException ex)
        {
            var at = ex.Parameter switch
            {
                "mesh_intervals" => meshIntervals.Node,
                "degree" => degree.Node,
                "max_steps" => maxSteps.Node,
                _ => null,
            };
            throw src.Error(at ?? bkey, ex.Message, ex);
        }

        return cycle;
    }

    /// <summary>A branch's <c>discretization</c>: collocation (TVBO's default method) with <c>mesh_intervals</c>
    /// (default 50) and <c>degree</c> (default 4), given as keys or as <c>parameters: [{name, value}]</c>.</summary>
    private static ((int Value, YamlNode? Node) MeshIntervals, (int Value, YamlNode? Node) Degree) Discretization(YamlSource src, YamlMappingNode bm, string bwhat)
    {
        (int, YamlNode?) mesh = (50, null), degree = (4, null);
        if (YamlSource.Get(bm, "discretization") is not { } node)
        {
            return (mesh, degree);
        }

        var dwhat = $"the discretization of {bwhat}";
        var dm = src.Mapping(node, dwhat);
        src.SchemaKeys(dm, dwhat, TvboSchema.Discretization, unknownIsError: true);
        if (YamlSource.Get(dm, "method") is { } mn)
        {
            var method = src.Text(mn, $"the method of {dwhat}").Trim();
            if (method is "trapezoid" or "shooting" or "poincare")
            {
                src.Warn(mn, $"{dwhat}: method '{method}' is not applied; the periodic orbits are computed by collocation.");
            }
            else if (method != "collocation")
            {
                throw src.Error(mn, $"{dwhat}: method is '{method}'; valid: collocation (TVBO's default), trapezoid, shooting, poincare.");
            }
        }

        foreach (var k in new[] { "ode_solver", "linear_solver", "options", "n_sections" })
        {
            if (YamlSource.Get(dm, k) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(dm, k)!, $"{dwhat}: '{k}' is not applied (collocation uses mesh_intervals and degree only).");
            }
        }

        var given = new Dictionary<string, (int Value, YamlNode Node)>(StringComparer.Ordinal);
        foreach (var k in new[] { "mesh_intervals", "degree" })
        {
            if (YamlSource.Get(dm, k) is { } n)
            {
                given[k] = (src.Integer(n, $"{k} of {dwhat}"), n);
            }
        }

        if (YamlSource.Get(dm, "parameters") is { } ps && !YamlSource.IsEmpty(ps))
        {
            foreach (var (pname, pkey, pbody) in src.Collection(ps, $"the parameters of {dwhat}"))
            {
                if (pname == "n_sections")
                {
                    src.Warn(pkey, $"{dwhat}: 'n_sections' is not applied (collocation uses mesh_intervals and degree only).");
                    continue;
                }

                if (pname is not ("mesh_intervals" or "degree"))
                {
                    var close = KeySuggestion.Closest(pname, ["mesh_intervals", "degree"]);
                    throw src.Error(pkey, $"{dwhat}: parameter '{pname}' is not a setting of collocation.{(close is null ? string.Empty : $" Did you mean '{close}'?")} Valid: mesh_intervals, degree.");
                }

                var vn = pbody is YamlMappingNode pm ? YamlSource.Get(pm, "value") : pbody;
                if (vn is null)
                {
                    throw src.Error(pkey, $"{dwhat}: parameter '{pname}' has no value; write {{name: {pname}, value: …}}.");
                }

                var value = src.Integer(vn, $"{pname} of {dwhat}");
                if (given.TryGetValue(pname, out var other) && other.Value != value)
                {
                    throw src.Error(vn, $"{dwhat}: {pname} is {value} here and {other.Value} as a key; give it once.");
                }

                given[pname] = (value, vn);
            }
        }

        if (given.TryGetValue("mesh_intervals", out var mi))
        {
            mesh = mi;
        }

        if (given.TryGetValue("degree", out var dg))
        {
            degree = dg;
        }

        return (mesh, degree);
    }

    /// <summary>A branch's <c>continuation:</c> overrides the parent's settings; its <c>max_steps</c> is applied.</summary>
    private static (int? Value, YamlNode? Node) BranchSteps(YamlSource src, YamlMappingNode bm, string bwhat)
    {
        if (YamlSource.Get(bm, "continuation") is not { } node)
        {
            return (null, null);
        }

        var cwhat = $"the continuation of {bwhat}";
        var cm = src.Mapping(node, cwhat);
        src.SchemaKeys(cm, cwhat, TvboSchema.Continuation, unknownIsError: true);
        if (YamlSource.Get(cm, "free_parameters") is { } fp && !YamlSource.IsEmpty(fp))
        {
            throw src.Error(YamlSource.KeyNode(cm, "free_parameters")!, $"{cwhat}: 'free_parameters' (a fold or Hopf curve) is not read here; valid: write the curve as its own continuation with two free parameters and initial_state: {{method: from_branch, source_branch: <this continuation>, source_point: \"fold:1\"}}.");
        }

        foreach (var (k, _) in cm.Children)
        {
            var kn = ((YamlScalarNode)k).Value ?? string.Empty;
            if (kn is not ("max_steps" or "name" or "label" or "description"))
            {
                src.Warn(k, $"{cwhat}: '{kn}' is not applied; only max_steps overrides the parent's settings.");
            }
        }

        return YamlSource.Get(cm, "max_steps") is { } ms ? (src.Integer(ms, $"max_steps of {cwhat}"), ms) : (null, null);
    }

    private static string Show(double v) => v.ToString(CultureInfo.InvariantCulture);
}

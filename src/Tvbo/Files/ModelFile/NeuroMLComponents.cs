using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>
/// A model that gives its dynamics as NeuroML components (<c>components:</c>, as TVBO's <c>HH_KineticScheme</c>, NeuroML2's
/// Ex4) rewritten as the equations NeuroML's standard component types define (NeuroML2CoreTypes' Channels.xml, Cells.xml,
/// Inputs.xml, with jLEMS' semantics), before the model is read.
/// </summary>
/// <remarks>
/// <para>Supported, exactly: the model (cell) <c>neuroml:pointCellCondBased</c> with <c>C</c>, <c>v0</c>, <c>thresh</c>
/// and, when all three are given, a pulse current <c>pulse_delay</c>, <c>pulse_duration</c>, <c>I_amp</c> (NeuroML's
/// pulseGenerator); channels <c>ionChannelHH</c> (gates <c>gateHHrates</c>) and <c>ionChannelKS</c> (gates
/// <c>gateKS</c>), each with <c>conductance</c> and its channel population's <c>number</c> and <c>erev</c>; rates
/// <c>HHExpLinearRate</c>, <c>HHExpRate</c>, <c>HHSigmoidRate</c>; kinetic-scheme states <c>closedState</c>,
/// <c>openState</c> and transitions <c>vHalfTransition</c>. Any other component type is refused by name.</para>
/// <para>Equations, for a channel <c>c</c> with gates <c>g</c> (symbols are the component path joined by <c>_</c>):</para>
/// <list type="bullet">
/// <item>HHExpLinearRate: x = (v − midpoint)/scale, r = rate·x/(1 − exp(−x)), r = rate at x = 0; HHExpRate: r =
/// rate·exp((v − midpoint)/scale); HHSigmoidRate: r = rate/(1 + exp((midpoint − v)/scale)).</item>
/// <item>gateHHrates: dq/dt = α(1 − q) − βq (NeuroML's (inf − q)/tau without q10 settings), q(0) = α/(α + β) at v0;
/// fcond = q^instances.</item>
/// <item>gateKS: one occupancy per state, d occ/dt = Σ inflow − Σ outflow over its transitions (NeuroML's KineticScheme);
/// at the start the first state listed holds everything (1, the others 0: jLEMS' initialisation); q = the sum of the
/// open states' occupancies; fcond = q^instances.</item>
/// <item>vHalfTransition: rf0 = exp(z·γ·(v − vHalf)/kte)/tau, rr0 = exp(−z·(1 − γ)·(v − vHalf)/kte)/tau, rf = 1/(1/rf0
/// + tauMin), rr = 1/(1/rr0 + tauMin), kte = 25.3 mV (a constant of the type: no temperature).</item>
/// <item>channel: g = number·conductance·∏ fcond, i = g·(erev − v); cell: C·dv/dt = Σ i + I_pulse, I_pulse = I_amp
/// for pulse_delay ≤ t &lt; pulse_delay + pulse_duration, else 0; v(0) = v0.</item>
/// <item>The cell's spike (v rising above thresh, NeuroML's OnCondition with its <c>spiking</c> flag) is the state
/// <c>spiking</c> (0 or 1, no dynamics) and the events <c>spike</c> (v &gt; thresh while not spiking: spiking = 1) and
/// <c>spike_end</c> (v &lt; thresh while spiking: spiking = 0), unless the model writes its own <c>events:</c> (an empty
/// <c>events: {}</c> leaves them out, e.g. for the PyRates backend, which has no events).</item>
/// </list>
/// <para>Units: each dimensional value's unit is its <c>unit:</c>, or the one its description gives as NeuroML writes it
/// (<c>nml:20pS</c>, <c>nml:0.005 nA</c>); a dimensional value without a unit is an error. Values are converted to ms,
/// mV, per_ms, nS, pF and pA (nS·mV = pA, pA/pF = mV/ms), so the model's time is in ms.</para>
/// </remarks>
internal static partial class NeuroMLComponents
{
    /// <summary>NeuroML's vHalfTransition constant kte (mV).</summary>
    public const double Kte = 25.3;

    /// <summary>The component types supported, as they are written after <c>neuroml:</c>.</summary>
    public static readonly IReadOnlyList<string> SupportedTypes =
        ["pointCellCondBased", "ionChannelHH", "ionChannelKS", "gateHHrates", "gateKS", "HHExpLinearRate", "HHExpRate", "HHSigmoidRate", "closedState", "openState", "vHalfTransition"];

    private enum Dim
    {
        None,
        Voltage,
        Time,
        PerTime,
        Conductance,
        Capacitance,
        Current,
    }

    private static readonly Dictionary<Dim, (string Unit, Dictionary<string, double> Factors)> Units = new()
    {
        [Dim.Voltage] = ("mV", new(StringComparer.Ordinal) { ["V"] = 1e3, ["mV"] = 1.0, ["uV"] = 1e-3 }),
        [Dim.Time] = ("ms", new(StringComparer.Ordinal) { ["s"] = 1e3, ["ms"] = 1.0, ["us"] = 1e-3 }),
        [Dim.PerTime] = ("per_ms", new(StringComparer.Ordinal) { ["per_s"] = 1e-3, ["Hz"] = 1e-3, ["per_ms"] = 1.0 }),
        [Dim.Conductance] = ("nS", new(StringComparer.Ordinal) { ["S"] = 1e9, ["mS"] = 1e6, ["uS"] = 1e3, ["nS"] = 1.0, ["pS"] = 1e-3 }),
        [Dim.Capacitance] = ("pF", new(StringComparer.Ordinal) { ["F"] = 1e12, ["uF"] = 1e6, ["nF"] = 1e3, ["pF"] = 1.0 }),
        [Dim.Current] = ("pA", new(StringComparer.Ordinal) { ["A"] = 1e12, ["mA"] = 1e9, ["uA"] = 1e6, ["nA"] = 1e3, ["pA"] = 1.0, ["fA"] = 1e-3 }),
    };

    private static readonly (string Name, Dim Dim)[] ChannelParameters = [("conductance", Dim.Conductance), ("number", Dim.None), ("erev", Dim.Voltage)];
    private static readonly (string Name, Dim Dim)[] RateParameters = [("rate", Dim.PerTime), ("midpoint", Dim.Voltage), ("scale", Dim.Voltage)];
    private static readonly (string Name, Dim Dim)[] TransitionParameters = [("vHalf", Dim.Voltage), ("z", Dim.None), ("gamma", Dim.None), ("tau", Dim.Time), ("tauMin", Dim.Time)];
    private static readonly (string Name, Dim Dim)[] CellParameters = [("C", Dim.Capacitance), ("v0", Dim.Voltage), ("thresh", Dim.Voltage)];
    private static readonly (string Name, Dim Dim)[] PulseParameters = [("pulse_delay", Dim.Time), ("pulse_duration", Dim.Time), ("I_amp", Dim.Current)];

    /// <summary>Whether the model gives NeuroML components.</summary>
    /// <param name="map">The model's mapping.</param>
    public static bool Has(YamlMappingNode map) => YamlSource.Get(map, "components") is { } c && !YamlSource.IsEmpty(c);

    /// <summary>The model <paramref name="map"/> means, written as parameters, derived variables, state variables and
    /// spike events.</summary>
    /// <param name="src">The file.</param>
    /// <param name="map">The model's mapping, with <c>components:</c>.</param>
    /// <param name="name">The model's name, for messages.</param>
    public static YamlMappingNode Rewrite(YamlSource src, YamlMappingNode map, string name) => new Rewriting(src, map, name).Run();

    /// <summary>HHExpLinearRate's r (per_ms) at <paramref name="v"/> (mV).</summary>
    public static double ExpLinearRate(double rate, double midpoint, double scale, double v)
    {
        var x = (v - midpoint) / scale;
        return x == 0 ? rate : rate * x / (1 - Math.Exp(-x));
    }

    /// <summary>HHExpRate's r (per_ms) at <paramref name="v"/> (mV).</summary>
    public static double ExpRate(double rate, double midpoint, double scale, double v) => rate * Math.Exp((v - midpoint) / scale);

    /// <summary>HHSigmoidRate's r (per_ms) at <paramref name="v"/> (mV).</summary>
    public static double SigmoidRate(double rate, double midpoint, double scale, double v) => rate / (1 + Math.Exp((midpoint - v) / scale));

    private static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*nml:\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z_]+)\s*$")]
    private static partial Regex NmlQuantity();

    [GeneratedRegex(@"^\s*nml:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")]
    private static partial Regex NmlId();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    private sealed class Rewriting(YamlSource src, YamlMappingNode map, string model)
    {
        private readonly YamlMappingNode _parameters = new();
        private readonly YamlMappingNode _derived = new();
        private readonly YamlMappingNode _states = new();
        private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly List<string> _currents = [];
        private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

        public YamlMappingNode Run()
        {
            var components = YamlSource.Get(map, "components")!;
            foreach (var key in new[] { "state_variables", "derived_variables", "derived_parameters", "functions" })
            {
                if (YamlSource.Get(map, key) is { } n && !YamlSource.IsEmpty(n))
                {
                    throw src.Error(n, $"model '{model}' gives its dynamics as NeuroML components and also '{key}'; give one or the other.");
                }
            }

            var iriNode = YamlSource.Get(map, "iri");
            var cellType = iriNode is null ? null : TypeOf(iriNode);
            if (cellType != "pointCellCondBased")
            {
                throw src.Error(iriNode ?? components, $"model '{model}' gives NeuroML components, so the model is a NeuroML cell; its iri is {(iriNode is null ? "missing" : $"'{src.Text(iriNode, "iri")}'")}. The cell type supported is neuroml:pointCellCondBased.");
            }

            // The cell's own parameters (and any others, kept as written).
            var cellParameters = YamlSource.Get(map, "parameters") is { } ps ? src.Collection(ps, "'parameters'").ToList() : [];
            var byName = cellParameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var (pname, dim) in CellParameters)
            {
                if (!byName.TryGetValue(pname, out var p))
                {
                    throw src.Error(iriNode!, $"model '{model}' (neuroml:pointCellCondBased) has no parameter '{pname}'; the cell needs C, v0 and thresh.");
                }

                var what = $"parameter '{pname}' of model '{model}'";
                AddParameter(pname, Quantity(p.KeyNode, p.Value, pname, dim, what), dim, p.KeyNode, $"{pname} of the cell (pointCellCondBased)", what);
            }

            var pulseGiven = PulseParameters.Where(q => byName.ContainsKey(q.Name)).Select(q => q.Name).ToList();
            if (pulseGiven.Count is > 0 and < 3)
            {
                throw src.Error(byName[pulseGiven[0]].KeyNode, $"model '{model}' gives {string.Join(", ", pulseGiven)} but not all of pulse_delay, pulse_duration, I_amp; a pulse current (NeuroML's pulseGenerator) needs the three.");
            }

            foreach (var (pname, dim) in pulseGiven.Count == 3 ? PulseParameters : [])
            {
                var p = byName[pname];
                var what = $"parameter '{pname}' of model '{model}'";
                AddParameter(pname, Quantity(p.KeyNode, p.Value, pname, dim, what), dim, p.KeyNode, $"{pname} of the pulse current (pulseGenerator)", what);
            }

            foreach (var p in cellParameters.Where(p => !_names.Contains(p.Name)))
            {
                _names.Add(p.Name);
                _parameters.Add(src.Scalar(p.Name, p.KeyNode), p.Value is null ? new YamlScalarNode() : src.Copy(p.Value));
            }

            foreach (var (cname, ckey, cbody) in src.Collection(components, "'components'"))
            {
                Channel(cname, ckey, cbody);
            }

            if (pulseGiven.Count == 3)
            {
                AddDerived("I_pulse", "Piecewise((I_amp, (t >= pulse_delay) & (t < pulse_delay + pulse_duration)), (0.0, True))", "pA", iriNode!, "the pulse current (pulseGenerator)");
                _currents.Add("I_pulse");
            }

            var vRhs = $"({(_currents.Count == 0 ? "0" : string.Join(" + ", _currents))}) / C";
            State("v", vRhs, _values["v0"], "mV", iriNode!, "membrane potential (pointCellCondBased): C dv/dt = the channels' currents and the pulse");

            var ownEvents = YamlSource.KeyNode(map, "events") is not null;
            if (!ownEvents)
            {
                State("spiking", "0", 0.0, null, iriNode!, "1 while v is above thresh (NeuroML's spiking flag), set by the events");
            }

            var result = new YamlMappingNode();
            foreach (var (k, val) in map.Children)
            {
                switch ((k as YamlScalarNode)?.Value)
                {
                    case "components":
                        break;
                    case "parameters":
                        result.Add(src.Copy(k), _parameters);
                        break;
                    default:
                        result.Add(src.Copy(k), src.Copy(val));
                        break;
                }
            }

            if (YamlSource.KeyNode(map, "parameters") is null)
            {
                result.Add(src.Scalar("parameters", components), _parameters);
            }

            result.Add(src.Scalar("derived_variables", components), _derived);
            result.Add(src.Scalar("state_variables", components), _states);
            if (!ownEvents)
            {
                var events = new YamlMappingNode
                {
                    { src.Scalar("spike", iriNode!), Event("v > thresh & spiking < 0.5", "spiking = 1", iriNode!) },
                    { src.Scalar("spike_end", iriNode!), Event("v < thresh & spiking > 0.5", "spiking = 0", iriNode!) },
                };
                result.Add(src.Scalar("events", iriNode!), events);
            }

            return result;
        }

        private YamlMappingNode Event(string condition, string affect, YamlNode at) => new()
        {
            { src.Scalar("condition", at), new YamlMappingNode { { src.Scalar("rhs", at), src.Scalar(condition, at) } } },
            { src.Scalar("affect", at), new YamlMappingNode { { src.Scalar("rhs", at), src.Scalar(affect, at) } } },
        };

        /// <summary>The type a component's iri names (<c>neuroml:ionChannelHH</c> → ionChannelHH).</summary>
        private string TypeOf(YamlNode iri)
        {
            var text = src.Text(iri, "iri").Trim();
            return text.StartsWith("neuroml:", StringComparison.Ordinal) ? text["neuroml:".Length..] : text;
        }

        private (YamlMappingNode Body, string Type) Component(string name, YamlNode key, YamlNode? body, string path, params string[] allowed)
        {
            var what = $"component '{path}' of model '{model}'";
            var m = body is null ? throw src.Error(key, $"{what} is empty; give its iri (one of neuroml:{string.Join(", neuroml:", allowed)}).") : src.Mapping(body, what);
            src.OnlyKeys(m, what, "name", "iri", "parameters", "components", "description", "label");
            if (!Identifier().IsMatch(name))
            {
                throw src.Error(key, $"{what}: the name '{name}' becomes part of the model's symbols; use letters, digits and '_'.");
            }

            var iri = YamlSource.Get(m, "iri") ?? throw src.Error(key, $"{what} has no iri; give one of neuroml:{string.Join(", neuroml:", allowed)}.");
            var type = TypeOf(iri);
            if (!allowed.Contains(type, StringComparer.Ordinal))
            {
                var where = SupportedTypes.Contains(type, StringComparer.Ordinal) ? $" here (expected {string.Join(" or ", allowed)})" : "";
                throw src.Error(iri, $"{what} has iri '{src.Text(iri, "iri").Trim()}': the NeuroML component type '{type}' is not supported{where}. Supported component types: {string.Join(", ", SupportedTypes)}.");
            }

            return (m, type);
        }

        private List<(string Name, YamlNode Key, YamlNode? Body)> Children(YamlMappingNode m, string path) =>
            YamlSource.Get(m, "components") is { } c && !YamlSource.IsEmpty(c) ? src.Collection(c, $"the components of '{path}'").ToList() : [];

        /// <summary>A component's parameters, each converted to this model's units; every one of <paramref name="expected"/>
        /// is required and no other is allowed.</summary>
        private Dictionary<string, double> Parameters(YamlMappingNode m, YamlNode key, string path, string type, (string Name, Dim Dim)[] expected, params string[] extra)
        {
            var given = YamlSource.Get(m, "parameters") is { } ps && !YamlSource.IsEmpty(ps) ? src.Collection(ps, $"the parameters of '{path}'").ToList() : [];
            var known = expected.Select(e => e.Name).Concat(extra).ToArray();
            foreach (var g in given.Where(g => !known.Contains(g.Name, StringComparer.Ordinal)))
            {
                throw src.Error(g.KeyNode, $"component '{path}' ({type}) of model '{model}' has the parameter '{g.Name}', which {type} does not have; its parameters: {string.Join(", ", known)}.");
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (pname, dim) in expected)
            {
                var p = given.FirstOrDefault(g => g.Name == pname);
                if (p.KeyNode is null)
                {
                    throw src.Error(key, $"component '{path}' ({type}) of model '{model}' has no parameter '{pname}'; {type} needs {string.Join(", ", expected.Select(e => e.Name))}.");
                }

                values[pname] = Quantity(p.KeyNode, p.Value, pname, dim, $"parameter '{pname}' of component '{path}' ({type})");
            }

            return values;
        }

        /// <summary>A value converted to this model's unit of its dimension.</summary>
        private double Quantity(YamlNode key, YamlNode? body, string pname, Dim dim, string what)
        {
            YamlNode? valueNode = body is YamlMappingNode bm ? YamlSource.Get(bm, "value") ?? YamlSource.Get(bm, "default") : body;
            var value = valueNode is null ? throw src.Error(key, $"{what} has no value.") : src.FiniteNumber(valueNode, $"the value of {what}");
            string? unit = null;
            if (body is YamlMappingNode m)
            {
                if (YamlSource.Get(m, "unit") is { } u && !YamlSource.IsEmpty(u))
                {
                    unit = src.Text(u, $"the unit of {what}").Trim();
                }
                else if (YamlSource.Get(m, "description") is YamlScalarNode { Value: { } d } dn && NmlQuantity().Match(d) is { Success: true } q)
                {
                    unit = q.Groups[2].Value;
                    var written = double.Parse(q.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (Math.Abs(written - value) > 1e-12 * Math.Max(1.0, Math.Abs(value)))
                    {
                        throw src.Error(dn, $"{what} has the value {Num(value)} but its description says {d.Trim()}; make them agree.");
                    }
                }
            }

            if (dim == Dim.None)
            {
                return unit is null or "" or "none" or "1" ? value : throw src.Error(key, $"{what} is a number without a unit in NeuroML, but is given in '{unit}'.");
            }

            var (target, factors) = Units[dim];
            if (unit is null)
            {
                throw src.Error(key, $"{what} has no unit; give it as NeuroML writes it, e.g. 'unit: {target}' or 'description: nml:{Num(value)}{target}' (units of {dim.ToString().ToLowerInvariant()}: {string.Join(", ", factors.Keys)}).");
            }

            if (!factors.ContainsKey(unit))
            {
                throw src.Error(key, $"{what} is given in '{unit}', which is not a unit of {dim.ToString().ToLowerInvariant()}; use one of {string.Join(", ", factors.Keys)}.");
            }

            _written[what] = $"{Num(value)} {unit}";
            return value * factors[unit];
        }

        private void Claim(string name, YamlNode at)
        {
            if (!_names.Add(name))
            {
                throw src.Error(at, $"model '{model}': the NeuroML components make the symbol '{name}', which is already used; rename a component.");
            }
        }

        private void AddParameter(string name, double value, Dim dim, YamlNode at, string description, string what)
        {
            if (dim != Dim.None && _written.TryGetValue(what, out var written) && written != $"{Num(value)} {Units[dim].Unit}")
            {
                description += $" ({written} in the file)";
            }

            Claim(name, at);
            _values[name] = value;
            var body = new YamlMappingNode { { src.Scalar("value", at), src.Scalar(Num(value), at) } };
            if (dim != Dim.None)
            {
                body.Add(src.Scalar("unit", at), src.Scalar(Units[dim].Unit, at));
            }

            body.Add(src.Scalar("description", at), src.Scalar(description, at));
            _parameters.Add(src.Scalar(name, at), body);
        }

        private void AddDerived(string name, string rhs, string? unit, YamlNode at, string description)
        {
            Claim(name, at);
            var body = new YamlMappingNode { { src.Scalar("equation", at), new YamlMappingNode { { src.Scalar("rhs", at), src.Scalar(rhs, at) } } } };
            if (unit is not null)
            {
                body.Add(src.Scalar("unit", at), src.Scalar(unit, at));
            }

            body.Add(src.Scalar("description", at), src.Scalar(description, at));
            _derived.Add(src.Scalar(name, at), body);
        }

        private string State(string name, string rhs, double initial, string? unit, YamlNode at, string description)
        {
            Claim(name, at);
            var body = new YamlMappingNode
            {
                { src.Scalar("equation", at), new YamlMappingNode { { src.Scalar("rhs", at), src.Scalar(rhs, at) } } },
                { src.Scalar("initial_value", at), src.Scalar(Num(initial), at) },
            };
            if (unit is not null)
            {
                body.Add(src.Scalar("unit", at), src.Scalar(unit, at));
            }

            body.Add(src.Scalar("description", at), src.Scalar(description, at));
            _states.Add(src.Scalar(name, at), body);
            return name;
        }

        private void AddParameters(string path, Dictionary<string, double> values, (string Name, Dim Dim)[] expected, YamlNode at, string type)
        {
            foreach (var (pname, dim) in expected)
            {
                AddParameter($"{path}_{pname}", values[pname], dim, at, $"{pname} of '{path}' ({type})", $"parameter '{pname}' of component '{path}' ({type})");
            }
        }

        private void Channel(string name, YamlNode key, YamlNode? body)
        {
            var (m, type) = Component(name, key, body, name, "ionChannelHH", "ionChannelKS");
            var p = Parameters(m, key, name, type, ChannelParameters);
            AddParameters(name, p, ChannelParameters, key, type);
            var fconds = new List<string>();
            var gates = Children(m, name);
            if (gates.Count == 0)
            {
                throw src.Error(key, $"component '{name}' ({type}) of model '{model}' has no gates; give its {(type == "ionChannelHH" ? "gateHHrates" : "gateKS")} components.");
            }

            foreach (var (gname, gkey, gbody) in gates)
            {
                var path = $"{name}_{gname}";
                var (gm, gtype) = Component(gname, gkey, gbody, path, type == "ionChannelHH" ? "gateHHrates" : "gateKS");
                var instances = Parameters(gm, gkey, path, gtype, [("instances", Dim.None)])["instances"];
                if (instances < 1 || instances != Math.Floor(instances) || instances > 16)
                {
                    throw src.Error(gkey, $"gate '{path}' of model '{model}' has instances: {Num(instances)}; give a whole number from 1 to 16.");
                }

                var q = gtype == "gateHHrates" ? HHGate(path, gm, gkey) : KSGate(path, gm, gkey);
                fconds.Add(instances == 1 ? q : $"{q}**{Num(instances)}");
            }

            AddDerived($"{name}_g", $"{name}_number * {name}_conductance * {string.Join(" * ", fconds)}", "nS", key, $"conductance of the population of '{name}' ({type}): number · conductance · the gates' q^instances");
            AddDerived($"{name}_i", $"{name}_g * ({name}_erev - v)", "pA", key, $"current of '{name}': g · (erev − v)");
            _currents.Add($"{name}_i");
        }

        /// <summary>A gateHHrates gate: its state q, and its rates α (forwardRate) and β (reverseRate).</summary>
        private string HHGate(string path, YamlMappingNode m, YamlNode key)
        {
            var rates = Children(m, path);
            foreach (var r in rates.Where(r => r.Name is not ("forwardRate" or "reverseRate")))
            {
                throw src.Error(r.Key, $"gate '{path}' (gateHHrates) of model '{model}' has the component '{r.Name}'; a gateHHrates has forwardRate and reverseRate.");
            }

            var v0 = _values["v0"];
            var at = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (child, symbol) in new[] { ("forwardRate", "alpha"), ("reverseRate", "beta") })
            {
                var (rname, rkey, rbody) = rates.FirstOrDefault(r => r.Name == child);
                if (rkey is null)
                {
                    throw src.Error(key, $"gate '{path}' (gateHHrates) of model '{model}' has no {child}; give it as a component with iri neuroml:HHExpLinearRate, HHExpRate or HHSigmoidRate.");
                }

                var rpath = $"{path}_{rname}";
                var (rm, rtype) = Component(rname, rkey, rbody, rpath, "HHExpLinearRate", "HHExpRate", "HHSigmoidRate");
                var rp = Parameters(rm, rkey, rpath, rtype, RateParameters);
                AddParameters(rpath, rp, RateParameters, rkey, rtype);
                var (rate, mid, scale) = ($"{rpath}_rate", $"{rpath}_midpoint", $"{rpath}_scale");
                var (rhs, value) = rtype switch
                {
                    "HHExpLinearRate" => ($"Piecewise(({rate}, Eq(v, {mid})), ({rate} * ((v - {mid}) / {scale}) / (1 - exp(-(v - {mid}) / {scale})), True))", ExpLinearRate(rp["rate"], rp["midpoint"], rp["scale"], v0)),
                    "HHExpRate" => ($"{rate} * exp((v - {mid}) / {scale})", ExpRate(rp["rate"], rp["midpoint"], rp["scale"], v0)),
                    _ => ($"{rate} / (1 + exp(({mid} - v) / {scale}))", SigmoidRate(rp["rate"], rp["midpoint"], rp["scale"], v0)),
                };
                if (rp["scale"] == 0)
                {
                    throw src.Error(rkey, $"rate '{rpath}' ({rtype}) of model '{model}' has scale 0; give a non-zero scale.");
                }

                AddDerived($"{path}_{symbol}", rhs, "per_ms", rkey, $"{child} of gate '{path}' ({rtype})");
                at[symbol] = value;
            }

            var q0 = at["alpha"] / (at["alpha"] + at["beta"]);
            if (!double.IsFinite(q0))
            {
                throw src.Error(key, $"gate '{path}' of model '{model}': α/(α + β) at v0 is not a number (α = {Num(at["alpha"])}, β = {Num(at["beta"])}).");
            }

            return State(path, $"{path}_alpha * (1 - {path}) - {path}_beta * {path}", q0, null, key, $"gate '{path}' (gateHHrates): fraction open, starting at α/(α + β) at v0");
        }

        /// <summary>A gateKS gate: an occupancy per state, its transitions' rates; q is the open states' occupancy.</summary>
        private string KSGate(string path, YamlMappingNode m, YamlNode key)
        {
            var states = new List<(string Name, YamlNode Key, bool Open)>();
            var transitions = new List<(string Path, string From, string To, YamlNode Key)>();
            foreach (var (cname, ckey, cbody) in Children(m, path))
            {
                var cpath = $"{path}_{cname}";
                var (cm, ctype) = Component(cname, ckey, cbody, cpath, "closedState", "openState", "vHalfTransition");
                if (ctype is "closedState" or "openState")
                {
                    Parameters(cm, ckey, cpath, ctype, []);
                    states.Add((cname, ckey, ctype == "openState"));
                    continue;
                }

                var tp = Parameters(cm, ckey, cpath, ctype, TransitionParameters, "from", "to");
                AddParameters(cpath, tp, TransitionParameters, ckey, ctype);
                transitions.Add((cpath, StateRef(cm, ckey, cpath, "from"), StateRef(cm, ckey, cpath, "to"), ckey));
                string Rate(string sign) =>
                    $"1 / (1 / (exp({sign}{cpath}_z * {(sign == "" ? $"{cpath}_gamma" : $"(1 - {cpath}_gamma)")} * (v - {cpath}_vHalf) / {Num(Kte)}) / {cpath}_tau) + {cpath}_tauMin)";
                AddDerived($"{cpath}_rf", Rate(""), "per_ms", ckey, $"forward rate of '{cpath}' (vHalfTransition, kte = {Num(Kte)} mV)");
                AddDerived($"{cpath}_rr", Rate("-"), "per_ms", ckey, $"reverse rate of '{cpath}' (vHalfTransition, kte = {Num(Kte)} mV)");
            }

            if (states.Count == 0 || !states.Any(s => s.Open))
            {
                throw src.Error(key, $"gate '{path}' (gateKS) of model '{model}' needs its states (closedState, openState components), at least one open.");
            }

            foreach (var t in transitions)
            {
                foreach (var end in new[] { t.From, t.To })
                {
                    if (!states.Any(s => s.Name == end))
                    {
                        throw src.Error(t.Key, $"transition '{t.Path}' of model '{model}' connects '{end}', which is not a state of gate '{path}' (its states: {string.Join(", ", states.Select(s => s.Name))}).");
                    }
                }
            }

            for (var i = 0; i < states.Count; i++)
            {
                var s = states[i].Name;
                var terms = new List<string>();
                foreach (var t in transitions)
                {
                    if (t.From == s)
                    {
                        terms.Add($"- {t.Path}_rf * {path}_{s} + {t.Path}_rr * {path}_{t.To}");
                    }

                    if (t.To == s)
                    {
                        terms.Add($"+ {t.Path}_rf * {path}_{t.From} - {t.Path}_rr * {path}_{s}");
                    }
                }

                var rhs = terms.Count == 0 ? "0" : string.Join(" ", terms).TrimStart('+', ' ');
                State($"{path}_{s}", rhs, i == 0 ? 1.0 : 0.0, null, states[i].Key, $"occupancy of state '{s}' of gate '{path}' ({(states[i].Open ? "openState" : "closedState")}); the first state starts at 1 (jLEMS)");
            }

            var open = states.Where(s => s.Open).Select(s => $"{path}_{s.Name}");
            AddDerived($"{path}_q", string.Join(" + ", open), null, key, $"gate '{path}' (gateKS): the open states' occupancy");
            return $"{path}_q";
        }

        /// <summary>A transition's <c>from</c> or <c>to</c>: a state's name, written as the value or (TVBO's form) as
        /// <c>description: nml:c1</c>.</summary>
        private string StateRef(YamlMappingNode m, YamlNode key, string path, string end)
        {
            var p = YamlSource.Get(m, "parameters") is { } ps ? src.Collection(ps, $"the parameters of '{path}'").FirstOrDefault(g => g.Name == end) : default;
            if (p.KeyNode is null)
            {
                throw src.Error(key, $"transition '{path}' (vHalfTransition) of model '{model}' has no '{end}'; give the state's name ({end}: c1, or TVBO's {end}: {{description: nml:c1}}).");
            }

            if (p.Value is YamlScalarNode { Value: { } direct } && !YamlSource.IsNumber(p.Value))
            {
                return direct.Trim();
            }

            if (p.Value is YamlMappingNode pm)
            {
                if ((YamlSource.Get(pm, "value") ?? YamlSource.Get(pm, "default")) is YamlScalarNode { Value: { } v } vn && !YamlSource.IsNumber(vn))
                {
                    return v.Trim();
                }

                if (YamlSource.Get(pm, "description") is YamlScalarNode { Value: { } d } && NmlId().Match(d) is { Success: true } id)
                {
                    return id.Groups[1].Value;
                }
            }

            throw src.Error(p.KeyNode, $"'{end}' of transition '{path}' (vHalfTransition) of model '{model}' does not name a state; give {end}: c1, or TVBO's {end}: {{description: nml:c1}}.");
        }
    }
}

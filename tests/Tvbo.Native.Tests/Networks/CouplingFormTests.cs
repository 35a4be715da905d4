using Tvbo.Experiment;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Native.Tests.Networks;

/// <summary>TVBO's coupling forms, each on a small network run natively and compared with the same network written in
/// the established form (<c>x_j</c>, keyed by the input) bit for bit, and with the independent reference integrator
/// where it fits: state names with <c>_j</c>/<c>_i</c>, bare incoming names, <c>x_j[0]</c>, a coupling keyed by its own
/// name, the experiment's single <c>coupling:</c>, local states only (TVBO's vectorized coupling), a multi-output coupling,
/// library couplings by name, and transforms on the weights.</summary>
[TestClass]
public sealed class CouplingFormTests
{
    /// <summary>Kuramoto phase oscillators, θ' = ω + c (lines 1-9).</summary>
    private const string Kuramoto = """
        dynamics:
          name: Kuramoto
          parameters: {omega: {value: 0.5}}
          coupling_inputs: {c: {}}
          state_variables:
            theta: {equation: {rhs: "omega + c"}, initial_value: 0.1, coupling_variable: true}
        integration: {method: Heun, step_size: 0.05, duration: 4.0}
        network:
          weights: [[0, 1.0, 0.5], [0.3, 0, 0], [2.0, 0.7, 0]]
          lengths: [[0, 0.3, 0.1], [0.3, 0, 0], [0.1, 0.2, 0]]
          nodes:
            - {state: {theta: 0.0}}
            - {state: {theta: 1.2}}
            - {state: {theta: -2.0}}

        """;

    private static readonly double[,] KuramotoWeights = { { 0, 1.0, 0.5 }, { 0.3, 0, 0 }, { 2.0, 0.7, 0 } };

    /// <summary>Jansen-Rit-like two-state source: y1' = -y1 + c, y2' = -2*y2 + 0.5*y1 (lines 1-9).</summary>
    private const string TwoStates = """
        dynamics:
          name: Two
          coupling_inputs: {c_s: {}}
          state_variables:
            y1: {equation: {rhs: "-y1 + 3*c_s + 1"}, initial_value: 4.0}
            y2: {equation: {rhs: "-2*y2 + 0.5*y1"}, initial_value: 1.0}
        integration: {method: Heun, step_size: 0.05, duration: 3.0}
        network:
          weights: [[0, 1.5], [0.8, 0]]
          lengths: [[0, 0.1], [0.2, 0]]
          nodes: [{state: {y1: 6.0, y2: 0.5}}, {state: {y1: 2.0, y2: 1.5}}]

        """;

    private static ExplorationResult Run(string text, string exploration = SimulationExperiment.IntegrationName)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-forms-").FullName, "exp.yaml");
        File.WriteAllText(path, text);
        return SimulationExperiment.Load(path, new Tvbo.Files.ExperimentFile.ExperimentLoadOptions { Logger = new RecordingLogger() }).RunBothWays().Explorations[exploration];
    }

    private static void BitForBit(ExplorationResult expected, ExplorationResult actual, string what)
    {
        CollectionAssert.AreEqual(expected.OutputNames.ToArray(), actual.OutputNames.ToArray(), what);
        Assert.AreEqual(expected.ConditionCount, actual.ConditionCount, what);
        var a = expected.Results.Span;
        var b = actual.Results.Span;
        Assert.AreEqual(a.Length, b.Length, what);
        for (var k = 0; k < a.Length; k++)
        {
            Assert.AreEqual(a[k], b[k], 0.0, $"{what}: value {k}");
        }
    }

    /// <summary>Guards the comparisons: a change of the coupling changes the numbers.</summary>
    private static void Differs(ExplorationResult a, ExplorationResult b, string what)
    {
        var x = a.Results.Span;
        var y = b.Results.Span;
        var largest = 0.0;
        for (var k = 0; k < x.Length; k++)
        {
            largest = Math.Max(largest, Math.Abs(x[k] - y[k]));
        }

        Assert.IsGreaterThan(1e-6, largest, what);
    }

    private static string Coupling(string body) => "  coupling:\n" + string.Join("\n", body.Split('\n').Select(l => "    " + l)) + "\n";

    [TestMethod]
    public void StateNamesWithJAndIAreTheSourcesAndTheTargets()
    {
        var reference = Run(Kuramoto + Coupling("c:\n  parameters: {G: 0.8}\n  pre_expression: 'sin(x_j - x_i)'\n  post_expression: 'G * gx'"));
        var named = Run(Kuramoto + Coupling("c:\n  parameters: {G: 0.8}\n  incoming_states: [theta]\n  local_states: [theta]\n  pre_expression: 'sin(theta_j - theta_i)'\n  post_expression: 'G * gx'"));
        BitForBit(reference, named, "theta_j / theta_i");
        var inferred = Run(Kuramoto + Coupling("c:\n  parameters: {G: 0.8}\n  pre_expression: 'sin(theta_j - theta_i)'\n  post_expression: 'G * gx'"));
        BitForBit(reference, inferred, "incoming states inferred from the expression");

        // The independent integrator: delays of round(length / 3 / 0.05) steps.
        var steps = new int[3, 3];
        var lengths = new double[,] { { 0, 0.3, 0.1 }, { 0.3, 0, 0 }, { 0.1, 0.2, 0 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                steps[i, j] = (int)Math.Round(lengths[i, j] / 3.0 / 0.05, MidpointRounding.ToEven);
            }
        }

        Assert.AreEqual(2, steps[1, 0]);
        var independent = NetworkReference.Integrate((_, y, c, d) => d[0] = 0.5 + c, [[0.0], [1.2], [-2.0]], KuramotoWeights, steps, 0, (xi, xj) => Math.Sin(xj - xi), g => 0.8 * g, 0.05, named.SampleCount, 1, heun: true);
        for (var s = 0; s < named.SampleCount; s++)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.AreEqual(independent[(s * 3) + i], named[0, s, i], 1e-12, $"sample {s}, node {i}");
            }
        }
    }

    [TestMethod]
    public void BareIncomingNamesAreTheSourcesDelayedValues()
    {
        const string Parameters = "parameters: {G: 2.0, cmin: 0.0, cmax: 0.005, midpoint: 6.0, r: 0.56}\n";
        var reference = Run(TwoStates + Coupling("c_s:\n  " + Parameters + "  incoming_states: [y1, y2]\n  pre_expression: 'cmin + (cmax - cmin) / (1.0 + exp(r * (midpoint - (x_j0 - x_j1))))'\n  post_expression: 'G * gx'"));
        var bare = Run(TwoStates + Coupling("c_s:\n  " + Parameters + "  incoming_states: [y1, y2]\n  pre_expression: 'cmin + (cmax - cmin) / (1.0 + exp(r * (midpoint - (y1 - y2))))'\n  post_expression: 'G * gx'"));
        BitForBit(reference, bare, "bare incoming names");
        var indexed = Run(TwoStates + Coupling("c_s:\n  " + Parameters + "  incoming_states: [y1, y2]\n  pre_expression: 'cmin + (cmax - cmin) / (1.0 + exp(r * (midpoint - (x_j[0] - x_j[1]))))'\n  post_expression: 'G * gx'"));
        BitForBit(reference, indexed, "x_j[0], x_j[1] as TVBO's library writes them");

        // A bare local name is the target's: y1 - y2_j mixes the target's y1 with the source's y2.
        var mixedReference = Run(TwoStates + Coupling("c_s:\n  incoming_states: [y2]\n  local_states: [y1]\n  pre_expression: 'x_i - x_j'"));
        var mixed = Run(TwoStates + Coupling("c_s:\n  incoming_states: [y2]\n  local_states: [y1]\n  pre_expression: 'y1 - y2'"));
        BitForBit(mixedReference, mixed, "a bare local name");
        Differs(reference, mixed, "which states the coupling reads matters");
    }

    [TestMethod]
    public void ACouplingKeyedByItsOwnNameDrivesTheOnlyInputAndIsExploredByItsName()
    {
        const string Body = "  parameters: {G: 0.8}\n  incoming_states: [theta]\n  local_states: [theta]\n  pre_expression: 'sin(theta_j - theta_i)'\n  post_expression: 'G * gx'";
        var byInput = Run(Kuramoto + Coupling("c:\n" + Body) + "explorations:\n  g: {space: {c.G: {explored_values: [0.2, 0.8]}}}\n", "g");
        var byName = Run(Kuramoto + Coupling("DelayedKuramotoCoupling:\n  delayed: true\n" + Body) + "explorations:\n  g: {space: {DelayedKuramotoCoupling.G: {explored_values: [0.2, 0.8]}}}\n", "g");
        BitForBit(byInput, byName, "keyed by its own name");
        Assert.AreEqual("DelayedKuramotoCoupling.G", byName.Grid.Axes[0].Name);
    }

    [TestMethod]
    public void TheExperimentsSingleCouplingDrivesTheOnlyInput()
    {
        var reference = Run(TwoStates + Coupling("c_s:\n  parameters: {k: 0.3}\n  incoming_states: [y1]\n  pre_expression: 'x_j'\n  post_expression: 'k * gx + 1'"));
        var single = Run(TwoStates + "coupling:\n  name: LinearCoupling\n  parameters: {k: 0.3}\n  incoming_states: [y1]\n  pre_expression: {rhs: 'y1_j'}\n  post_expression: {rhs: 'k * gx + 1'}\n");
        BitForBit(reference, single, "top-level coupling");
        var unnamed = Run(TwoStates + "coupling:\n  parameters: {k: 0.3}\n  incoming_states: [y1]\n  pre_expression: 'y1'\n  post_expression: 'k * gx + 1'\n");
        BitForBit(reference, unnamed, "top-level coupling without a name");
        Differs(reference, Run(TwoStates + "coupling:\n  parameters: {k: 0.6}\n  incoming_states: [y1]\n  pre_expression: 'y1'\n  post_expression: 'k * gx + 1'\n"), "k matters");
    }

    [TestMethod]
    public void LocalStatesOnlySumTheSourcesCurrentValues()
    {
        var reference = Run(Kuramoto + Coupling("c:\n  delayed: false\n  parameters: {G: 0.025}\n  incoming_states: [theta]\n  pre_expression: 'x_j'\n  post_expression: 'G * gx'"));
        var vectorized = Run(Kuramoto + Coupling("c:\n  delayed: false\n  local_states: [theta]\n  pre_expression: {rhs: local_states}\n  post_expression: {rhs: 'G * gx'}\n  parameters: {G: {value: 0.025}}"));
        BitForBit(reference, vectorized, "TVBO's vectorized coupling (local_states only)");
        var library = Run(Kuramoto + Coupling("FastLinearCoupling:\n  local_states: [theta]\n  parameters: {G: 0.025}"));
        BitForBit(reference, library, "tvbo:FastLinearCoupling by its name (G·gx + b, b = 0, not delayed)");
    }

    [TestMethod]
    public void AMultiOutputCouplingDrivesEachComponentWithItsOwnSum()
    {
        const string Scalar = """
            dynamics:
              name: EI
              coupling_inputs: {c_lre: {}, c_ffi: {}}
              state_variables:
                S_e: {equation: {rhs: "-S_e + 0.5*c_lre - 0.2*S_i + 1"}, initial_value: 0.2, coupling_variable: true}
                S_i: {equation: {rhs: "-2*S_i + c_ffi + 0.3*S_e"}, initial_value: 0.1}
            integration: {method: Heun, step_size: 0.05, duration: 3.0}
            network:
              weights: [[0, 2, 1], [1, 0, 0.5], [0.25, 3, 0]]
              nodes: [{state: {S_e: 0.9}}, {}, {state: {S_i: 0.7}}]
              coupling:
                c_lre: {delayed: false, parameters: {wLRE: 1.5, wFFI: 0.5}, incoming_states: [S_e], pre_expression: 'x_j * wLRE', post_expression: gx}
                c_ffi: {delayed: false, parameters: {wLRE: 1.5, wFFI: 0.5}, incoming_states: [S_e], pre_expression: 'x_j * wFFI', post_expression: gx}
            """;
        var vector = Scalar
            .Replace("coupling_inputs: {c_lre: {}, c_ffi: {}}", "coupling_inputs:\n    EIBLinearCoupling: {dimension: 2, keys: [c_lre, c_ffi]}", StringComparison.Ordinal)
            .Replace("""
                    c_lre: {delayed: false, parameters: {wLRE: 1.5, wFFI: 0.5}, incoming_states: [S_e], pre_expression: 'x_j * wLRE', post_expression: gx}
                    c_ffi: {delayed: false, parameters: {wLRE: 1.5, wFFI: 0.5}, incoming_states: [S_e], pre_expression: 'x_j * wFFI', post_expression: gx}
                """, """
                    EIBLinearCoupling:
                      delayed: false
                      parameters: {wLRE: {value: 1.5, heterogeneous: true, free: true, shape: "(n_nodes, n_nodes)"}, wFFI: {value: 0.5}}
                      incoming_states: [S_e]
                      pre_expression: {rhs: "[S_e * wLRE, S_e * wFFI]"}
                      post_expression: {rhs: gx}

                """, StringComparison.Ordinal);
        Assert.AreNotEqual(Scalar, vector);
        BitForBit(Run(Scalar), Run(vector), "dimension 2 with keys and a list of pre-expressions");
        var yamlList = vector.Replace("pre_expression: {rhs: \"[S_e * wLRE, S_e * wFFI]\"}", "pre_expression: ['S_e * wLRE', {rhs: 'S_e * wFFI'}]", StringComparison.Ordinal);
        Assert.AreNotEqual(vector, yamlList);
        BitForBit(Run(Scalar), Run(yamlList), "the pre-expressions as a YAML list");
        Differs(Run(Scalar), Run(vector.Replace("wFFI: {value: 0.5}", "wFFI: {value: 0.9}", StringComparison.Ordinal)), "the second component's weight matters");
    }

    [TestMethod]
    public void ConstantsInACouplingAreTheirValues()
    {
        // pi in the pre- and post-expressions is the constant, not a coupling parameter of that name (run as data and as
        // the lowered system, compared by Run).
        var named = Run(Kuramoto + Coupling("c:\n  parameters: {G: 0.8}\n  pre_expression: 'sin(pi*(x_j - x_i))'\n  post_expression: 'G * gx / pi'"));
        var numbers = Run(Kuramoto + Coupling("c:\n  parameters: {G: 0.8}\n  pre_expression: 'sin(3.141592653589793*(x_j - x_i))'\n  post_expression: 'G * gx / 3.141592653589793'"));
        BitForBit(numbers, named, "pi");
        Differs(named, Run(Kuramoto + Coupling("c:\n  parameters: {G: 0.8}\n  pre_expression: 'sin(x_j - x_i)'\n  post_expression: 'G * gx'")), "pi changes the coupling");
    }

    [TestMethod]
    public void TvbosKuramotoCouplingByIriDividesByItsParameterN()
    {
        var reference = Run(Kuramoto + Coupling("c:\n  parameters: {a: 0.7, N: 1.0}\n  pre_expression: 'sin(x_j - x_i)'\n  post_expression: 'a*gx/N'"));
        var library = Run(Kuramoto + Coupling("c: {iri: tvbo:KuramotoCoupling, parameters: {a: 0.7}}"));
        BitForBit(reference, library, "tvbo:KuramotoCoupling: N is a parameter (1), not the number of nodes");
        var named = Run(Kuramoto + "coupling: {name: KuramotoCoupling, parameters: {a: {name: a, value: 0.7}}, local_states: [theta]}\n");
        BitForBit(reference, named, "TVBO's own single coupling named KuramotoCoupling with local_states only: x_j reads them at the sources");
        var tvb = Run(Kuramoto + Coupling("c: {iri: tvbo:Kuramoto, parameters: {a: 0.7}}"));
        var byNodes = Run(Kuramoto + Coupling("c:\n  parameters: {a: 0.7, N: 3.0}\n  pre_expression: 'sin(x_j - x_i)'\n  post_expression: 'a*gx/N'"));
        BitForBit(byNodes, tvb, "tvbo:Kuramoto (TVB's): N is the number of nodes");
    }

    [TestMethod]
    public void TransformedWeightsRunAsTheTransformedMatrixWritten()
    {
        // The mean of the positive weights (1, 0.5, 0.3, 2, 0.7, summed in row order); over it, then over the new maximum.
        var mean = (1.0 + 0.5 + 0.3 + 2.0 + 0.7) / 5;
        var transformed = Run(Kuramoto + "  transforms:\n    - {name: weight, equation: {rhs: 'weight / mean(weight[weight > 0])'}}\n    - {name: weight, equation: {rhs: 'weight / max(weight)'}}\n"
            + Coupling("c: {pre_expression: 'sin(x_j - x_i)', post_expression: gx}"));
        var w = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                w[i, j] = KuramotoWeights[i, j] / mean / (2.0 / mean);
            }
        }

        var rows = string.Join(", ", Enumerable.Range(0, 3).Select(i => "[" + string.Join(", ", Enumerable.Range(0, 3).Select(j => w[i, j].ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "]"));
        var written = Run(Kuramoto.Replace("weights: [[0, 1.0, 0.5], [0.3, 0, 0], [2.0, 0.7, 0]]", $"weights: [{rows}]", StringComparison.Ordinal)
            + Coupling("c: {pre_expression: 'sin(x_j - x_i)', post_expression: gx}"));
        BitForBit(written, transformed, "transformed weights");
    }
}

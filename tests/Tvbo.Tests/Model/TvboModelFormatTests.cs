using Microsoft.Extensions.Logging;
using Tvbo.Experiment;
using Tvbo.Expressions;
using Tvbo.Files;
using Tvbo.Files.ExperimentFile;
using Tvbo.Model;
using Tvbo.TestSupport;

namespace Tvbo.Tests.Model;

/// <summary>TVBO's model (Dynamics) files as TVBO writes them (see TVBO-FORMAT.md §2): file in, numbers or the exact error out.</summary>
[TestClass]
public sealed class TvboModelFormatTests
{
    private static string Write(string text, string name = "M.yaml")
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-model-").FullName;
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dynamics Load(string yaml, RecordingLogger? log = null) => Dynamics.Load(Write(yaml), log ?? new RecordingLogger());

    private static TvboFileException Fails(string yaml)
    {
        var ex = Assert.ThrowsExactly<TvboFileException>(() => Dynamics.FromYaml(yaml, "model.yaml"));
        Assert.AreEqual("model.yaml", ex.File);
        StringAssert.StartsWith(ex.Message, ex.Line > 0 ? $"model.yaml:{ex.Line}:{ex.Column}: " : "model.yaml: ");
        return ex;
    }

    /// <summary>Evaluates an expression with the model's parameter values and the given variable values.</summary>
    private static double Eval(Dynamics m, Expr e, params (string Name, double Value)[] vars) =>
        ExpressionEvaluator.Evaluate(e, name =>
            vars.FirstOrDefault(v => v.Name == name) is { Name: not null } v ? v.Value
            : m.FindParameter(name) is { } p ? p.Value
            : throw new InvalidOperationException($"no value for '{name}'"));

    private static StateVariable State(Dynamics m, string name) => m.StateVariables.Single(s => s.Name == name);

    // ---------------------------------------------------------------- state variables

    [TestMethod]
    public void MissingInitialValueIsTvboDefault()
    {
        var log = new RecordingLogger();
        var m = Load("name: M\nstate_variables:\n  x: {equation: {rhs: '-x'}}\n  y: {equation: {rhs: '-y'}, initial_value: 0.3}\n", log);
        Assert.AreEqual(0.1, State(m, "x").InitialValue);
        Assert.IsTrue(State(m, "x").InitialValueIsDefault);
        Assert.AreEqual(0.3, State(m, "y").InitialValue);
        Assert.IsFalse(State(m, "y").InitialValueIsDefault);
        log.Single(LogLevel.Debug, "state variable 'x' has no initial_value", "0.1");
    }

    [TestMethod]
    [DataRow("equation: {lhs: '\\dot{X}', rhs: '-2*X'}")]
    [DataRow("equation: {lhs: Xdot, rhs: '-2*X'}")]
    [DataRow("equation: {lhs: 'dX/dt', rhs: '-2*X'}")]
    [DataRow("equation: {lhs: 'Derivative(X, t)', rhs: '-2*X'}")]
    [DataRow("equation: {lhs: Derivative(X, t), rhs: '-2*X'}")] // a YAML-split flow mapping: 'lhs: Derivative(X' and a key 't)'
    [DataRow("equation: {lhs: Derivative(X,t), rhs: '-2*X'}")]
    [DataRow("equation: {lhs: 'Derivative(theta, t)', rhs: '-2*X'}")] // names no state variable: documentation
    [DataRow("equation:\n      lhs: \\dot{X}\n      rhs: -2*X")]
    [DataRow("equation: {lefthandside: thetadot, righthandside: '-2*X'}")]
    public void LhsIsDocumentation(string equation)
    {
        var m = Dynamics.FromYaml($"name: M\nstate_variables:\n  X:\n    {equation}\n    initial_value: 1\n  Y: {{equation: '-Y', initial_value: 0}}\n");
        Assert.AreEqual("-2*X", State(m, "X").EquationText);
        Assert.AreEqual(-2.0, Eval(m, State(m, "X").Equation, ("X", 1.0)));
    }

    [TestMethod]
    public void LhsThetadotIsDocumentation()
    {
        var m = Dynamics.FromYaml("name: Kuramoto\nparameters:\n  omega: 1.0\nstate_variables:\n  theta: {equation: {lhs: thetadot, rhs: omega}, initial_value: 0}\n");
        Assert.AreEqual("omega", State(m, "theta").EquationText);
    }

    [TestMethod]
    [DataRow("{lhs: 'Derivative(Y, t)', rhs: '-X'}")]
    [DataRow("{lhs: Derivative(Y, t), rhs: '-X'}")]
    [DataRow("{lhs: 'Derivative( Y , t )', rhs: '-X'}")]
    public void LhsNamingAnotherStateVariableIsAnError(string equation)
    {
        var ex = Fails($"name: M\nstate_variables:\n  X:\n    equation: {equation}\n    initial_value: 1\n  Y: {{equation: '-Y', initial_value: 0}}\n");
        Assert.AreEqual(4, ex.Line);
        StringAssert.Contains(ex.Problem, "the lhs of state variable 'X' is 'Derivative(Y, t)', the derivative of another state variable");
        StringAssert.Contains(ex.Problem, "defines dX/dt");
    }

    [TestMethod]
    [DataRow("{lhs: x_next, rhs: 'r*x*(1 - x)'}", "x_next")]
    [DataRow("{lhs: 'x[n+1]', rhs: 'r*x*(1 - x)'}", "x[n+1]")]
    public void MapLhsInContinuousModelIsRefused(string equation, string lhs)
    {
        var ex = Fails($"name: Logistic\nparameters:\n  r: 3.5\nstate_variables:\n  x:\n    equation: {equation}\n    initial_value: 0.5\n");
        Assert.AreEqual(6, ex.Line);
        StringAssert.Contains(ex.Problem, $"the lhs of state variable 'x' is '{lhs}', the next value of a discrete map, but model 'Logistic' is continuous; declare 'system_type: discrete'");
    }

    [TestMethod]
    [DataRow("{lhs: x_next, rhs: 'r*x*(1 - x)'}")]
    [DataRow("{lhs: 'x[n+1]', rhs: 'r*x*(1 - x)'}")]
    [DataRow("{rhs: 'r*x*(1 - x)'}")]
    [DataRow("'r*x*(1 - x)'")]
    public void DiscreteModelReadsNextValues(string equation)
    {
        var m = Dynamics.FromYaml($"name: Logistic\nsystem_type: discrete\nparameters:\n  r: 3.5\nstate_variables:\n  x:\n    equation: {equation}\n    initial_value: 0.5\n");
        Assert.AreEqual(SystemType.Discrete, m.SystemType);
        Assert.IsTrue(m.IsDiscrete);
        Assert.AreEqual(3.5 * 0.2 * (1 - 0.2), Eval(m, State(m, "x").Equation, ("x", 0.2)));
    }

    [TestMethod]
    public void DiscreteModelLhsMustNameItsOwnVariable()
    {
        var other = Fails("name: H\nsystem_type: discrete\nstate_variables:\n  x: {equation: {lhs: y_next, rhs: 'y'}, initial_value: 0}\n  y: {equation: {lhs: y_next, rhs: 'x'}, initial_value: 0}\n");
        StringAssert.Contains(other.Problem, "the lhs of state variable 'x' is 'y_next', the next value of another state variable");

        var derivative = Fails("name: H\nsystem_type: discrete\nstate_variables:\n  x: {equation: {lhs: 'Derivative(x, t)', rhs: '-x'}, initial_value: 0}\n");
        StringAssert.Contains(derivative.Problem, "a time derivative, but model 'H' is a discrete map (system_type: discrete)");
    }

    [TestMethod]
    public void SystemTypeIsRead()
    {
        Assert.AreEqual(SystemType.Discrete, Dynamics.FromYaml("name: Logistic\nsystem_type: Discrete\nstate_variables:\n  x: {equation: 'x', initial_value: 0.5}\n").SystemType);

        var bad = Fails("name: M\nsystem_type: hybrid\nstate_variables:\n  x: {equation: 'x', initial_value: 0.5}\n");
        StringAssert.Contains(bad.Problem, "system_type 'hybrid' is not known; valid: continuous, discrete.");

        var continuous = Dynamics.FromYaml("name: M\nsystem_type: continuous\nstate_variables:\n  x: {equation: '-x', initial_value: 0.5}\n");
        Assert.AreEqual(SystemType.Continuous, continuous.SystemType);
        Assert.AreEqual(SystemType.Continuous, Dynamics.FromYaml("name: M\nstate_variables:\n  x: {equation: '-x', initial_value: 0.5}\n").SystemType);
    }

    [TestMethod]
    public void TimeInARhsLoadsAndTheModelIsNotAutonomous()
    {
        var m = Dynamics.FromYaml("name: Forced\nparameters:\n  w: 2.0\nstate_variables:\n  x: {equation: {rhs: 'sin(w*t) - x'}, initial_value: 0}\n");
        Assert.IsFalse(m.IsAutonomous);
        Assert.AreEqual(SymbolKind.Time, m.Resolve("t"));
        Assert.AreEqual(Math.Sin(3.0) - 0.5, Eval(m, State(m, "x").Equation, ("t", 1.5), ("x", 0.5)), 1e-15);

        Assert.IsTrue(Dynamics.FromYaml("name: Free\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n").IsAutonomous);
    }

    [TestMethod]
    [DataRow("equation_type: algebraic", "state variable 'x' has equation_type 'algebraic'; only differential equations are supported")]
    [DataRow("equation_order: 2", "state variable 'x' has equation_order 2; only first-order equations are supported")]
    [DataRow("noise: {sigma: 0.1}", "the noise of state variable 'x': 'sigma' is not supported; TVBO's simulators read only parameters.sigma")]
    [DataRow("history: {value: 0.5}", "state variable 'x' gives a history")]
    public void UnsupportedStateVariableKeysAreErrors(string entry, string problem)
    {
        var ex = Fails($"name: M\nstate_variables:\n  x:\n    equation: '-x'\n    initial_value: 0\n    {entry}\n");
        Assert.AreEqual(6, ex.Line);
        StringAssert.Contains(ex.Problem, problem);
    }

    // ---------------------------------------------------------------- functions

    [TestMethod]
    public void FunctionsWithArgumentsAreInlined()
    {
        var m = Dynamics.FromYaml("""
            name: RWW
            parameters:
              a: 270.0
              b: 108.0
              d: 0.154
              x0: 0.3
            functions:
              H:
                arguments: [{name: x}]
                equation: {rhs: "(a*x - b)/(1 - exp(-d*(a*x - b)))"}
                definition: the transfer function
            state_variables:
              S: {equation: {rhs: "-S + H(x0 + S)"}, initial_value: 0.1}
            """);
        var eq = State(m, "S").Equation;
        CollectionAssert.AreEquivalent(new[] { "S", "a", "b", "d", "x0" }, eq.FreeSymbols().ToArray(), "H is inlined and its formal x replaced");
        var s = 0.2;
        var arg = 270.0 * (0.3 + s) - 108.0;
        Assert.AreEqual(-s + (arg / (1 - Math.Exp(-0.154 * arg))), Eval(m, eq, ("S", s)), 1e-12);
        Assert.IsTrue(m.Functions.ContainsKey("H"));
    }

    [TestMethod]
    public void FunctionArgumentsMayBePlainNamesAndShadowModelNames()
    {
        // The formal 'x' shadows the state variable x only inside the body.
        var m = Dynamics.FromYaml("name: M\nparameters:\n  k: 3.0\nfunctions:\n  sq: {arguments: [x], equation: 'k*x**2'}\nstate_variables:\n  x: {equation: 'sq(x + 1) - x', initial_value: 0}\n");
        Assert.AreEqual((3.0 * 9.0) - 2.0, Eval(m, State(m, "x").Equation, ("x", 2.0)), 1e-12);
    }

    [TestMethod]
    public void FunctionCallingALaterDefinedFunctionWorks()
    {
        var m = Dynamics.FromYaml("""
            name: M
            functions:
              outer: {arguments: [{name: u}], equation: {rhs: "2*inner(u) + 1"}}
              inner: {arguments: [{name: v}], equation: {rhs: "v**2"}}
            state_variables:
              x: {equation: {rhs: "outer(x)"}, initial_value: 0}
            """);
        Assert.AreEqual((2 * 9.0) + 1, Eval(m, State(m, "x").Equation, ("x", 3.0)), 1e-12);
        CollectionAssert.AreEquivalent(new[] { "x" }, State(m, "x").Equation.FreeSymbols().ToArray());
    }

    [TestMethod]
    public void FunctionsCallingEachOtherInACycleAreAnError()
    {
        var ex = Fails("name: M\nfunctions:\n  f: {arguments: [u], equation: 'g(u) + 1'}\n  g: {arguments: [u], equation: 'f(u) * 2'}\nstate_variables:\n  x: {equation: 'f(x)', initial_value: 0}\n");
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "functions 'f', 'g' call each other in a cycle");
    }

    [TestMethod]
    public void FunctionCallingItselfIsACycle()
    {
        // Fixed: self-recursion used to fail as "unknown function 'f'", as if f were not declared.
        var ex = Fails("name: M\nfunctions:\n  f: {arguments: [u], equation: 'f(u) * 2'}\nstate_variables:\n  x: {equation: 'f(x)', initial_value: 0}\n");
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "functions 'f' call each other in a cycle");
    }

    [TestMethod]
    public void FunctionCalledWithTheWrongNumberOfArgumentsIsAnError()
    {
        var ex = Fails("name: M\nfunctions:\n  H: {arguments: [{name: u}], equation: 'u + 1'}\nstate_variables:\n  x:\n    equation: 'H(x, 2)'\n    initial_value: 0\n");
        Assert.AreEqual(6, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, "'H'");
        StringAssert.Contains(ex.Problem, "1 argument");
        StringAssert.Contains(ex.Problem, "2");
    }

    [TestMethod]
    public void FunctionWithoutEquationIsWarned()
    {
        var log = new RecordingLogger();
        var m = Load("name: M\nfunctions:\n  sigm: {definition: a sigmoid}\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n", log);
        Assert.IsFalse(m.Functions.ContainsKey("sigm"));
        log.Single(LogLevel.Warning, ":3:", "function 'sigm' has no equation");
    }

    // ---------------------------------------------------------------- derived quantities and coupling

    [TestMethod]
    public void DerivedParametersAndVariables()
    {
        var m = Dynamics.FromYaml("""
            name: M
            parameters:
              tau: 4.0
            derived_parameters:
              rate: {equation: {rhs: "1/tau"}}
              twice: {value: "2*tau"}
            derived_variables:
              drive: {equation: {lhs: drive, rhs: "rate*x + twice"}}
            state_variables:
              x: {equation: {rhs: "-drive"}, initial_value: 1}
            """);
        CollectionAssert.AreEqual(new[] { "rate", "twice", "drive" }, m.DerivedVariables.Select(d => d.Name).ToArray());
        Assert.AreEqual(0.25, Eval(m, m.DerivedVariables[0].Equation));
        Assert.AreEqual(8.0, Eval(m, m.DerivedVariables[1].Equation));
        Assert.AreEqual(SymbolKind.DerivedVariable, m.Resolve("rate"));
        CollectionAssert.AreEqual(new[] { "tau" }, m.Parameters.Select(p => p.Name).ToArray(), "derived parameters are not explorable parameters");
    }

    [TestMethod]
    public void CouplingInputsAndCouplingTermsAreBothCouplingTerms()
    {
        var m = Dynamics.FromYaml("""
            name: M
            coupling_inputs:
              c_glob: {dimension: 1}
              local_coupling: {}
            coupling_terms:
              c_pop0: {description: older form}
              c_glob: {}
            state_variables:
              x: {equation: {rhs: "-x + c_glob + c_pop0 + local_coupling"}, initial_value: 0}
            """);
        CollectionAssert.AreEqual(new[] { "c_glob", "local_coupling", "c_pop0" }, m.CouplingTerms.Select(c => c.Name).ToArray());
        Assert.AreEqual("older form", m.CouplingTerms[2].Description);
        Assert.IsTrue(m.CouplingTerms.All(c => c.Value == 0.0));
        Assert.IsNull(m.FindParameter("local_coupling"), "a declared local_coupling is a coupling term, not a parameter");
    }

    [TestMethod]
    public void CouplingInputOfHigherDimensionNeedsKeys()
    {
        var ex = Fails("name: M\ncoupling_inputs:\n  c: {dimension: 2}\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n");
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "coupling input 'c' has dimension 2 but no keys; name its components with keys: [...], which the equations use (TVBO's multi-output couplings).");
        var m = Dynamics.FromYaml("name: M\ncoupling_inputs:\n  c: {dimension: 2, keys: [a, b]}\nstate_variables:\n  x: {equation: '-x + a - b', initial_value: 0}\n");
        CollectionAssert.AreEqual(new[] { "a", "b" }, m.CouplingTerms.Select(t => t.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "c", "c" }, m.CouplingTerms.Select(t => t.Input).ToArray());
    }

    [TestMethod]
    public void UndeclaredLocalCouplingBecomesAZeroParameter()
    {
        var m = Dynamics.FromYaml("name: M\nstate_variables:\n  x: {equation: '-x + local_coupling*x', initial_value: 0}\n");
        Assert.AreEqual(0.0, m.FindParameter("local_coupling")!.Value);

        var named = Dynamics.FromYaml("name: M\nlocal_coupling_term: lc\nstate_variables:\n  x: {equation: '-x + lc*x', initial_value: 0}\n");
        Assert.AreEqual(0.0, named.FindParameter("lc")!.Value);
    }

    // ---------------------------------------------------------------- domains and boundaries

    [TestMethod]
    [DataRow("domain: {lo: 0, hi: 1, enforce: clamp}", 0.0, 1.0, BoundaryMode.Clamp)]
    [DataRow("domain: {lo: -1, enforce: clamp}", -1.0, double.PositiveInfinity, BoundaryMode.Clamp)]
    [DataRow("domain: {lo: 0.0, hi: 6.283185307179586, enforce: wrap}", 0.0, 6.283185307179586, BoundaryMode.Wrap)]
    [DataRow("domain: {lo: 0, hi: 1, enforce: Clamp}", 0.0, 1.0, BoundaryMode.Clamp)]
    [DataRow("boundaries: {lo: 0.0, hi: .inf}", 0.0, double.PositiveInfinity, BoundaryMode.Clamp)]
    [DataRow("boundaries: {hi: 2}", double.NegativeInfinity, 2.0, BoundaryMode.Clamp)]
    [DataRow("domain: {lo: 0, hi: 1}\n    boundaries: {lo: 0, hi: 1}", 0.0, 1.0, BoundaryMode.Clamp)]
    public void DomainsWithEnforceAndLegacyBoundariesBound(string entry, double lo, double hi, BoundaryMode mode)
    {
        var m = Dynamics.FromYaml($"name: M\nstate_variables:\n  x:\n    equation: '-x'\n    initial_value: 0\n    {entry}\n");
        Assert.AreEqual(new Boundaries(lo, hi, mode), State(m, "x").Boundaries);
    }

    [TestMethod]
    [DataRow("domain: {lo: 0, hi: 1}")]
    [DataRow("domain: {lo: 0, hi: 1, enforce: none}")]
    [DataRow("domain: {lo: 0, hi: 1, step: 0.01}")]
    public void PlainDomainsDoNotBound(string entry)
    {
        var m = Dynamics.FromYaml($"name: M\nstate_variables:\n  x:\n    equation: '-x'\n    initial_value: 0\n    {entry}\n");
        Assert.IsNull(State(m, "x").Boundaries);
    }

    [TestMethod]
    [DataRow("domain: {lo: 0, hi: 1, enforce: reflect}", "domain.enforce of state variable 'x' is 'reflect'; valid: none, clamp, wrap.")]
    [DataRow("domain: {lo: 0, enforce: wrap}", "'enforce: wrap' needs finite lo < hi, got [0, Infinity]")]
    [DataRow("domain: {lo: 0, hi: 1, enforce: clamp}\n    boundaries: {lo: 0, hi: 1}", "has both 'boundaries' and a domain with 'enforce'")]
    [DataRow("domain: {lo: 0, hi: 1, enforc: clamp}", "'enforc' is not a key of the domain of state variable 'x'; did you mean 'enforce'?")]
    public void BadDomainsAreErrors(string entry, string problem)
    {
        var ex = Fails($"name: M\nstate_variables:\n  x:\n    equation: '-x'\n    initial_value: 0\n    {entry}\n");
        Assert.IsTrue(ex.Line >= 6, ex.Message);
        StringAssert.Contains(ex.Problem, problem);
    }

    // ---------------------------------------------------------------- output

    [TestMethod]
    public void OutputSelectsStateAndDerivedVariables()
    {
        var m = Dynamics.FromYaml("name: JR\nderived_variables:\n  v: {equation: 'y1 - y2'}\nstate_variables:\n  y1: {equation: '-y1', initial_value: 0}\n  y2: {equation: '-y2', initial_value: 0}\noutput: [v, y1]\n");
        CollectionAssert.AreEqual(new[] { "v", "y1" }, m.Outputs.ToArray());
        var exp = new SimulationExperiment(m);
        CollectionAssert.AreEqual(new[] { "v", "y1" }, exp.OutputNamesFor(null).ToArray());
    }

    [TestMethod]
    public void UnknownOutputIsAnErrorListingTheOutputs()
    {
        var ex = Fails("name: JR\nstate_variables:\n  y1: {equation: '-y1', initial_value: 0}\n  y2: {equation: '-y2', initial_value: 0}\noutput: [y1, y3]\n");
        Assert.AreEqual(5, ex.Line);
        StringAssert.Contains(ex.Problem, "output 'y3' is not a state or derived variable; outputs: y1, y2.");
    }

    // ---------------------------------------------------------------- expressions

    [TestMethod]
    public void UnicodeNamesLoad()
    {
        var m = Dynamics.FromYaml("""
            name: Unicode
            parameters:
              σ_ext: {value: 0.5}
              τ: 2.0
            derived_variables:
              m_∞: {equation: {rhs: "1/(1 + exp(-V))"}}
            state_variables:
              V: {equation: {rhs: "(m_∞ - V)/τ + σ_ext"}, initial_value: 0}
            """);
        CollectionAssert.AreEqual(new[] { "σ_ext", "τ" }, m.Parameters.Select(p => p.Name).ToArray());
        Assert.AreEqual("m_∞", m.DerivedVariables.Single().Name);
        CollectionAssert.AreEquivalent(new[] { "m_∞", "V", "τ", "σ_ext" }, State(m, "V").Equation.FreeSymbols().ToArray());
    }

    [TestMethod]
    public void ModuloAndPiecewiseWithCompoundConditionsLoad()
    {
        var m = Dynamics.FromYaml("""
            name: M
            parameters:
              a: 1.0
              b: -1.0
            derived_variables:
              phase: {equation: {rhs: "x % 2"}}
              gate: {equation: {rhs: "Piecewise((a, (x > 0) & (x < 1)), (b, True))"}}
              either: {equation: {rhs: "Piecewise((1, (x < -5) | (x > 5)), (0, True))"}}
            state_variables:
              x: {equation: {rhs: "gate + phase + either"}, initial_value: 0}
            """);
        Expr D(string n) => m.DerivedVariables.Single(d => d.Name == n).Equation;
        Assert.AreEqual(1.0, Eval(m, D("phase"), ("x", -1.0)), "Python's modulo takes the sign of the divisor");
        Assert.AreEqual(0.5, Eval(m, D("phase"), ("x", 2.5)));
        Assert.AreEqual(1.0, Eval(m, D("gate"), ("x", 0.5)));
        Assert.AreEqual(-1.0, Eval(m, D("gate"), ("x", 1.0)));
        Assert.AreEqual(-1.0, Eval(m, D("gate"), ("x", 0.0)));
        Assert.AreEqual(1.0, Eval(m, D("either"), ("x", 6.0)));
        Assert.AreEqual(0.0, Eval(m, D("either"), ("x", 0.0)));
    }

    [TestMethod]
    public void GroundingIsDocumentationAndWarnsNothing()
    {
        // TVBO's current models link parameters and variables to ontologies: no effect on the numbers.
        var log = new RecordingLogger();
        var m = Load("""
            name: M
            grounding: {iri: "https://example.org/model"}
            parameters:
              k: {value: 2.0, grounding: [{iri: "https://example.org/k"}]}
            state_variables:
              x: {equation: {rhs: "-k*x"}, initial_value: 1.0, grounding: {iri: "https://example.org/x"}}
            """, log);
        Assert.AreEqual(2.0, m.Parameters.Single().Value);
        Assert.IsEmpty(log.Warnings, string.Join("\n", log.Warnings));
    }

    [TestMethod]
    public void CasesBecomeAPiecewise()
    {
        var m = Dynamics.FromYaml("""
            name: M
            parameters:
              k: 3.0
            derived_variables:
              f:
                cases:
                  - {condition: "x < 0", equation: {rhs: "-k*x"}}
                  - {condition: "x < 1", equation: "k"}
                  - {equation: {rhs: "k*x**2"}}
            state_variables:
              x: {equation: {rhs: "-f"}, initial_value: 0}
            """);
        var f = m.DerivedVariables.Single();
        Assert.IsInstanceOfType<PiecewiseExpr>(f.Equation);
        Assert.HasCount(3, ((PiecewiseExpr)f.Equation).Cases);
        Assert.AreEqual(6.0, Eval(m, f.Equation, ("x", -2.0)));
        Assert.AreEqual(3.0, Eval(m, f.Equation, ("x", 0.5)));
        Assert.AreEqual(12.0, Eval(m, f.Equation, ("x", 2.0)));
    }

    [TestMethod]
    public void CasesBesideAnEquationWithoutRhsAreItsValue()
    {
        // TVBO's antidots model: equation: {lhs: Ux} (documentation) with conditional: true and cases.
        var m = Dynamics.FromYaml("""
            name: M
            derived_variables:
              Ux:
                equation: {lhs: Ux, latex: false}
                conditional: true
                cases:
                  - {condition: "x < 2", equation: {lhs: Ux, rhs: "-x"}}
                  - {condition: "True", equation: {lhs: Ux, rhs: 0}}
            state_variables:
              x: {equation: {rhs: "Ux"}, initial_value: 0}
            """);
        var f = m.DerivedVariables.Single();
        Assert.AreEqual(-1.5, Eval(m, f.Equation, ("x", 1.5)));
        Assert.AreEqual(0.0, Eval(m, f.Equation, ("x", 3.0)));
    }

    [TestMethod]
    public void EquationConditionalsBecomeAPiecewise()
    {
        var m = Dynamics.FromYaml("""
            name: M
            derived_variables:
              f:
                equation:
                  conditionals:
                    - {condition: "x > 0", expression: "x"}
                    - {expression: "0"}
            state_variables:
              x: {equation: {rhs: "-f"}, initial_value: 0}
            """);
        var f = m.DerivedVariables.Single();
        Assert.IsInstanceOfType<PiecewiseExpr>(f.Equation);
        Assert.AreEqual(2.0, Eval(m, f.Equation, ("x", 2.0)));
        Assert.AreEqual(0.0, Eval(m, f.Equation, ("x", -2.0)));
    }

    // ---------------------------------------------------------------- names

    private const string Shadowing = """
        name: Sh
        parameters:
          k: {value: 2.0}
          g: {value: 3.0}
        derived_variables:
          k: {equation: {rhs: "2*g"}}
        state_variables:
          x: {equation: {rhs: "-k*x"}, initial_value: 1}
        """;

    [TestMethod]
    public void DerivedVariableNamedLikeAParameterShadowsIt()
    {
        var log = new RecordingLogger();
        var m = Load(Shadowing, log);
        Assert.AreEqual(SymbolKind.DerivedVariable, m.Resolve("k"));
        Assert.IsNull(m.FindParameter("k"));
        Assert.AreEqual(new ShadowedParameter("k", 2.0), m.ShadowedParameters.Single());
        CollectionAssert.AreEqual(new[] { "g" }, m.Parameters.Select(p => p.Name).ToArray());
        Assert.AreEqual(-6.0, Eval(m, State(m, "x").Equation, ("x", 1.0), ("k", 6.0)));
        var warning = log.Single(LogLevel.Warning, "parameter 'k'", "derived variable 'k'");
        StringAssert.Contains(warning, ":3:");
        StringAssert.Contains(warning, "model 'Sh'");
    }

    [TestMethod]
    public void ExploringAShadowedParameterIsAnError()
    {
        var m = Dynamics.FromYaml(Shadowing);
        var exp = new SimulationExperiment(m);
        exp.Integration.Duration = 1.0;
        exp.Integration.StepSize = 0.1;
        exp.Explorations.Add(new Exploration("s", [new ExplorationParameter("k", Domain.Values(1, 2))]));
        var ex = Assert.ThrowsExactly<ExperimentException>(() => exp.Validate());
        StringAssert.Contains(ex.Message, "parameter 'k' of model 'Sh' is hidden by the derived variable of the same name");
        StringAssert.Contains(ex.Message, "derived variable 'k'");
        Assert.AreEqual("k", ex.Parameter);

        exp.Explorations.Remove("s");
        exp.Explorations.Add(new Exploration("t", [new ExplorationParameter("g", Domain.Values(1, 2))]));
        Assert.AreEqual(2, exp.Validate().Single().ConditionCount, "the parameters the derived variable uses can be explored");
    }

    [TestMethod]
    [DataRow("parameters:\n  x: 1.0\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n", 5, "'x' is already declared as a parameter")]
    [DataRow("parameters:\n  c: 1.0\ncoupling_inputs:\n  c: {}\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n", 5, "'c' is already declared as a parameter")]
    [DataRow("derived_variables:\n  x: {equation: '1'}\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n", 5, "'x' is already declared as a derived variable")]
    [DataRow("parameters:\n  exp: 1.0\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n", 3, "'exp' is reserved")]
    public void NameClashesAreErrors(string body, int line, string problem)
    {
        var ex = Fails("name: M\n" + body);
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, problem);
    }

    [TestMethod]
    [DataRow("    boundary: {lo: 0, hi: 1}", "'boundary' is not a key of state variable 'x'; did you mean 'boundaries'?")]
    [DataRow("    inital_value: 0.5", "'inital_value' is not a key of state variable 'x'; did you mean 'initial_value'?")]
    [DataRow("    equaton: '-x'", "'equaton' is not a key of state variable 'x'; did you mean 'equation'?")]
    [DataRow("    Domain: {lo: 0, hi: 1}", "'Domain' is not a key of state variable 'x'; did you mean 'domain'?")]
    public void NearMissKeyInAStateVariableIsAnErrorWithTheSuggestion(string entry, string problem)
    {
        var ex = Fails($"name: M\nstate_variables:\n  x:\n    equation: '-x'\n    initial_value: 0\n{entry}\n");
        Assert.AreEqual(6, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, problem);
    }

    [TestMethod]
    public void NearMissKeyAtTheTopOfAModelIsAnErrorWithTheSuggestion()
    {
        var ex = Fails("name: M\nstate_variable:\n  x: {equation: '-x', initial_value: 0}\n");
        Assert.AreEqual(2, ex.Line);
        StringAssert.Contains(ex.Problem, "'state_variable' is not a key of a model (Dynamics); did you mean 'state_variables'?");
    }

    [TestMethod]
    public void UnknownKeyInAModelFileIsOnlyAWarning()
    {
        var log = new RecordingLogger();
        var m = Load("name: M\nprovenance: {author: someone}\nstate_variables:\n  x: {equation: '-x', initial_value: 0, colour: red}\n", log);
        Assert.AreEqual("M", m.Name);
        log.Single(LogLevel.Warning, ":2:", "'provenance' is not a key of a model (Dynamics)", "ignored");
        log.Single(LogLevel.Warning, ":4:", "'colour' is not a key of state variable 'x'", "ignored");
    }

    [TestMethod]
    public void MissingNameIsTvboDefault()
    {
        var fromText = Dynamics.FromYaml("state_variables:\n  x: {equation: '-x', initial_value: 0}\n");
        Assert.AreEqual("Generic2dOscillator", fromText.Name);

        var fromFile = Dynamics.Load(Write("state_variables:\n  x: {equation: '-x', initial_value: 0}\n", "MyModel.yaml"));
        Assert.AreEqual("MyModel", fromFile.Name, "a model file without 'name:' is named after the file");
    }

    [TestMethod]
    public void MissingNameOfInlineDynamicsIsTvboDefaultAndLogged()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-model-").FullName;
        var path = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(path, "dynamics:\n  state_variables:\n    x: {equation: '-x', initial_value: 0}\nintegration: {step_size: 0.1, duration: 1}\n");
        var log = new RecordingLogger();
        var exp = SimulationExperiment.Load(path, new ExperimentLoadOptions { Logger = log });
        Assert.AreEqual("Generic2dOscillator", exp.Model.Name);
        log.Single(LogLevel.Information, "no 'name:'", "'Generic2dOscillator'");
    }

    [TestMethod]
    public void CollectionsMayBeListsWithNames()
    {
        var m = Dynamics.FromYaml("""
            name: Listed
            parameters:
              - {name: a, value: 2.0, unit: ms}
              - name: b
                value: 3.0
            derived_variables:
              - {name: s, equation: {rhs: "a + b"}}
            coupling_inputs:
              - c_glob
            state_variables:
              - {name: x, equation: {rhs: "-x + s + c_glob"}, initial_value: 0.5}
              - name: y
                equation: {rhs: "x"}
            """);
        CollectionAssert.AreEqual(new[] { "a", "b" }, m.Parameters.Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(new[] { 2.0, 3.0 }, m.Parameters.Select(p => p.Value).ToArray());
        Assert.AreEqual("ms", m.Parameters[0].Unit);
        Assert.AreEqual("s", m.DerivedVariables.Single().Name);
        Assert.AreEqual("c_glob", m.CouplingTerms.Single().Name);
        CollectionAssert.AreEqual(new[] { "x", "y" }, m.StateVariables.Select(s => s.Name).ToArray());
        Assert.AreEqual(0.5, State(m, "x").InitialValue);
        Assert.IsTrue(State(m, "y").InitialValueIsDefault);
    }

    [TestMethod]
    public void ListEntryWithoutNameIsAnError()
    {
        var ex = Fails("name: M\nparameters:\n  - {value: 2.0}\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n");
        Assert.AreEqual(3, ex.Line);
        StringAssert.Contains(ex.Problem, "an entry of 'parameters' written as a list needs a 'name:'.");
    }

    [TestMethod]
    [DataRow("parameters:\n  a: {name: b, value: 1}\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n", 3, "'a' in 'parameters' has 'name: b'")]
    [DataRow("state_variables:\n  x: {name: y, equation: '-x', initial_value: 0}\n", 3, "'x' in 'state_variables' has 'name: y'")]
    [DataRow("derived_variables:\n  d:\n    name: e\n    equation: '1'\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n", 4, "'d' in 'derived_variables' has 'name: e'")]
    public void InnerNameDisagreeingWithItsKeyIsAnError(string body, int line, string problem)
    {
        var ex = Fails("name: M\n" + body);
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, problem);
        StringAssert.Contains(ex.Problem, "the key is the name, so they must agree");
    }

    [TestMethod]
    public void InnerNameAgreeingWithItsKeyIsAccepted()
    {
        var m = Dynamics.FromYaml("name: M\nparameters:\n  a: {name: a, value: 1}\nstate_variables:\n  x: {name: x, equation: '-a*x', initial_value: 0}\n");
        Assert.AreEqual(1.0, m.FindParameter("a")!.Value);
    }

    [TestMethod]
    [DataRow("parameters:\n  a: 0.5\n", 0.5)]
    [DataRow("parameters:\n  a: {value: 0.5}\n", 0.5)]
    [DataRow("parameters:\n  a: {default: 0.5}\n", 0.5)]
    [DataRow("parameters:\n  a: {value: 1.0e-3}\n", 1e-3)]
    [DataRow("parameters:\n  a: {value: -.5}\n", -0.5)]
    public void ParameterValueShortcuts(string parameters, double value)
    {
        var m = Dynamics.FromYaml("name: M\n" + parameters + "state_variables:\n  x: {equation: '-a*x', initial_value: 0}\n");
        Assert.AreEqual(value, m.FindParameter("a")!.Value);
    }

    [TestMethod]
    public void EquationShortcutAndRhsAlias()
    {
        var m = Dynamics.FromYaml("name: M\nstate_variables:\n  x: {equation: '-x', initial_value: 0}\n  y: {equation: {righthandside: '-y'}, initial_value: 0}\n");
        Assert.AreEqual("-x", State(m, "x").EquationText);
        Assert.AreEqual("-y", State(m, "y").EquationText);
    }

    [TestMethod]
    [DataRow("events:\n  I: {equation: 't'}\n", 3, "has no 'condition'; a model's events are spike-and-reset events")]
    [DataRow("stimulus:\n  I: {equation: 't'}\n", 3, "declares 'stimulus'; a stimulus in a model is not supported")]
    [DataRow("modes:\n  m1: {}\n", 3, "declares 'modes:'; give the number of modes as number_of_modes: M")]
    public void UnsupportedModelKeysAreErrors(string block, int line, string problem)
    {
        var ex = Fails("name: M\n" + block + "state_variables:\n  x: {equation: '-x', initial_value: 0}\n");
        Assert.AreEqual(line, ex.Line, ex.Message);
        StringAssert.Contains(ex.Problem, $"model 'M' {problem}");
    }
}

using Tvbo.TestSupport;
using Tvbo.Expressions;
using Tvbo.Model;

namespace Tvbo.Tests.Model;

[TestClass]
public sealed class DynamicsTests
{
    [TestMethod]
    public void GuideModelHasItsParts()
    {
        var vdp = GuideModels.VdP();
        Assert.AreEqual("VdP", vdp.Name);
        CollectionAssert.AreEqual(new[] { "x", "z" }, vdp.StateVariables.Select(s => s.Name).ToArray());
        Assert.AreEqual(1.0, vdp.FindParameter("mu")!.Value);
        Assert.AreEqual(0.1, vdp.StateVariables[0].InitialValue);
        Assert.AreEqual(SymbolKind.Parameter, vdp.Resolve("mu"));
        Assert.AreEqual(SymbolKind.StateVariable, vdp.Resolve("x"));
        Assert.AreEqual(SymbolKind.Constant, vdp.Resolve("pi"));
        Assert.IsNull(vdp.Resolve("nope"));
        vdp.Validate();
    }

    [TestMethod]
    public void UnknownSymbolNamesSymbolAndEquation()
    {
        var m = new Dynamics("M");
        m.AddStateVariable("x", "-k*x + I_in", 1.0);
        m.AddParameter("k", 1.0);
        var ex = Assert.ThrowsExactly<ModelException>(m.Validate);
        StringAssert.Contains(ex.Message, "'I_in'");
        StringAssert.Contains(ex.Message, "state variable 'x'");
        StringAssert.Contains(ex.Message, "Model 'M'");
        Assert.AreEqual("x", ex.Element);
    }

    [TestMethod]
    public void DerivedVariablesAreOrderedByDependency()
    {
        var m = new Dynamics("M");
        m.AddParameter("a", 2.0);
        m.AddDerivedVariable("h2", "h1*2");
        m.AddDerivedVariable("h1", "a + x");
        m.AddDerivedVariable("h3", "a");
        m.AddStateVariable("x", "-h2 + h3", 0.0);
        CollectionAssert.AreEqual(new[] { "h1", "h2", "h3" }, m.DerivedVariablesInEvaluationOrder.Select(d => d.Name).ToArray());
    }

    [TestMethod]
    public void DerivedVariableCycleIsAnError()
    {
        var m = new Dynamics("M");
        m.AddDerivedVariable("p", "q + 1");
        m.AddDerivedVariable("q", "r*2");
        m.AddDerivedVariable("r", "p");
        m.AddStateVariable("x", "p", 0.0);
        var ex = Assert.ThrowsExactly<ModelException>(m.Validate);
        StringAssert.Contains(ex.Message, "cycle");
        StringAssert.Contains(ex.Message, "p -> q -> r -> p");
    }

    [TestMethod]
    public void DuplicateNamesAreRejected()
    {
        var m = GuideModels.VdP();
        var ex = Assert.ThrowsExactly<ModelException>(() => m.AddParameter("x", 1.0));
        StringAssert.Contains(ex.Message, "'x' is already declared as a state variable");
        Assert.AreEqual(1, m.Parameters.Count, "a rejected parameter must not be added");
    }

    [TestMethod]
    [DataRow("2x")]
    [DataRow("a-b")]
    [DataRow("")]
    [DataRow("exp")]
    [DataRow("Piecewise")]
    public void BadNamesAreRejected(string name)
    {
        var m = new Dynamics("M");
        var ex = Assert.ThrowsExactly<ModelException>(() => m.AddParameter(name, 1.0));
        StringAssert.Contains(ex.Message, $"'{name}'");
    }

    [TestMethod]
    public void NonFiniteValuesAreRejectedAndNothingIsAdded()
    {
        var m = new Dynamics("M");
        var ex = Assert.ThrowsExactly<ModelException>(() => m.AddParameter("k", double.NaN));
        StringAssert.Contains(ex.Message, "finite");
        Assert.ThrowsExactly<ModelException>(() => m.AddStateVariable("x", "1", double.PositiveInfinity));
        m.AddParameter("k", 1.0);
        m.AddStateVariable("x", "k", 0.0);
        Assert.AreEqual(1, m.StateVariables.Count);
    }

    [TestMethod]
    public void InvertedBoundariesAreRejected()
    {
        var m = new Dynamics("M");
        var ex = Assert.ThrowsExactly<ModelException>(() => m.AddStateVariable("x", "1", 0.0, new Boundaries(1, 0)));
        StringAssert.Contains(ex.Message, "lower bound");
    }

    [TestMethod]
    public void EquationSyntaxErrorNamesVariableAndModel()
    {
        var m = new Dynamics("VdP");
        var ex = Assert.ThrowsExactly<ExpressionSyntaxException>(() => m.AddStateVariable("z", "mu*(1 - x**2", 0.0));
        StringAssert.Contains(ex.Message, "state variable 'z' of model 'VdP'");
        StringAssert.Contains(ex.Message, "^");
    }

    [TestMethod]
    public void ModelWithoutStateVariablesIsInvalid()
    {
        var m = new Dynamics("Empty");
        m.AddParameter("a", 1.0);
        var ex = Assert.ThrowsExactly<ModelException>(m.Validate);
        StringAssert.Contains(ex.Message, "no state variables");
    }

    [TestMethod]
    public void ModelSymbolShadowsConstant()
    {
        var m = new Dynamics("M");
        m.AddParameter("e", 3.0);
        m.AddStateVariable("x", "e", 0.0);
        Assert.AreEqual(SymbolKind.Parameter, m.Resolve("e"));
        m.Validate();
    }
}

using Tvbo.TestSupport;
using Tvbo.Model;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Tvbo.PyRates.Tests.Templates;

[TestClass]
public sealed class TemplateWriterTests
{
    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node[key];

    private static string[] Equations(YamlMappingNode op) =>
        ((YamlSequenceNode)op["equations"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

    private static Dictionary<string, string> Variables(YamlMappingNode op) =>
        Map(op, "variables").Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!);

    [TestMethod]
    public void VanDerPolTemplateHasTheGuidesStructure()
    {
        var yaml = PyRatesTemplateWriter.Write(GuideModels.VdP());
        var root = Parse(yaml);
        CollectionAssert.AreEquivalent(new[] { "vdp_op", "vdp_node", "vdp" }, root.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToArray());
        var op = Map(root, "vdp_op");
        Assert.AreEqual("OperatorTemplate", ((YamlScalarNode)op["base"]).Value);
        var inlined = TemplateEquations.Inlined(PyRatesTemplateWriter.Create(GuideModels.VdP()));
        Assert.AreEqual("z", inlined["x"]);
        Assert.AreEqual("mu*(1.0 - x*x)*z - x", inlined["z"]);
        Assert.AreEqual("d/dt * x = z", Equations(op)[^2]);
        Assert.AreEqual("d/dt * z = rate_z", Equations(op)[^1]);
        StringAssert.Contains(yaml, "# z' = mu*(1 - x**2)*z - x\n", "the model's equations are repeated as comments");
        var vars = Variables(op);
        Assert.AreEqual("output(0.1)", vars["x"]);
        Assert.AreEqual("variable(0.0)", vars["z"]);
        Assert.AreEqual("1.0", vars["mu"]);
        Assert.AreEqual("NodeTemplate", ((YamlScalarNode)Map(root, "vdp_node")["base"]).Value);
        Assert.AreEqual("vdp_op", ((YamlScalarNode)((YamlSequenceNode)Map(root, "vdp_node")["operators"]).Children[0]).Value);
        var circuit = Map(root, "vdp");
        Assert.AreEqual("CircuitTemplate", ((YamlScalarNode)circuit["base"]).Value);
        Assert.AreEqual("vdp_node", ((YamlScalarNode)Map(circuit, "nodes")["p"]).Value);
    }

    [TestMethod]
    public void QifTemplateMatchesTheReferenceTemplate()
    {
        var ours = Map(Parse(PyRatesTemplateWriter.Write(GuideModels.Qif())), "qif_op");
        var reference = Map(Parse(File.ReadAllText(ReferenceData.PathOf("models/qif.yaml"))), "qif_op");
        // The reference writes integer literals (2*r*v) and each right-hand side as one equation; the writer writes
        // floats, one operation per equation (helpers r_1, ..., rates rate_r, rate_v) and whole powers as products.
        CollectionAssert.AreEqual(new[] { "d/dt * r = Delta/(tau*pi) + 2*r*v", "d/dt * v = v**2 + eta + J*r*tau - (pi*r*tau)**2" }, Equations(reference));
        var template = PyRatesTemplateWriter.Create(GuideModels.Qif());
        var inlined = TemplateEquations.Inlined(template);
        Assert.AreEqual("Delta/(tau*pi) + 2.0*r*v", inlined["r"]);
        Assert.AreEqual("v*v + eta + J*r*tau - pi*r*tau*(pi*r*tau)", inlined["v"]);
        Assert.IsTrue(TemplateEquations.OneOperationEach(template));
        var expected = Variables(reference);
        var actual = Variables(ours);
        CollectionAssert.IsSubsetOf(expected.Keys.ToArray(), actual.Keys.ToArray());
        Assert.IsTrue(actual.Keys.Except(expected.Keys).All(k => actual[k] == "variable" && (k.StartsWith("r_", StringComparison.Ordinal) || k.StartsWith("v_", StringComparison.Ordinal) || k.StartsWith("rate_", StringComparison.Ordinal))));
        foreach (var (name, value) in expected)
        {
            Assert.AreEqual(value, actual[name], $"variable {name}");
        }
    }

    [TestMethod]
    public void ConstantsAlwaysHaveADecimalPoint()
    {
        var m = new Dynamics("Consts");
        m.AddParameter("J", 15);
        m.AddParameter("small", 1e-5);
        m.AddParameter("big", 1e22);
        m.AddParameter("neg", -3);
        m.AddParameter("frac", 0.1);
        m.AddStateVariable("x", "J + small + big + neg + frac - x", 2);
        var vars = Variables(Map(Parse(PyRatesTemplateWriter.Write(m)), "consts_op"));
        Assert.AreEqual("15.0", vars["J"]);
        Assert.AreEqual("1.0e-05", vars["small"]);
        Assert.AreEqual("1.0e+22", vars["big"]);
        Assert.AreEqual("-3.0", vars["neg"]);
        Assert.AreEqual("0.1", vars["frac_"]); // sympy's frac(): renamed
        Assert.AreEqual("output(2.0)", vars["x"]);
        foreach (var v in new[] { 15.0, 1e-5, 1e22, -3, 0.1, 123456789.0, 5e-324, double.MaxValue, 1.0 / 3 })
        {
            var text = PyRatesNumber.Format(v);
            StringAssert.Contains(text, ".", $"{v} -> {text}");
            Assert.AreEqual(v, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), $"{text} must round-trip");
        }
    }

    [TestMethod]
    public void ReservedNamesAreRenamedEverywhereAndMappedBack()
    {
        var m = new Dynamics("Reserved");
        m.AddParameter("beta", 2.0);
        m.AddParameter("beta_", 3.0); // the obvious renaming is taken
        m.AddParameter("I", 1.0);
        m.AddParameter("re", 0.5);
        m.AddParameter("lambda_idx", 0.25);
        m.AddParameter("a", 1.0);
        m.AddCouplingTerm("c_buffer");
        m.AddDerivedVariable("E", "beta*y + I");
        m.AddStateVariable("y", "-y + E + beta_ + re + lambda_idx + c_buffer", 1.0);
        m.AddStateVariable("t", "a - t", 0.0);
        var template = PyRatesTemplateWriter.Create(m);
        var op = Map(Parse(template.Yaml), template.OperatorName);
        var vars = Variables(op);
        var expectedRenamed = new[] { "beta", "I", "re", "lambda_idx", "c_buffer", "E", "y", "t" };
        CollectionAssert.AreEquivalent(expectedRenamed, template.Renamed.Keys.ToArray());
        foreach (var name in expectedRenamed)
        {
            var renamed = template.PyRatesName(name);
            Assert.AreNotEqual(name, renamed);
            Assert.IsFalse(ReservedNames.IsReserved(renamed), renamed);
            Assert.IsTrue(vars.ContainsKey(renamed), $"{renamed} declared");
            Assert.IsFalse(vars.ContainsKey(name), $"{name} must not appear as a variable");
        }

        Assert.AreEqual("beta__", template.PyRatesName("beta"));
        Assert.AreEqual("beta_", template.PyRatesName("beta_"));
        Assert.AreEqual("lambda_ix", template.PyRatesName("lambda_idx"));
        Assert.AreEqual("a", template.PyRatesName("a"));
        var inlined = TemplateEquations.Inlined(template);
        Assert.AreEqual($"beta__*{template.PyRatesName("y")} + I_", inlined[template.PyRatesName("E")]);
        Assert.AreEqual("-y_ + E_ + beta_ + re_ + lambda_ix + c_bufr", inlined["y_"]);
        Assert.AreEqual("a - t_", inlined["t_"]);
        Assert.AreEqual("d/dt * t_ = rate_t_", Equations(op)[^1]);
        Assert.AreEqual("variable", vars[template.PyRatesName("E")]);
        Assert.AreEqual("0.0", vars["c_bufr"]);
        Assert.AreEqual("p/reserved_op/y_", template.OutputTarget("y"));
        Assert.AreEqual("reserved_op/beta__", template.ParameterTarget("beta"));
        Assert.ThrowsExactly<ArgumentException>(() => template.PyRatesName("nope"));
    }

    [TestMethod]
    public void DerivedVariablesComeFirstInEvaluationOrder()
    {
        var m = new Dynamics("Derived");
        m.AddParameter("k", 2.0);
        m.AddDerivedVariable("h2", "h1*2");
        m.AddDerivedVariable("h1", "k*x");
        m.AddStateVariable("x", "-h2", 1.0);
        var eqs = Equations(Map(Parse(PyRatesTemplateWriter.Write(m)), "derived_op"));
        Assert.AreEqual(string.Join(" | ", "h1 = k*x", "h2 = h1*2.0", "rate_x = -h2", "d/dt * x = rate_x"), string.Join(" | ", eqs));
    }

    [TestMethod]
    public void ConstantEIsWrittenAsItsValueAndPiStays()
    {
        var m = new Dynamics("Consts2");
        m.AddStateVariable("x", "e*pi - x + pi*x + e", 1.0);
        var inlined = TemplateEquations.Inlined(PyRatesTemplateWriter.Create(m));
        Assert.AreEqual("8.539734222673566 - x + pi*x + 2.718281828459045", inlined["x"], "e*pi is a constant subexpression: computed in IEEE double");
    }

    [TestMethod]
    public void UniqueSuffixNamesEveryTemplate()
    {
        var t = PyRatesTemplateWriter.Create(GuideModels.Qif(), "r7");
        Assert.AreEqual("qif_r7_op", t.OperatorName);
        Assert.AreEqual("qif_r7_node", t.NodeName);
        Assert.AreEqual("qif_r7", t.CircuitName);
        Assert.AreEqual("/tmp/x/qif_r7/qif_r7", t.TemplatePath("/tmp/x/qif_r7.yaml"));
        Assert.ThrowsExactly<ArgumentException>(() => PyRatesTemplateWriter.Create(GuideModels.Qif(), "bad-suffix"));
    }

    [TestMethod]
    public void InvalidModelIsRejectedBeforeWriting()
    {
        var m = new Dynamics("Bad");
        m.AddStateVariable("x", "unknown - x", 1.0);
        var ex = Assert.ThrowsExactly<ModelException>(() => PyRatesTemplateWriter.Write(m));
        StringAssert.Contains(ex.Message, "unknown");
    }
}

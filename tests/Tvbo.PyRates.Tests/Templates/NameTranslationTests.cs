using Tvbo.Model;
using Tvbo.PyRates.Templates;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Templates;

/// <summary>Builtin, dunder and non-ASCII names are written as ASCII names PyRates reads as symbols.</summary>
[TestClass]
public sealed class NameTranslationTests
{
    [TestMethod]
    [DataRow("__import__")]
    [DataRow("aiter")]
    [DataRow("anext")]
    [DataRow("Ellipsis")]
    [DataRow("NotImplemented")]
    [DataRow("ValueError")]
    [DataRow("license")]
    [DataRow("__foo__")]
    [DataRow("____")]
    [DataRow("__1__")]
    [DataRow("remainder")]
    [DataRow("maxi")]
    [DataRow("mini")]
    [DataRow("heaviside")]
    [DataRow("arctan2")]
    [DataRow("fmod")]
    [DataRow("ceil")]
    [DataRow("log10")]
    [DataRow("exp2")]
    [DataRow("erfc")]
    public void BuiltinAndDunderNamesAreRenamed(string name)
    {
        Assert.IsTrue(ReservedNames.IsReserved(name), name);
        var safe = ReservedNames.SafeName(name, new HashSet<string> { name });
        Assert.IsFalse(ReservedNames.IsReserved(safe), safe);
        Assert.IsFalse(safe.StartsWith("__", StringComparison.Ordinal), safe);
        Assert.IsTrue(safe.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(safe[0]), safe);
    }

    [TestMethod]
    public void EveryNameOfPythonsBuiltinsModuleIsReserved()
    {
        // The embedded interpreter's builtins (dir(builtins) of the Python the backend runs).
        var names = PythonFixture.Exec("import builtins\nresult = sorted(dir(builtins))", r => r.As<string[]>());
        Assert.IsNotEmpty(names);
        var missing = names.Where(n => !ReservedNames.IsReserved(n)).ToArray();
        Assert.IsEmpty(missing, string.Join(", ", missing));
    }

    [TestMethod]
    [DataRow("σ", "sigma")]
    [DataRow("σ_ext", "sigma_ext")]
    [DataRow("m_∞", "m_inf")]
    [DataRow("τ", "tau")]
    [DataRow("Δ", "Delta")]
    [DataRow("β", "beta_")] // spelled 'beta', which is reserved
    [DataRow("λ", "lambda_")] // a keyword
    [DataRow("π", "pi_")]
    [DataRow("é", "u00e9")]
    [DataRow("x′", "xprime")]
    [DataRow("ﬁ", "ufb01")] // Python would fold it into 'fi' (NFKC)
    [DataRow("𝑥", "u1d465")]
    [DataRow("V₀", "Vu2080")]
    [DataRow("σ_idx", "sigma_ix")]
    public void NonAsciiNamesAreTransliterated(string name, string expected)
    {
        Assert.IsTrue(ReservedNames.IsReserved(name));
        Assert.AreEqual(expected, ReservedNames.SafeName(name, new HashSet<string> { name }));
    }

    [TestMethod]
    public void TransliterationsNeverCollideWithOtherNames()
    {
        Assert.AreEqual("sigma_", ReservedNames.SafeName("σ", new HashSet<string> { "σ", "sigma" }));
        Assert.AreEqual("sigma__", ReservedNames.SafeName("σ", new HashSet<string> { "σ", "sigma", "sigma_" }));
        Assert.AreEqual("varsigma_", ReservedNames.SafeName("ς", new HashSet<string> { "varsigma" }));
    }

    [TestMethod]
    public void NonAsciiModelNamesAreWrittenInAsciiAndMappedBack()
    {
        var m = new Dynamics("Greek");
        m.AddParameter("σ_ext", 0.5);
        m.AddParameter("sigma_ext", 0.25); // what σ_ext spells: the written names must stay apart
        m.AddParameter("τ", 2.0);
        m.AddDerivedVariable("m_∞", "1/(1 + exp(-σ_ext*V))");
        m.AddStateVariable("V", "(m_∞ - V)/τ + sigma_ext", 0.0);
        var t = PyRatesTemplateWriter.Create(m);
        Assert.AreEqual("sigma_ext_", t.PyRatesName("σ_ext"));
        Assert.AreEqual("sigma_ext", t.PyRatesName("sigma_ext"));
        Assert.AreEqual("tau", t.PyRatesName("τ"));
        Assert.AreEqual("m_inf", t.PyRatesName("m_∞"));
        CollectionAssert.AreEquivalent(new[] { "σ_ext", "τ", "m_∞" }, t.Renamed.Keys.ToArray());
        var inlined = TemplateEquations.Inlined(t);
        Assert.AreEqual("(m_inf - V)/tau + sigma_ext", inlined["V"]);
        Assert.AreEqual("1.0/(1.0 + exp(-sigma_ext_*V))", inlined["m_inf"]);
        var yamlLines = t.Yaml.Split('\n').Where(l => !l.StartsWith('#')).ToArray();
        Assert.IsTrue(yamlLines.All(l => l.All(char.IsAscii)), "only the comments mention the model's own names");
        CollectionAssert.AreEqual(new[] { "σ_ext", "sigma_ext", "τ" }, t.Parameters.ToArray());
        Assert.AreEqual("greek_op/sigma_ext_", t.ParameterTarget("σ_ext"));
    }
}

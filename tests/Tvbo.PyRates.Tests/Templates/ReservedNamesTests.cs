using Tvbo.PyRates.Templates;

namespace Tvbo.PyRates.Tests.Templates;

[TestClass]
public sealed class ReservedNamesTests
{
    [TestMethod]
    [DataRow("y")]
    [DataRow("dy")]
    [DataRow("t")]
    [DataRow("pi")]
    [DataRow("I")]
    [DataRow("E")]
    [DataRow("S")]
    [DataRow("N")]
    [DataRow("beta")]
    [DataRow("gamma")]
    [DataRow("Gamma")]
    [DataRow("exp")]
    [DataRow("abs")]
    [DataRow("source_idx")]
    [DataRow("x_idx")]
    [DataRow("a_buffer")]
    [DataRow("re")]
    [DataRow("zeta")]
    [DataRow("E1")]
    [DataRow("sum")]
    [DataRow("max")]
    [DataRow("hist")]
    [DataRow("lambda")]
    [DataRow("var")]
    public void ReservedNamesAreDetectedAndRenamedToSafeNames(string name)
    {
        Assert.IsTrue(ReservedNames.IsReserved(name), name);
        var safe = ReservedNames.SafeName(name, new HashSet<string> { name });
        Assert.IsFalse(ReservedNames.IsReserved(safe), safe);
        Assert.AreNotEqual(name, safe);
    }

    [TestMethod]
    [DataRow("mu")]
    [DataRow("eta")]
    [DataRow("J")]
    [DataRow("tau")]
    [DataRow("x")]
    [DataRow("e")]
    [DataRow("V")]
    [DataRow("alpha")]
    [DataRow("I_ext")]
    public void OrdinaryNamesAreKept(string name)
    {
        Assert.IsFalse(ReservedNames.IsReserved(name), name);
        Assert.AreEqual(name, ReservedNames.SafeName(name, new HashSet<string> { name }));
    }
}

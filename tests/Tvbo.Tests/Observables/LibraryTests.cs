using Tvbo.Observables;

namespace Tvbo.Tests.Observables;

[TestClass]
public sealed class LibraryTests
{
    [TestMethod]
    public void EveryBuiltInIsRegisteredOnceAndFoundByName()
    {
        string[] expected = ["mean", "var", "std", "min", "max", "ptp", "order_parameter", "phase_locking", "psd", "peak_frequency", "peak_power", "fc", "fc_correlation", "temporal_average", "subsample", "bold"];
        var names = ObservableLibrary.All.Select(f => f.Name).ToArray();
        Assert.HasCount(names.Distinct().Count(), names, "a name is registered twice");
        foreach (var name in expected)
        {
            Assert.AreEqual(name, ObservableLibrary.Find(name)?.Name, $"'{name}' is not registered");
        }

        Assert.IsNull(ObservableLibrary.Find("no_such_function"));
        foreach (var f in ObservableLibrary.All)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(f.Description), f.Name);
            Assert.IsTrue(f.Arguments.All(a => !string.IsNullOrWhiteSpace(a.Description)), f.Name);
        }
    }
}

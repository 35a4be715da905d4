namespace Tvbo.Tests.Hardening;

/// <summary>Messages shown to a person carry no .NET parameter suffix.</summary>
[TestClass]
public sealed class ErrorTextTests
{
    [TestMethod]
    public void TheParameterSuffixIsDropped()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => Tvbo.Experiment.InputSeries.PerCondition([[1.0, double.NaN]]));
        StringAssert.Contains(ex.Message, "(Parameter 'values')");
        var text = ErrorText.Of(ex);
        Assert.DoesNotContain("(Parameter", text);
        StringAssert.Contains(text, "input values must be finite");
        Assert.AreEqual("plain", ErrorText.Of(new InvalidOperationException("plain")));
    }
}

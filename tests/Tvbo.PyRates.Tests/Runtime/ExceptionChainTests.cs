using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Runtime;

/// <summary>A Python failure keeps its traceback as frames and the exceptions it was raised from as inner exceptions.</summary>
[TestClass]
public sealed class ExceptionChainTests
{
    private const string Chained =
        "def parse(text):\n" +
        "    return int(text)\n" +
        "\n" +
        "def load(text):\n" +
        "    try:\n" +
        "        return parse(text)\n" +
        "    except ValueError as e:\n" +
        "        raise KeyError('setting') from e\n" +
        "\n" +
        "load('x')\n" +
        "result = 1";

    [TestMethod]
    public void AnErrorRaisedFromAnotherArrivesWithTheCauseAsInnerException()
    {
        PythonFixture.Runtime();
        var ex = Assert.ThrowsExactly<PyRatesException>(() => PythonFixture.Exec(Chained, r => r.As<int>()));

        Assert.AreEqual("KeyError", ex.PythonType);
        StringAssert.Contains(ex.Message, "KeyError");
        var cause = Assert.IsInstanceOfType<PyRatesException>(ex.InnerException);
        Assert.AreEqual("ValueError", cause.PythonType);
        StringAssert.Contains(cause.PythonMessage, "invalid literal for int()");
        StringAssert.Contains(cause.PythonTraceback, "parse");
        Assert.IsNull(cause.InnerException, "the cause was raised from nothing");
    }

    [TestMethod]
    public void TheFramesOfBothTracebacksAreData()
    {
        PythonFixture.Runtime();
        var ex = Assert.ThrowsExactly<PyRatesException>(() => PythonFixture.Exec(Chained, r => r.As<int>()));

        CollectionAssert.AreEqual(new[] { "<module>", "load" }, ex.PythonFrames.Select(f => f.Function).ToArray());
        Assert.AreEqual(8, ex.PythonFrames[^1].Line, "the raise in load");
        var cause = (PyRatesException)ex.InnerException!;
        CollectionAssert.AreEqual(new[] { "load", "parse" }, cause.PythonFrames.Select(f => f.Function).ToArray());
        Assert.AreEqual(2, cause.PythonFrames[^1].Line, "int(text) in parse");
        Assert.AreEqual("File \"<string>\", line 2, in parse", cause.PythonFrames[^1].ToString());
    }

    [TestMethod]
    public void AnErrorRaisedWhileHandlingAnotherKeepsItUnlessSuppressed()
    {
        PythonFixture.Runtime();
        var implicitChain = Assert.ThrowsExactly<PyRatesException>(() => PythonFixture.Exec(
            "try:\n    {}['missing']\nexcept KeyError:\n    raise RuntimeError('while handling')\nresult = 1",
            r => r.As<int>()));
        Assert.AreEqual("RuntimeError", implicitChain.PythonType);
        Assert.AreEqual("KeyError", Assert.IsInstanceOfType<PyRatesException>(implicitChain.InnerException).PythonType);

        var suppressed = Assert.ThrowsExactly<PyRatesException>(() => PythonFixture.Exec(
            "try:\n    {}['missing']\nexcept KeyError:\n    raise RuntimeError('no context') from None\nresult = 1",
            r => r.As<int>()));
        Assert.IsNotInstanceOfType<PyRatesException>(suppressed.InnerException, "'from None' suppresses the context");
        Assert.IsInstanceOfType<Python.Runtime.PythonException>(suppressed.InnerException);
    }

    [TestMethod]
    public void AnErrorWithoutCauseKeepsThePythonnetExceptionAndTheUserMessage()
    {
        PythonFixture.Runtime();
        var ex = Assert.ThrowsExactly<PyRatesException>(() => PythonFixture.Exec("raise ValueError('plain')\nresult = 1", r => r.As<int>()));

        Assert.AreEqual("Python raised ValueError: plain", ex.Message);
        Assert.IsInstanceOfType<Python.Runtime.PythonException>(ex.InnerException);
        Assert.AreEqual("<module>", ex.PythonFrames.Single().Function);
    }

    [TestMethod]
    public void APyRatesFailureInTheBridgeCarriesItsFrames()
    {
        var runtime = PythonFixture.PyRates();
        var ex = Assert.ThrowsExactly<PyRatesException>(() => PythonFixture.Exec(
            "import tvbo_pyrates\ntvbo_pyrates.run('not: [a template', 'nothing', [], None, {}, {}, 0.1, 1.0)\nresult = 1",
            r => r.As<int>()));

        Assert.IsTrue(ex.PythonFrames.Count >= 2, $"frames: {string.Join(" | ", ex.PythonFrames)}");
        Assert.AreEqual("<module>", ex.PythonFrames[0].Function);
        Assert.IsTrue(ex.PythonFrames.Any(f => f.File.EndsWith("__init__.py", StringComparison.Ordinal) && f.File.Contains("tvbo_pyrates", StringComparison.Ordinal)), "a frame in the bridge package");
        Assert.AreEqual(3, runtime.Invoke(() => 3), "the runtime keeps working");
    }
}

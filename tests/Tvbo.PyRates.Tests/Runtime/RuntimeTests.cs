using Tvbo.Backends;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Runtime;

[TestClass]
public sealed class RuntimeTests
{
    [TestMethod]
    public void RuntimeStartsWithNumpyAndPandasAndTheBridgePackage()
    {
        var runtime = PythonFixture.Runtime();
        Assert.IsNotNull(runtime.Interpreter.NumpyVersion);
        var numpy = PythonFixture.Exec("import numpy\nresult = numpy.__version__", r => r.As<string>());
        if (runtime.Interpreter.NumpyVersion != "unchecked")
        {
            Assert.AreEqual(runtime.Interpreter.NumpyVersion, numpy);
        }

        var bridgeFile = PythonFixture.Exec("import tvbo_pyrates\nresult = tvbo_pyrates.__file__", r => r.As<string>());
        StringAssert.StartsWith(bridgeFile, runtime.PackageDirectory);
        Assert.AreSame(runtime, PythonRuntime.Start(), "the runtime is started once per process");
    }

    [TestMethod]
    public void TheBackendDescribesTheVersionsImportedInThisProcess()
    {
        PythonFixture.PyRates();
        var description = new Tvbo.PyRates.Backend.PyRatesBackend().Describe();
        var software = description.Software.ToDictionary(kv => kv.Key, kv => kv.Value);
        var imported = PythonFixture.Exec(
            "import pyrates, numpy, scipy, pandas, platform\nresult = [pyrates.__version__, numpy.__version__, scipy.__version__, pandas.__version__, platform.python_version()]",
            r => r.As<string[]>());
        Assert.AreEqual(imported[0], description.Version, "PyRates' __version__, not the distribution's metadata");
        CollectionAssert.AreEqual(imported, new[] { software["pyrates"], software["numpy"], software["scipy"], software["pandas"], software["python"] });
        StringAssert.Contains(software["Tvbo.PyRates"], "+", "the version carries its commit");
    }

    [TestMethod]
    public void PythonExceptionsBecomePyRatesExceptionsWithTypeMessageAndTraceback()
    {
        var runtime = PythonFixture.Runtime();
        var ex = Assert.ThrowsExactly<PyRatesException>(() => PythonFixture.Exec(
            "def failing_helper(v):\n    raise ValueError(f'bad value {v}')\n\ndef outer():\n    failing_helper(42)\n\nouter()\nresult = 1",
            r => r.As<int>()));
        Assert.AreEqual("ValueError", ex.PythonType);
        Assert.AreEqual("bad value 42", ex.PythonMessage);
        StringAssert.Contains(ex.PythonTraceback, "failing_helper");
        StringAssert.Contains(ex.PythonTraceback, "outer");
        StringAssert.Contains(ex.Message, "ValueError: bad value 42");
        Assert.IsInstanceOfType<Tvbo.Backends.BackendException>(ex);
        Assert.IsNotInstanceOfType<TvboException>(ex, "a Python failure is not bad input");

        // The runtime keeps working after an error.
        Assert.AreEqual(3, runtime.Invoke(() => 3));
    }

    [TestMethod]
    public void ConcurrentCallersAreServedOnOneDedicatedPythonThread()
    {
        var runtime = PythonFixture.Runtime();
        var idents = new System.Collections.Concurrent.ConcurrentBag<long>();
        var managed = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var (ident, sum) = runtime.Invoke(() =>
            {
                managed.Add(Environment.CurrentManagedThreadId);
                using var scope = Python.Runtime.Py.CreateScope();
                scope.Exec($"import threading, numpy\nident = threading.get_ident()\ns = float(numpy.arange({i + 1}).sum())");
                return (scope.Get("ident").As<long>(), scope.Get("s").As<double>());
            });
            idents.Add(ident);
            Assert.AreEqual(i * (i + 1) / 2.0, sum);
        });
        Assert.AreEqual(1, idents.Distinct().Count());
        Assert.AreEqual(1, managed.Distinct().Count());
    }

    [TestMethod]
    public void CancelledJobDoesNotRunWhileQueued()
    {
        var runtime = PythonFixture.Runtime();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var ran = false;
        Assert.ThrowsExactly<TaskCanceledException>(() => runtime.Invoke(() => ran = true, cts.Token));
        Assert.IsFalse(ran);
    }
}

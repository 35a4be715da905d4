using Python.Runtime;
using Tvbo.PyRates.Backend;
using Tvbo.PyRates.Tests.Support;
using Tvbo.TestSupport;

namespace Tvbo.PyRates.Tests.Runtime;

/// <summary>A process that runs many different models stays the same: after a warm-up, the embedded interpreter holds
/// the same number of objects, the same sys.path and sys.modules, and nothing is left in the working directory —
/// PyRates' and sympy's caches of each exploration are dropped when it ends.</summary>
[TestClass]
[DoNotParallelize]
public sealed class LongLivedTests
{
    [TestMethod]
    public void ManyDifferentModelsLeaveThePythonStateAsItWas()
    {
        var runtime = PythonFixture.PyRates();
        var backend = new PyRatesBackend();
        for (var i = 0; i < 10; i++)
        {
            SoakModels.Experiment(1000 + i).Run(backend);
        }

        var before = State(runtime);
        for (var i = 0; i < 30; i++)
        {
            var r = SoakModels.Experiment(2000 + i).Run(backend).Explorations["sweep"];
            Assert.IsEmpty(r.Failures, $"run {i}: {string.Join("; ", r.Failures)}");
        }

        var after = State(runtime);
        Assert.AreEqual(before.Path, after.Path, "sys.path");
        Assert.AreEqual(before.Modules, after.Modules, "sys.modules");
        Assert.AreEqual(before.Lines, after.Lines, "linecache entries (sympy's lambdified sources)");
        Assert.AreEqual(before.Cached, after.Cached, "PyRates' compiled modules and sympified equations");
        Assert.IsLessThan(300, after.Objects - before.Objects, $"Python objects grew from {before.Objects} to {after.Objects} over 30 models");
        Assert.IsEmpty(Directory.GetFiles(Environment.CurrentDirectory, "tvbo_run_*"), "run files left in the working directory");
    }

    private static (string Path, int Modules, int Lines, int Cached, long Objects) State(PyRates.Runtime.PythonRuntime runtime) =>
        PythonFixture.Exec(
            """
            import gc, sys, linecache
            from pyrates.backend import parser
            from pyrates.backend.base import base_backend
            gc.collect()
            result = (repr(sys.path), len(sys.modules), len(linecache.cache),
                      len(getattr(parser, '_sympify_cache', {})) + len(getattr(base_backend, '_compiled_module_cache', {})),
                      len(gc.get_objects()))
            """,
            r => (r[0].As<string>(), r[1].As<int>(), r[2].As<int>(), r[3].As<int>(), r[4].As<long>()));
}

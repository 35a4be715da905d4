using System.Diagnostics;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Runtime;

/// <summary>What locating an interpreter costs: the subprocess probe only looks modules up (never imports PyRates,
/// numpy or pandas), and an interpreter given explicitly is located from the probe cache without a subprocess.</summary>
[TestClass]
public sealed class StartupTests
{
    private static string Python()
    {
        var runtime = PythonFixture.Runtime();
        return runtime.Interpreter.Executable ?? throw new AssertInconclusiveException("The runtime was started from PYTHONNET_PYDLL; there is no executable to probe.");
    }

    [TestMethod]
    public void TheLocatorsProbeImportsNeitherPyRatesNorNumpy()
    {
        var exe = Python();
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import sys; sys.path.insert(0, sys.argv[1]); import tvbo_pyrates; i = tvbo_pyrates.probe(imports=False); print(i['numpy'] is not None, 'numpy' in sys.modules, 'pandas' in sys.modules, 'pyrates' in sys.modules)");
        psi.ArgumentList.Add(BridgePackage.Directory());
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        Assert.AreEqual(0, p.ExitCode, p.StandardError.ReadToEnd());
        Assert.AreEqual("True False False False", output, "the probe found numpy without importing numpy, pandas or PyRates");
    }

    [TestMethod]
    [DoNotParallelize]
    public void AnExplicitInterpreterIsLocatedFromTheCacheWithoutASubprocess()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Uses a POSIX shell script as a stand-in executable.");
            return;
        }

        PythonFixture.PyRates();
        var python = Python();
        var dir = Directory.CreateTempSubdirectory("tvbo-cache-").FullName;
        var log = Path.Combine(dir, "started.log");
        // The real interpreter behind a script that records each start.
        var exe = Path.Combine(dir, "python3");
        File.WriteAllText(exe, $"#!/bin/sh\necho started >> {log}\nexec {python} \"$@\"\n");
        File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var before = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(dir, "cache"));
            Assert.IsNull(ProbeCache.Read(exe));
            var first = PythonLocator.Locate(exe);
            Assert.IsTrue(first.HasPyRates);
            Assert.HasCount(1, File.ReadAllLines(log), "the first locate probes in a subprocess");
            Assert.IsNotNull(ProbeCache.Read(exe), "an answer that found PyRates is cached");

            var second = PythonLocator.Locate(exe);
            Assert.HasCount(1, File.ReadAllLines(log), "a cached answer starts no subprocess");
            Assert.AreEqual(first.LibraryPath, second.LibraryPath);
            CollectionAssert.AreEqual(first.SearchPath.ToArray(), second.SearchPath.ToArray());

            // Once the executable changes, the entry is stale and the interpreter is probed again.
            File.AppendAllText(exe, "# changed\n");
            Assert.IsNull(ProbeCache.Read(exe));
            _ = PythonLocator.Locate(exe);
            Assert.HasCount(2, File.ReadAllLines(log));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", before);
        }
    }
}

using Tvbo.Backends;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Tests.Support;

namespace Tvbo.PyRates.Tests.Runtime;

[TestClass]
public sealed class LocatorTests
{
    [TestMethod]
    public void ExplicitPythonThatDoesNotExistIsRejectedWithTheReasonAndHowToInstall()
    {
        var ex = Assert.ThrowsExactly<BackendUnavailableException>(() => PythonLocator.Locate("/nonexistent/bin/python3"));
        StringAssert.Contains(ex.Message, "/nonexistent/bin/python3: no such file");
        StringAssert.Contains(ex.Message, "env/setup.sh");
        Assert.AreEqual("pyrates", ex.Backend);
    }

    [TestMethod]
    public void InterpreterWithoutNumpyIsRejectedWithTheReason()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Uses a POSIX shell script as a stand-in executable.");
            return;
        }

        var runtime = PythonFixture.Runtime();
        var exe = runtime.Interpreter.Executable ?? "/usr/bin/python3";
        var dir = Directory.CreateTempSubdirectory("tvbo-locator-");
        try
        {
            // The same interpreter in isolated mode without site-packages: numpy cannot be imported.
            var script = Path.Combine(dir.FullName, "python3");
            File.WriteAllText(script, $"#!/bin/sh\nexec {exe} -I -S \"$@\"\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // Another test thread forking right while the script is written can hold it open for a moment
            // (ETXTBSY, "Text file busy"): retry briefly.
            var (interpreter, reason) = PythonLocator.Probe(script, "test");
            for (var i = 0; i < 20 && reason.Contains("Text file busy", StringComparison.Ordinal); i++)
            {
                Thread.Sleep(100);
                (interpreter, reason) = PythonLocator.Probe(script, "test");
            }

            Assert.IsNull(interpreter);
            StringAssert.Contains(reason, "cannot import numpy");
            var ex = Assert.ThrowsExactly<BackendUnavailableException>(() => PythonLocator.Locate(script));
            StringAssert.Contains(ex.Message, script);
            StringAssert.Contains(ex.Message, "cannot import numpy");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void ProbeOfTheRunningInterpreterFindsItsSharedLibrary()
    {
        var runtime = PythonFixture.Runtime();
        if (runtime.Interpreter.Executable is not { } exe)
        {
            Assert.Inconclusive("The runtime was started from PYTHONNET_PYDLL; there is no executable to probe.");
            return;
        }

        var (interpreter, reason) = PythonLocator.Probe(exe, "test");
        Assert.IsNotNull(interpreter, reason);
        Assert.IsTrue(File.Exists(interpreter.LibraryPath), interpreter.LibraryPath);
        StringAssert.Contains(Path.GetFileName(interpreter.LibraryPath), "libpython");
        Assert.AreEqual(runtime.Interpreter.Version, interpreter.Version);
    }
}

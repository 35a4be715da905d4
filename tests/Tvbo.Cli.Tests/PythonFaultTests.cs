using System.Diagnostics;
using Tvbo.TestSupport;

namespace Tvbo.Cli.Tests;

/// <summary>
/// A broken Python environment, as users have them, behind a real <c>tvbo</c> process (an embedded interpreter is one
/// per process): no such python, a python without numpy, a virtual environment without PyRates, and one whose PyRates
/// raises at import. Each exits 1 with one paragraph that names the interpreter and the cause, no stack trace; the
/// environment's own packages are what the embedded interpreter sees (a venv's, not the base installation's).
/// </summary>
[TestClass]
public sealed class PythonFaultTests
{
    private static string BasePython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    [TestMethod]
    public void NoSuchPython()
    {
        var (exit, err) = RunPyRates("/nonexistent/bin/python3");
        Assert.AreEqual(1, exit, err);
        StringAssert.Contains(err, "--python");
        StringAssert.Contains(err, "/nonexistent/bin/python3: no such file");
        StringAssert.Contains(err, "env/setup.sh");
    }

    [TestMethod]
    public void APythonWithoutNumpy()
    {
        var env = Venv(systemSitePackages: false);
        var (exit, err) = RunPyRates(env.Python);
        Assert.AreEqual(1, exit, err);
        StringAssert.Contains(err, env.Python);
        StringAssert.Contains(err, "cannot import numpy (ModuleNotFoundError: No module named 'numpy')");
    }

    [TestMethod]
    public void AVirtualEnvironmentWithoutPyRates()
    {
        // numpy and pandas from the base installation's folder, PyRates not: what a user's venv is before pip install.
        var env = Venv(systemSitePackages: false);
        var folders = PythonLines(BasePython, "import numpy, pandas, os\nfor m in (numpy, pandas): print(os.path.dirname(os.path.dirname(m.__file__)))");
        var pyrates = PythonLines(BasePython, "import importlib.util, os\ns = importlib.util.find_spec('pyrates')\nprint(os.path.dirname(os.path.dirname(s.origin)) if s else '')");
        if (pyrates.Length == 1 && folders.Contains(pyrates[0]))
        {
            Assert.Inconclusive($"PyRates is installed in numpy's folder ({pyrates[0]}); a venv with numpy but without PyRates cannot be made from it.");
        }

        File.WriteAllLines(Path.Combine(env.SitePackages, "base.pth"), folders.Distinct());
        var (exit, err) = RunPyRates(env.Python);
        Assert.AreEqual(1, exit, err);
        StringAssert.Contains(err, $"PyRates not importable from {env.Python}");
        StringAssert.Contains(err, "ModuleNotFoundError: No module named 'pyrates'");
    }

    [TestMethod]
    public void APyRatesThatRaisesAtImport()
    {
        var env = Venv(systemSitePackages: true);
        var package = Directory.CreateDirectory(Path.Combine(env.SitePackages, "pyrates")).FullName;
        File.WriteAllText(Path.Combine(package, "__init__.py"), "raise RuntimeError('this PyRates installation is broken')\n");
        var (exit, err) = RunPyRates(env.Python);
        Assert.AreEqual(1, exit, err);
        StringAssert.Contains(err, $"PyRates not importable from {env.Python}");
        StringAssert.Contains(err, "RuntimeError: this PyRates installation is broken");
    }

    private static (int Exit, string Err) RunPyRates(string python)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-pyfault-").FullName;
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "Tvbo.Cli.dll"), "run", CliRunner.Example("qif_eta_sweep.yaml"), "--backend", "pyrates", "--python", python, "--out", Path.Combine(dir, "out")])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["TVBO_PROBE_CACHE"] = "0";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var err = stderr.Result;
        Assert.DoesNotContain("   at ", err, "no stack trace");
        Assert.IsFalse(Directory.Exists(Path.Combine(dir, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "out")).Any(), "nothing written");
        return (p.ExitCode, stdout + err);
    }

    private static (string Python, string SitePackages) Venv(bool systemSitePackages)
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("tvbo-venv-").FullName, "env");
        var created = PythonLines(BasePython, $"import venv\nvenv.create({PythonText.Quote(dir)}, with_pip=False, system_site_packages={(systemSitePackages ? "True" : "False")})\nprint('ok')", allowFailure: true);
        if (created is not ["ok"])
        {
            Assert.Inconclusive($"{BasePython} cannot create a virtual environment (Debian: apt-get install python3-venv): {string.Join(" ", created)}");
        }

        var python = Path.Combine(dir, "bin", "python3");
        var site = PythonLines(python, "import site\nprint(site.getsitepackages()[0])").Single();
        return (python, site);
    }

    private static string[] PythonLines(string python, string code, bool allowFailure = false)
    {
        var psi = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(code);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                if (allowFailure)
                {
                    return [.. lines, err.Result.Trim()];
                }

                Assert.Inconclusive($"{python} -c failed: {err.Result.Trim()}");
            }

            return lines;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Inconclusive($"No {python}: {ex.Message}");
            return [];
        }
    }

}

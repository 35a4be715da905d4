using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;

namespace Tvbo.Packaging.Tests;

/// <summary>Packs every project under src/ into a temporary feed (as <c>dotnet pack</c> would for a release), then
/// builds a fresh console app against the Tvbo.Native and Tvbo.PyRates packages and runs both backends, and installs
/// the tvbo tool from the feed and runs it.</summary>
/// <remarks>The packages get a unique pre-release version (the repository's VersionPrefix plus '-packtest.N'), and the
/// app restores into its own packages folder with the machine's packages folder as a fallback, so neither an older
/// package in a cache nor the network is used for them; the packages' dependencies come from the machine's cache (or
/// its usual sources). TVBO_PACK_TEST_KEEP=1 keeps the temporary folder.</remarks>
[TestClass]
public sealed class PackageTests
{
    private static readonly string[] Packages = ["Tvbo", "Tvbo.Native", "Tvbo.PyRates", "Tvbo.Figures", "Tvbo.Cli"];
    private static readonly double[] Rates = [0.5, 1.0, 2.0];
    private const double StepSize = 0.01;
    private const int Samples = 100;

    private static string _work = "";
    private static string _feed = "";
    private static string _version = "";
    private static string _versionPrefix = "";
    private static string _appOutput = "";
    private static string _appDirectory = "";
    private static string _toolDirectory = "";

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void PackBuildAndRun(TestContext context)
    {
        var root = RepositoryRoot();
        _versionPrefix = XDocument.Load(Path.Combine(root, "src", "Directory.Build.props")).Descendants("VersionPrefix").Single().Value.Trim();
        var suffix = "packtest." + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        _version = $"{_versionPrefix}-{suffix}";
        _work = Directory.CreateTempSubdirectory("tvbo-pack-").FullName;
        _feed = Path.Combine(_work, "feed");
        context.WriteLine($"work folder {_work}, version {_version}");

        // 1. dotnet pack of every src project, in one build, with its own bin/obj (the checkout's are left alone).
        var solution = Path.Combine(_work, "pack.slnx");
        var projects = Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        new XDocument(new XElement("Solution", projects.Select(p => new XElement("Project", new XAttribute("Path", p))))).Save(solution);
        Dotnet.Run(context, _work, TimeSpan.FromMinutes(8), "pack", solution, "-c", "Release", "-o", _feed,
            "--artifacts-path", Path.Combine(_work, "artifacts"), $"-p:VersionSuffix={suffix}");

        // 2. A fresh console app: its own nuget.config (the feed, plus the machine's sources and packages folder).
        _appDirectory = Path.Combine(_work, "app");
        Directory.CreateDirectory(_appDirectory);
        File.WriteAllText(Path.Combine(_appDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" />
              </config>
              <packageSources>
                <add key="tvbo-pack-test" value="{_feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{Dotnet.GlobalPackagesFolder(context, _work)}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(_appDirectory, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ConsumerApp", "Program.cs"), Path.Combine(_appDirectory, "Program.cs"));
        Dotnet.Run(context, _appDirectory, TimeSpan.FromMinutes(3), "add", "package", "Tvbo.PyRates", "--version", _version);
        Dotnet.Run(context, _appDirectory, TimeSpan.FromMinutes(3), "add", "package", "Tvbo.Native", "--version", _version);
        Dotnet.Run(context, _appDirectory, TimeSpan.FromMinutes(4), "build", "-o", Path.Combine(_appDirectory, "out"));
        _appOutput = Dotnet.Run(context, _appDirectory, TimeSpan.FromMinutes(3), Path.Combine(_appDirectory, "out", "App.dll"));

        // 3. The tool, installed from the feed into a folder of its own.
        _toolDirectory = Path.Combine(_work, "tool");
        Dotnet.Run(context, _appDirectory, TimeSpan.FromMinutes(3), "tool", "install", "Tvbo.Cli", "--version", _version, "--tool-path", _toolDirectory);
    }

    [ClassCleanup]
    public static void RemoveWorkFolder()
    {
        if (_work.Length > 0 && Environment.GetEnvironmentVariable("TVBO_PACK_TEST_KEEP") != "1")
        {
            try
            {
                Directory.Delete(_work, recursive: true);
            }
            catch (IOException)
            {
                // A process that is still ending may hold a file; the folder is in the temp directory.
            }
        }
    }

    [TestMethod]
    public void EveryPackageHasVersionReadmeLicenseAndRepository()
    {
        foreach (var id in Packages)
        {
            var path = Path.Combine(_feed, $"{id}.{_version}.nupkg");
            Assert.IsTrue(File.Exists(path), $"{id}.{_version}.nupkg was not packed; the feed has: {string.Join(", ", Directory.GetFiles(_feed).Select(Path.GetFileName))}");
            using var package = ZipFile.OpenRead(path);
            var metadata = Nuspec(package, id);
            XNamespace ns = metadata.Name.Namespace;
            Assert.AreEqual(_version, metadata.Element(ns + "version")?.Value, id);
            StringAssert.StartsWith(_version, _versionPrefix + "-", "the version comes from src/Directory.Build.props' VersionPrefix");
            Assert.AreEqual("expression", metadata.Element(ns + "license")?.Attribute("type")?.Value, id);
            Assert.AreEqual("MIT", metadata.Element(ns + "license")?.Value, id);
            Assert.AreEqual("README.md", metadata.Element(ns + "readme")?.Value, id);
            Assert.IsNotNull(package.GetEntry("README.md"), $"{id}: README.md is not in the package");
            Assert.AreEqual("git", metadata.Element(ns + "repository")?.Attribute("type")?.Value, id);
            Assert.IsFalse(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value), id);
            if (id != "Tvbo.Cli")
            {
                Assert.IsTrue(File.Exists(Path.Combine(_feed, $"{id}.{_version}.snupkg")), $"{id}: no symbol package");
            }
        }
    }

    [TestMethod]
    public void TheToolIsOnePackagePerPlatformEachWithItsOwnNativeLibraries()
    {
        foreach (var rid in new[] { "linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64" })
        {
            var path = Path.Combine(_feed, $"Tvbo.Cli.{rid}.{_version}.nupkg");
            Assert.IsTrue(File.Exists(path), $"no tool package for {rid}; the feed has: {string.Join(", ", Directory.GetFiles(_feed).Select(Path.GetFileName))}");
            using var package = ZipFile.OpenRead(path);
            var natives = package.Entries.Select(e => e.FullName).Where(n => n.Contains("SkiaSharp", StringComparison.Ordinal) && !n.EndsWith(".dll", StringComparison.Ordinal) || n.EndsWith("libSkiaSharp.dll", StringComparison.Ordinal)).ToArray();
            Assert.HasCount(1, natives, $"{rid}: one SkiaSharp native library, its own: {string.Join(", ", natives)}");
            Assert.IsFalse(package.Entries.Any(e => e.FullName.Contains("/runtimes/", StringComparison.Ordinal)), $"{rid}: no other platform's runtimes/ folder");
        }

        var linux = new FileInfo(Path.Combine(_feed, $"Tvbo.Cli.linux-x64.{_version}.nupkg")).Length;
        Assert.IsLessThan(25L << 20, linux, $"the linux-x64 tool package is {linux >> 20} MiB");
    }

    [TestMethod]
    public void PyRatesPackageCarriesTheBridgeAndTheTargetsThatCopyIt()
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"Tvbo.PyRates.{_version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "python", "tvbo_pyrates"), "*.py");
        Assert.IsNotEmpty(sources);
        foreach (var source in sources)
        {
            var entry = $"python/tvbo_pyrates/{Path.GetFileName(source)}";
            Assert.Contains(entry, entries, $"{entry} is not in the package; it has: {string.Join(", ", entries.Order(StringComparer.Ordinal))}");
        }

        Assert.Contains("buildTransitive/Tvbo.PyRates.targets", entries);
    }

    [TestMethod]
    public void ConsoleAppOutputHasTheBridgePackage()
    {
        var bridge = Path.Combine(_appDirectory, "out", "python", "tvbo_pyrates", "__init__.py");
        Assert.IsTrue(File.Exists(bridge), $"{bridge} is missing: the package's build targets did not copy the bridge.\n{_appOutput}");
        StringAssert.Contains(_appOutput, "bridge present", _appOutput);
    }

    [TestMethod]
    public void ConsoleAppRunsTheNativeBackend()
    {
        var results = Results("native");
        AssertEuler(results, "native");
    }

    [TestMethod]
    public void ConsoleAppRunsThePyRatesBackend()
    {
        var unavailable = Lines(_appOutput, "unavailable pyrates ").SingleOrDefault();
        if (unavailable is not null)
        {
            Assert.DoesNotContain("Python half of the bridge", unavailable, $"the package's bridge was not found at run time: {unavailable}");
            Assert.Inconclusive($"PyRates does not import here, so the app could not run it: {unavailable}");
        }

        var results = Results("pyrates");
        AssertEuler(results, "pyrates");
        var native = Results("native");
        for (var c = 0; c < Rates.Length; c++)
        {
            Assert.AreEqual(native[c].Last, results[c].Last, 1e-12, $"pyrates vs native, condition {c}");
        }
    }

    [TestMethod]
    public void ASingleFileAppFindsTheNativeBackendByName()
    {
        // The assemblies are inside the executable, not files beside it: the registry loads the backend by name.
        var publish = Path.Combine(_work, "single-file");
        Dotnet.Run(TestContext, _appDirectory, TimeSpan.FromMinutes(5), "publish", "-r", "linux-x64", "--self-contained", "false", "-p:PublishSingleFile=true", "-o", publish);
        Assert.IsFalse(File.Exists(Path.Combine(publish, "Tvbo.Native.dll")), "Tvbo.Native.dll is bundled, not beside the app");
        var output = Dotnet.Exec(TestContext, _work, TimeSpan.FromMinutes(2), Path.Combine(publish, "App"), "native");
        Assert.IsFalse(output.Contains("unavailable", StringComparison.Ordinal), output);
        AssertEuler(Results("native", output), "native (single file)");
    }

    [TestMethod]
    public void ToolFromTheFeedRunsAnExample()
    {
        var bridge = Directory.EnumerateFiles(_toolDirectory, "__init__.py", SearchOption.AllDirectories)
            .Where(p => p.Replace('\\', '/').EndsWith("/python/tvbo_pyrates/__init__.py", StringComparison.Ordinal))
            .ToList();
        Assert.HasCount(1, bridge, "the installed tool has no python/tvbo_pyrates/__init__.py next to it");
        var examples = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(bridge[0])!)!)!, "examples");
        var output = Dotnet.Exec(TestContext, _work, TimeSpan.FromMinutes(2), Path.Combine(_toolDirectory, "tvbo"),
            "plan", Path.Combine(examples, "vdp_mu_sweep.yaml"));
        StringAssert.Contains(output, "mu_sweep", output);

        // A run with figures: the platform package's own SkiaSharp library draws them.
        var outDir = Path.Combine(_work, "tool-run");
        output = Dotnet.Exec(TestContext, _work, TimeSpan.FromMinutes(3), Path.Combine(_toolDirectory, "tvbo"),
            "run", Path.Combine(examples, "vdp_mu_sweep.yaml"), "--backend", "native", "--out", outDir, "-q");
        StringAssert.Contains(output, "native: 1 exploration(s)", output);
        Assert.IsTrue(File.Exists(Path.Combine(outDir, "mu_sweep", "series.csv")), output);
        Assert.IsNotEmpty(Directory.GetFiles(outDir, "*.png", SearchOption.AllDirectories), "the figures were drawn");
    }

    private static void AssertEuler(IReadOnlyList<(double K, int Samples, double Last)> results, string backend)
    {
        Assert.HasCount(Rates.Length, results, $"{backend}: one line per condition expected");
        for (var c = 0; c < Rates.Length; c++)
        {
            var (k, samples, last) = results[c];
            Assert.AreEqual(Rates[c], k, $"{backend}: condition {c} (C order)");
            Assert.AreEqual(Samples, samples, $"{backend}: samples of condition {c}");
            // The last sample is the state after 99 Euler steps: (1 - k*dt)^99.
            var expected = Math.Pow(1 - k * StepSize, Samples - 1);
            Assert.AreEqual(expected, last, 1e-12 * expected, $"{backend}: x at t = 0.99 for k = {k}");
        }
    }

    private static List<(double K, int Samples, double Last)> Results(string backend, string? output = null)
    {
        output ??= _appOutput;
        var lines = Lines(output, $"result {backend} ");
        Assert.IsNotEmpty(lines, $"the app printed no {backend} results:\n{output}");
        return lines.Select(line => line.Split(' '))
            .OrderBy(f => int.Parse(f[0], CultureInfo.InvariantCulture))
            .Select(f => (double.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static List<string> Lines(string output, string prefix) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..]).ToList();

    private static XElement Nuspec(ZipArchive package, string id)
    {
        var entry = package.GetEntry($"{id}.nuspec") ?? throw new AssertFailedException($"{id}: no nuspec in the package");
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tvbo.PyRates.sln")))
            {
                return dir.FullName;
            }
        }

        throw new AssertFailedException($"No Tvbo.PyRates.sln above {AppContext.BaseDirectory}");
    }
}

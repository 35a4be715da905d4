namespace Tvbo.Cli.Tests.Battery;

/// <summary>
/// Bad input of every kind a user can give: each case exits with its code, names its culprit in one paragraph on
/// stderr (no stack trace, no internal error), and writes nothing outside its output folder.
/// </summary>
[TestClass]
public sealed class BadInputBatteryTests
{
    private static readonly Lock DumpGate = new();

    public static IEnumerable<object[]> Cases => BadInputCases.All().Select(c => new object[] { c });

    public static string? Name(System.Reflection.MethodInfo method, object[] data) => data[0].ToString();

    [TestMethod]
    public void TheBatteryHasAtLeastAHundredCasesOverEveryFamily()
    {
        var cases = BadInputCases.All().ToArray();
        Assert.IsGreaterThanOrEqualTo(100, cases.Length);
        CollectionAssert.AreEquivalent(new[] { "expressions", "names", "files", "settings", "numbers", "command line" }, cases.Select(c => c.Family).Distinct().ToArray());
        Assert.AreEqual(cases.Length, cases.Select(c => c.ToString()).Distinct().Count(), "case names are unique");
    }

    public static IEnumerable<object[]> FileCases => BadInputCases.All().Where(c => c.Family != "command line" && c.Args.SequenceEqual(["run", "{exp}", "--backend", "native", "--out", "{out}"])).Select(c => new object[] { c });

    [TestMethod]
    [DynamicData(nameof(FileCases), DynamicDataDisplayName = nameof(Name))]
    public void TheLibraryRefusesTheSameFilesWithAnInputError(BadInput bad)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-battery-").FullName;
        try
        {
            var exp = Write(bad, dir).Experiment;

            // Load and run as a C# program would: the error is the library's input error (TvboException, not a
            // backend failure or a .NET exception), and names the same culprit.
            var ex = Assert.Throws<TvboException>(() => Tvbo.Experiment.SimulationExperiment.Load(exp).Run("native"), bad.ToString());
            Assert.IsNotInstanceOfType<Tvbo.Backends.BackendException>(ex, bad.ToString());
            foreach (var word in bad.Culprit)
            {
                Assert.IsTrue(ex.Message.Contains(word, StringComparison.OrdinalIgnoreCase) || (ex is Tvbo.Files.TvboFileException f && $"{f.File}:{f.Line}".Contains(word, StringComparison.OrdinalIgnoreCase)), $"{bad}: {ex.GetType().Name} does not name '{word}': {ex.Message}");
            }

            foreach (var word in bad.NotShown)
            {
                Assert.DoesNotContain(word, ex.Message, $"{bad}: the message shows '{word}'");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases), DynamicDataDisplayName = nameof(Name))]
    public void BadInputIsRefusedNamingItsCulprit(BadInput bad)
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-battery-").FullName;
        try
        {
            var (exp, inputs) = Write(bad, dir);

            var outDir = Path.Combine(dir, "out");
            var args = bad.Args.Select(a => a.Replace("{exp}", exp, StringComparison.Ordinal).Replace("{out}", outDir, StringComparison.Ordinal).Replace("{dir}", dir, StringComparison.Ordinal)).ToArray();
            var (exit, stdout, stderr) = CliRunner.Run(args);

            Assert.AreEqual(bad.Exit, exit, $"{bad}\nstdout: {stdout}\nstderr: {stderr}");
            if (Environment.GetEnvironmentVariable("TVBO_BATTERY_DUMP") is { Length: > 0 } dump)
            {
                // What the user sees, case by case (for reviewing the messages).
                lock (DumpGate)
                {
                    File.AppendAllText(dump, $"{bad.Family}\t{bad.Name}\t{exit}\t{stderr.Replace(dir, "DIR", StringComparison.Ordinal).Split('\n')[0].Trim()}\n");
                }
            }

            foreach (var word in bad.Culprit)
            {
                Assert.IsTrue(stderr.Contains(word, StringComparison.OrdinalIgnoreCase), $"{bad}: the message does not name '{word}':\n{stderr}");
            }

            foreach (var word in bad.NotShown)
            {
                Assert.DoesNotContain(word, stderr, $"{bad}: the message shows '{word}'");
            }

            Assert.IsTrue(stderr.StartsWith("tvbo: ", StringComparison.Ordinal) || (bad.Args.Length == 0 && stderr.Contains("Usage:\n  tvbo", StringComparison.Ordinal)), $"{bad}: {stderr}");
            Assert.DoesNotContain("internal error", stderr, bad.ToString());
            Assert.DoesNotContain("   at ", stderr, $"{bad}: a stack trace");
            Assert.IsLessThan(4000, stderr.Length, $"{bad}: one paragraph, not {stderr.Length} characters");

            // Nothing written outside the output folder (nor anything in it: the input was refused first).
            var written = Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
                .Where(p => !inputs.Contains(p) && !inputs.Any(i => i.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal)) && !p.StartsWith(outDir, StringComparison.Ordinal))
                .ToArray();
            Assert.IsEmpty(written, $"{bad}: wrote {string.Join(", ", written)}");
            Assert.IsFalse(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any(), $"{bad}: wrote into --out");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Writes the case's files into <paramref name="dir"/>: the experiment file's path, and every file written.</summary>
    private static (string Experiment, List<string> Inputs) Write(BadInput bad, string dir)
    {
        var exp = Path.Combine(dir, "exp.yaml");
        var inputs = new List<string>();
        if (bad.Experiment is not null)
        {
            File.WriteAllText(exp, bad.Experiment);
            inputs.Add(exp);
        }

        foreach (var (name, text) in bad.Files)
        {
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            inputs.Add(path);
        }

        foreach (var (name, bytes) in bad.Bytes)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllBytes(path, bytes);
            inputs.Add(path);
        }

        foreach (var (name, target) in bad.Links)
        {
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.CreateSymbolicLink(path, target);
            inputs.Add(path);
        }

        return (exp, inputs);
    }
}

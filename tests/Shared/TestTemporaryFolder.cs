namespace Tvbo.TestSupport;

/// <summary>
/// Gives each test assembly's run a temporary folder of its own (TMPDIR, which <see cref="Path.GetTempPath"/> and the
/// processes the tests start read) and deletes it when the run ends, so the folders and files the tests create under
/// the temporary folder do not accumulate on the machine.
/// </summary>
[TestClass]
public static class TestTemporaryFolder
{
    private static string? _previous;
    private static string? _folder;

    /// <summary>Creates the run's folder and points TMPDIR at it.</summary>
    /// <param name="context">The test context (unused).</param>
    [AssemblyInitialize]
    public static void Create(TestContext context)
    {
        _ = context;
        _previous = Environment.GetEnvironmentVariable("TMPDIR");
        _folder = Directory.CreateTempSubdirectory("tvbo-tests-").FullName;
        Environment.SetEnvironmentVariable("TMPDIR", _folder);
    }

    /// <summary>Deletes the run's folder and restores TMPDIR.</summary>
    [AssemblyCleanup]
    public static void Delete()
    {
        Environment.SetEnvironmentVariable("TMPDIR", _previous);
        if (_folder is not null && Directory.Exists(_folder))
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A process a test started may still hold a file; the folder is left for the system to clean.
            }
            catch (UnauthorizedAccessException)
            {
                // A test made a file read-only or a folder unreadable on purpose.
            }
        }
    }
}

namespace Tvbo.Cli.Tests;

/// <summary>Runs the tvbo command in-process and captures its output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static string TempFile(string text, string name = "exp.yaml")
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tvbo-cli-").FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}

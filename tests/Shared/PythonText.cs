namespace Tvbo.TestSupport;

/// <summary>Text for Python source written by the tests.</summary>
internal static class PythonText
{
    /// <summary>A single-quoted Python string literal of <paramref name="text"/>.</summary>
    public static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

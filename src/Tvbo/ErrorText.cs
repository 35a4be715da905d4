namespace Tvbo;

/// <summary>The text of an error as a person reads it in a Tvbo message: an <see cref="ArgumentException"/>'s message
/// without .NET's " (Parameter 'name')" suffix, which names a C# parameter the reader never wrote.</summary>
internal static class ErrorText
{
    /// <summary>The message of <paramref name="ex"/> for a Tvbo message.</summary>
    /// <param name="ex">The error.</param>
    /// <returns>The message, without a parameter suffix.</returns>
    public static string Of(Exception ex) =>
        ex is ArgumentException { ParamName: { Length: > 0 } name } && ex.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? ex.Message[..^$" (Parameter '{name}')".Length]
            : ex.Message;
}

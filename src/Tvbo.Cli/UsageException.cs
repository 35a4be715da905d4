namespace Tvbo.Cli;

/// <summary>A command line that cannot be understood; the message says what is valid.</summary>
internal sealed class UsageException(string message) : Exception(message);

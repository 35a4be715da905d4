namespace Tvbo.Experiment;

/// <summary>An experiment that cannot run: bad integration settings or an invalid exploration. The message
/// names the exploration and parameter at fault and says what would be valid.</summary>
public sealed class ExperimentException : TvboException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong and what would be valid.</param>
    /// <param name="exploration">The exploration at fault, if any.</param>
    /// <param name="parameter">The parameter at fault, if any.</param>
    public ExperimentException(string message, string? exploration = null, string? parameter = null)
        : base(message)
    {
        Exploration = exploration;
        Parameter = parameter;
    }

    /// <summary>The name of the exploration at fault, or <see langword="null"/>.</summary>
    public string? Exploration { get; }

    /// <summary>The name of the parameter at fault, or <see langword="null"/>.</summary>
    public string? Parameter { get; }
}

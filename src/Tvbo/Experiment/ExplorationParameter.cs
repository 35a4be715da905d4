namespace Tvbo.Experiment;

/// <summary>One parameter an exploration varies, with its values.</summary>
/// <param name="Name">The model parameter's name.</param>
/// <param name="Domain">The values it takes.</param>
public sealed record ExplorationParameter(string Name, Domain Domain);

namespace Tvbo.Observables;

/// <summary>A documented argument of an <see cref="ObservableFunction"/>.</summary>
/// <param name="Name">Its name in a pipeline step's <c>arguments</c>.</param>
/// <param name="Default">Its value when the step does not give one (NaN: required).</param>
/// <param name="Description">What it means, with its unit and valid range.</param>
internal sealed record ObservableArgument(string Name, double Default, string Description);

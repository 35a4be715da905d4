namespace Tvbo.Observables;

/// <summary>An argument of a Python step (<see cref="IPipelinePython"/>).</summary>
/// <param name="Name">Its keyword, or null to pass it by position.</param>
/// <param name="Value">An <see cref="ArrayValue"/> (a numpy float64 array, or a Python float when it has no
/// dimensions), a <see cref="double"/> (a Python float, or int when integral) or a <see cref="string"/>.</param>
internal sealed record PythonArgument(string? Name, object Value);

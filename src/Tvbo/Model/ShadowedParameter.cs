namespace Tvbo.Model;

/// <summary>A parameter declared with the name of a derived variable. TVBO builds its symbol table with derived
/// variables after parameters, so the derived variable wins and the parameter takes no part in the equations; it
/// cannot be explored.</summary>
/// <param name="Name">The name shared by the parameter and the derived variable.</param>
/// <param name="Value">The parameter's declared (unused) value.</param>
public sealed record ShadowedParameter(string Name, double Value);

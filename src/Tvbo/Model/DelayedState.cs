namespace Tvbo.Model;

/// <summary>A symbol that reads state variable <paramref name="Source"/> <paramref name="Steps"/> integration steps in
/// the past (at least 1): at a stage of step <c>k</c> evaluated at <c>t_k + c·dt</c> (<c>c</c> = 0 or 1), the value the
/// source had at step <c>k + c − Steps</c>; before the start, its initial value. In a derived variable
/// <see cref="DerivedVariable.HeldOverStep"/> it is read once per step, at <c>c</c> = 0. Only the system a delayed
/// network is lowered to has such symbols.</summary>
/// <param name="Name">The symbol.</param>
/// <param name="Source">The state variable read.</param>
/// <param name="Steps">How many steps back.</param>
public sealed record DelayedState(string Name, string Source, int Steps);

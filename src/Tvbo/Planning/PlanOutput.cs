using Tvbo.Expressions;

namespace Tvbo.Planning;

/// <summary>One output of the user's result: a state variable of the backend's system (<see cref="StateIndex"/>), or an
/// expression computed from the stored state after the run (a derived variable, an observation, a node's copy of
/// one).</summary>
/// <param name="Name">The output's name in the result.</param>
/// <param name="StateIndex">The state variable's index in the backend's system, or -1 for a computed output.</param>
/// <param name="Expression">The expression of a computed output, else <see langword="null"/>.</param>
internal sealed record PlanOutput(string Name, int StateIndex, Expr? Expression);

namespace Tvbo.Planning;

/// <summary>One backend run of a plan: the job, which of the plan's conditions it computes (null: all, in order), the
/// outputs over its variables, and the user's names of its state variables (a network's <c>V[node]</c>).</summary>
/// <param name="Job">What the backend runs.</param>
/// <param name="Conditions">The plan's conditions this part computes, or <see langword="null"/> for all.</param>
/// <param name="Outputs">The user's outputs over the job's variables.</param>
/// <param name="VariableNames">The user's name of each job state variable that has another one.</param>
internal sealed record PlanPart(BackendJob Job, int[]? Conditions, PlanOutput[] Outputs, IReadOnlyDictionary<string, string> VariableNames);

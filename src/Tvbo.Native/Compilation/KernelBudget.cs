using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Expressions;

namespace Tvbo.Native.Compilation;

/// <summary>
/// What the native backend compiles and keeps for one model, checked before it compiles: the generated code grows
/// with the model's operations times the method's right-hand-side evaluations per step (a network lowered into one
/// system: its nodes' equations and one term per edge and coupling input), and a delayed network keeps a history of
/// its delayed states. Both are refused beyond their limits, with the numbers, instead of exhausting the memory.
/// </summary>
internal static class KernelBudget
{
    /// <summary>The most operations (expression nodes × right-hand-side evaluations per step) compiled into one kernel:
    /// a dense 1000-node network with a one-term coupling under Heun (about 8 million; some 5 GB and half a minute
    /// to compile).</summary>
    public const long MaxOperations = 8_500_000;

    /// <summary>The most delay history kept per condition (64 MiB: a block of conditions keeps two copies per lane).</summary>
    public const long MaxHistoryBytesPerCondition = 64L << 20;

    /// <summary>Refuses a model whose kernel or delay history would be too large.</summary>
    /// <param name="layout">The model's compiled view.</param>
    /// <param name="method">The integration method.</param>
    /// <param name="dt">The step (to state delays in time).</param>
    /// <exception cref="ExperimentException">The kernel or the history is beyond its limit.</exception>
    public static void Check(ModelLayout layout, IntegrationMethod method, double dt)
    {
        var model = layout.Model;
        var operations = model.StateVariables.Sum(s => Count(s.Equation)) + model.DerivedVariables.Sum(d => Count(d.Equation));
        var evaluations = Evaluations(method);
        var held = model.DerivedVariables.Where(d => d.HeldOverStep).Sum(d => Count(d.Equation)); // evaluated once per step
        if (((operations - held) * evaluations) + held > MaxOperations)
        {
            throw new ExperimentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{model.Name}' is too large for the native backend: {operations:N0} operations ({model.StateVariables.Count:N0} state variables, {model.DerivedVariables.Count:N0} derived variables and coupling inputs) evaluated {evaluations}× per step by {method}{(held > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({held:N0} of them, the coupling held over the step, once)") : string.Empty)}; the backend compiles at most {MaxOperations:N0} (about a dense 1000-node network with a one-term coupling under Heun). Use fewer nodes or edges (drop weights that are 0), a one-stage method (Euler), or a simpler coupling."));
        }

        if (layout.HistoryLength > 0)
        {
            CheckHistory(model.Name, layout.DelayedSources.Count, layout.HistoryLength, dt);
        }
    }

    /// <summary>Refuses a delay history beyond <see cref="MaxHistoryBytesPerCondition"/>.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="sources">The delayed states kept (over all nodes).</param>
    /// <param name="length">Steps kept per state (the longest delay + 1).</param>
    /// <param name="dt">The step (to state delays in time).</param>
    /// <exception cref="ExperimentException">The history is beyond its limit.</exception>
    public static void CheckHistory(string model, long sources, int length, double dt)
    {
        var bytes = length * sources * sizeof(double);
        if (bytes > MaxHistoryBytesPerCondition)
        {
            throw new ExperimentException(string.Create(
                CultureInfo.InvariantCulture,
                $"Model '{model}': the delay history is {bytes >> 20:N0} MiB per condition ({sources:N0} delayed states × {length:N0} steps: the longest delay is {(length - 1) * dt:G6} at step {dt:G6}); the native backend keeps at most {MaxHistoryBytesPerCondition >> 20} MiB per condition. Use a larger step, a higher conduction speed or shorter delays (a delay longer than the run counts only as the run's length)."));
        }
    }

    /// <summary>The nodes of an expression, counted without recursion (an expression may be a sum of a million terms).</summary>
    private static long Count(Expr e)
    {
        var count = 0L;
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.TryPop(out var x))
        {
            count++;
            foreach (var c in x.Children)
            {
                stack.Push(c);
            }
        }

        return count;
    }

    private static int Evaluations(IntegrationMethod method) => method switch
    {
        IntegrationMethod.Euler => 1,
        IntegrationMethod.Heun => 2,
        IntegrationMethod.RK4 => 4,
        _ => 7,
    };
}

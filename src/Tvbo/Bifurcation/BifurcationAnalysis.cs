using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tvbo.Experiment;

namespace Tvbo.Bifurcation;

/// <summary>
/// Runs an experiment's continuations (<see cref="SimulationExperiment.Continuations"/>, TVBO's <c>continuations:</c>)
/// on the experiment's model, natively: branches of equilibria in one parameter with their stability, folds, Hopf and
/// branch points (<see cref="EquilibriumContinuation"/>), the periodic orbits born at Hopf points
/// (<see cref="PeriodicOrbitContinuation"/>), and fold and Hopf curves in two parameters (<see cref="BifurcationCurve"/>).
/// The model is the deterministic single-node model; noise and the experiment's integration settings play no part.
/// </summary>
public static class BifurcationAnalysis
{
    /// <summary>Runs every continuation of an experiment, a continuation that starts from another's branch after it.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="logger">Where progress and findings are logged, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>The results, in the order of <see cref="SimulationExperiment.Continuations"/>.</returns>
    /// <exception cref="ContinuationException">A continuation cannot run; the message names it and the key at fault.</exception>
    /// <exception cref="ExperimentException">A continuation's settings are invalid.</exception>
    public static IReadOnlyList<ContinuationResult> RunAll(SimulationExperiment experiment, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var done = new Dictionary<string, ContinuationResult>(StringComparer.Ordinal);
        foreach (var c in experiment.Continuations)
        {
            _ = Run(experiment, c, done, logger ?? NullLogger.Instance, [], cancellationToken);
        }

        return experiment.Continuations.Select(c => done[c.Name]).ToArray();
    }

    /// <summary>Runs one continuation of an experiment (and the one it starts from, if it starts from another's branch).</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="continuation">The continuation's name.</param>
    /// <param name="logger">Where progress and findings are logged, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ContinuationException">The continuation is unknown or cannot run; the message names the key at fault.</exception>
    /// <exception cref="ExperimentException">The continuation's settings are invalid.</exception>
    public static ContinuationResult Run(SimulationExperiment experiment, string continuation, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        Run(experiment, continuation, [], logger, cancellationToken);

    /// <summary>Runs one continuation of an experiment, reusing results already computed for the continuations it starts
    /// from (a fold or Hopf curve from another's branch).</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="continuation">The continuation's name.</param>
    /// <param name="finished">Results of the experiment's continuations already computed, with the same settings.</param>
    /// <param name="logger">Where progress and findings are logged, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ContinuationException">The continuation is unknown or cannot run; the message names the key at fault.</exception>
    /// <exception cref="ExperimentException">The continuation's settings are invalid.</exception>
    public static ContinuationResult Run(SimulationExperiment experiment, string continuation, IEnumerable<ContinuationResult> finished, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(finished);
        var done = finished.ToDictionary(r => r.Name, StringComparer.Ordinal);
        return Run(experiment, Find(experiment, continuation, null), done, logger ?? NullLogger.Instance, [], cancellationToken);
    }

    private static Continuation Find(SimulationExperiment experiment, string name, string? from) =>
        experiment.Continuations.Contains(name) ? experiment.Continuations[name]
        : throw new ContinuationException(
            $"{(from is null ? "" : $"Continuation '{from}': initial_state: source_branch ")}'{name}' is not a continuation of the experiment; it has {(experiment.Continuations.Count == 0 ? "none" : string.Join(", ", experiment.Continuations.Select(c => c.Name)))}.",
            from ?? name,
            from is null ? null : "source_branch");

    private static ContinuationResult Run(SimulationExperiment experiment, Continuation settings, Dictionary<string, ContinuationResult> done, ILogger logger, HashSet<string> running, CancellationToken cancellationToken)
    {
        if (done.TryGetValue(settings.Name, out var known))
        {
            return known;
        }

        if (!running.Add(settings.Name))
        {
            throw new ContinuationException($"Continuation '{settings.Name}': initial_state: source_branch leads back to itself ({string.Join(" → ", running)} → {settings.Name}); a branch must start from a continuation that does not depend on it.", settings.Name, "source_branch");
        }

        settings.Validate();
        var context = $"Continuation '{settings.Name}'";
        if (experiment.Network is not null)
        {
            throw new ContinuationException($"{context}: the experiment is a network; continuation follows the equilibria of one node's model. Continue the node model in an experiment of its own.", settings.Name);
        }

        var system = ContinuationSystem.Create(experiment.Model, context);
        foreach (var free in settings.FreeParameters)
        {
            if (system.IndexOfParameter(free.Name) < 0)
            {
                throw new ContinuationException($"{context}: free parameter '{free.Name}' is not a parameter of model '{system.ModelName}'; its parameters are {string.Join(", ", system.ParameterNames)}.", settings.Name, "free_parameters");
            }
        }

        var watch = Stopwatch.StartNew();
        var parameters = system.ParameterValues.ToArray();
        if (settings.FreeParameters.Count == 2)
        {
            return Finish(Curve(experiment, settings, system, parameters, done, logger, running, cancellationToken));
        }

        var x0 = Start(experiment, settings, system, parameters, done, logger, running, cancellationToken);
        var branch = new EquilibriumContinuation(system, settings, parameters).Run(x0, cancellationToken);
        var branches = new List<Branch> { branch };
        foreach (var cycle in settings.Branches)
        {
            branches.AddRange(Cycles(system, settings, cycle, branch, parameters, logger, cancellationToken));
        }

        return Finish(branches);

        ContinuationResult Finish(IReadOnlyList<Branch> found)
        {
            var main = found[0];
            var result = new ContinuationResult(settings.Name, found, watch.Elapsed);
            var special = main.SpecialPoints.Where(s => s.Kind != SpecialPointKind.EndPoint).ToArray();
            logger.LogInformation("{Continuation}: {Points} points in {Parameters}; {Special}{Cycles} ({Seconds:F2} s).",
                context, main.Points.Count, string.Join(", ", main.ParameterNames.Select(n => FormattableString.Invariant($"{n} {main.Parameter(n).Min():G6} to {main.Parameter(n).Max():G6}"))),
                special.Length == 0 ? "no bifurcation" : string.Join(", ", special), string.Concat(found.Skip(1).Select(b => $"; {b}")), watch.Elapsed.TotalSeconds);
            running.Remove(settings.Name);
            done[settings.Name] = result;
            return result;
        }
    }

    /// <summary>The fold or Hopf curve in two parameters from a fold or Hopf point of another continuation's branch.</summary>
    private static Branch[] Curve(SimulationExperiment experiment, Continuation settings, ContinuationSystem system, double[] parameters, Dictionary<string, ContinuationResult> done, ILogger logger, HashSet<string> running, CancellationToken cancellationToken)
    {
        var context = $"Continuation '{settings.Name}'";
        var start = settings.InitialState;
        var source = Run(experiment, Find(experiment, start.SourceBranch!, settings.Name), done, logger, running, cancellationToken);
        var reference = SpecialPointReference.Parse(start.SourcePoint!, allowAll: false);
        if (reference.Kind is not (SpecialPointKind.Fold or SpecialPointKind.Hopf))
        {
            throw new ContinuationException($"{context}: initial_state: source_point '{start.SourcePoint}': a curve in two parameters follows a fold (fold:k) or a Hopf point (hopf:k).", settings.Name, "source_point");
        }

        var point = SourcePoint(settings, source, reference, start.SourcePoint!);
        foreach (var name in source.Main.ParameterNames)
        {
            if (!settings.FreeParameters.Any(f => f.Name == name))
            {
                throw new ContinuationException($"{context}: the source branch '{source.Name}' varies {name}, which is not one of this continuation's free parameters ({string.Join(", ", settings.FreeParameters.Select(f => f.Name))}); the curve starts where the source branch found its point, so it must vary the same parameter.", settings.Name, "free_parameters");
            }
        }

        for (var j = 0; j < source.Main.ParameterNames.Count; j++)
        {
            parameters[system.IndexOfParameter(source.Main.ParameterNames[j])] = point.Parameters[j];
        }

        foreach (var free in settings.FreeParameters)
        {
            var value = parameters[system.IndexOfParameter(free.Name)];
            if (value < free.Lower || value > free.Upper)
            {
                throw new ContinuationException($"{context}: {free.Name} starts at {Invariant(value)} ({start.SourcePoint} of '{source.Name}'), outside its domain {Invariant(free.Lower)}..{Invariant(free.Upper)}; widen the domain.", settings.Name, "free_parameters");
            }
        }

        var curve = new BifurcationCurve(system, settings, reference.Kind == SpecialPointKind.Hopf, parameters);
        return [curve.Run(point.State.ToArray(), point.Frequency, cancellationToken)];
    }

    /// <summary>The special point a start names on a branch.</summary>
    private static SpecialPoint SourcePoint(Continuation settings, ContinuationResult source, SpecialPointReference reference, string text)
    {
        var points = source.Main.Find(reference.Kind);
        return points.Count >= reference.Index
            ? points[reference.Index!.Value - 1]
            : throw new ContinuationException($"Continuation '{settings.Name}': initial_state: source_point '{text}': branch '{source.Name}' has {points.Count} such point(s){(source.Main.SpecialPoints.Count == 0 ? "" : $" (its special points: {string.Join(", ", source.Main.SpecialPoints)})")}.", settings.Name, "source_point");
    }

    /// <summary>The periodic orbits from the Hopf points a cycle branch names: one branch named after it when it names
    /// one point, <c>&lt;name&gt;_hb&lt;k&gt;</c> per Hopf point when it names all.</summary>
    private static IEnumerable<Branch> Cycles(ContinuationSystem system, Continuation settings, CycleContinuation cycle, Branch equilibria, double[] parameters, ILogger logger, CancellationToken cancellationToken)
    {
        var hopf = equilibria.Find(SpecialPointKind.Hopf);
        var chosen = cycle.SourcePoint.Index is { } k ? hopf.Where(h => h.Number == k).ToArray() : hopf;
        if (chosen.Count == 0)
        {
            logger.LogWarning("Continuation '{Continuation}', branch '{Branch}': {Point} names no Hopf point of the equilibria (they have {Count}); no periodic orbits are continued.", settings.Name, cycle.Name, cycle.SourcePoint, hopf.Count);
            yield break;
        }

        foreach (var h in chosen)
        {
            var name = cycle.SourcePoint.Index is null ? $"{cycle.Name}_hb{h.Number}" : cycle.Name;
            var orbits = new PeriodicOrbitContinuation(system, settings, cycle, name, parameters);
            yield return orbits.Run(h.State.ToArray(), h.Parameters[0], h.Frequency, Math.Abs(settings.InitialStep), cancellationToken);
        }
    }

    /// <summary>The equilibrium the branch starts from, with the free parameters set in <paramref name="parameters"/>.</summary>
    private static double[] Start(SimulationExperiment experiment, Continuation settings, ContinuationSystem system, double[] parameters, Dictionary<string, ContinuationResult> done, ILogger logger, HashSet<string> running, CancellationToken cancellationToken)
    {
        var context = $"Continuation '{settings.Name}'";
        var free = settings.FreeParameters[0];
        var k = system.IndexOfParameter(free.Name);
        var start = settings.InitialState;
        double[] guess;
        double[]? alternative = null;
        string from;
        if (start.Kind == ContinuationStartKind.FromBranch)
        {
            var source = Run(experiment, Find(experiment, start.SourceBranch!, settings.Name), done, logger, running, cancellationToken);
            var point = SourcePoint(settings, source, SpecialPointReference.Parse(start.SourcePoint!, allowAll: false), start.SourcePoint!);
            for (var j = 0; j < source.Main.ParameterNames.Count; j++)
            {
                parameters[system.IndexOfParameter(source.Main.ParameterNames[j])] = point.Parameters[j];
            }

            guess = point.State.ToArray();
            from = $"{start.SourcePoint} of '{source.Name}'";
        }
        else
        {
            guess = system.InitialState.ToArray();
            from = "the model's initial state";
            if (start.Kind == ContinuationStartKind.TimeIntegration)
            {
                (guess, alternative) = SteadyStateSearch.Integrate(system, parameters, guess, start.Duration, cancellationToken)
                    ?? throw new ContinuationException($"{context}: initial_state: integrating model '{system.ModelName}' from its initial state for {Invariant(start.Duration)} at {free.Name} = {Invariant(parameters[k])} does not stay finite; start from a state where the model is well behaved.", settings.Name, "initial_state");
                from = $"the state after integrating for {Invariant(start.Duration)}";
            }
        }

        var lambda = parameters[k];
        if (lambda < free.Lower || lambda > free.Upper)
        {
            throw new ContinuationException($"{context}: {free.Name} starts at {Invariant(lambda)}, outside its domain {Invariant(free.Lower)}..{Invariant(free.Upper)}; give the model's {free.Name} a value in the domain, or widen the domain.", settings.Name, "free_parameters");
        }

        var x0 = SteadyStateSearch.Newton(system, parameters, guess) ?? (alternative is null ? null : SteadyStateSearch.Newton(system, parameters, alternative));
        if (x0 is null)
        {
            var f = new double[system.Dimension];
            system.Evaluate(guess, parameters, f);
            var hint = start.Kind == ContinuationStartKind.InitialState
                ? "give initial_state: {method: time_integration, duration: …} to integrate to an equilibrium first, or initial values at an equilibrium"
                : start.Kind == ContinuationStartKind.TimeIntegration
                    ? "the model may oscillate there (an equilibrium is needed to start), or need longer to settle; integrate longer, or start the continuation at a parameter value where the model settles"
                    : "the source point may not be an equilibrium of this model";
            throw new ContinuationException($"{context}: initial_state: {from} is not an equilibrium at {free.Name} = {Invariant(lambda)} (largest |dx/dt| = {Invariant(f.Max(Math.Abs))}), and Newton's method does not reach one from it; {hint}.", settings.Name, "initial_state");
        }

        logger.LogDebug("{Continuation}: starts at {Parameter} = {Value} from {From}.", context, free.Name, lambda, from);
        return x0;
    }

    private static string Invariant(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

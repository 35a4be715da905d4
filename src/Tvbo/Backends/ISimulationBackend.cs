using Tvbo.Planning;
using Tvbo.Results;

namespace Tvbo.Backends;

/// <summary>
/// A backend runs one exploration of an experiment. Backends are found by <see cref="Name"/> through
/// <see cref="BackendRegistry"/>, so <c>experiment.Run("native")</c> and <c>experiment.Run("pyrates")</c> read
/// like the TVBO guide. Implementations must be safe to call from several threads at once.
/// </summary>
public interface ISimulationBackend
{
    /// <summary>The backend's name, e.g. <c>native</c> or <c>pyrates</c> (lower case).</summary>
    string Name { get; }

    /// <summary>Describes the backend: name, version, the software it runs on and its settings (what the command line
    /// prints and <c>run.json</c> records). The default gives the name, the assembly's version, .NET and the operating
    /// system; a backend with more to say (an interpreter, settings) overrides it.</summary>
    /// <returns>The description.</returns>
    BackendDescription Describe() => BackendDescription.Of(this);

    /// <summary>Runs every condition of a job.</summary>
    /// <param name="job">What to run: the system, its grid (conditions in C order), what to keep and where to log;
    /// planned and validated (<see cref="BackendJob"/>). A backend checks only what it cannot do; among that, whether
    /// the system is a discrete map (<see cref="Model.Dynamics.IsDiscrete"/> of <see cref="BackendJob.Model"/>: its
    /// equations are next values, to iterate once per step, not derivatives), which a backend that only integrates
    /// must refuse with a <see cref="BackendException"/>.</param>
    /// <param name="progress">Receives progress reports, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result, with conditions in C order. Conditions that fail are listed in
    /// <see cref="ExplorationResult.Failures"/>; the run itself does not fail for them.</returns>
    ExplorationResult RunExploration(BackendJob job, IProgress<RunProgress>? progress, CancellationToken cancellationToken);
}

namespace Tvbo.Results;

/// <summary>Why a condition did not complete normally (<see cref="ConditionFailure.Kind"/>). Every backend reports
/// the same kinds with the same wording (<see cref="ConditionFailure"/>'s factories), so reports of two backends can
/// be compared line by line.</summary>
public enum FailureKind
{
    /// <summary>The state became NaN or infinite.</summary>
    Diverged,

    /// <summary>A state variable left its boundaries (a backend that does not enforce them).</summary>
    LeftBounds,

    /// <summary>An adaptive method's step size fell below its minimum.</summary>
    StepSizeUnderflow,

    /// <summary>The backend's call that computed the condition failed (e.g. Python raised).</summary>
    BackendCallFailed,

    /// <summary>The condition did not finish because the run was cancelled.</summary>
    Cancelled,
}

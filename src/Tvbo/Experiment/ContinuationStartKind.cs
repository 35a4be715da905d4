namespace Tvbo.Experiment;

/// <summary>How a continuation finds its first point (TVBO's <c>initial_state: {method: …}</c>).</summary>
public enum ContinuationStartKind
{
    /// <summary>The model's initial state, refined by Newton's method at the model's parameter values.</summary>
    InitialState,

    /// <summary>The state reached by integrating the model from its initial state (<c>time_integration</c>), refined by
    /// Newton's method.</summary>
    TimeIntegration,

    /// <summary>A special point of another continuation's branch (<c>from_branch</c>).</summary>
    FromBranch,
}

namespace Tvbo.Experiment;

/// <summary>The integration scheme.</summary>
public enum IntegrationMethod
{
    /// <summary>Forward Euler, fixed step (PyRates <c>euler</c>).</summary>
    Euler,

    /// <summary>Heun's method (explicit trapezoid), fixed step (PyRates <c>heun</c>; TVBO's default).</summary>
    Heun,

    /// <summary>Classical fourth-order Runge–Kutta, fixed step (native backend only).</summary>
    RK4,

    /// <summary>Adaptive Dormand–Prince 5(4) with error control by <see cref="IntegrationSettings.RelativeTolerance"/>
    /// and <see cref="IntegrationSettings.AbsoluteTolerance"/>, sampled on the fixed time grid (PyRates <c>scipy</c>).</summary>
    RK45,
}

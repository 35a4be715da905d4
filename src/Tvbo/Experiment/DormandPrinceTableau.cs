namespace Tvbo.Experiment;

/// <summary>The Dormand–Prince 5(4) coefficients, error weights and the quartic dense-output matrix exactly as
/// scipy's <c>RK45</c> (Dormand &amp; Prince 1980; Shampine 1986 for the continuous extension): the native backend's
/// RK45 and the integration a continuation starts from.</summary>
internal static class DormandPrinceTableau
{
    /// <summary>Stage coupling coefficients A[s][j], j &lt; s.</summary>
    public static readonly double[][] A =
    [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
    ];

    /// <summary>Fifth-order weights of the six stages.</summary>
    public static readonly double[] B = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84];

    /// <summary>Error-estimate weights of the seven stages (the last is f(y_new)).</summary>
    public static readonly double[] E = [-71.0 / 57600, 0, 71.0 / 16695, -71.0 / 1920, 17253.0 / 339200, -22.0 / 525, 1.0 / 40];

    /// <summary>Dense output: Q = Kᵀ·P; y(t_old + x·h) = y_old + h·Q·[x, x², x³, x⁴].</summary>
    public static readonly double[][] P =
    [
        [1, -8048581381.0 / 2820520608, 8663915743.0 / 2820520608, -12715105075.0 / 11282082432],
        [0, 0, 0, 0],
        [0, 131558114200.0 / 32700410799, -68118460800.0 / 10900136933, 87487479700.0 / 32700410799],
        [0, -1754552775.0 / 470086768, 14199869525.0 / 1410260304, -10690763975.0 / 1880347072],
        [0, 127303824393.0 / 49829197408, -318862633887.0 / 49829197408, 701980252875.0 / 199316789632],
        [0, -282668133.0 / 205662961, 2019193451.0 / 616988883, -1453857185.0 / 822651844],
        [0, 40617522.0 / 29380423, -110615467.0 / 29380423, 69997945.0 / 29380423],
    ];

    /// <summary>scipy's safety factor.</summary>
    public const double Safety = 0.9;

    /// <summary>The smallest step-size factor after a rejection.</summary>
    public const double MinFactor = 0.2;

    /// <summary>The largest step-size factor after an acceptance.</summary>
    public const double MaxFactor = 10;

    /// <summary>-1/(error estimator order + 1).</summary>
    public const double ErrorExponent = -1.0 / 5;
}

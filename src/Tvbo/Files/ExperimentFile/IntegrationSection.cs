using Tvbo.Experiment;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The experiment's <c>integration:</c>: the method (TVBO's spellings), duration, step size (or <c>dt</c>),
/// sampling step, transient time, tolerances and noise (<see cref="NoiseSection"/>), with TVBO's defaults where a key
/// is absent. User-defined schemes are refused; keys that do not change the integration are warnings.</summary>
internal static class IntegrationSection
{
    /// <summary>Reads <c>integration:</c> into the settings and validates them.</summary>
    /// <param name="src">The file.</param>
    /// <param name="m">The integration's mapping (empty when the experiment has none).</param>
    /// <param name="s">The settings to fill.</param>
    /// <param name="discrete">Whether the model is a discrete map: its default step size is 1 (one iterate per unit
    /// of time, TVBO's <c>dt</c> for maps), and the method is not applied.</param>
    public static void Read(YamlSource src, YamlMappingNode m, IntegrationSettings s, bool discrete = false)
    {
        src.SchemaKeys(m, "'integration'", TvboSchema.Integration, unknownIsError: true);
        if (YamlSource.Get(m, "state_wise_sigma") is { } sws && !YamlSource.IsEmpty(sws) && !IsZero(src, sws, "state_wise_sigma"))
        {
            throw src.Error(sws, "integration.state_wise_sigma is not supported: give one noise.parameters.sigma for the noise's targets.");
        }

        if (YamlSource.Get(m, "noise") is { } noiseNode && !YamlSource.IsEmpty(noiseNode) && !IsZero(src, noiseNode, "noise"))
        {
            s.Noise = NoiseSection.Read(src, noiseNode);
        }

        RefuseSchemes(src, m);
        s.Method = Method(src, m, discrete);
        ReadTimes(src, m, s, discrete);
        s.RelativeTolerance = Tolerance(src, m, s, "rel_tol", "rtol", s.RelativeTolerance);
        s.AbsoluteTolerance = Tolerance(src, m, s, "abs_tol", "atol", s.AbsoluteTolerance);
        s.TimeUnit = CheckFlags(src, m);
        s.CouplingEvaluation = CouplingEvaluationOf(src, m);
        try
        {
            s.Validate();
        }
        catch (ExperimentException ex)
        {
            throw src.Error(m, ex.Message, ex);
        }
    }

    private static bool IsZero(YamlSource src, YamlNode node, string what) =>
        node is YamlScalarNode && YamlSource.IsNumber(node) && src.Number(node, what) == 0;

    /// <summary>Refuses user-defined integration schemes; warns about keys that are not applied.</summary>
    private static void RefuseSchemes(YamlSource src, YamlMappingNode m)
    {
        foreach (var key in new[] { "intermediate_expressions", "update_expression" })
        {
            if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n))
            {
                throw src.Error(n, $"integration.{key}: user-defined integration schemes are not supported; use method euler, heun, rk4 or rk45.");
            }
        }

        foreach (var key in new[] { "steps", "number_of_stages", "scipy_ode_base", "differentiation", "parameters", "transient" })
        {
            if (YamlSource.Get(m, key) is { } n && !YamlSource.IsEmpty(n))
            {
                src.Warn(YamlSource.KeyNode(m, key)!, $"integration.{key} is not applied (the method, step size and duration decide the integration).");
            }
        }
    }

    /// <summary>The method, by any of TVBO's spellings (any case, with or without underscores and hyphens); TVBO's
    /// default euler when absent.</summary>
    private static IntegrationMethod Method(YamlSource src, YamlMappingNode m, bool discrete)
    {
        if (YamlSource.Get(m, "method") is not { } method)
        {
            if (!discrete)
            {
                src.Default(m, "integration.method not given; using TVBO's default 'euler'.");
            }

            return IntegrationMethod.Euler;
        }

        var text = src.Text(method, "integration.method").Trim();
        var result = text.ToLowerInvariant().Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal) switch
        {
            "euler" or "eulerdeterministic" => IntegrationMethod.Euler,
            "heun" or "heundeterministic" => IntegrationMethod.Heun,
            "rk4" or "rungekutta4" or "rungekutta4thorder" or "rungekutta" => IntegrationMethod.RK4,
            "rk45" or "dopri5" or "dormandprince" or "scipy" => IntegrationMethod.RK45,
            "eulerstochastic" or "eulermaruyama" => IntegrationMethod.Euler,
            "heunstochastic" => IntegrationMethod.Heun,
            var other => throw src.Error(method, $"integration.method '{text}' is not known; valid (any case): euler, heun, rk4, rk45 (also EulerDeterministic, HeunDeterministic, RungeKutta4).{(other.Contains("fehlberg", StringComparison.Ordinal) || other.Contains("45", StringComparison.Ordinal) ? " For an adaptive 4(5) Runge–Kutta write rk45 (Dormand–Prince, TVB's Dopri5 and scipy's RK45; Fehlberg's coefficients are not provided, by TVB either); with noise write euler or heun." : string.Empty)}"),
        };
        if (discrete && result != IntegrationMethod.RK45)
        {
            src.Warn(method, $"integration.method '{text}' is not applied: the model is a discrete map, iterated once per step.");
        }

        return result;
    }

    /// <summary>The duration, step size (<c>step_size</c> or <c>dt</c>), sampling step and transient time.</summary>
    private static void ReadTimes(YamlSource src, YamlMappingNode m, IntegrationSettings s, bool discrete)
    {
        if (YamlSource.Get(m, "duration") is { } dur)
        {
            s.Duration = src.FiniteNumber(dur, "integration.duration");
        }
        else
        {
            s.Duration = 1000.0;
            src.Default(m, "integration.duration not given; using TVBO's default 1000.");
        }

        var stepNode = YamlSource.Get(m, "step_size");
        if (YamlSource.Get(m, "dt") is { } dtNode)
        {
            if (stepNode is not null)
            {
                src.Warn(dtNode, "integration has both 'step_size' and 'dt'; 'step_size' is used.");
            }

            stepNode ??= dtNode;
        }

        if (stepNode is not null)
        {
            s.StepSize = src.FiniteNumber(stepNode, "integration.step_size");
        }
        else if (discrete)
        {
            s.StepSize = 1.0;
            src.Default(m, "integration.step_size not given; the model is a discrete map: using 1 (one iterate per unit of time, TVBO's dt for maps), so duration is the number of iterates.");
        }
        else
        {
            s.StepSize = 0.01220703125;
            src.Default(m, "integration.step_size not given; using TVBO's default 0.01220703125 (2^-13 * 100).");
        }

        if (YamlSource.Get(m, "sampling_step_size") is { } dts)
        {
            s.SamplingStepSize = src.FiniteNumber(dts, "integration.sampling_step_size");
        }

        if (YamlSource.Get(m, "transient_time") is { } tt)
        {
            s.TransientTime = src.FiniteNumber(tt, "integration.transient_time");
        }
    }

    /// <summary>A tolerance under its key or alias; TVBO's default 1e-10 for rk45, else <paramref name="fallback"/>.</summary>
    private static double Tolerance(YamlSource src, YamlMappingNode m, IntegrationSettings s, string key, string alias, double fallback)
    {
        var node = YamlSource.Get(m, key) ?? YamlSource.Get(m, alias);
        if (node is not null)
        {
            return src.FiniteNumber(node, $"integration.{key}");
        }

        if (s.Method == IntegrationMethod.RK45)
        {
            src.Default(m, $"integration.{key} not given; using TVBO's default 1e-10.");
            return 1e-10;
        }

        return fallback;
    }

    /// <summary><c>coupling_evaluation</c>: <c>per_stage</c> (also when absent) or <c>per_step</c>.</summary>
    private static CouplingEvaluation CouplingEvaluationOf(YamlSource src, YamlMappingNode m)
    {
        if (YamlSource.Get(m, "coupling_evaluation") is not { } ce)
        {
            return CouplingEvaluation.PerStage;
        }

        return src.Text(ce, "integration.coupling_evaluation").Trim() switch
        {
            "per_stage" => CouplingEvaluation.PerStage,
            "per_step" => CouplingEvaluation.PerStep,
            var text => throw src.Error(ce, $"integration.coupling_evaluation '{text}' is not known; valid: per_step, per_stage."),
        };
    }

    /// <summary>Checks <c>delayed</c> and the time unit, which are recorded, not applied.</summary>
    /// <returns>The time unit given (<c>ms</c>, <c>s</c> or <c>us</c>), else <see langword="null"/>.</returns>
    private static string? CheckFlags(YamlSource src, YamlMappingNode m)
    {
        if (YamlSource.Get(m, "delayed") is { } delayed)
        {
            _ = src.Boolean(delayed, "integration.delayed");
        }

        // TVBO's time_scale names the unit of the integration's times (ifabsent ms) and converts nothing: times are in the
        // model's own unit. ms is what TVBO's models use; another unit is read as a number of the model's units, said.
        string? given = null;
        foreach (var key in new[] { "time_scale", "time_unit", "unit" })
        {
            if (YamlSource.Get(m, key) is { } tu && src.Text(tu, $"integration.{key}").Trim() is var unit)
            {
                if (unit is not ("ms" or "s" or "us" or "millisecond" or "second"))
                {
                    throw src.Error(tu, $"integration.{key} '{unit}' is not known; valid: ms, s, us. (Times are in the model's own unit; the unit is recorded, not converted.)");
                }

                if (unit is not ("ms" or "millisecond"))
                {
                    src.Warn(tu, $"integration.{key} is '{unit}': nothing is converted (as in TVBO); duration, step_size and the model's rates are all read in the model's own time unit, which is ms for TVBO's models.");
                }

                given = unit switch { "millisecond" => "ms", "second" => "s", _ => unit };
            }
        }

        return given;
    }
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tvbo.Validation;

/// <summary>Writes everything a cross-check found as JSON (System.Text.Json): snake_case keys, numbers round-trip
/// exact, <c>null</c> for absent values and for non-finite numbers.</summary>
internal static class CheckJsonWriter
{
    public static string Write(IReadOnlyList<ExplorationCheck> explorations, string labelA, string labelB, CheckTolerance tolerance, bool passed)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("a", labelA);
            w.WriteString("b", labelB);
            w.WriteStartObject("tolerance");
            w.WriteNumber("absolute", tolerance.Absolute);
            w.WriteNumber("relative", tolerance.Relative);
            w.WriteString("rule", "a sample agrees when |a - b| <= absolute + relative * scale, scale = the variable's largest |value| in the condition (the smaller of the two results' largest |value|)");
            w.WriteEndObject();
            w.WriteBoolean("passed", passed);
            Counts(w, explorations.SelectMany(e => e.Conditions).ToArray());
            w.WriteStartArray("explorations");
            foreach (var e in explorations)
            {
                Exploration(w, e);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The JSON name of a verdict.</summary>
    internal static string Name(CheckVerdict v) => v switch
    {
        CheckVerdict.Agree => "agree",
        CheckVerdict.SensitiveDependence => "sensitive_dependence",
        CheckVerdict.Systematic => "systematic",
        _ => "diverged",
    };

    private static void Counts(Utf8JsonWriter w, IReadOnlyList<ConditionCheck> conditions)
    {
        w.WriteStartObject("counts");
        w.WriteNumber("conditions", conditions.Count);
        foreach (var v in Enum.GetValues<CheckVerdict>())
        {
            w.WriteNumber(Name(v), conditions.Count(c => c.Verdict == v));
        }

        w.WriteNumber("disagreements", conditions.Count(c => c.IsDisagreement));
        w.WriteEndObject();
    }

    private static void Exploration(Utf8JsonWriter w, ExplorationCheck e)
    {
        w.WriteStartObject();
        w.WriteString("name", e.Name);
        if (e.Label is not null)
        {
            w.WriteString("label", e.Label);
        }

        w.WriteBoolean("passed", e.Passed);
        if (e.Observables.Count > 0)
        {
            w.WriteStartArray("observables");
            foreach (var o in e.Observables)
            {
                w.WriteStartObject();
                w.WriteString("name", o.Name);
                w.WriteBoolean("passed", o.Passed);
                w.WriteNumber("conditions", o.Conditions);
                w.WriteNumber("agree", o.Agree);
                w.WriteNumber("worstCondition", o.WorstCondition);
                Finite(w, "maxAbsoluteError", o.MaxAbsoluteError);
                Finite(w, "maxRelativeError", o.MaxRelativeError);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Strings(w, "parameters", e.ParameterNames);
        Strings(w, "outputs", e.OutputNames);
        w.WriteStartObject("time");
        w.WriteNumber("samples", e.Time.Count);
        if (e.Time.Count > 0)
        {
            w.WriteNumber("start", e.Time[0]);
            w.WriteNumber("end", e.Time[^1]);
        }

        if (e.Time.Count > 1)
        {
            w.WriteNumber("step", e.Time[1] - e.Time[0]);
        }

        w.WriteEndObject();
        Counts(w, e.Conditions);
        w.WriteStartArray("variables");
        foreach (var v in e.Variables)
        {
            VariableSummaryEntry(w, v);
        }

        w.WriteEndArray();
        w.WriteStartArray("conditions");
        foreach (var c in e.Conditions)
        {
            Condition(w, c);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void VariableSummaryEntry(Utf8JsonWriter w, VariableSummary v)
    {
        w.WriteStartObject();
        w.WriteString("variable", v.Variable);
        w.WriteNumber("conditions", v.Conditions);
        w.WriteNumber("agree", v.Agree);
        w.WriteNumber("sensitive_dependence", v.SensitiveDependence);
        w.WriteNumber("systematic", v.Systematic);
        w.WriteNumber("diverged", v.Diverged);
        w.WriteNumber("worst_condition", v.Worst.Condition);
        Number(w, "max_abs_error", v.MaxAbsoluteError);
        Number(w, "max_rel_error", v.MaxRelativeError);
        Number(w, "first_exceed_time", v.FirstExceedTime);
        w.WriteEndObject();
    }

    private static void Condition(Utf8JsonWriter w, ConditionCheck c)
    {
        w.WriteStartObject();
        w.WriteNumber("condition", c.Condition);
        w.WriteStartObject("parameters");
        for (var i = 0; i < c.ParameterNames.Count; i++)
        {
            Number(w, c.ParameterNames[i], c.ParameterValues[i]);
        }

        w.WriteEndObject();
        w.WriteString("verdict", Name(c.Verdict));
        w.WriteBoolean("disagreement", c.IsDisagreement);
        w.WriteString("description", c.Describe());
        Number(w, "agrees_until", c.AgreesUntil);
        Number(w, "compared_until", c.ComparedUntil);
        Number(w, "max_abs_error", c.MaxAbsoluteError);
        Number(w, "max_rel_error", c.MaxRelativeError);
        w.WriteStartArray("divergences");
        foreach (var d in c.Divergences)
        {
            DivergenceEntry(w, d);
        }

        w.WriteEndArray();
        w.WriteStartArray("variables");
        foreach (var v in c.Variables)
        {
            VariableEntry(w, v);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void DivergenceEntry(Utf8JsonWriter w, Divergence d)
    {
        w.WriteStartObject();
        w.WriteString("result", d.Side == CheckSides.A ? "a" : "b");
        w.WriteString("label", d.Label);
        Number(w, "time", d.Time);
        if (d.Variable is null)
        {
            w.WriteNull("variable");
        }
        else
        {
            w.WriteString("variable", d.Variable);
        }

        w.WriteString("reason", d.Reason);
        w.WriteEndObject();
    }

    private static void VariableEntry(Utf8JsonWriter w, VariableCheck v)
    {
        w.WriteStartObject();
        w.WriteString("variable", v.Variable);
        w.WriteString("verdict", Name(v.Verdict));
        Number(w, "max_abs_error", v.MaxAbsoluteError);
        Number(w, "time_of_max_error", v.TimeOfMaxError);
        Number(w, "max_rel_error", v.MaxRelativeError);
        Number(w, "rms_error", v.RmsError);
        Number(w, "scale", v.Scale);
        Number(w, "threshold", v.Threshold);
        Number(w, "first_exceed_time", v.FirstExceedTime);
        Number(w, "difference_at_first_exceed", v.DifferenceAtFirstExceed);
        Number(w, "initial_difference", v.InitialDifference);
        w.WriteNumber("compared_samples", v.ComparedSamples);
        if (v.Growth is { } g)
        {
            GrowthEntry(w, g);
        }
        else
        {
            w.WriteNull("growth");
        }

        w.WriteEndObject();
    }

    private static void GrowthEntry(Utf8JsonWriter w, GrowthFit g)
    {
        w.WriteStartObject("growth");
        Number(w, "rate", g.Rate);
        Number(w, "r_squared", g.RSquared);
        Number(w, "power_law_r_squared", g.PowerLawRSquared);
        Number(w, "decade_time", g.DecadeTime);
        Number(w, "start_time", g.StartTime);
        Number(w, "end_time", g.EndTime);
        Number(w, "start_difference", g.StartDifference);
        Number(w, "end_difference", g.EndDifference);
        w.WriteNumber("points", g.Points);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    // A number, or null where it is not finite (JSON has no infinity).
    private static void Finite(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

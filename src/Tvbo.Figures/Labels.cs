using System.Globalization;
using System.Text;
using Tvbo.Results;

namespace Tvbo.Figures;

/// <summary>Names, numbers and units as they appear on figures.</summary>
internal sealed class Labels(FigureOptions options)
{
    private static readonly Dictionary<string, string> Greek = new(StringComparer.Ordinal)
    {
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["zeta"] = "ζ", ["eta"] = "η",
        ["theta"] = "θ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ", ["nu"] = "ν",
        ["xi"] = "ξ", ["omicron"] = "ο", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ",
        ["phi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω",
        ["Gamma"] = "Γ", ["Delta"] = "Δ", ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π", ["Sigma"] = "Σ",
        ["Phi"] = "Φ", ["Psi"] = "Ψ", ["Omega"] = "Ω",
    };

    public FigureOptions Options { get; } = options;

    /// <summary>A parameter's, variable's or observable's name as shown, the one place names become labels: every word
    /// that spells a Greek letter becomes the letter, wherever it stands in a dotted or subscripted name (<c>mu</c> → μ,
    /// <c>tau_e</c> → τ_e, <c>noise.sigma</c> → noise.σ, <c>sigma_e</c> → σ_e, <c>tau1</c> → τ1, <c>lambda_</c> → λ);
    /// words are runs of letters and digits; a node label in brackets (<c>V[left_theta]</c>) is kept as written.</summary>
    public string Name(string name) => Options.GreekLetters ? Symbol(name) : name;

    /// <summary><see cref="Name"/> with Greek letters always on.</summary>
    internal static string Symbol(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }

        var sb = new StringBuilder(name.Length);
        var depth = 0;
        var i = 0;
        while (i < name.Length)
        {
            var ch = name[i];
            if (depth > 0 || !char.IsAsciiLetter(ch))
            {
                depth += ch == '[' ? 1 : ch == ']' && depth > 0 ? -1 : 0;
                sb.Append(ch);
                i++;
                continue;
            }

            var start = i;
            while (i < name.Length && char.IsAsciiLetter(name[i]))
            {
                i++;
            }

            var letters = name[start..i];
            var digitsEnd = i;
            while (digitsEnd < name.Length && char.IsAsciiDigit(name[digitsEnd]))
            {
                digitsEnd++;
            }

            var wordEnd = digitsEnd;
            while (wordEnd < name.Length && char.IsAsciiLetterOrDigit(name[wordEnd]))
            {
                wordEnd++;
            }

            // A Greek word: the letters alone, or followed by digits only; otherwise the word is kept as written.
            if (wordEnd == digitsEnd && (start == 0 || !char.IsAsciiLetterOrDigit(name[start - 1])) && Greek.TryGetValue(letters, out var letter))
            {
                sb.Append(letter).Append(name, i, digitsEnd - i);
                i = digitsEnd;
                // Python's keyword escape (lambda_) at the end of the name is dropped.
                if (i == name.Length - 1 && name[i] == '_')
                {
                    i++;
                }
            }
            else
            {
                sb.Append(name, start, wordEnd - start);
                i = wordEnd;
            }
        }

        return sb.ToString();
    }

    /// <summary>The name with its unit, <c>I_ext (mA)</c>, for an axis or colorbar.</summary>
    public string WithUnit(string name, string? shown = null)
    {
        shown ??= Name(name);
        return Options.Units is { } units && units.TryGetValue(name, out var unit) && !string.IsNullOrWhiteSpace(unit) ? $"{shown} ({unit})" : shown;
    }

    /// <summary>The time axis' label.</summary>
    public string TimeAxis => Options.IterationStep switch
    {
        1.0 => "iteration n",
        { } dt => $"time t = n·{Number(dt)}",
        null => string.IsNullOrWhiteSpace(Options.TimeUnit) ? "time t" : $"t ({Options.TimeUnit})",
    };

    /// <summary>Whether samples are the iterates of a discrete map, drawn as points.</summary>
    public bool Iterates => Options.IterationStep is not null;

    /// <summary>A time value with its unit.</summary>
    public string Time(double t) => string.IsNullOrWhiteSpace(Options.TimeUnit) ? Number(t) : $"{Number(t)} {Options.TimeUnit}";

    /// <summary>The figure title's prefix: the option, else the exploration's label, else its name.</summary>
    public string Title(ExplorationResult result) => Options.Title ?? result.Label ?? result.Name;

    /// <summary>A number in at most 4 significant digits (more where needed to tell values apart).</summary>
    public static string Number(double v, int digits = 4)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "∞" : "−∞";
        }

        if (v == 0)
        {
            return "0";
        }

        var a = Math.Abs(v);
        var text = a is >= 1e-3 and < 1e5
            ? Math.Round(v, Math.Max(0, digits - 1 - (int)Math.Floor(Math.Log10(a))), MidpointRounding.AwayFromZero).ToString("0.##########", CultureInfo.InvariantCulture)
            : v.ToString("0.###e0", CultureInfo.InvariantCulture);
        return text.Replace('-', '−');
    }

    /// <summary>The fewest significant digits (at least 3) that print every value of <paramref name="values"/> differently.</summary>
    public static int DistinctDigits(IReadOnlyList<double> values)
    {
        var distinct = values.Where(double.IsFinite).Distinct().Count();
        for (var d = 3; d < 16; d++)
        {
            if (values.Where(double.IsFinite).Select(v => Number(v, d)).Distinct(StringComparer.Ordinal).Count() == distinct)
            {
                return d;
            }
        }

        return 16;
    }

    /// <summary>A condition's parameter values: <c>μ = 2.08</c>, or <c>a = 0.5, I_ext = 1</c>.</summary>
    public string Condition(ExplorationResult result, int condition)
    {
        if (result.Axes.Count == 0)
        {
            return "model's parameter values";
        }

        var values = result.ParameterValues(condition);
        var sb = new StringBuilder();
        for (var j = 0; j < result.Axes.Count; j++)
        {
            if (result.Axes[j].ExploredValues.Count <= 1 && result.Axes.Count > 1)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(Name(result.Axes[j].Name)).Append(" = ").Append(Number(values[j], DistinctDigits(result.Axes[j].ExploredValues)));
        }

        return sb.ToString();
    }

    /// <summary>The summary window in words: <c>last 20 % (t ≥ 160)</c>.</summary>
    public string Window(ExplorationResult result, int windowStart)
    {
        var n = result.SampleCount;
        var percent = 100.0 * (n - windowStart) / n;
        var p = Number(percent, 3);
        return windowStart < result.Time.Length ? $"last {p} % of samples (t ≥ {Time(result.Time.Span[windowStart])})" : $"last {p} % of samples";
    }

    /// <summary>The failed conditions in words, those a cancelled run did not finish told apart: "3 of 64 conditions
    /// failed", "48 of 64 conditions not finished (the run was cancelled)", or both.</summary>
    public static string FailedConditions(ExplorationResult result, string failedVerb = "failed")
    {
        var cancelled = result.Failures.Where(f => f.IsCancelled).Select(f => f.Condition).Distinct().Count();
        var failed = result.Failures.Where(f => !f.IsCancelled).Select(f => f.Condition).Distinct().Count();
        var parts = new List<string>(2);
        if (failed > 0)
        {
            parts.Add($"{failed} {failedVerb}");
        }

        if (cancelled > 0)
        {
            parts.Add($"{cancelled} not finished (the run was cancelled)");
        }

        return $"of {result.ConditionCount} conditions, {string.Join(" and ", parts)}";
    }

    /// <summary>Condition count, backend and step: the common part of every subtitle.</summary>
    public static string Provenance(ExplorationResult result) =>
        $"exploration '{result.Name}' · {result.ConditionCount} condition{(result.ConditionCount == 1 ? string.Empty : "s")}{(result.Shape.Count > 1 ? $" ({string.Join(" × ", result.Shape)})" : string.Empty)} · {result.Backend} backend · dt = {Number(result.Dt)}";
}

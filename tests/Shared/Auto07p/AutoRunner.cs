using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tvbo.Bifurcation;

namespace Tvbo.TestSupport.Auto07p;

/// <summary>What AUTO-07p is asked to do (<see cref="AutoRunner.Run"/>). Parameters are named as in the model.</summary>
internal sealed record AutoRunOptions
{
    /// <summary>The continued parameter (AUTO's PAR(1)), then for <see cref="TwoParameter"/> the second one (PAR(2)).</summary>
    public required IReadOnlyList<string> Free { get; init; }

    /// <summary>Where each free parameter stops (AUTO's UZSTOP, which ends the branch with a UZ point).</summary>
    public required IReadOnlyDictionary<string, (double Lo, double Hi)> Bounds { get; init; }

    /// <summary>The equilibrium AUTO starts from (default: the model's initial state); it must be an equilibrium at
    /// the start parameters.</summary>
    public IReadOnlyList<double>? StartState { get; init; }

    /// <summary>Parameter values that replace the model's.</summary>
    public IReadOnlyDictionary<string, double>? Parameters { get; init; }

    /// <summary>Equilibrium continuation in PAR(1), both directions (IPS=1, ISW=1, ISP=2, ILP=1).</summary>
    public AutoStepping Equilibria { get; init; } = new();

    /// <summary>Values of PAR(1) at which AUTO marks a UZ point on the equilibrium branch (UZR).</summary>
    public IReadOnlyList<double>? EquilibriumUserValues { get; init; }

    /// <summary>Periodic orbits from each Hopf point (IPS=2, ICP=[1, 11]); null for none.</summary>
    public AutoCycleOptions? Cycles { get; init; }

    /// <summary>Two-parameter continuation of the first LP or HB point (ISW=2, ICP=[1, 2]); null for none.</summary>
    public AutoTwoParameterOptions? TwoParameter { get; init; }

    /// <summary>AUTO's convergence tolerances EPSL, EPSU and EPSS.</summary>
    public (double Epsl, double Epsu, double Epss) Tolerances { get; init; } = (1e-7, 1e-7, 1e-5);

    /// <summary>Whether each periodic solution's whole orbit is returned (<see cref="AutoPoint.Time"/>, <see cref="AutoPoint.Orbit"/>).</summary>
    public bool Orbits { get; init; }

    /// <summary>The longest the whole run may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Keep the working folder (equations, AUTO's b-, s- and d-files) for inspection.</summary>
    public bool KeepDirectory { get; init; }
}

/// <summary>AUTO's step control: DS (first step, its sign set per direction), DSMIN, DSMAX, and NMX (most steps).</summary>
internal sealed record AutoStepping(double Ds = 0.01, double DsMin = 1e-6, double DsMax = 0.05, int Nmx = 1000);

/// <summary>Periodic orbits from Hopf points.</summary>
internal sealed record AutoCycleOptions
{
    /// <summary>Mesh intervals (NTST).</summary>
    public int Ntst { get; init; } = 40;

    /// <summary>Collocation points per interval (NCOL).</summary>
    public int Ncol { get; init; } = 4;

    /// <summary>Step control.</summary>
    public AutoStepping Stepping { get; init; } = new(0.01, 1e-6, 0.05, 300);

    /// <summary>The branch stops when the period passes this (UZSTOP on PAR(11)), e.g. near a homoclinic orbit.</summary>
    public double MaxPeriod { get; init; } = 1e4;

    /// <summary>At most this many Hopf points are followed.</summary>
    public int MaxHopf { get; init; } = 4;

    /// <summary>Values of PAR(1) at which AUTO marks a UZ point (UZR).</summary>
    public IReadOnlyList<double>? UserValues { get; init; }
}

/// <summary>Two-parameter continuation of the first LP or HB point on the equilibrium branch (forward first, then
/// backward), both directions.</summary>
internal sealed record AutoTwoParameterOptions
{
    /// <summary>"LP" or "HB".</summary>
    public required string From { get; init; }

    /// <summary>Step control.</summary>
    public AutoStepping Stepping { get; init; } = new(0.01, 1e-6, 0.05, 1000);
}

/// <summary>A special point AUTO labelled on a branch.</summary>
/// <param name="Label">AUTO's type: LP, HB, BP, UZ, EP, MX, and on periodic branches LP (fold of cycles), PD, TR, BP;
/// on two-parameter curves BT, CP, ZH, GH (and LP, HB, BP as AUTO reports them there).</param>
/// <param name="Lab">AUTO's label number (LAB).</param>
/// <param name="Index">The point's index in the branch's arrays.</param>
/// <param name="Parameters">Every parameter's value there, in the system's order.</param>
/// <param name="State">The state (for a periodic orbit its point at t = 0).</param>
/// <param name="Period">The period of a periodic orbit (PAR(11)), else null.</param>
/// <param name="Min">Each state's minimum over the orbit, else null.</param>
/// <param name="Max">Each state's maximum over the orbit, else null.</param>
internal sealed record AutoPoint(string Label, int Lab, int Index, double[] Parameters, double[] State, double? Period, double[]? Min, double[]? Max)
{
    /// <summary>The orbit's mesh times in [0, 1] (when <see cref="AutoRunOptions.Orbits"/>).</summary>
    public double[]? Time { get; init; }

    /// <summary>The orbit, one array per state (when <see cref="AutoRunOptions.Orbits"/>).</summary>
    public double[][]? Orbit { get; init; }
}

/// <summary>
/// One branch AUTO computed, every continuation step a point (AUTO's b-file).
/// </summary>
/// <param name="Kind">"EQ" (equilibria, one parameter), "PO" (periodic orbits), "LP" or "HB" (a fold or Hopf curve
/// in two parameters).</param>
/// <param name="Direction">+1 or -1: the sign of the first step (DS).</param>
/// <param name="Source">For "PO" the Hopf point it starts from (HB1, HB2, … in the order they were found), for a
/// two-parameter curve "LP" or "HB", else null.</param>
/// <param name="ParameterNames">The system's parameters, the order of <see cref="Parameters"/>.</param>
/// <param name="Parameters">Per point, every parameter (the fixed ones at their values).</param>
/// <param name="States">Per point, the state (EQ and two-parameter curves); for PO the orbit's point at t = 0.</param>
/// <param name="L2Norm">Per point, AUTO's L2-NORM.</param>
/// <param name="Period">Per point of a PO branch, the period (PAR(11)); null otherwise.</param>
/// <param name="Min">Per point of a PO branch, each state's minimum over AUTO's orbit (its collocation polynomials,
/// sampled 40 times per mesh interval); null otherwise.</param>
/// <param name="Max">Per point of a PO branch, each state's maximum likewise; null otherwise.</param>
/// <param name="Stable">Per point, AUTO's stability (negative PT): all eigenvalues in the left half plane, or all
/// Floquet multipliers but the trivial one inside the unit circle. Meaningless (false) on two-parameter curves.</param>
/// <param name="Points">The special points, in order along the branch (the regular NPR points left out).</param>
internal sealed record AutoBranch(string Kind, int Direction, string? Source, IReadOnlyList<string> ParameterNames, double[][] Parameters, double[][] States,
    double[] L2Norm, double[]? Period, double[][]? Min, double[][]? Max, bool[] Stable, List<AutoPoint> Points)
{
    /// <summary>The values of one parameter along the branch.</summary>
    /// <param name="name">The parameter's name.</param>
    public double[] Parameter(string name)
    {
        var k = ParameterNames.ToList().IndexOf(name);
        return k < 0 ? throw new ArgumentException($"No parameter '{name}'.", nameof(name)) : Parameters.Select(p => p[k]).ToArray();
    }

    /// <summary>The special points of one type.</summary>
    /// <param name="label">LP, HB, BT, …</param>
    public IEnumerable<AutoPoint> Labelled(string label) => Points.Where(p => p.Label == label);
}

/// <summary>One AUTO run of the driver (its name: eq_fwd, eq_bwd, po_hb1, hb_fwd, …) and its wall time in Python,
/// compiling the equations included in the first.</summary>
internal sealed record AutoTiming(string Run, double Seconds);

/// <summary>Everything one <see cref="AutoRunner.Run"/> produced.</summary>
/// <param name="Branches">The branches: EQ forward and backward, then PO, then two-parameter curves.</param>
/// <param name="Times">Each AUTO run's time.</param>
/// <param name="Errors">Runs AUTO could not do (each with AUTO's message); the others are still returned.</param>
/// <param name="Elapsed">The whole run, python's start-up included.</param>
/// <param name="Equations">The equations file.</param>
/// <param name="Directory">The working folder (deleted unless <see cref="AutoRunOptions.KeepDirectory"/>).</param>
internal sealed record AutoResult(IReadOnlyList<AutoBranch> Branches, IReadOnlyList<AutoTiming> Times, IReadOnlyList<string> Errors, TimeSpan Elapsed, AutoEquations Equations, string Directory)
{
    /// <summary>The branches of one kind.</summary>
    /// <param name="kind">EQ, PO, LP or HB.</param>
    public IEnumerable<AutoBranch> OfKind(string kind) => Branches.Where(b => b.Kind == kind);

    /// <summary>Every special point of a type on branches of a kind.</summary>
    /// <param name="kind">EQ, PO, LP or HB.</param>
    /// <param name="label">LP, HB, …</param>
    public IEnumerable<AutoPoint> Labelled(string kind, string label) => OfKind(kind).SelectMany(b => b.Labelled(label));
}

/// <summary>AUTO failed as a whole (the driver did not finish or wrote no result).</summary>
internal sealed class AutoRunException(string message) : Exception(message);

/// <summary>
/// Runs the real AUTO-07p on a <see cref="ContinuationSystem"/>: writes its equations (<see cref="AutoEquations"/>) and
/// the Python driver (auto_driver.py, embedded in the test assembly) into a fresh temporary folder and runs the
/// driver with <c>/usr/bin/python3</c>, which calls AUTO's Python interface (<c>auto.run(e='tvbo', …)</c> with every
/// constant as a keyword argument, no c-file) and writes AUTO's branches as JSON.
/// </summary>
internal static class AutoRunner
{
    /// <summary>The equations' name (tvbo.f90).</summary>
    public const string EquationName = "tvbo";

    /// <summary>Runs AUTO.</summary>
    /// <param name="system">The system.</param>
    /// <param name="options">What to compute.</param>
    /// <exception cref="AutoRunException">The driver failed, timed out, or wrote no result.</exception>
    public static AutoResult Run(ContinuationSystem system, AutoRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Free.Count is < 1 or > 2)
        {
            throw new ArgumentException("One or two free parameters.", nameof(options));
        }

        if (options.TwoParameter is not null && options.Free.Count != 2)
        {
            throw new ArgumentException("A two-parameter continuation needs two free parameters.", nameof(options));
        }

        var equations = AutoEquations.Create(system, options.Free, options.StartState, options.Parameters);
        var dir = Path.Combine(Path.GetTempPath(), "tvbo-auto-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, EquationName + ".f90"), equations.Fortran);
            File.WriteAllText(Path.Combine(dir, "auto_driver.py"), DriverScript());
            File.WriteAllText(Path.Combine(dir, "config.json"), Config(equations, options).ToJsonString());
            var watch = Stopwatch.StartNew();
            var (exit, stdout, stderr) = Execute(dir, options.Timeout);
            watch.Stop();
            var resultFile = Path.Combine(dir, "result.json");
            if (exit != 0 || !File.Exists(resultFile))
            {
                throw new AutoRunException($"The AUTO driver failed (exit {exit}) in {dir}:\n{Tail(stderr)}\n{Tail(stdout)}");
            }

            using var json = JsonDocument.Parse(File.ReadAllText(resultFile));
            return Parse(json.RootElement, equations, watch.Elapsed, dir);
        }
        finally
        {
            if (!options.KeepDirectory)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>The driver script (auto_driver.py).</summary>
    public static string DriverScript()
    {
        using var stream = typeof(AutoRunner).Assembly.GetManifestResourceStream("Tvbo.TestSupport.Auto07p.auto_driver.py")
            ?? throw new InvalidOperationException("auto_driver.py is not embedded in the test assembly (see the test project's EmbeddedResource).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonObject Config(AutoEquations equations, AutoRunOptions o)
    {
        var free = o.Free.Select(equations.IndexOf).ToArray();
        var bounds = new JsonObject();
        foreach (var name in o.Free)
        {
            if (!o.Bounds.TryGetValue(name, out var b))
            {
                throw new ArgumentException($"No bounds for the free parameter '{name}'.", nameof(o));
            }

            bounds[equations.IndexOf(name).ToString(CultureInfo.InvariantCulture)] = new JsonArray(b.Lo, b.Hi);
        }

        var config = new JsonObject
        {
            ["equation"] = EquationName,
            ["auto_dir"] = AutoAvailability.AutoDirectory,
            ["ndim"] = equations.System.Dimension,
            ["npar"] = equations.ParCount,
            ["free"] = new JsonArray(free.Select(i => (JsonNode)i).ToArray()),
            ["bounds"] = bounds,
            ["epsl"] = o.Tolerances.Epsl,
            ["epsu"] = o.Tolerances.Epsu,
            ["epss"] = o.Tolerances.Epss,
            ["orbits"] = o.Orbits,
            ["equilibria"] = Stepping(o.Equilibria, o.EquilibriumUserValues, free[0]),
        };
        if (o.Cycles is { } c)
        {
            var cy = Stepping(c.Stepping, c.UserValues, free[0]);
            cy["ntst"] = c.Ntst;
            cy["ncol"] = c.Ncol;
            cy["max_period"] = c.MaxPeriod;
            cy["max_hopf"] = c.MaxHopf;
            config["cycles"] = cy;
        }

        if (o.TwoParameter is { } t)
        {
            if (t.From is not ("LP" or "HB"))
            {
                throw new ArgumentException("A two-parameter continuation starts from an LP or an HB point.", nameof(o));
            }

            var two = Stepping(t.Stepping, null, free[0]);
            two["from"] = t.From;
            config["two_parameter"] = two;
        }

        return config;

        static JsonObject Stepping(AutoStepping s, IReadOnlyList<double>? uzr, int par)
        {
            var j = new JsonObject { ["ds"] = s.Ds, ["dsmin"] = s.DsMin, ["dsmax"] = s.DsMax, ["nmx"] = s.Nmx };
            if (uzr is { Count: > 0 })
            {
                j["uzr"] = new JsonObject { [par.ToString(CultureInfo.InvariantCulture)] = new JsonArray(uzr.Select(v => (JsonNode)v).ToArray()) };
            }

            return j;
        }
    }

    private static (int Exit, string Out, string Err) Execute(string dir, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(AutoAvailability.Python)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("auto_driver.py");
        start.ArgumentList.Add("config.json");
        start.ArgumentList.Add("result.json");
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["AUTO_DIR"] = AutoAvailability.AutoDirectory;
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new AutoRunException($"AUTO did not finish within {timeout.TotalSeconds:0} s (in {dir}).\n{Tail(stderr.Result)}");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    // The driver writes NaN and infinities as strings (JSON has no such numbers).
    private static double Number(JsonElement v) =>
        v.ValueKind == JsonValueKind.String ? double.Parse(v.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : v.GetDouble();

    private static string Tail(string text, int lines = 30) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static AutoResult Parse(JsonElement root, AutoEquations equations, TimeSpan elapsed, string dir)
    {
        var system = equations.System;
        var n = system.Dimension;
        var names = system.ParameterNames;
        var fixedValues = equations.StartParameters.ToArray();
        // AUTO's PAR index -> the system's parameter index.
        var byPar = new Dictionary<int, int>();
        for (var i = 0; i < names.Count; i++)
        {
            byPar[equations.ParIndex[i]] = i;
        }

        var branches = new List<AutoBranch>();
        foreach (var b in root.GetProperty("branches").EnumerateArray())
        {
            var kind = b.GetProperty("kind").GetString()!;
            var periodic = kind == "PO";
            var columns = b.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
            var rows = b.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(Number).ToArray()).ToArray();
            var m = rows.Length;
            var parameters = rows.Select(_ => (double[])fixedValues.Clone()).ToArray();
            var states = rows.Select(_ => Enumerable.Repeat(double.NaN, n).ToArray()).ToArray();
            var l2 = new double[m];
            double[]? period = periodic ? Enumerable.Repeat(double.NaN, m).ToArray() : null;
            double[][]? min = periodic ? rows.Select(_ => Enumerable.Repeat(double.NaN, n).ToArray()).ToArray() : null;
            double[][]? max = periodic ? rows.Select(_ => Enumerable.Repeat(double.NaN, n).ToArray()).ToArray() : null;
            for (var c = 0; c < columns.Length; c++)
            {
                var col = columns[c];
                for (var k = 0; k < m; k++)
                {
                    var v = rows[k][c];
                    if (col == "L2-NORM")
                    {
                        l2[k] = v;
                    }
                    else if (col == "PERIOD" && period is not null)
                    {
                        period[k] = v;
                    }
                    else if (Index(col, "PAR(") is { } par && byPar.TryGetValue(par, out var pi))
                    {
                        parameters[k][pi] = v;
                    }
                    else if (Index(col, "PAR(") == AutoEquations.PeriodIndex && period is not null)
                    {
                        period[k] = v;
                    }
                    else if (!periodic && Index(col, "U(") is { } u && u <= n)
                    {
                        states[k][u - 1] = v;
                    }
                }
            }

            var stable = b.GetProperty("stable").EnumerateArray().Select(s => s.GetBoolean()).ToArray();
            var points = new List<AutoPoint>();
            foreach (var s in b.GetProperty("solutions").EnumerateArray())
            {
                var type = s.GetProperty("type").GetString()!;
                var index = Math.Clamp(Math.Abs(s.GetProperty("pt").GetInt32()) - 1, 0, Math.Max(0, m - 1));
                var par = s.GetProperty("par").EnumerateArray().Select(Number).ToArray();
                var p = new double[names.Count];
                for (var i = 0; i < names.Count; i++)
                {
                    p[i] = par[equations.ParIndex[i] - 1];
                }

                var u0 = Doubles(s.GetProperty("u0"));
                double? solPeriod = s.TryGetProperty("period", out var pe) ? Number(pe) : null;
                var solMin = s.TryGetProperty("min", out var mi) ? Doubles(mi) : null;
                var solMax = s.TryGetProperty("max", out var ma) ? Doubles(ma) : null;
                if (periodic && m > 0)
                {
                    states[index] = u0;
                    period![index] = solPeriod ?? double.NaN;
                    min![index] = solMin ?? min[index];
                    max![index] = solMax ?? max[index];
                }

                if (type == "RG")
                {
                    continue;
                }

                points.Add(new AutoPoint(type, s.GetProperty("lab").GetInt32(), index, p, u0, solPeriod, solMin, solMax)
                {
                    Time = s.TryGetProperty("t", out var t) ? Doubles(t) : null,
                    Orbit = s.TryGetProperty("u", out var orbit) ? orbit.EnumerateArray().Select(Doubles).ToArray() : null,
                });
            }

            branches.Add(new AutoBranch(kind, b.GetProperty("direction").GetInt32(), b.GetProperty("source").ValueKind == JsonValueKind.Null ? null : b.GetProperty("source").GetString(),
                names, parameters, states, l2, period, min, max, stable, points));
        }

        var times = root.GetProperty("times").EnumerateArray().Select(t => new AutoTiming(t.GetProperty("run").GetString()!, t.GetProperty("seconds").GetDouble())).ToList();
        var errors = root.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        return new AutoResult(branches, times, errors, elapsed, equations, dir);

        static double[] Doubles(JsonElement a) => a.EnumerateArray().Select(Number).ToArray();

        static int? Index(string column, string prefix) =>
            column.StartsWith(prefix, StringComparison.Ordinal) && column.EndsWith(')') &&
            int.TryParse(column.AsSpan(prefix.Length, column.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
    }
}

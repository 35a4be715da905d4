using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Tvbo.Bifurcation;

namespace Tvbo.IO;

/// <summary>
/// A continuation's CSV folder <c>DIR/&lt;continuation&gt;/</c>: <c>continuation.json</c> (the branches: name, kind,
/// free parameters, states, file), one <c>branch_&lt;branch&gt;.csv</c> per branch and <c>special_points.csv</c>.
/// A file per branch, not one with a branch column: the branches of one continuation have different columns (periodic
/// orbits add the period and each state's minimum and maximum; a fold or Hopf curve has two free parameters), so each
/// file is one rectangular table that <c>pandas.read_csv</c> reads as it is. Numbers are written to round trip exactly.
/// </summary>
internal static class ContinuationCsv
{
    /// <summary>The file that marks a continuation's folder.</summary>
    public const string InfoFile = "continuation.json";

    /// <summary>The special points' file.</summary>
    public const string SpecialPointsFile = "special_points.csv";

    /// <summary>A branch's file name.</summary>
    public static string BranchFile(string branch) => $"branch_{branch}.csv";

    /// <summary>The largest continuation.json read (it lists branch names and columns only).</summary>
    private const long MaxInfoBytes = 64L << 20;

    /// <summary>Writes the folder <paramref name="directory"/> (created if needed).</summary>
    /// <returns>The files written, <c>continuation.json</c> first.</returns>
    public static IReadOnlyList<string> Write(ContinuationResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var info = new Info
        {
            Name = result.Name,
            ElapsedSeconds = result.Elapsed.TotalSeconds,
            Branches = result.Branches.Select(b => new BranchInfo { Name = b.Name, Kind = KindText(b.Kind), Parameters = [.. b.ParameterNames], States = [.. b.StateNames], File = BranchFile(b.Name) }).ToList(),
        };
        var infoPath = Path.Combine(directory, InfoFile);
        File.WriteAllText(infoPath, JsonSerializer.Serialize(info, RunManifest.JsonOptions));
        written.Add(infoPath);
        foreach (var b in result.Branches)
        {
            var path = Path.Combine(directory, BranchFile(b.Name));
            File.WriteAllText(path, BranchText(b));
            written.Add(path);
        }

        var special = Path.Combine(directory, SpecialPointsFile);
        File.WriteAllText(special, SpecialPointsText(result));
        written.Add(special);
        return written;
    }

    /// <summary>Whether a folder is a continuation's.</summary>
    public static bool IsContinuationFolder(string directory) => File.Exists(Path.Combine(directory, InfoFile));

    /// <summary>Reads a folder written by <see cref="Write"/>.</summary>
    /// <exception cref="ResultFileException">A file is missing or not as written.</exception>
    public static ContinuationResult Read(string directory)
    {
        var infoPath = Path.Combine(directory, InfoFile);
        CsvResultReader.CheckReadable(infoPath, MaxInfoBytes);
        Info info;
        try
        {
            info = JsonSerializer.Deserialize<Info>(CsvLineReader.Guard(infoPath, () => File.ReadAllText(infoPath)), RunManifest.JsonOptions)
                ?? throw new ResultFileException($"'{infoPath}' is empty; valid: the continuation.json tvbo writes.", infoPath);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ResultFileException($"'{infoPath}' cannot be read as a continuation's description: {ex.Message}", infoPath);
        }

        var specials = ReadSpecialPoints(Path.Combine(directory, SpecialPointsFile), info.Branches);
        var branches = info.Branches.Select(b =>
        {
            var kind = ParseKind(b.Kind, infoPath);
            var name = ResultFileCheck.Name(infoPath, "a branch's \"name\"", b.Name);
            if (b.File != BranchFile(name))
            {
                throw ResultFileCheck.Fail(infoPath, $"branch '{name}' names the file '{ResultFileCheck.Show(b.File)}'; valid: {BranchFile(name)}, in the continuation's folder");
            }

            var points = ReadBranch(Path.Combine(directory, BranchFile(name)), kind, b.Parameters, b.States);
            return new Branch(b.Name, kind, b.Parameters, b.States, points, specials.Where(s => s.Branch == b.Name).Select(s => s.Point).ToArray());
        }).ToArray();
        if (branches.Length == 0)
        {
            throw new ResultFileException($"'{infoPath}' lists no branch; valid: the continuation's own branch first.", infoPath);
        }

        return new ContinuationResult(info.Name, branches, TimeSpan.FromSeconds(info.ElapsedSeconds));
    }

    /// <summary>The number of eigenvalues with positive real part (equilibria), or of Floquet multipliers outside the
    /// unit circle other than the trivial one (the multiplier closest to 1) for periodic orbits.</summary>
    public static int UnstableCount(BranchKind kind, IReadOnlyList<Complex> eigenvalues)
    {
        if (kind != BranchKind.PeriodicOrbits)
        {
            return eigenvalues.Count(e => e.Real > 0);
        }

        var trivial = eigenvalues.Count == 0 ? -1 : Enumerable.Range(0, eigenvalues.Count).MinBy(i => Complex.Abs(eigenvalues[i] - 1));
        return Enumerable.Range(0, eigenvalues.Count).Count(i => i != trivial && Complex.Abs(eigenvalues[i]) > 1);
    }

    /// <summary>The point labels of a branch (LP, HB, …; several joined by '+'; empty for none).</summary>
    public static string[] PointLabels(Branch branch)
    {
        var labels = new string[branch.Points.Count];
        Array.Fill(labels, string.Empty);
        foreach (var s in branch.SpecialPoints.Where(s => s.PointIndex >= 0 && s.PointIndex < labels.Length))
        {
            labels[s.PointIndex] = labels[s.PointIndex].Length == 0 ? s.Label : $"{labels[s.PointIndex]}+{s.Label}";
        }

        return labels;
    }

    /// <summary>The kind's name in the files (<c>equilibria</c>, <c>periodic_orbits</c>, <c>fold_curve</c>, <c>hopf_curve</c>).</summary>
    public static string KindText(BranchKind kind) => kind switch
    {
        BranchKind.PeriodicOrbits => "periodic_orbits",
        BranchKind.FoldCurve => "fold_curve",
        BranchKind.HopfCurve => "hopf_curve",
        _ => "equilibria",
    };

    /// <summary>A kind's name in the files, parsed; the file <paramref name="path"/> is named when it is none of them.</summary>
    public static BranchKind ParseKind(string? text, string path) => text switch
    {
        "equilibria" => BranchKind.Equilibria,
        "periodic_orbits" => BranchKind.PeriodicOrbits,
        "fold_curve" => BranchKind.FoldCurve,
        "hopf_curve" => BranchKind.HopfCurve,
        _ => throw new ResultFileException($"'{path}' gives branch kind '{text}'; valid: equilibria, periodic_orbits, fold_curve, hopf_curve.", path),
    };

    /// <summary>The kind of a special point's label; the file <paramref name="path"/> is named when it is none of them.</summary>
    public static SpecialPointKind KindOfLabel(string label, string path) => label switch
    {
        "EP" => SpecialPointKind.EndPoint,
        "LP" => SpecialPointKind.Fold,
        "HB" => SpecialPointKind.Hopf,
        "BP" => SpecialPointKind.BranchPoint,
        "LPC" => SpecialPointKind.CycleFold,
        "PD" => SpecialPointKind.PeriodDoubling,
        "TR" => SpecialPointKind.Torus,
        "CP" => SpecialPointKind.Cusp,
        "BT" => SpecialPointKind.BogdanovTakens,
        "GH" => SpecialPointKind.GeneralizedHopf,
        "ZH" => SpecialPointKind.ZeroHopf,
        _ => throw new ResultFileException($"'{path}' has special point label '{label}'; valid: LP, HB, BP, LPC, PD, TR, CP, BT, GH, ZH, EP.", path),
    };

    /// <summary>The header of a branch's file.</summary>
    public static List<string> BranchHeader(Branch b, int eigenvalues)
    {
        var header = new List<string> { "point" };
        header.AddRange(b.ParameterNames);
        header.AddRange(b.StateNames);
        if (b.Kind == BranchKind.PeriodicOrbits)
        {
            header.Add("period");
            header.AddRange(b.StateNames.Select(s => $"{s}_min"));
            header.AddRange(b.StateNames.Select(s => $"{s}_max"));
        }

        header.AddRange(["stable", "unstable_eigenvalues", "label"]);
        var what = b.Kind == BranchKind.PeriodicOrbits ? "multiplier" : "eigenvalue";
        for (var k = 1; k <= eigenvalues; k++)
        {
            header.Add(string.Create(CultureInfo.InvariantCulture, $"{what}_{k}_re"));
            header.Add(string.Create(CultureInfo.InvariantCulture, $"{what}_{k}_im"));
        }

        return header;
    }

    private static string BranchText(Branch b)
    {
        var n = b.Points.Count == 0 ? 0 : b.Points.Max(p => p.Eigenvalues.Count);
        var sb = new StringBuilder();
        sb.AppendJoin(',', BranchHeader(b, n).Select(CsvText.Field)).Append('\n');
        var labels = PointLabels(b);
        for (var i = 0; i < b.Points.Count; i++)
        {
            var p = b.Points[i];
            var row = new List<string> { i.ToString(CultureInfo.InvariantCulture) };
            row.AddRange(p.Parameters.Select(RoundTripNumber.ToText));
            row.AddRange(p.State.Select(RoundTripNumber.ToText));
            if (b.Kind == BranchKind.PeriodicOrbits)
            {
                row.Add(RoundTripNumber.ToText(p.Period));
                row.AddRange(p.Minimum.Select(RoundTripNumber.ToText));
                row.AddRange(p.Maximum.Select(RoundTripNumber.ToText));
            }

            row.Add(p.Stable ? "true" : "false");
            row.Add(UnstableCount(b.Kind, p.Eigenvalues).ToString(CultureInfo.InvariantCulture));
            row.Add(CsvText.Field(labels[i]));
            for (var k = 0; k < n; k++)
            {
                row.Add(k < p.Eigenvalues.Count ? RoundTripNumber.ToText(p.Eigenvalues[k].Real) : string.Empty);
                row.Add(k < p.Eigenvalues.Count ? RoundTripNumber.ToText(p.Eigenvalues[k].Imaginary) : string.Empty);
            }

            sb.AppendJoin(',', row).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The free parameters and the states of a continuation's branches, each once, in order of appearance.</summary>
    public static (List<string> Parameters, List<string> States) Names(ContinuationResult result) =>
        (result.Branches.SelectMany(b => b.ParameterNames).Distinct(StringComparer.Ordinal).ToList(),
         result.Branches.SelectMany(b => b.StateNames).Distinct(StringComparer.Ordinal).ToList());

    private static string SpecialPointsText(ContinuationResult result)
    {
        var (parameters, states) = Names(result);
        var sb = new StringBuilder();
        sb.AppendJoin(',', new[] { "branch", "label", "number", "point" }.Concat(parameters).Concat(states).Concat(["frequency", "first_lyapunov_coefficient", "reason"]).Select(CsvText.Field)).Append('\n');
        foreach (var b in result.Branches)
        {
            foreach (var s in b.SpecialPoints)
            {
                var row = new List<string> { CsvText.Field(b.Name), s.Label, s.Number.ToString(CultureInfo.InvariantCulture), s.PointIndex.ToString(CultureInfo.InvariantCulture) };
                row.AddRange(parameters.Select(p => Value(b.ParameterNames, s.Parameters, p)));
                row.AddRange(states.Select(p => Value(b.StateNames, s.State, p)));
                row.Add(RoundTripNumber.ToText(s.Frequency));
                row.Add(RoundTripNumber.ToText(s.FirstLyapunovCoefficient));
                row.Add(CsvText.Field(s.Reason ?? string.Empty));
                sb.AppendJoin(',', row).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Value(IReadOnlyList<string> names, IReadOnlyList<double> values, string name)
    {
        var k = names.ToList().IndexOf(name);
        return k < 0 || k >= values.Count ? string.Empty : RoundTripNumber.ToText(values[k]);
    }

    private static List<BranchPoint> ReadBranch(string path, BranchKind kind, IReadOnlyList<string> parameters, IReadOnlyList<string> states)
    {
        var (header, rows) = ReadTable(path);
        int Column(string name) => header.IndexOf(name) is var k and >= 0 ? k
            : throw new ResultFileException($"'{path}' has no column '{name}'; its columns are {string.Join(", ", header)}.", path);
        var pc = parameters.Select(Column).ToArray();
        var sc = states.Select(Column).ToArray();
        var stable = Column("stable");
        var what = kind == BranchKind.PeriodicOrbits ? "multiplier" : "eigenvalue";
        var eig = new List<(int Re, int Im)>();
        for (var k = 1; header.IndexOf(string.Create(CultureInfo.InvariantCulture, $"{what}_{k}_re")) is var re and >= 0; k++)
        {
            eig.Add((re, Column(string.Create(CultureInfo.InvariantCulture, $"{what}_{k}_im"))));
        }

        var points = new List<BranchPoint>();
        foreach (var (line, row) in rows)
        {
            double Number(int c) => row[c].Length == 0 ? double.NaN
                : double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ResultFileException($"'{path}' line {line}: column '{header[c]}' holds '{ResultFileCheck.Show(row[c])}'; valid: a number.", path);
            var state = sc.Select(Number).ToArray();
            var periodic = kind == BranchKind.PeriodicOrbits;
            points.Add(new BranchPoint
            {
                Parameters = pc.Select(Number).ToArray(),
                State = state,
                Minimum = periodic ? states.Select(s => Number(Column($"{s}_min"))).ToArray() : state,
                Maximum = periodic ? states.Select(s => Number(Column($"{s}_max"))).ToArray() : state,
                Period = periodic ? Number(Column("period")) : double.NaN,
                Stable = row[stable] switch
                {
                    "true" => true,
                    "false" => false,
                    var t => throw new ResultFileException($"'{path}' line {line}: column 'stable' holds '{ResultFileCheck.Show(t)}'; valid: true or false.", path),
                },
                Eigenvalues = eig.Where(e => row[e.Re].Length > 0).Select(e => new Complex(Number(e.Re), Number(e.Im))).ToArray(),
            });
        }

        return points;
    }

    private static List<(string Branch, SpecialPoint Point)> ReadSpecialPoints(string path, IReadOnlyList<BranchInfo> branches)
    {
        var (header, rows) = ReadTable(path);
        int Column(string name) => header.IndexOf(name) is var k and >= 0 ? k
            : throw new ResultFileException($"'{path}' has no column '{name}'; its columns are {string.Join(", ", header)}.", path);
        var result = new List<(string, SpecialPoint)>();
        foreach (var (line, row) in rows)
        {
            double Number(int c) => row[c].Length == 0 ? double.NaN
                : double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ResultFileException($"'{path}' line {line}: column '{header[c]}' holds '{ResultFileCheck.Show(row[c])}'; valid: a number.", path);
            int Integer(int c) => int.TryParse(row[c], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ResultFileException($"'{path}' line {line}: column '{header[c]}' holds '{ResultFileCheck.Show(row[c])}'; valid: an integer.", path);
            var name = row[Column("branch")];
            var branch = branches.FirstOrDefault(b => b.Name == name)
                ?? throw new ResultFileException($"'{path}' line {line}: branch '{ResultFileCheck.Show(name)}' is not one of the continuation's ({string.Join(", ", branches.Select(b => b.Name))}).", path);
            result.Add((name, new SpecialPoint
            {
                Kind = KindOfLabel(row[Column("label")], path),
                Number = Integer(Column("number")),
                PointIndex = Integer(Column("point")),
                Parameters = branch.Parameters.Select(p => Number(Column(p))).ToArray(),
                State = branch.States.Select(s => Number(Column(s))).ToArray(),
                Frequency = Number(Column("frequency")),
                FirstLyapunovCoefficient = Number(Column("first_lyapunov_coefficient")),
                Reason = row[Column("reason")] is { Length: > 0 } r ? r : null,
            }));
        }

        return result;
    }

    private static (List<string> Header, List<(int Line, List<string> Row)> Rows) ReadTable(string path)
    {
        CsvResultReader.CheckReadable(path, null);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ResultFileException($"'{path}' cannot be read: {ex.Message}", path);
        }

        if (lines.Length == 0)
        {
            throw new ResultFileException($"'{path}' is empty; valid: a header line, then one line per point.", path);
        }

        var header = CsvText.Split(lines[0]);
        var rows = new List<(int, List<string>)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var row = CsvText.Split(lines[i]);
            if (row.Count != header.Count)
            {
                throw new ResultFileException($"'{path}' line {i + 1} has {row.Count} fields; the header has {header.Count}.", path);
            }

            rows.Add((i + 1, row));
        }

        return (header, rows);
    }

    private sealed class Info
    {
        public string Name { get; set; } = string.Empty;

        public double ElapsedSeconds { get; set; }

        public List<BranchInfo> Branches { get; set; } = [];
    }

    private sealed class BranchInfo
    {
        public string Name { get; set; } = string.Empty;

        public string Kind { get; set; } = string.Empty;

        public List<string> Parameters { get; set; } = [];

        public List<string> States { get; set; } = [];

        public string File { get; set; } = string.Empty;
    }
}

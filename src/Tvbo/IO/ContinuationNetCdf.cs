using System.Numerics;
using PureHDF;
using Tvbo.Bifurcation;

namespace Tvbo.IO;

/// <summary>
/// A continuation as one NetCDF-4 file <c>&lt;continuation&gt;.nc</c> (CF-1.8, written with
/// <see cref="NetCdfResultWriter"/>'s helpers): per branch a dimension <c>point_&lt;branch&gt;</c> and the variables
/// <c>&lt;branch&gt;_&lt;parameter&gt;</c>, <c>&lt;branch&gt;_&lt;state&gt;</c> (for periodic orbits also
/// <c>&lt;branch&gt;_period</c>, <c>&lt;branch&gt;_&lt;state&gt;_min</c> and <c>_max</c>), <c>&lt;branch&gt;_stable</c>
/// (a boolean to xarray), <c>&lt;branch&gt;_unstable_eigenvalues</c> and <c>&lt;branch&gt;_label</c>; the eigenvalues
/// of the Jacobian (Floquet multipliers for periodic orbits: <c>multiplier</c> for <c>eigenvalue</c>) along a second
/// dimension <c>eigenvalue_&lt;branch&gt;</c> as <c>&lt;branch&gt;_eigenvalue_re</c> and <c>_im</c> (NaN past a
/// point's own number of them, which <c>&lt;branch&gt;_eigenvalue_count</c> then gives); the global attributes
/// <c>branches</c>, <c>branch_kinds</c>, <c>&lt;branch&gt;_parameters</c> and <c>&lt;branch&gt;_states</c> name them
/// for <see cref="Read(string)"/>; and the special
/// points along the dimension <c>special_point</c>: <c>special_branch</c>, <c>special_label</c>, <c>special_number</c>,
/// <c>special_point_index</c>, <c>special_&lt;parameter&gt;</c>, <c>special_&lt;state&gt;</c>, <c>special_frequency</c>,
/// <c>special_first_lyapunov_coefficient</c> and <c>special_reason</c>.
/// </summary>
internal static class ContinuationNetCdf
{
    /// <summary>The value of the global attribute <c>tvbo_format</c>.</summary>
    public const string FormatName = "tvbo-continuation";

    /// <summary>The value of the global attribute <c>tvbo_format_version</c>.</summary>
    public const int FormatVersion = 1;

    /// <summary>Whether <paramref name="path"/> is a continuation's NetCDF file (a <c>.nc</c> file whose
    /// <c>tvbo_format</c> is <see cref="FormatName"/>); false for any other file, or one that cannot be read.</summary>
    public static bool IsContinuationFile(string path)
    {
        if (!path.EndsWith(NetCdfResultWriter.Extension, StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return false;
        }

        try
        {
            return NetCdfResultReader.Open(path, f => f.Text("tvbo_format") == FormatName);
        }
        catch (ResultFileException)
        {
            return false;
        }
    }

    /// <summary>Reads a file written by <see cref="WriteFile"/>: every number as written, bit for bit. The file is
    /// checked as it is read, as an exploration's (<see cref="NetCdfResultReader"/>): each attribute and variable of the
    /// kind and dimensions the writer gives it, and none larger than the file can hold.</summary>
    /// <exception cref="ResultFileException">The file is damaged, truncated, not a continuation's, or not as written;
    /// the message names the file and what is wrong.</exception>
    public static ContinuationResult Read(string path) => NetCdfResultReader.Open(path, Read);

    private static ContinuationResult Read(NetCdfResultReader.Source file)
    {
        var path = file.Path;
        var format = file.Text("tvbo_format");
        if (format is NetCdfLayout.FormatName)
        {
            throw new ResultFileException($"'{path}' is an exploration's file, not a continuation's; read it as an exploration (ResultFiles.Read).", path);
        }

        if (format != FormatName)
        {
            throw new ResultFileException($"'{path}' is not a continuation's NetCDF file (its tvbo_format is {(format is null ? "missing" : $"'{ResultFileCheck.Show(format)}'")}, not '{FormatName}'); valid: the <continuation>.nc tvbo run --format netcdf writes.", path);
        }

        if (file.Integer("tvbo_format_version") is { } version)
        {
            ResultFileCheck.Count(path, Attribute("tvbo_format_version"), version, FormatVersion, FormatVersion, "the version of the file's layout");
        }

        var name = file.Text("continuation");
        if (!Experiment.Exploration.IsValidName(name))
        {
            throw ResultFileCheck.Fail(path, $"{Attribute("continuation")} is {(name is null ? "missing" : $"'{ResultFileCheck.Show(name)}'")}; valid: the continuation's name (letters, digits and '_', and '-' or '.' after the first character)");
        }

        var names = file.Texts("branches");
        var kinds = file.Texts("branch_kinds");
        if (names.Length == 0 || kinds.Length != names.Length)
        {
            throw ResultFileCheck.Fail(path, $"{Attribute("branches")} lists {names.Length} branches and {Attribute("branch_kinds")} {kinds.Length} kinds; valid: at least one branch (the continuation's own first), each with its kind");
        }

        if (names.FirstOrDefault(b => b.Length == 0 || names.Count(n => n == b) > 1) is { } bad)
        {
            throw ResultFileCheck.Fail(path, $"{Attribute("branches")} names branch '{ResultFileCheck.Show(bad)}' {(bad.Length == 0 ? "(empty)" : "twice")}; valid: each branch once, by its name");
        }

        if (file.Number("elapsed_seconds") is not { } elapsed || !double.IsFinite(elapsed) || elapsed < 0 || elapsed > TimeSpan.MaxValue.TotalSeconds)
        {
            throw ResultFileCheck.Fail(path, $"{Attribute("elapsed_seconds")} is {(file.Number("elapsed_seconds") is { } e ? ResultFileCheck.Show(e) : "missing")}; valid: the seconds the continuation took, 0 or more");
        }

        var branches = new List<(string Name, BranchKind Kind, string[] Parameters, string[] States, List<BranchPoint> Points)>();
        for (var j = 0; j < names.Length; j++)
        {
            var kind = ContinuationCsv.ParseKind(kinds[j], path);
            var parameters = NonEmpty(file, $"{names[j]}_parameters", "the branch's free parameters");
            var states = NonEmpty(file, $"{names[j]}_states", "the branch's state variables");
            branches.Add((names[j], kind, parameters, states, ReadPoints(file, names[j], kind, parameters, states)));
        }

        var specials = ReadSpecialPoints(file, branches.Select(b => (b.Name, b.Parameters, b.States, b.Points.Count)).ToArray());
        return new ContinuationResult(
            name!,
            branches.Select(b => new Branch(b.Name, b.Kind, b.Parameters, b.States, b.Points, specials.Where(s => s.Branch == b.Name).Select(s => s.Point).ToArray())).ToArray(),
            TimeSpan.FromSeconds(elapsed));
    }

    // A list of names the file must hold (a branch's free parameters or states).
    private static string[] NonEmpty(NetCdfResultReader.Source file, string attribute, string what)
    {
        var values = file.Texts(attribute);
        return values.Length > 0 && values.All(v => v.Length > 0)
            ? values
            : throw ResultFileCheck.Fail(file.Path, $"{Attribute(attribute)} is missing or lists an empty name; valid: {what}, as tvbo run --format netcdf writes them");
    }

    // A branch's points: none when the file has no dimension point_<branch>.
    private static List<BranchPoint> ReadPoints(NetCdfResultReader.Source file, string branch, BranchKind kind, string[] parameters, string[] states)
    {
        var points = new List<BranchPoint>();
        if (!file.Exists($"point_{branch}"))
        {
            return points;
        }

        var count = file.Integers($"point_{branch}", null).Length;
        ulong[] dims = [(ulong)count];
        double[] Doubles(string variable) => file.Doubles($"{branch}_{variable}", dims);
        var p = parameters.Select(Doubles).ToArray();
        var x = states.Select(Doubles).ToArray();
        var periodic = kind == BranchKind.PeriodicOrbits;
        var min = periodic ? states.Select(s => Doubles($"{s}_min")).ToArray() : x;
        var max = periodic ? states.Select(s => Doubles($"{s}_max")).ToArray() : x;
        var period = periodic ? Doubles("period") : null;
        var stable = file.Bytes($"{branch}_stable", dims);
        var eigenvalues = ReadEigenvalues(file, branch, kind, count);
        for (var i = 0; i < count; i++)
        {
            if (stable[i] is not (0 or 1))
            {
                throw ResultFileCheck.Fail(file.Path, $"{Variable($"{branch}_stable")}: point {ResultFileCheck.Show(i)} is {ResultFileCheck.Show(stable[i])}; valid: 0 (unstable) or 1 (stable)");
            }

            var state = x.Select(v => v[i]).ToArray();
            points.Add(new BranchPoint
            {
                Parameters = p.Select(v => v[i]).ToArray(),
                State = state,
                Minimum = periodic ? min.Select(v => v[i]).ToArray() : state,
                Maximum = periodic ? max.Select(v => v[i]).ToArray() : state,
                Period = period?[i] ?? double.NaN,
                Stable = stable[i] == 1,
                Eigenvalues = eigenvalues[i],
            });
        }

        return points;
    }

    // Each point's eigenvalues (multipliers): none when the file has no <branch>_<word>_re.
    private static Complex[][] ReadEigenvalues(NetCdfResultReader.Source file, string branch, BranchKind kind, int count)
    {
        var word = EigenvalueWord(kind);
        var result = new Complex[count][];
        if (!file.Exists($"{branch}_{word}_re"))
        {
            Array.Fill(result, []);
            return result;
        }

        var n = file.Integers($"{word}_{branch}", null).Length;
        ulong[] dims = [(ulong)count, (ulong)n];
        var re = file.Doubles($"{branch}_{word}_re", dims);
        var im = file.Doubles($"{branch}_{word}_im", dims);
        var counts = file.Exists($"{branch}_{word}_count") ? file.Integers($"{branch}_{word}_count", [(ulong)count]) : null;
        for (var i = 0; i < count; i++)
        {
            var k = counts?[i] ?? n;
            ResultFileCheck.Count(file.Path, $"{Variable($"{branch}_{word}_count")}, point {ResultFileCheck.Show(i)}", k, 0, n, $"the number of {word}s at the point");
            result[i] = Enumerable.Range(0, k).Select(e => new Complex(re[(i * n) + e], im[(i * n) + e])).ToArray();
        }

        return result;
    }

    private static List<(string Branch, SpecialPoint Point)> ReadSpecialPoints(NetCdfResultReader.Source file, (string Name, string[] Parameters, string[] States, int Points)[] branches)
    {
        var result = new List<(string, SpecialPoint)>();
        if (!file.Exists("special_point"))
        {
            return result;
        }

        ulong[] dims = [(ulong)file.Integers("special_point", null).Length];
        var branch = file.Strings("special_branch", dims);
        var label = file.Strings("special_label", dims);
        var number = file.Integers("special_number", dims);
        var index = file.Integers("special_point_index", dims);
        var frequency = file.Doubles("special_frequency", dims);
        var lyapunov = file.Doubles("special_first_lyapunov_coefficient", dims);
        var reason = file.Strings("special_reason", dims);
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        double[] Values(string name) => values.TryGetValue(name, out var v) ? v : values[name] = file.Doubles($"special_{name}", dims);
        for (var i = 0; i < branch.Length; i++)
        {
            var b = Array.FindIndex(branches, x => x.Name == branch[i]) is var k and >= 0 ? branches[k]
                : throw ResultFileCheck.Fail(file.Path, $"{Variable("special_branch")}: special point {ResultFileCheck.Show(i)} is on branch '{ResultFileCheck.Show(branch[i] ?? string.Empty)}', not one of the continuation's ({string.Join(", ", branches.Select(x => x.Name))})");
            result.Add((b.Name, new SpecialPoint
            {
                Kind = ContinuationCsv.KindOfLabel(label[i] ?? string.Empty, file.Path),
                Number = number[i],
                PointIndex = index[i],
                Parameters = b.Parameters.Select(p => Values(p)[i]).ToArray(),
                State = b.States.Select(s => Values(s)[i]).ToArray(),
                Frequency = frequency[i],
                FirstLyapunovCoefficient = lyapunov[i],
                Reason = reason[i] is { Length: > 0 } r ? r : null,
            }));
        }

        return result;
    }

    private static string Attribute(string name) => NetCdfResultReader.AttributeKey(name);

    private static string Variable(string name) => NetCdfResultReader.VariableKey(name);

    /// <summary>Writes the file (replaced if it exists).</summary>
    public static void WriteFile(ContinuationResult result, string path, ResultMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metadata);
        var options = PureHdfStringWidth.NewOptions();
        var file = new H5File();
        var a = file.Attributes;
        a["Conventions"] = "CF-1.8";
        a["title"] = $"Tvbo continuation '{result.Name}'" + (metadata.Model is null ? string.Empty : $" of model '{metadata.Model}'");
        a["tvbo_format"] = FormatName;
        a["tvbo_format_version"] = FormatVersion;
        a["continuation"] = result.Name;
        a["branches"] = result.Branches.Select(b => b.Name).ToArray();
        a["branch_kinds"] = result.Branches.Select(b => ContinuationCsv.KindText(b.Kind)).ToArray();
        foreach (var b in result.Branches)
        {
            a[$"{b.Name}_parameters"] = b.ParameterNames.ToArray();
            a[$"{b.Name}_states"] = b.StateNames.ToArray();
        }

        a["elapsed_seconds"] = result.Elapsed.TotalSeconds;
        NetCdfResultWriter.Text(a, "model", metadata.Model);
        NetCdfResultWriter.Text(a, "experiment_id", metadata.ExperimentId);
        NetCdfResultWriter.Text(a, "experiment_label", metadata.ExperimentLabel);
        NetCdfResultWriter.Text(a, "experiment_file", metadata.ExperimentFile);
        NetCdfResultWriter.Text(a, "experiment_sha256", metadata.ExperimentSha256);
        NetCdfResultWriter.Text(a, "software", metadata.Software.Count == 0 ? null : metadata.SoftwareText);

        // 1. The dimension scales, before anything that refers to them.
        var scales = new Dictionary<string, H5Dataset>(StringComparer.Ordinal);
        var eigenvalueScales = new Dictionary<string, H5Dataset>(StringComparer.Ordinal);
        foreach (var b in result.Branches.Where(b => b.Points.Count > 0))
        {
            var scale = NetCdfResultWriter.Scale(options, Enumerable.Range(0, b.Points.Count).ToArray());
            scale.Attributes["long_name"] = NetCdfResultWriter.ScaleText(options, $"point index along branch {b.Name}");
            file[$"point_{b.Name}"] = scale;
            scales[b.Name] = scale;
            if (EigenvalueCount(b) is > 0 and var n)
            {
                var eigenvalues = NetCdfResultWriter.Scale(options, Enumerable.Range(0, n).ToArray());
                eigenvalues.Attributes["long_name"] = NetCdfResultWriter.ScaleText(options, $"{EigenvalueWord(b.Kind)} index at each point of branch {b.Name}");
                file[$"{EigenvalueWord(b.Kind)}_{b.Name}"] = eigenvalues;
                eigenvalueScales[b.Name] = eigenvalues;
            }
        }

        var specials = result.Branches.SelectMany(b => b.SpecialPoints.Select(s => (Branch: b, Point: s))).ToArray();
        H5Dataset? specialScale = null;
        if (specials.Length > 0)
        {
            specialScale = NetCdfResultWriter.Scale(options, Enumerable.Range(0, specials.Length).ToArray());
            specialScale.Attributes["long_name"] = NetCdfResultWriter.ScaleText(options, "special point");
            file["special_point"] = specialScale;
        }

        // 2. The variables.
        foreach (var b in result.Branches.Where(b => b.Points.Count > 0))
        {
            H5Dataset[] dims = [scales[b.Name]];
            ulong[] shape = [(ulong)b.Points.Count];
            void Add<T>(string name, T[] values, string longName, Action<Dictionary<string, object>>? more = null)
            {
                var v = NetCdfResultWriter.Variable(options, values, shape, dims);
                v.Attributes["long_name"] = longName;
                more?.Invoke(v.Attributes);
                file[$"{b.Name}_{name}"] = v;
            }

            for (var j = 0; j < b.ParameterNames.Count; j++)
            {
                Add(b.ParameterNames[j], b.Points.Select(p => p.Parameters[j]).ToArray(), $"free parameter {b.ParameterNames[j]}");
            }

            var periodic = b.Kind == BranchKind.PeriodicOrbits;
            for (var i = 0; i < b.StateNames.Count; i++)
            {
                Add(b.StateNames[i], b.Points.Select(p => p.State[i]).ToArray(), periodic ? $"{b.StateNames[i]} at phase 0" : b.StateNames[i]);
                if (periodic)
                {
                    Add($"{b.StateNames[i]}_min", b.Points.Select(p => p.Minimum[i]).ToArray(), $"minimum of {b.StateNames[i]} along the orbit");
                    Add($"{b.StateNames[i]}_max", b.Points.Select(p => p.Maximum[i]).ToArray(), $"maximum of {b.StateNames[i]} along the orbit");
                }
            }

            if (periodic)
            {
                Add("period", b.Points.Select(p => p.Period).ToArray(), "period of the orbit");
            }

            // int8 with dtype "bool": xarray gives a boolean variable.
            Add("stable", b.Points.Select(p => (sbyte)(p.Stable ? 1 : 0)).ToArray(), "whether the point is stable", at => at["dtype"] = "bool");
            Add("unstable_eigenvalues", b.Points.Select(p => ContinuationCsv.UnstableCount(b.Kind, p.Eigenvalues)).ToArray(),
                periodic ? "number of Floquet multipliers outside the unit circle (the trivial one left out)" : "number of eigenvalues with positive real part");
            Add("label", ContinuationCsv.PointLabels(b), "special point label (LP, HB, ...), empty for none");
            if (eigenvalueScales.TryGetValue(b.Name, out var eigenvalueScale))
            {
                AddEigenvalues(file, options, b, [dims[0], eigenvalueScale]);
            }
        }

        if (specialScale is not null)
        {
            H5Dataset[] dims = [specialScale];
            ulong[] shape = [(ulong)specials.Length];
            void Add<T>(string name, T[] values, string longName)
            {
                var v = NetCdfResultWriter.Variable(options, values, shape, dims);
                v.Attributes["long_name"] = longName;
                file[$"special_{name}"] = v;
            }

            Add("branch", specials.Select(s => s.Branch.Name).ToArray(), "branch the point lies on");
            Add("label", specials.Select(s => s.Point.Label).ToArray(), "AUTO's label (LP, HB, BP, ..., EP)");
            Add("number", specials.Select(s => s.Point.Number).ToArray(), "number among the points of its kind on the branch");
            Add("point_index", specials.Select(s => s.Point.PointIndex).ToArray(), "index of the point along its branch");
            var (parameters, states) = ContinuationCsv.Names(result);
            foreach (var name in parameters)
            {
                Add(name, specials.Select(s => ValueOf(s.Branch.ParameterNames, s.Point.Parameters, name)).ToArray(), $"free parameter {name}");
            }

            foreach (var name in states)
            {
                Add(name, specials.Select(s => ValueOf(s.Branch.StateNames, s.Point.State, name)).ToArray(), name);
            }

            Add("frequency", specials.Select(s => s.Point.Frequency).ToArray(), "angular frequency of the critical eigenvalues at a Hopf point");
            Add("first_lyapunov_coefficient", specials.Select(s => s.Point.FirstLyapunovCoefficient).ToArray(), "first Lyapunov coefficient at a Hopf point");
            Add("reason", specials.Select(s => s.Point.Reason ?? string.Empty).ToArray(), "why the branch ends here");
        }

        try
        {
            file.Write(path, options);
        }
        catch
        {
            CsvResultWriter.TryDelete(path);
            throw;
        }
    }

    /// <summary>The most eigenvalues (or multipliers) at a point of the branch.</summary>
    private static int EigenvalueCount(Branch b) => b.Points.Count == 0 ? 0 : b.Points.Max(p => p.Eigenvalues.Count);

    /// <summary><c>eigenvalue</c> (equilibria, curves) or <c>multiplier</c> (periodic orbits), as in the CSV files.</summary>
    private static string EigenvalueWord(BranchKind kind) => kind == BranchKind.PeriodicOrbits ? "multiplier" : "eigenvalue";

    // <branch>_<eigenvalue|multiplier>_re and _im over (point, index), NaN past a point's own count; the counts in
    // <branch>_<eigenvalue|multiplier>_count only when the points have different numbers of them.
    private static void AddEigenvalues(H5File file, H5WriteOptions options, Branch b, H5Dataset[] dims)
    {
        var n = EigenvalueCount(b);
        var word = EigenvalueWord(b.Kind);
        var what = b.Kind == BranchKind.PeriodicOrbits ? "Floquet multiplier" : "eigenvalue of the Jacobian";
        var re = new double[b.Points.Count * n];
        var im = new double[b.Points.Count * n];
        Array.Fill(re, double.NaN);
        Array.Fill(im, double.NaN);
        for (var i = 0; i < b.Points.Count; i++)
        {
            var values = b.Points[i].Eigenvalues;
            for (var k = 0; k < values.Count; k++)
            {
                re[(i * n) + k] = values[k].Real;
                im[(i * n) + k] = values[k].Imaginary;
            }
        }

        ulong[] shape = [(ulong)b.Points.Count, (ulong)n];
        var vre = NetCdfResultWriter.Variable(options, re, shape, dims);
        vre.Attributes["long_name"] = $"real part of each {what}";
        file[$"{b.Name}_{word}_re"] = vre;
        var vim = NetCdfResultWriter.Variable(options, im, shape, dims);
        vim.Attributes["long_name"] = $"imaginary part of each {what}";
        file[$"{b.Name}_{word}_im"] = vim;
        if (b.Points.Any(p => p.Eigenvalues.Count != n))
        {
            var count = NetCdfResultWriter.Variable(options, b.Points.Select(p => p.Eigenvalues.Count).ToArray(), [(ulong)b.Points.Count], [dims[0]]);
            count.Attributes["long_name"] = $"number of {what}s at the point (the others NaN)";
            file[$"{b.Name}_{word}_count"] = count;
        }
    }

    private static double ValueOf(IReadOnlyList<string> names, IReadOnlyList<double> values, string name)
    {
        for (var k = 0; k < names.Count; k++)
        {
            if (names[k] == name)
            {
                return k < values.Count ? values[k] : double.NaN;
            }
        }

        return double.NaN;
    }
}

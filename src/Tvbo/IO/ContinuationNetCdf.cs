using PureHDF;
using Tvbo.Bifurcation;

namespace Tvbo.IO;

/// <summary>
/// A continuation as one NetCDF-4 file <c>&lt;continuation&gt;.nc</c> (CF-1.8, written with
/// <see cref="NetCdfResultWriter"/>'s helpers): per branch a dimension <c>point_&lt;branch&gt;</c> and the variables
/// <c>&lt;branch&gt;_&lt;parameter&gt;</c>, <c>&lt;branch&gt;_&lt;state&gt;</c> (for periodic orbits also
/// <c>&lt;branch&gt;_period</c>, <c>&lt;branch&gt;_&lt;state&gt;_min</c> and <c>_max</c>), <c>&lt;branch&gt;_stable</c>
/// (a boolean to xarray), <c>&lt;branch&gt;_unstable_eigenvalues</c> and <c>&lt;branch&gt;_label</c>; and the special
/// points along the dimension <c>special_point</c>: <c>special_branch</c>, <c>special_label</c>, <c>special_number</c>,
/// <c>special_point_index</c>, <c>special_&lt;parameter&gt;</c>, <c>special_&lt;state&gt;</c>, <c>special_frequency</c>,
/// <c>special_first_lyapunov_coefficient</c> and <c>special_reason</c>.
/// </summary>
internal static class ContinuationNetCdf
{
    /// <summary>The value of the global attribute <c>tvbo_format</c>.</summary>
    public const string FormatName = "tvbo-continuation";

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
        a["tvbo_format_version"] = 1;
        a["continuation"] = result.Name;
        a["branches"] = result.Branches.Select(b => b.Name).ToArray();
        a["branch_kinds"] = result.Branches.Select(b => ContinuationCsv.KindText(b.Kind)).ToArray();
        a["elapsed_seconds"] = result.Elapsed.TotalSeconds;
        NetCdfResultWriter.Text(a, "model", metadata.Model);
        NetCdfResultWriter.Text(a, "experiment_id", metadata.ExperimentId);
        NetCdfResultWriter.Text(a, "experiment_label", metadata.ExperimentLabel);
        NetCdfResultWriter.Text(a, "experiment_file", metadata.ExperimentFile);
        NetCdfResultWriter.Text(a, "experiment_sha256", metadata.ExperimentSha256);
        NetCdfResultWriter.Text(a, "software", metadata.Software.Count == 0 ? null : metadata.SoftwareText);

        // 1. The dimension scales, before anything that refers to them.
        var scales = new Dictionary<string, H5Dataset>(StringComparer.Ordinal);
        foreach (var b in result.Branches.Where(b => b.Points.Count > 0))
        {
            var scale = NetCdfResultWriter.Scale(options, Enumerable.Range(0, b.Points.Count).ToArray());
            scale.Attributes["long_name"] = NetCdfResultWriter.ScaleText(options, $"point index along branch {b.Name}");
            file[$"point_{b.Name}"] = scale;
            scales[b.Name] = scale;
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

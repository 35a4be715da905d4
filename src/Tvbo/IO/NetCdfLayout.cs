using System.Globalization;
using Tvbo.Experiment;
using Tvbo.Results;

namespace Tvbo.IO;

/// <summary>
/// The names and dimensions of a result's NetCDF file, shared by <see cref="NetCdfResultWriter"/> and its reader.
/// Grid dimensions: none varied gives <c>condition</c> (one condition); one axis gives a dimension named after the
/// parameter; a product of two or more axes gives one dimension per axis (as TVBO's <c>as_grid()</c>); a zip of two
/// or more gives <c>condition</c>, with each parameter a coordinate over it. Every dimension has a coordinate
/// variable of its name; <c>condition</c> (the index in C order) is a coordinate over the grid dimensions too.
/// </summary>
internal sealed class NetCdfLayout
{
    public const string FormatName = "tvbo-netcdf";
    public const int FormatVersion = 1;
    public const string Time = "time";
    public const string Condition = "condition";
    public const string Failure = "failure";
    public const string FailureCondition = "failure_condition";
    public const string FailureTime = "failure_time";
    public const string FailureVariable = "failure_variable";
    public const string FailureReason = "failure_reason";
    public const string Node = "node";
    public const string NodeLabel = "node_label";
    public const string Mode = "mode";

    /// <summary>The attribute of a grid variable that keeps the parameter's own (possibly dotted) name.</summary>
    public const string AxisAttribute = "tvbo_axis";

    /// <summary>The most texts a list attribute holds (an HDF5 attribute is at most 64 KiB; a text takes 16 bytes of it).</summary>
    public const int MaxListAttribute = 2000;

    /// <summary>The summary statistics, in the order of <see cref="SummaryStatistics"/>' arrays.</summary>
    public static readonly string[] Statistics = ["first", "final", "min", "max", "mean"];

    private NetCdfLayout(string[] gridDims, ulong[] gridShape, bool conditionIsDimension, string[] coordinates)
    {
        GridDims = gridDims;
        GridShape = gridShape;
        ConditionIsDimension = conditionIsDimension;
        Coordinates = coordinates;
    }

    /// <summary>The grid's dimensions, slowest first.</summary>
    public string[] GridDims { get; }

    /// <summary>Their lengths.</summary>
    public ulong[] GridShape { get; }

    /// <summary>Whether <c>condition</c> is itself the grid's dimension (no axes, or a zip of two or more).</summary>
    public bool ConditionIsDimension { get; }

    /// <summary>The non-dimension coordinates of data over the grid (the CF <c>coordinates</c> attribute).</summary>
    public string[] Coordinates { get; }

    /// <summary>The NetCDF name of a parameter's dimension or coordinate: its name with every '.' as '_' (xarray's
    /// keyword selection needs identifiers); collisions are refused by <see cref="For(ExplorationResult, int)"/>.</summary>
    /// <param name="axis">The parameter's name.</param>
    public static string DimensionName(string axis) => axis.Replace('.', '_');

    /// <summary>The data variables of a result and the outputs each holds: one per output for a single node; for a
    /// network one per variable, its outputs (one per node) along the last dimension, <c>node</c>; for a model of
    /// <paramref name="modes"/> &gt; 1 modes one per variable whose outputs are <c>x_m0</c> … <c>x_m{M-1}</c>, along
    /// the last dimension, <c>mode</c> (other outputs stay one variable each).</summary>
    /// <param name="result">The result.</param>
    /// <param name="modes">The model's number of modes (1: none).</param>
    public static DataVariable[] DataVariables(ExplorationResult result, int modes) =>
        result.Nodes.Count == 0 ? Singles(result.OutputNames, modes) : Network(result.Variables, result.Nodes.Count);

    /// <summary>A network's data variables: each variable's outputs, one per node.</summary>
    /// <param name="variables">The variables.</param>
    /// <param name="nodes">The number of nodes.</param>
    public static DataVariable[] Network(IReadOnlyList<string> variables, int nodes) =>
        variables.Select((b, k) => new DataVariable(b, Enumerable.Range(k * nodes, nodes).ToArray(), Node)).ToArray();

    /// <summary>A single system's data variables: one per output, or per multi-mode variable (see
    /// <see cref="DataVariables"/>), in the order of their first output.</summary>
    /// <param name="outputs">The outputs.</param>
    /// <param name="modes">The number of modes.</param>
    public static DataVariable[] Singles(IReadOnlyList<string> outputs, int modes)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var v = 0; v < outputs.Count; v++)
        {
            index.TryAdd(outputs[v], v);
        }

        var result = new List<DataVariable>();
        var taken = new HashSet<int>();
        for (var v = 0; v < outputs.Count; v++)
        {
            if (taken.Contains(v))
            {
                continue;
            }

            if (modes > 1 && ModeBase(outputs[v]) is { } name)
            {
                var columns = new int[modes];
                var whole = true;
                for (var k = 0; k < modes && whole; k++)
                {
                    whole = index.TryGetValue(ModeLabel(name, k), out columns[k]) && !taken.Contains(columns[k]);
                }

                if (whole && columns.Distinct().Count() == modes)
                {
                    taken.UnionWith(columns);
                    result.Add(new DataVariable(name, columns, Mode));
                    continue;
                }
            }

            taken.Add(v);
            result.Add(new DataVariable(outputs[v], [v], null));
        }

        return [.. result];
    }

    /// <summary>The labels of the modes, TVBO's: <c>m0</c> … <c>m{M-1}</c>.</summary>
    /// <param name="modes">The number of modes.</param>
    public static string[] ModeLabels(int modes) => [.. Enumerable.Range(0, modes).Select(k => string.Create(CultureInfo.InvariantCulture, $"m{k}"))];

    private static string ModeLabel(string name, int mode) => string.Create(CultureInfo.InvariantCulture, $"{name}_m{mode}");

    // "x" of "x_m3"; null for a name of no mode.
    private static string? ModeBase(string output)
    {
        var at = output.LastIndexOf("_m", StringComparison.Ordinal);
        return at > 0 && at + 2 < output.Length && output[(at + 2)..].All(char.IsAsciiDigit) ? output[..at] : null;
    }

    /// <summary>The name of one statistic of one output.</summary>
    /// <param name="output">The output.</param>
    /// <param name="statistic">One of <see cref="Statistics"/>.</param>
    public static string SummaryName(string output, string statistic) => $"{output}_{statistic}";

    /// <summary>The layout of a grid of <paramref name="mode"/> over <paramref name="axes"/>.</summary>
    /// <param name="mode">How the axes combine.</param>
    /// <param name="axes">The axis names.</param>
    /// <param name="shape">The grid's shape.</param>
    /// <param name="conditions">The number of conditions.</param>
    public static NetCdfLayout For(ExplorationMode mode, IReadOnlyList<string> axes, IReadOnlyList<int> shape, int conditions)
    {
        axes = [.. axes.Select(DimensionName)];
        if (axes.Count == 0 || (mode == ExplorationMode.Zip && axes.Count > 1))
        {
            return new NetCdfLayout([Condition], [(ulong)conditions], true, axes.Count == 0 ? [] : axes.ToArray());
        }

        return axes.Count == 1
            ? new NetCdfLayout([axes[0]], [(ulong)conditions], false, [Condition])
            : new NetCdfLayout(axes.ToArray(), shape.Select(s => (ulong)s).ToArray(), false, [Condition]);
    }

    /// <summary>The layout of a result, after checking that every name it needs is free and valid.</summary>
    /// <param name="result">The result.</param>
    /// <param name="modes">The model's number of modes (1: none).</param>
    /// <exception cref="ResultFileException">Two variables would have one name, or a name has '/'.</exception>
    public static NetCdfLayout For(ExplorationResult result, int modes)
    {
        var layout = For(result.Grid.Mode, result.Axes.Select(a => a.Name).ToArray(), result.Shape, result.ConditionCount);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        void Claim(string name, string what)
        {
            if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            {
                throw new ResultFileException($"Exploration '{result.Name}': {what} '{name}' cannot be a NetCDF variable name (names must be non-empty and hold no '/'); rename it, or write CSV (CsvResultWriter; in the CLI --format csv).");
            }

            if (!owners.TryAdd(name, what))
            {
                throw new ResultFileException($"Exploration '{result.Name}': the NetCDF file would hold two variables named '{name}' ({owners[name]} and {what}); rename one, or write CSV (CsvResultWriter; in the CLI --format csv).");
            }
        }

        Claim(Time, "the time coordinate");
        Claim(Condition, "the condition coordinate");
        foreach (var a in result.Axes)
        {
            Claim(DimensionName(a.Name), $"parameter '{a.Name}'");
        }

        var dataVariables = DataVariables(result, modes);
        if (result.Nodes.Count > 0)
        {
            Claim(Node, "the node coordinate");
        }
        else if (dataVariables.Any(d => d.Extra == Mode))
        {
            Claim(Mode, "the mode coordinate");
        }

        foreach (var (v, _, _) in dataVariables)
        {
            if (result.HasSeries)
            {
                Claim(v, $"output '{v}'");
            }

            foreach (var s in Statistics)
            {
                Claim(SummaryName(v, s), $"the {s} summary of output '{v}'");
            }
        }

        if (result.Failures.Count > 0)
        {
            foreach (var name in new[] { Failure, FailureCondition, FailureTime, FailureVariable, FailureReason })
            {
                Claim(name, "the failure table");
            }
        }

        if (result.EventTimes is { } events)
        {
            foreach (var (name, what) in NetCdfEvents.Names(events))
            {
                Claim(name, what);
            }
        }

        return layout;
    }
}

/// <summary>One data variable of a NetCDF result file and the result's outputs it holds.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Columns">The outputs' indices, in the order of the last dimension when there is one.</param>
/// <param name="Extra">The last dimension (<see cref="NetCdfLayout.Node"/> or <see cref="NetCdfLayout.Mode"/>), or
/// <see langword="null"/> for one output.</param>
internal sealed record DataVariable(string Name, int[] Columns, string? Extra);

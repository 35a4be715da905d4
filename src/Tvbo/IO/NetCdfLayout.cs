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

    /// <summary>The data variables of a result and the outputs each holds: one per output for a single node; for a
    /// network one per variable, its outputs (one per node) along the last dimension, <c>node</c>.</summary>
    /// <param name="result">The result.</param>
    public static (string Name, int[] Columns)[] DataVariables(ExplorationResult result)
    {
        var n = result.Nodes.Count;
        return n == 0
            ? result.OutputNames.Select((o, v) => (o, new[] { v })).ToArray()
            : result.Variables.Select((b, k) => (b, Enumerable.Range(k * n, n).ToArray())).ToArray();
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
    /// <exception cref="ResultFileException">Two variables would have one name, or a name has '/'.</exception>
    public static NetCdfLayout For(ExplorationResult result)
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
            Claim(a.Name, $"parameter '{a.Name}'");
        }

        if (result.Nodes.Count > 0)
        {
            Claim(Node, "the node coordinate");
            Claim(NodeLabel, "the node labels");
        }

        foreach (var (v, _) in DataVariables(result))
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

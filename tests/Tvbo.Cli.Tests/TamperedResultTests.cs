using System.Globalization;
using System.Text.Json.Nodes;
using PureHDF;

namespace Tvbo.Cli.Tests;

/// <summary>A result folder is input, validated like a file: a folder written by <c>tvbo run</c> and then changed
/// (counts out of bounds or disagreeing with the tables, tables rewritten or cut, a step of 0, a failure of a condition
/// the grid has not, a NetCDF file cut, overwritten or not HDF5 at all) is refused by <c>plot</c> and <c>check</c> as
/// bad input (exit 2) in one paragraph that opens with <c>tvbo:</c> and names the file, without .NET's words, a stack
/// trace or "internal error".</summary>
[TestClass]
public sealed class TamperedResultTests
{
    private const string Exploration = "a_sweep";

    // Three conditions, two outputs, 200 samples; condition 2 diverges at t = 0.22, so failures.csv has a row.
    private const string Experiment = """
        label: tampered-folder fixture
        model:
          name: Blow
          parameters:
            a: {value: 1.0}
          state_variables:
            x: {equation: {rhs: "a*x**2"}, initial_value: 1.0}
            y: {equation: {rhs: "-y"}, initial_value: 1.0}
        integration: {method: euler, duration: 2.0, step_size: 0.01}
        explorations:
          a_sweep:
            parameters:
              a: {explored_values: [-1.0, 0.0, 10.0]}
        """;

    /// <summary>The untouched run folders, one per way of writing them.</summary>
    private static readonly Lazy<string> Fixtures = new(WriteFixtures);

    private static readonly Dictionary<string, string[]> Options = new(StringComparer.Ordinal)
    {
        ["wide"] = [],
        ["long"] = ["--csv-layout", "long"],
        ["tidy"] = ["--csv-layout", "tidy"],
        ["summary"] = ["--store", "summary"],
        ["netcdf"] = ["--format", "netcdf"],
        ["netcdf-summary"] = ["--format", "netcdf", "--store", "summary"],
    };

    [TestMethod]
    [DataRow("wide")]
    [DataRow("long")]
    [DataRow("tidy")]
    [DataRow("summary")]
    [DataRow("netcdf")]
    [DataRow("netcdf-summary")]
    public void AnUntouchedCopyIsReadAndARewrittenNetCdfFileToo(string fixture)
    {
        var folder = Copy(fixture);
        if (fixture.StartsWith("netcdf", StringComparison.Ordinal))
        {
            Rewrite(Path.Combine(folder, Exploration + ".nc"), (_, _) => { });
        }

        var (exit, stdout, stderr) = CliRunner.Run("check", folder, Path.Combine(Fixtures.Value, fixture));
        Assert.AreEqual(fixture.EndsWith("summary", StringComparison.Ordinal) ? 2 : 0, exit, stderr);
        if (exit == 0)
        {
            StringAssert.Contains(stdout, "**PASSED**");
        }
        else
        {
            StringAssert.Contains(stderr, "holds a summary only"); // read, then refused by the comparison
        }

        (exit, _, stderr) = CliRunner.Run("plot", folder);
        Assert.AreEqual(0, exit, stderr);
    }

    [TestMethod]
    [DataRow("wide", "exploration.json", "set", "samples=2147483647", "3 conditions x 2147483647 samples x 2 outputs are 12884901882 values, more than one result holds")]
    [DataRow("wide", "exploration.json", "set", "samples=-5", "\"samples\" is -5; valid: the samples per condition")]
    [DataRow("wide", "exploration.json", "set", "samples=0", "\"samples\" is 0; valid")]
    [DataRow("wide", "exploration.json", "set", "samples=100000", "series.csv': it is")]
    [DataRow("long", "exploration.json", "set", "samples=100000", "series.csv': it is")]
    [DataRow("tidy", "exploration.json", "set", "samples=100000", "series.csv': it is")]
    [DataRow("summary", "exploration.json", "set", "samples=2147483647", "\"time\" has 200 values, \"samples\" is 2147483647")]
    [DataRow("wide", "exploration.json", "set", "samples=99999999999", "\"samples\" has a value of the wrong kind or out of range")]
    [DataRow("wide", "exploration.json", "set", "samples=\"200\"", "\"samples\" has a value of the wrong kind")]
    [DataRow("wide", "exploration.json", "set", "outputs=@100000", "series.csv': it is")]
    [DataRow("summary", "exploration.json", "set", "outputs=@100000", "summary.csv': it is")]
    [DataRow("wide", "exploration.json", "set", "outputs=[\"x\",\"x\"]", "\"outputs\" lists output 'x' twice")]
    [DataRow("wide", "exploration.json", "set", "outputs=[]", "\"outputs\" lists no outputs")]
    [DataRow("wide", "exploration.json", "set", "outputs=[\"x\",null]", "\"outputs\": output 1 has no name")]
    [DataRow("wide", "exploration.json", "set", "outputs=\"x\"", "\"outputs\" has a value of the wrong kind")]
    [DataRow("wide", "exploration.json", "set", "dt=0", "\"dt\" is 0; valid: the integration step size, a finite number > 0")]
    [DataRow("wide", "exploration.json", "set", "dt=\"NaN\"", "\"dt\" is NaN")]
    [DataRow("wide", "exploration.json", "set", "dt=-0.01", "\"dt\" is -0.01")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "dt=d:0", "attribute \"dt\" is 0; valid: the integration step size")]
    [DataRow("wide", "exploration.json", "remove", "dt", "\"dt\" is missing")]
    [DataRow("wide", "exploration.json", "set", "conditions=4", "\"conditions\" is 4, but its \"axes\" give 3 conditions")]
    [DataRow("wide", "exploration.json", "set", "conditions=-1", "\"conditions\" is -1")]
    [DataRow("wide", "exploration.json", "set", "axes=[{\"name\":\"a\",\"values\":[-1,0]}]", "\"conditions\" is 3, but its \"axes\" give 2 conditions")]
    [DataRow("wide", "exploration.json", "set", "axes=[{\"name\":\"a\",\"values\":[-1,0,\"NaN\"]}]", "value 2 of parameter 'a' is NaN; valid: finite numbers")]
    [DataRow("wide", "exploration.json", "set", "axes=[{\"name\":null,\"values\":[1]}]", "axis 0 has no \"name\" or no \"values\"")]
    [DataRow("wide", "exploration.json", "set", "axes=[{\"values\":[1]}]", "\"axes\": parameter 0 has no name")]
    [DataRow("wide", "exploration.json", "set", "axes=[{\"name\":\"a\"}]", "\"axes\": parameter 'a' has no values")]
    [DataRow("wide", "exploration.json", "set", "exploration=\"../../elsewhere\"", "\"exploration\" is '../../elsewhere', not an exploration name")]
    [DataRow("wide", "exploration.json", "set", "mode=\"diagonal\"", "\"mode\" is 'diagonal'; valid: 'product' or 'zip'")]
    [DataRow("wide", "exploration.json", "set", "store=\"everything\"", "\"store\" is 'everything'")]
    [DataRow("wide", "exploration.json", "set", "seriesLayout=\"round\"", "\"seriesLayout\" is 'round'")]
    [DataRow("wide", "exploration.json", "set", "format=\"other\"", "\"format\" is 'other'")]
    [DataRow("wide", "exploration.json", "set", "summaryWindowStart=500", "\"summaryWindowStart\" is 500")]
    [DataRow("wide", "exploration.json", "set", "summaryWindowFraction=0", "\"summaryWindowFraction\" is 0")]
    [DataRow("wide", "exploration.json", "set", "failures=0", "failures.csv': it lists more than the 0 failures")]
    [DataRow("wide", "exploration.json", "set", "failures=3", "failures.csv': it lists 1 failures; exploration.json's \"failures\" is 3")]
    [DataRow("wide", "exploration.json", "set", "metadata.conditionStart=1", "\"metadata.conditionStart\" is given without \"metadata.conditionStop\"")]
    [DataRow("wide", "exploration.json", "set", "metadata.stepSize=\"Infinity\"", "\"metadata.stepSize\" is Infinity")]
    [DataRow("wide", "exploration.json", "set", "metadata.software=null", "\"metadata.software\" is null")]
    [DataRow("wide", "exploration.json", "set", "metadata.stepSize=\"fast\"", "exploration.json', line 1: \"metadata.stepSize\" has a value of the wrong kind or out of range; valid: a number")]
    [DataRow("wide", "exploration.json", "text", "this is not JSON", "exploration.json', line 1: it is not valid JSON")]
    [DataRow("wide", "exploration.json", "text", "[1, 2]", "it holds a JSON array")]
    [DataRow("wide", "failures.csv", "text", "condition,time,variable,reason\n99999999999,0.22,x,diverged\n", "failures.csv', line 2: condition 99999999999 is not one of the exploration's; valid: a condition from 0 to 2")]
    [DataRow("wide", "failures.csv", "text", "condition,time,variable,reason\n-1,0.22,x,diverged\n", "failures.csv', line 2: condition -1 is not one of the exploration's")]
    [DataRow("wide", "failures.csv", "text", "condition,time,variable,reason\n3,0.22,x,diverged\n", "failures.csv', line 2: condition 3 is not one of the exploration's")]
    [DataRow("wide", "failures.csv", "text", "condition,time,variable,reason\nabc,0.22,x,diverged\n", "failures.csv', line 2: condition 'abc' is not a whole number")]
    [DataRow("wide", "failures.csv", "text", "condition,time,variable,reason\n2,soon,x,diverged\n", "failures.csv', line 2: time 'soon' is not a finite number")]
    [DataRow("wide", "failures.csv", "text", "condition,time,variable,reason\n2,0.22,x\n", "failures.csv', line 2: it has 3 fields; valid: 4")]
    [DataRow("wide", "failures.csv", "text", "condition,time,variable,reason\n2,0.22,x,\"never closed\n", "a quoted field is not closed")]
    [DataRow("wide", "conditions.csv", "replace", "2,10\n=>2,11\n", "conditions.csv', line 4: a is 11, but exploration.json's axes give condition 2 the value 10")]
    [DataRow("wide", "conditions.csv", "replace", "1,0\n=>2,0\n", "conditions.csv', line 3: condition is 2; valid: 1")]
    [DataRow("wide", "conditions.csv", "replace", "2,10\n=>", "conditions.csv': it has 2 condition rows; valid: 3")]
    [DataRow("wide", "conditions.csv", "append", "3,11\n", "conditions.csv', line 5: it has more than the 3 conditions")]
    [DataRow("wide", "conditions.csv", "replace", "condition,a=>condition,b", "conditions.csv', line 1: column 2 of the header is 'b'; valid: 'a'")]
    [DataRow("wide", "conditions.csv", "delete", "", "conditions.csv' is missing")]
    [DataRow("wide", "summary.csv", "replace", "x_first=>q_first", "summary.csv', line 1: column 3 of the header is 'q_first'; valid: 'x_first'")]
    [DataRow("wide", "summary.csv", "replace", "\n2,10,=>\n2,11,", "summary.csv', line 4: a is 11")]
    [DataRow("wide", "series.csv", "cut", "0.5", "series.csv', line")]
    [DataRow("long", "series.csv", "cut", "0.5", "series.csv', line")]
    [DataRow("tidy", "series.csv", "cut", "0.5", "series.csv'")]
    [DataRow("wide", "series.csv", "replace", "\n0.01,=>\n9,", "series.csv': the time column: sample 2 (t = 0.02) comes before sample 1 (t = 9)")]
    [DataRow("wide", "series.csv", "replace", "\n0.01,0.99,=>\n0.01,abc,", "series.csv', line 3: 'abc' is not a number")]
    [DataRow("long", "series.csv", "replace", "\n1,0.01,x,=>\n1,0.02,x,", "series.csv', line 404: time is 0.02, but sample 1 of condition 0 is at 0.01")]
    [DataRow("wide", "series.csv", "endless", "", "series.csv', line 1: the line is longer than the header can be")]
    [DataRow("netcdf", "a_sweep.nc", "cut", "0.5", "a_sweep.nc' is damaged or truncated")]
    [DataRow("netcdf", "a_sweep.nc", "garbage", "", "a_sweep.nc'")]
    [DataRow("netcdf", "a_sweep.nc", "text", "time,x\n0,1\n", "a_sweep.nc' is not a NetCDF file")]
    [DataRow("netcdf", "a_sweep.nc", "text", "", "a_sweep.nc' is empty")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "dt=d:NaN", "attribute \"dt\" is NaN")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "dt=d:-0.01", "attribute \"dt\" is -0.01")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "dt=s:fast", "attribute \"dt\" is not a number")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "dt=", "attribute \"dt\" is missing")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "outputs=@3000", "a_sweep.nc': it is")]
    [DataRow("netcdf-summary", "a_sweep.nc", "attribute", "outputs=@3000", "a_sweep.nc': it is")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "outputs=S:x,x", "attribute \"outputs\" lists output 'x' twice")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "failure_count=i:5", "variable \"failure_condition\" has the dimensions (1); valid: the dimensions (5)")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "failure_count=i:-5", "attribute \"failure_count\" is -5")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "grid_mode=s:diagonal", "attribute \"grid_mode\" is 'diagonal'")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "exploration=s:../x", "attribute \"exploration\" is '../x', not an exploration name")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "grid_axes=S:time", "attribute \"grid_axes\" names 'time'")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "summary_window_start=i:200", "attribute \"summary_window_start\" is 200")]
    [DataRow("netcdf", "a_sweep.nc", "attribute", "condition_stop=i:7", "attribute \"condition_stop\" is given without attribute \"condition_start\"")]
    [DataRow("netcdf", "a_sweep.nc", "variable", "failure_condition=i:2147483647", "variable \"failure_condition\", failure 0: condition 2147483647 is not one of the exploration's; valid: a condition from 0 to 2")]
    [DataRow("netcdf", "a_sweep.nc", "variable", "failure_condition=i:-1", "condition -1 is not one of the exploration's")]
    [DataRow("netcdf", "a_sweep.nc", "variable", "condition=i:0,2,1", "variable \"condition\": value 1 is 2")]
    [DataRow("netcdf", "a_sweep.nc", "variable", "time=swap", "variable \"time\": sample 1 (t = 0) comes before sample 0 (t = 0.01)")]
    [DataRow("netcdf", "a_sweep.nc", "variable", "x=d:1,2,3", "variable \"x\" has the dimensions (3); valid: the dimensions (3, 200)")]
    [DataRow("netcdf", "a_sweep.nc", "variable", "x=s:a,b,c", "variable \"x\" has the dimensions (3)")]
    [DataRow("netcdf", "a_sweep.nc", "variable", "x=", "variable \"x\" is missing")]
    public void ATamperedResultIsRefusedAsBadInputNamingTheFile(string fixture, string file, string action, string argument, string expected)
    {
        var folder = Copy(fixture);
        var exploration = Path.Combine(folder, Exploration);
        var path = file.EndsWith(".nc", StringComparison.Ordinal) ? Path.Combine(folder, file) : Path.Combine(exploration, file);
        Tamper(path, action, argument);
        foreach (var command in new[] { new[] { "plot", folder }, ["check", folder, Path.Combine(Fixtures.Value, fixture)] })
        {
            var (exit, _, stderr) = CliRunner.Run(command);
            var what = $"{command[0]} after {action} {argument}: {stderr}";
            Assert.AreEqual(2, exit, what);
            Assert.IsTrue(stderr.StartsWith("tvbo: '", StringComparison.Ordinal), what);
            Assert.IsFalse(stderr.TrimEnd().Contains('\n', StringComparison.Ordinal), $"more than one paragraph: {what}");
            var named = file.EndsWith(".nc", StringComparison.Ordinal) ? $"tvbo: '{path}'" : $"tvbo: '{exploration}{Path.DirectorySeparatorChar}";
            Assert.IsTrue(stderr.StartsWith(named, StringComparison.Ordinal), $"does not name a file of the exploration: {what}");
            StringAssert.Contains(stderr, expected, what);
            foreach (var leak in new[] { "Exception", "internal error", "   at ", "(Parameter", "Path: $", "LineNumber", "Unable to", "gigabytes", "Could not find" })
            {
                Assert.IsFalse(stderr.Contains(leak, StringComparison.Ordinal), $"'{leak}' in {what}");
            }

            Assert.IsTrue(stderr.Length < 600, $"too long (file content echoed?): {what}");
        }
    }

    [TestMethod]
    [DataRow("name ../../elsewhere", "run.json' lists an exploration named '../../elsewhere'")]
    [DataRow("name null", "run.json': \"explorations[0]\" is null or holds null")]
    [DataRow("twice", "run.json' lists exploration 'a_sweep' twice")]
    [DataRow("renamed", "a_sweep' holds exploration 'a_sweep', but")]
    [DataRow("not json", "run.json', line 1: it is not a tvbo run manifest")]
    [DataRow("tool", "run.json' is not a tvbo run manifest (no \"tool\": \"tvbo\")")]
    [DataRow("files null", "run.json': \"files\" is null or holds null")]
    [DataRow("exploration null", "run.json': \"explorations[0]\" is null or holds null")]
    public void ATamperedRunManifestIsRefusedAsBadInput(string tampering, string expected)
    {
        var folder = Copy("wide");
        var manifest = Path.Combine(folder, "run.json");
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        var explorations = json["explorations"]!.AsArray();
        switch (tampering)
        {
            case "name ../../elsewhere":
                explorations[0]!["name"] = "../../elsewhere";
                break;
            case "name null":
                explorations[0]!["name"] = null;
                break;
            case "twice":
                explorations.Add(explorations[0]!.DeepClone());
                break;
            case "renamed":
                explorations[0]!["name"] = "b_sweep";
                Directory.Move(Path.Combine(folder, Exploration), Path.Combine(folder, "b_sweep"));
                break;
            case "tool":
                json["tool"] = "other";
                break;
            case "files null":
                json["files"] = null;
                break;
            case "exploration null":
                explorations[0] = null;
                break;
        }

        File.WriteAllText(manifest, tampering == "not json" ? "{ not json" : json.ToJsonString());
        var (exit, _, stderr) = CliRunner.Run("check", folder, Path.Combine(Fixtures.Value, "wide"));
        Assert.AreEqual(2, exit, stderr);
        Assert.IsTrue(stderr.StartsWith($"tvbo: '{folder}", StringComparison.Ordinal), stderr);
        StringAssert.Contains(stderr.Replace("b_sweep", Exploration, StringComparison.Ordinal), expected, stderr);
        Assert.IsFalse(stderr.TrimEnd().Contains('\n', StringComparison.Ordinal), stderr);
        Assert.IsFalse(stderr.Contains("Exception", StringComparison.Ordinal) || stderr.Contains("Path: $", StringComparison.Ordinal), stderr);
    }

    private static void Tamper(string path, string action, string argument)
    {
        switch (action)
        {
            case "set":
            case "remove":
                var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                var (key, value) = action == "set" ? Split(argument) : (argument, null);
                var parent = key.Contains('.', StringComparison.Ordinal) ? json[key.Split('.')[0]]!.AsObject() : json;
                var leaf = key.Split('.')[^1];
                if (value is null)
                {
                    parent.Remove(leaf);
                }
                else
                {
                    parent[leaf] = value.StartsWith('@') ? new JsonArray(Names(value).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()) : JsonNode.Parse(value);
                }

                File.WriteAllText(path, json.ToJsonString());
                break;
            case "text":
                File.WriteAllText(path, argument);
                break;
            case "append":
                File.AppendAllText(path, argument);
                break;
            case "replace":
                var parts = argument.Split("=>");
                var text = File.ReadAllText(path);
                var at = text.IndexOf(parts[0], StringComparison.Ordinal);
                Assert.IsTrue(at >= 0, $"'{parts[0]}' is not in {path}");
                File.WriteAllText(path, text[..at] + parts[1] + text[(at + parts[0].Length)..]);
                break;
            case "delete":
                File.Delete(path);
                break;
            case "cut":
                var all = File.ReadAllBytes(path);
                var keep = (int)(all.Length * double.Parse(argument, CultureInfo.InvariantCulture));
                while (all[keep - 1] is (byte)'\n' or (byte)',')
                {
                    keep--; // mid-row, not at a row's or a field's end
                }

                File.WriteAllBytes(path, all[..keep]);
                break;
            case "endless":
                File.WriteAllText(path, new string('1', 8 << 20));
                break;
            case "garbage":
                var bytes = File.ReadAllBytes(path);
                var random = new Random(7);
                for (var i = 64; i < Math.Min(bytes.Length, 8192); i++)
                {
                    bytes[i] = (byte)random.Next(256);
                }

                File.WriteAllBytes(path, bytes);
                break;
            case "attribute":
                Rewrite(path, (attributes, _) => Change(attributes, argument, scalar: true));
                break;
            case "variable":
                Rewrite(path, (_, variables) =>
                {
                    var (name, data) = Split(argument);
                    if (data is null or "")
                    {
                        variables.Remove(name);
                    }
                    else if (data == "swap")
                    {
                        var values = (double[])variables[name].Data;
                        (values[0], values[1]) = (values[1], values[0]);
                    }
                    else
                    {
                        var array = Value(data, scalar: false);
                        variables[name] = (array, [(ulong)((Array)array).Length]);
                    }
                });
                break;
            default:
                Assert.Fail($"unknown tampering '{action}'");
                break;
        }
    }

    private static void Change(Dictionary<string, object> attributes, string argument, bool scalar)
    {
        var (name, value) = Split(argument);
        if (value is null or "")
        {
            Assert.IsTrue(attributes.Remove(name), name);
        }
        else
        {
            attributes[name] = Value(value, scalar);
        }
    }

    // d:1.5 (a double, or doubles 1,2,3), i:5 (int32s), s:text (texts), S:a,b (a list of texts), @N (N names).
    private static object Value(string text, bool scalar)
    {
        if (text.StartsWith('@'))
        {
            return Names(text);
        }

        var body = text[2..];
        return (text[0], scalar) switch
        {
            ('d', true) => double.Parse(body, CultureInfo.InvariantCulture),
            ('d', false) => body.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray(),
            ('i', true) => int.Parse(body, CultureInfo.InvariantCulture),
            ('i', false) => body.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray(),
            ('s', true) => body,
            ('s', false) or ('S', _) => body.Split(','),
            _ => throw new AssertFailedException($"unknown value '{text}'"),
        };
    }

    private static string[] Names(string text) =>
        Enumerable.Range(0, int.Parse(text[1..], CultureInfo.InvariantCulture)).Select(i => $"v{i}").ToArray();

    private static (string Key, string? Value) Split(string argument)
    {
        var eq = argument.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (argument, null) : (argument[..eq], argument[(eq + 1)..]);
    }

    /// <summary>Rewrites a NetCDF file with PureHDF after <paramref name="change"/>: every global attribute and every
    /// variable (values and dimensions; not their own attributes, which the reader does not need).</summary>
    private static void Rewrite(string path, Action<Dictionary<string, object>, Dictionary<string, (object Data, ulong[] Dims)>> change)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        var variables = new Dictionary<string, (object Data, ulong[] Dims)>(StringComparer.Ordinal);
        using (var file = H5File.OpenRead(path))
        {
            foreach (var a in file.Attributes())
            {
                var text = a.Type.Class is H5DataTypeClass.String or H5DataTypeClass.VariableLength;
                attributes[a.Name] = (text, a.Space.Type == H5DataspaceType.Scalar) switch
                {
                    (true, true) => a.Read<string>(),
                    (true, false) => a.Read<string[]>(),
                    _ when a.Type.Class == H5DataTypeClass.FloatingPoint => a.Read<double>(),
                    _ when a.Type.Size == 8 => a.Read<long>(),
                    _ => a.Read<int>(),
                };
            }

            foreach (var d in file.Children().OfType<IH5Dataset>())
            {
                object data = d.Type.Class switch
                {
                    H5DataTypeClass.FloatingPoint => d.Read<double[]>(),
                    H5DataTypeClass.FixedPoint => d.Read<int[]>(),
                    _ => d.Read<string[]>(),
                };
                variables[d.Name] = (data, d.Space.Dimensions);
            }
        }

        change(attributes, variables);
        var rewritten = new H5File();
        foreach (var (name, value) in attributes)
        {
            rewritten.Attributes[name] = value;
        }

        foreach (var (name, (data, dims)) in variables)
        {
            rewritten[name] = new H5Dataset(data, fileDims: dims);
        }

        rewritten.Write(path);
    }

    /// <summary>A copy of an untouched run folder, to tamper with.</summary>
    private static string Copy(string fixture)
    {
        var target = Directory.CreateTempSubdirectory("tvbo-tampered-").FullName;
        var source = Path.Combine(Fixtures.Value, fixture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    private static string WriteFixtures()
    {
        var dir = Directory.CreateTempSubdirectory("tvbo-tamper-fixtures-").FullName;
        var experiment = Path.Combine(dir, "blow.yaml");
        File.WriteAllText(experiment, Experiment);
        foreach (var (name, options) in Options)
        {
            var (exit, _, stderr) = CliRunner.Run(["run", experiment, "--backend", "native", "--out", Path.Combine(dir, name), "--no-figures", .. options]);
            Assert.AreEqual(0, exit, stderr);
        }

        return dir;
    }
}

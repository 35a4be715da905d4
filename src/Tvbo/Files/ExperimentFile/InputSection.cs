using Tvbo.Experiment;
using Tvbo.Planning;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The <c>inputs:</c> block (an extension of TVBO's format): input series read from files.</summary>
internal static class InputSection
{
    /// <summary>Reads <c>inputs: {I: drive.csv}</c> or <c>{I: {file: drive.npy}}</c>: a file of one row per step, one
    /// column (shared by every condition) or one column per condition of the explorations' grids; only the rows the
    /// integration needs are read (<see cref="InputSeriesFile"/>).</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The <c>inputs:</c> value.</param>
    /// <param name="exp">The experiment, its model, integration and explorations read.</param>
    /// <param name="baseDirectory">The folder relative paths start from.</param>
    public static void Read(YamlSource src, YamlNode node, SimulationExperiment exp, string baseDirectory)
    {
        foreach (var (symbol, key, body) in src.Collection(node, "'inputs'"))
        {
            var what = $"input '{symbol}'";
            YamlNode fileNode = body switch
            {
                YamlScalarNode => body,
                YamlMappingNode m => YamlSource.Get(m, "file") ?? throw src.Error(body, $"{what} has no 'file:'; give the file of its series (one row per step)."),
                _ => throw src.Error(key, $"{what} needs a file: '{symbol}: drive.csv' or '{symbol}: {{file: drive.npy}}'."),
            };
            if (body is YamlMappingNode bm)
            {
                src.SchemaKeys(bm, what, TvboSchema.Input, unknownIsError: true);
            }

            var file = src.Text(fileNode, $"{what}.file").Trim();
            var path = Path.GetFullPath(Path.Combine(baseDirectory, file));
            var verdict = InputFile.Check(path, InputFile.MaxDataBytes, allowEmpty: false);
            if (verdict.Finding == InputFile.Finding.Missing)
            {
                throw src.Error(fileNode, $"{what}: the file '{file}' does not exist (looked for {path}).");
            }

            if (verdict.Finding != InputFile.Finding.Readable)
            {
                throw src.Error(fileNode, $"{what}: '{file}' {verdict.Problem}; give a file of one row per step ({MatrixFile.Accepted}).");
            }

            // Only the rows the integration needs are read (memory follows the run, not the file).
            var series = InputSeriesFile.Read(symbol, file, path, (src.FileOf(key), (int)key.Start.Line, (int)key.Start.Column), InputLowering.StepsNeeded(exp.Integration), Grids(exp));
            exp.Inputs[symbol] = series;
            try
            {
                InputLowering.Validate(exp.Model, new Dictionary<string, InputSeries> { [symbol] = series }, exp.Integration, null);
            }
            catch (ExperimentException ex)
            {
                throw src.Error(key, ex.Message, ex);
            }
        }
    }

    /// <summary>The number of conditions of each exploration's grid, counted from the axes without expanding the grid;
    /// <see langword="null"/> without explorations (a program may add them after loading; a series of several columns
    /// is then checked when the run is planned).</summary>
    private static IReadOnlyList<(string Name, long Conditions)>? Grids(SimulationExperiment exp) =>
        exp.Explorations.Count == 0
            ? null
            : exp.Explorations.Select(e => (e.Name, (e.Mode == ExplorationMode.Zip && e.Parameters.Count > 0
                ? e.Parameters[0].Domain.Count
                : e.Parameters.Aggregate(1L, (n, p) => n * p.Domain.Count)) * e.Trials)).ToArray();
}

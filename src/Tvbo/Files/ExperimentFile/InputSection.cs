using Tvbo.Experiment;
using Tvbo.Planning;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The <c>inputs:</c> block (an extension of TVBO's format): input series read from files.</summary>
internal static class InputSection
{
    /// <summary>Reads <c>inputs: {I: drive.csv}</c> or <c>{I: {file: drive.npy}}</c>: a file of one row per step, one
    /// column (shared by every condition) or one column per condition of the explorations' grids.</summary>
    /// <param name="src">The file.</param>
    /// <param name="node">The <c>inputs:</c> value.</param>
    /// <param name="exp">The experiment, its model and integration read.</param>
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
            if (!File.Exists(path))
            {
                throw src.Error(fileNode, $"{what}: the file '{file}' does not exist (looked for {path}).");
            }

            double[,] values;
            try
            {
                values = MatrixFile.Read(path).Values;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                throw src.Error(fileNode, $"{what}: '{file}': {ex.Message}", ex);
            }

            int steps = values.GetLength(0), columns = values.GetLength(1);
            try
            {
                exp.Inputs[symbol] = columns == 1
                    ? InputSeries.Shared(Enumerable.Range(0, steps).Select(k => values[k, 0]).ToArray())
                    : InputSeries.PerCondition(Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, steps).Select(k => values[k, c]).ToArray()).ToArray());
                InputLowering.Validate(exp.Model, new Dictionary<string, InputSeries> { [symbol] = exp.Inputs[symbol] }, exp.Integration, null);
            }
            catch (Exception ex) when (ex is ArgumentException or ExperimentException)
            {
                throw src.Error(key, $"{what} ('{file}', {steps} rows × {columns} columns): {ErrorText.Of(ex)}", ex);
            }
        }
    }
}

using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ExperimentFile;

/// <summary>The number of nodes of a network block, from every key that gives it (<c>number_of_nodes</c>, the node
/// list, the matrices), which must all agree.</summary>
internal sealed class NetworkSize
{
    private readonly YamlSource _src;
    private (int N, string From)? _size;

    /// <summary>Starts with no size known.</summary>
    /// <param name="src">The file, for errors.</param>
    public NetworkSize(YamlSource src) => _src = src;

    /// <summary>The number of nodes: the size agreed on, or 1 when nothing gives it.</summary>
    public int Count => _size?.N ?? 1;

    /// <summary>Records a size <paramref name="n"/> given at <paramref name="at"/>; a size other than one given before
    /// is an error naming both.</summary>
    /// <param name="at">Where the size is given.</param>
    /// <param name="n">The size.</param>
    /// <param name="what">What gives it, e.g. "network.weights is 3×3".</param>
    public void Agree(YamlNode at, int n, string what)
    {
        if (_size is null)
        {
            _size = (n, string.Create(CultureInfo.InvariantCulture, $"{what} (line {at.Start.Line})"));
        }
        else if (_size.Value.N != n)
        {
            throw _src.Error(at, $"{what}, but {_size.Value.From}; they must agree.");
        }
    }
}

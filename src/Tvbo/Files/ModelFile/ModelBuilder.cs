using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>The model a file is read into: the source, the <see cref="Dynamics"/> built, whether unknown keys are
/// errors, and the node each element was declared at, so errors found later (in validation) point at their lines.</summary>
internal sealed class ModelBuilder
{
    /// <summary>The key under which the <c>output:</c> node is recorded.</summary>
    private const string OutputsKey = "";

    private readonly Dictionary<string, YamlNode> _where = new(StringComparer.Ordinal);

    /// <summary>Starts building <paramref name="model"/> from <paramref name="source"/>.</summary>
    /// <param name="source">The file.</param>
    /// <param name="model">The model, still empty.</param>
    /// <param name="strict">Whether a key that resembles no schema key is an error (inside experiment files).</param>
    public ModelBuilder(YamlSource source, Dynamics model, bool strict)
    {
        Source = source;
        Model = model;
        Strict = strict;
    }

    /// <summary>The file read.</summary>
    public YamlSource Source { get; }

    /// <summary>The model built.</summary>
    public Dynamics Model { get; }

    /// <summary>Whether a key that resembles no schema key is an error rather than a warning.</summary>
    public bool Strict { get; }

    /// <summary>Adds an element to the model, recording its node; a refusal becomes an error at that node.</summary>
    /// <param name="node">Where the element is declared.</param>
    /// <param name="element">The element's name.</param>
    /// <param name="add">Adds it.</param>
    public void Add(YamlNode node, string element, Action add)
    {
        _where[element] = node;
        try
        {
            add();
        }
        catch (TvboException ex)
        {
            throw Source.Error(node, ex.Message, ex);
        }
    }

    /// <summary>Records the node of <c>output:</c>, where errors about the outputs point.</summary>
    /// <param name="node">The <c>output:</c> value.</param>
    public void OutputsAt(YamlNode node) => _where[OutputsKey] = node;

    /// <summary>Validates the model; a problem becomes an error at the element it names (else at
    /// <paramref name="map"/>).</summary>
    /// <param name="map">The model's mapping.</param>
    public void Validate(YamlMappingNode map)
    {
        try
        {
            Model.Validate();
        }
        catch (ModelException ex)
        {
            var node = ex.Element is not null && _where.TryGetValue(ex.Element, out var n) ? n
                : Model.Outputs.Contains(ex.Element ?? "\0") && _where.TryGetValue(OutputsKey, out var o) ? o
                : map;
            throw Source.Error(node, ex.Message, ex);
        }
    }

    /// <summary>Checks the keys of an element's mapping against its schema class.</summary>
    /// <param name="m">The mapping.</param>
    /// <param name="what">What it is, for messages.</param>
    /// <param name="schema">Its schema keys.</param>
    public void SchemaKeys(YamlMappingNode m, string what, IReadOnlyCollection<string> schema) => Source.SchemaKeys(m, what, schema, Strict);

    /// <summary>The element's <c>description</c>, trimmed, if a scalar.</summary>
    /// <param name="m">The element's mapping.</param>
    /// <param name="what">What it is, for messages.</param>
    public string? Description(YamlMappingNode m, string what) => OptionalText(m, "description", what)?.Trim();

    /// <summary>The text under <paramref name="key"/> if it is a scalar; otherwise <see langword="null"/>.</summary>
    /// <param name="m">The element's mapping.</param>
    /// <param name="key">The key.</param>
    /// <param name="what">What it is, for messages.</param>
    public string? OptionalText(YamlMappingNode m, string key, string what) =>
        YamlSource.Get(m, key) is { } n ? (n is YamlScalarNode ? Source.Text(n, $"the {key} of {what}") : null) : null;
}

namespace Tvbo.Experiment;

/// <summary>The functions an experiment's observation pipelines may call by name (TVBO's <c>functions:</c>), keyed
/// by name.</summary>
public sealed class PipelineFunctionCollection : NamedCollection<PipelineFunction>
{
    /// <summary>Creates an empty collection.</summary>
    public PipelineFunctionCollection()
        : base("function")
    {
    }

    /// <inheritdoc/>
    protected override string GetKeyForItem(PipelineFunction item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Name;
    }
}

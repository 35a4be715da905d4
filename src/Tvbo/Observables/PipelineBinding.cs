namespace Tvbo.Observables;

/// <summary>Where a compiled step's argument comes from: a number, a named value of the pipeline, a literal text, or
/// the previous step's value.</summary>
/// <param name="Name">The argument's name, or null for the first positional argument of a callable.</param>
/// <param name="Number">A number, or null.</param>
/// <param name="Reference">The name of a value (<c>integration.result</c>, an earlier output, an observable, a
/// network's measure), or null.</param>
/// <param name="Text">A literal text (only for Python steps), or null.</param>
internal sealed record PipelineBinding(string? Name, double? Number, string? Reference, string? Text)
{
    /// <summary>The name the previous step's value is known by.</summary>
    public const string Previous = "<previous>";

    /// <summary>Whether it reads the previous step's value.</summary>
    public bool IsPrevious => Reference == Previous;
}

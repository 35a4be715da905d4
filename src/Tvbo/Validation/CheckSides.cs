namespace Tvbo.Validation;

/// <summary>Which of the two compared results something concerns.</summary>
[Flags]
public enum CheckSides
{
    /// <summary>Neither.</summary>
    None = 0,

    /// <summary>The first result (A).</summary>
    A = 1,

    /// <summary>The second result (B).</summary>
    B = 2,

    /// <summary>Both results.</summary>
    Both = A | B,
}

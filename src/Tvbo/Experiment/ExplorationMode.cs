namespace Tvbo.Experiment;

/// <summary>How an exploration combines the values of its parameters.</summary>
public enum ExplorationMode
{
    /// <summary>Every combination (the Cartesian product), in C order: the first parameter varies slowest.</summary>
    Product,

    /// <summary>The i-th values of every parameter together (all parameters need the same number of values).</summary>
    Zip,
}

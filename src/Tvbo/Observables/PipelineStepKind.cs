namespace Tvbo.Observables;

/// <summary>How a compiled pipeline step computes (<see cref="ObservablePipeline"/>).</summary>
internal enum PipelineStepKind
{
    /// <summary>A built-in of <see cref="ObservableLibrary"/>.</summary>
    BuiltIn,

    /// <summary>An equation of the experiment's functions, evaluated natively.</summary>
    Equation,

    /// <summary>An equation of <c>t</c> over a time range, evaluated natively.</summary>
    TimeRange,

    /// <summary>Python source code, run in the embedded CPython.</summary>
    SourceCode,

    /// <summary>A callable of numpy/scipy, run in the embedded CPython.</summary>
    Callable,

    /// <summary>One of TVBO's own observation functions (<see cref="TvboptimFunctions"/>), computed natively.</summary>
    Tvboptim,
}

namespace Tvbo.Experiment;

/// <summary>How a <see cref="PipelineFunction"/> computes its value.</summary>
public enum PipelineFunctionKind
{
    /// <summary>An equation over its arguments and parameters (arrays element-wise, numpy's broadcasting, reductions,
    /// <c>Sum((…), (i, lo, hi))</c>), computed natively.</summary>
    Equation,

    /// <summary>An equation of <c>t</c> over a time range (a kernel, e.g. a haemodynamic response), computed
    /// natively.</summary>
    TimeRange,

    /// <summary>A Python expression (TVBO's <c>source_code</c>), run in the embedded CPython only when the run allows
    /// code (<see cref="Backends.RunOptions.AllowCode"/>, <c>--allow-code</c>).</summary>
    SourceCode,

    /// <summary>A function of numpy or scipy (TVBO's <c>callable</c>), run in the embedded CPython, or one of TVBO's
    /// own observation functions, run natively.</summary>
    Callable,
}

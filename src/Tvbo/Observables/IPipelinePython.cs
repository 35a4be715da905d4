namespace Tvbo.Observables;

/// <summary>
/// Runs the Python steps of observation pipelines in an embedded CPython, on numpy and scipy: a <c>callable</c>
/// (<c>scipy.signal.welch</c>; TVBO's <c>jax.numpy</c> and <c>jax.scipy</c> run as <c>numpy</c> and <c>scipy</c>) or a
/// function's <c>source_code</c> (a Python expression; <c>jnp</c> and <c>np</c> are numpy). A backend that embeds
/// Python (pyrates) provides it; <see cref="PipelineModules"/> says which modules a callable may come from.
/// </summary>
internal interface IPipelinePython
{
    /// <summary>Calls <c>module.name(*positional, **named)</c> and returns its result: one array, or one per element
    /// of a returned tuple (<c>frequencies, psd = welch(x)</c>).</summary>
    /// <param name="module">The module as the file writes it (<c>jax.scipy.signal</c>); one of <see cref="PipelineModules"/>.</param>
    /// <param name="name">The function's name in the module.</param>
    /// <param name="arguments">The arguments in order; a null name passes the value by position. A value is an
    /// <see cref="ArrayValue"/>, a <see cref="double"/> or a <see cref="string"/>.</param>
    /// <param name="applyAxis">When set, the call is made once per index of this axis of the first array argument
    /// (each slice without that axis), and the results are stacked back along it (TVBO's
    /// <c>apply_on_dimension</c>).</param>
    /// <param name="cancellationToken">Cancels a queued call.</param>
    /// <exception cref="ObservableException">Python raised (its type and message), or the result is not numbers.</exception>
    IReadOnlyList<ArrayValue> Call(string module, string name, IReadOnlyList<PythonArgument> arguments, int? applyAxis, CancellationToken cancellationToken);

    /// <summary>Evaluates a Python expression with each argument bound to its name, and <c>np</c>, <c>jnp</c>,
    /// <c>numpy</c>, <c>scipy</c> and <c>jax</c> (whose <c>numpy</c> and <c>scipy</c> are numpy's and scipy's) in
    /// scope; returns its value as <see cref="Call"/> does.</summary>
    /// <param name="code">The expression (TVBO's <c>source_code</c>).</param>
    /// <param name="arguments">The names it reads; every argument has a name.</param>
    /// <param name="cancellationToken">Cancels a queued evaluation.</param>
    /// <exception cref="ObservableException">Python raised (its type and message), or the result is not numbers.</exception>
    IReadOnlyList<ArrayValue> Evaluate(string code, IReadOnlyList<PythonArgument> arguments, CancellationToken cancellationToken);
}

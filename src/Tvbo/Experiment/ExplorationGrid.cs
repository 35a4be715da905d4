using System.Globalization;
using Tvbo.Model;
using Tvbo.Planning;

namespace Tvbo.Experiment;

/// <summary>
/// The conditions of an exploration, in C order: for product mode over axes (a0, …, ak) the first axis varies
/// slowest and the last fastest, so condition index = row-major index into <see cref="Shape"/>. In zip mode
/// condition i takes the i-th value of every parameter and <see cref="Shape"/> is one-dimensional. The table of
/// conditions is built on first use (<see cref="Condition"/>, <see cref="ToArray"/>), so a grid too large for the
/// run's limits is refused from its axes' lengths before it takes memory.
/// </summary>
public sealed class ExplorationGrid
{
    private readonly int _count;
    private double[]? _values;

    private ExplorationGrid(string exploration, string? label, ExplorationMode mode, IReadOnlyList<ExplorationAxis> axes, int[] shape, int count)
    {
        Experiment.Exploration.CheckName(exploration);
        Exploration = exploration;
        Label = label;
        Mode = mode;
        Axes = axes;
        Shape = shape;
        _count = count;
    }

    /// <summary>The exploration's name.</summary>
    public string Exploration { get; }

    /// <summary>The exploration's label, or <see langword="null"/>.</summary>
    public string? Label { get; }

    /// <summary>How the axes combine.</summary>
    public ExplorationMode Mode { get; }

    /// <summary>The axes: one per varied parameter, in the exploration's order.</summary>
    public IReadOnlyList<ExplorationAxis> Axes { get; }

    /// <summary>The grid's shape: one length per axis (product) or the common length (zip).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The names of the varied parameters, in axis order.</summary>
    public IEnumerable<string> ParameterNames => Axes.Select(a => a.Name);

    /// <summary>The number of conditions.</summary>
    public int ConditionCount => _count;

    /// <summary>The varied parameters' values of one condition, in axis order.</summary>
    /// <param name="condition">The condition index.</param>
    public ReadOnlySpan<double> Condition(int condition) => Values.AsSpan(condition * Axes.Count, Axes.Count);

    /// <summary>All conditions' values as one row-major [condition, axis] array (a copy).</summary>
    public double[] ToArray() => (double[])Values.Clone();

    /// <summary>One value of one condition, computed from the axes (the table is not built).</summary>
    /// <param name="condition">The condition index.</param>
    /// <param name="axis">The axis.</param>
    public double ValueAt(int condition, int axis)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(condition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(condition, _count);
        if (Mode == ExplorationMode.Zip)
        {
            return Axes[axis].ExploredValues[condition];
        }

        var stride = 1;
        for (var j = Axes.Count - 1; j > axis; j--)
        {
            stride *= Shape[j];
        }

        return Axes[axis].ExploredValues[condition / stride % Shape[axis]];
    }

    private double[] Values => _values ?? LazyInitializer.EnsureInitialized(ref _values, Build);

    /// <summary>The shape as TVBO prints it: <c>6</c>, <c>3x3</c>.</summary>
    public string ShapeText => string.Join("x", Shape);

    /// <summary>The grid in words: <c>eta_J (product): 60 conditions, 15x4; eta: 15 values, -10 … 5; J: 4 values, …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Exploration} ({Mode.ToString().ToLowerInvariant()}): {ConditionCount} condition{(ConditionCount == 1 ? "" : "s")}{(Axes.Count > 1 ? ", " + ShapeText : "")}{string.Concat(Axes.Select(a => "; " + a))}";

    /// <summary>The one-condition grid of a plain integration: no axes, the model's own parameter values.</summary>
    /// <summary>The most conditions a grid may have (checked from the axes' lengths before the grid is built).</summary>
    public const int MaxConditions = 100_000_000;

    /// <summary>The name of the axis that repeats conditions with their own noise (<see cref="Exploration.Trials"/>).</summary>
    public const string TrialAxis = "trial";

    /// <summary>Conditions <paramref name="start"/> … <paramref name="stop"/> − 1 as a grid of their own: the same axes,
    /// each condition's values listed (a zip); the whole grid when the range covers it.</summary>
    /// <exception cref="ExperimentException">The range is not inside the grid.</exception>
    internal ExplorationGrid Slice(int start, int stop)
    {
        var n = ConditionCount;
        if (start < 0 || stop > n || start >= stop)
        {
            throw new ExperimentException($"Exploration '{Exploration}' has {n} conditions (0 to {n - 1}); the range {start}:{stop} is not inside it.", Exploration);
        }

        if (start == 0 && stop == n)
        {
            return this;
        }

        if (Axes.Count == 0)
        {
            return this;
        }

        var axes = Axes.Select((a, j) => new ExplorationAxis(a.Name, Enumerable.Range(start, stop - start).Select(c => ValueAt(c, j)).ToArray())).ToArray();
        return Expand(Exploration, Label, ExplorationMode.Zip, axes);
    }

    internal static ExplorationGrid Single(string name, string? label) => new(name, label, ExplorationMode.Product, [], [1], 1);

    /// <summary>A one-condition grid with a single axis of one value: what a backend that needs an axis runs for a
    /// grid without axes (the plain integration).</summary>
    /// <param name="parameter">The parameter to put on the axis.</param>
    /// <param name="value">Its (unchanged) value.</param>
    /// <returns>The grid, with the same name and label.</returns>
    /// <exception cref="InvalidOperationException">This grid has axes.</exception>
    public ExplorationGrid WithAxis(string parameter, double value) =>
        Axes.Count == 0
            ? new(Exploration, Label, ExplorationMode.Product, [new ExplorationAxis(parameter, [value])], [1], 1)
            : throw new InvalidOperationException($"Exploration '{Exploration}' already has axes.");

    internal static ExplorationGrid Create(Exploration exploration, Dynamics model, Networks.Network? network, IDictionary<string, Stimulus>? stimuli)
    {
        foreach (var shadowed in model.ShadowedParameters)
        {
            if (exploration.Parameters.Any(p => p.Name == shadowed.Name))
            {
                throw new ExperimentException(
                    $"Exploration '{exploration.Name}': parameter '{shadowed.Name}' of model '{model.Name}' is hidden by the derived variable of the same name (as in TVBO, the derived variable wins), so exploring it would change nothing. Explore the parameters the derived variable '{shadowed.Name}' uses instead.",
                    exploration.Name,
                    shadowed.Name);
            }
        }

        var name = exploration.Name;
        if (exploration.Trials < 1)
        {
            throw new ExperimentException($"Exploration '{name}' has {exploration.Trials} trials; give at least 1.", name);
        }

        if (exploration.Parameters.Count == 0 && exploration.Trials == 1)
        {
            throw new ExperimentException($"Exploration '{name}' varies no parameters; add at least one ExplorationParameter.", name);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in exploration.Parameters)
        {
            if (!seen.Add(p.Name))
            {
                throw new ExperimentException($"Exploration '{name}' lists parameter '{p.Name}' twice; each parameter may appear once.", name, p.Name);
            }

            if (p.Name == TrialAxis && model.FindParameter(TrialAxis) is null)
            {
                throw new ExperimentException($"Exploration '{name}': '{TrialAxis}' is the axis n_trials adds, not a parameter; give the number of trials instead (Exploration.Trials, n_trials:).", name, p.Name);
            }

            if (network is not null)
            {
                _ = Planning.NetworkAxis.Resolve(p.Name, model, network, name, stimuli);
            }
            else if (model.FindParameter(stimuli is null ? p.Name : StimulusLowering.ResolveAxis(p.Name, model, stimuli, name)) is null)
            {
                var kind = model.Resolve(p.Name);
                var what = kind is null or SymbolKind.Constant ? "is not a parameter of the model" : $"is a {Dynamics.KindName(kind.Value)}, not a parameter";
                if (model.NumberOfModes > 1 && model.FindParameter(p.Name + "_m0") is not null)
                {
                    throw new ExperimentException($"Exploration '{name}': '{p.Name}' has one value per mode in model '{model.Name}' ({model.NumberOfModes} modes); explore one mode's value, {p.Name}_m0 … {p.Name}_m{model.NumberOfModes - 1}.", name, p.Name);
                }

                throw new ExperimentException(
                    $"Exploration '{name}': '{p.Name}' {what} '{model.Name}'; only parameters can be explored. Parameters: {string.Join(", ", model.Parameters.Select(x => x.Name))}.",
                    name,
                    p.Name);
            }

            ArgumentNullException.ThrowIfNull(p.Domain);
            p.Domain.Validate(name, p.Name);
            if (p.Name == Planning.InputLowering.SigmaAddress)
            {
                CheckSigma(name, p);
            }
        }

        var axes = exploration.Parameters.Select(p => new ExplorationAxis(p.Name, p.Domain.ToArray())).ToArray();
        if (exploration.Trials > 1)
        {
            if (exploration.Mode == ExplorationMode.Zip && axes.Length > 1)
            {
                throw new ExperimentException($"Exploration '{name}' repeats a zip of {axes.Length} axes {exploration.Trials} times; trials combine with the axes as a product. Use product mode, or one axis.", name);
            }

            if (exploration.Parameters.Any(p => p.Name == TrialAxis) || model.FindParameter(TrialAxis) is not null)
            {
                throw new ExperimentException($"Exploration '{name}': '{TrialAxis}' names the trial axis of n_trials; it cannot also be a parameter.", name, TrialAxis);
            }

            axes = [.. axes, new ExplorationAxis(TrialAxis, Enumerable.Range(0, exploration.Trials).Select(t => (double)t).ToArray())];
            return Expand(name, exploration.Label, ExplorationMode.Product, axes);
        }

        return Expand(name, exploration.Label, exploration.Mode, axes);
    }

    /// <summary>Refuses a negative noise intensity on a <c>noise.sigma</c> axis, as the scalar
    /// <c>integration.noise.parameters.sigma</c> (<see cref="NoiseSettings.Sigma"/>) is refused.</summary>
    private static void CheckSigma(string exploration, ExplorationParameter axis)
    {
        var values = axis.Domain.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0))
            {
                throw new ExperimentException(
                    string.Create(CultureInfo.InvariantCulture, $"Exploration '{exploration}': axis '{axis.Name}' has the value {values[i]:R} (value #{i}); the noise intensity sigma must be 0 or positive, as integration.noise.parameters.sigma must."),
                    exploration,
                    axis.Name);
            }
        }
    }

    /// <summary>Rebuilds the grid of a result file: the axes with their values, combined in C order (product) or
    /// paired (zip); no axes gives the one-condition grid of a plain integration.</summary>
    /// <param name="exploration">The exploration's name.</param>
    /// <param name="label">Its label, or <see langword="null"/>.</param>
    /// <param name="mode">How the axes combine.</param>
    /// <param name="axes">The axes.</param>
    /// <exception cref="ExperimentException">Zip axes of different lengths, or too many conditions.</exception>
    internal static ExplorationGrid Restore(string exploration, string? label, ExplorationMode mode, IReadOnlyList<ExplorationAxis> axes) =>
        axes.Count == 0 ? Single(exploration, label) : Expand(exploration, label, mode, axes.ToArray());

    private static ExplorationGrid Expand(string name, string? label, ExplorationMode mode, ExplorationAxis[] axes)
    {
        var k = axes.Length;
        if (mode == ExplorationMode.Zip)
        {
            var n = axes[0].ExploredValues.Count;
            if (axes.Any(a => a.ExploredValues.Count != n))
            {
                throw new ExperimentException(
                    $"Exploration '{name}' is in zip mode, which pairs the i-th values of every parameter, but the parameters have different numbers of values: {string.Join(", ", axes.Select(a => $"{a.Name}: {a.ExploredValues.Count}"))}. Give them the same length or use product mode.",
                    name);
            }

            if ((long)n * k > Array.MaxLength || n > MaxConditions)
            {
                throw new ExperimentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Exploration '{name}' has too many conditions ({n}); a grid has at most {MaxConditions:N0}. Split it into smaller explorations, or run shards of it (RunOptions.Conditions; in the CLI run --conditions START:STOP)."), name);
            }

            return new ExplorationGrid(name, label, ExplorationMode.Zip, axes, [n], n);
        }

        var shape = axes.Select(a => a.ExploredValues.Count).ToArray();
        long total = 1;
        foreach (var s in shape)
        {
            total *= s;
            if (total * k > Array.MaxLength || total > MaxConditions)
            {
                throw new ExperimentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Exploration '{name}' has too many conditions ({string.Join(" x ", shape)}); a grid has at most {MaxConditions:N0}. Split it into smaller explorations, or run shards of it (RunOptions.Conditions; in the CLI run --conditions START:STOP)."), name);
            }
        }

        return new ExplorationGrid(name, label, ExplorationMode.Product, axes, shape, (int)total);
    }

    /// <summary>The [condition, axis] table in C order.</summary>
    private double[] Build()
    {
        var k = Axes.Count;
        var total = _count;
        var values = new double[(long)total * k];
        if (Mode == ExplorationMode.Zip)
        {
            for (var i = 0; i < total; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    values[(i * k) + j] = Axes[j].ExploredValues[i];
                }
            }

            return values;
        }

        var index = new int[k];
        for (var c = 0; c < total; c++)
        {
            for (var j = 0; j < k; j++)
            {
                values[(c * k) + j] = Axes[j].ExploredValues[index[j]];
            }

            // Advance the row-major counter: the last axis fastest.
            for (var j = k - 1; j >= 0; j--)
            {
                if (++index[j] < Shape[j])
                {
                    break;
                }

                index[j] = 0;
            }
        }

        return values;
    }
}
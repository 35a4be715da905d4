using Microsoft.Extensions.Logging;
using Tvbo.Model;
using YamlDotNet.RepresentationModel;

namespace Tvbo.Files.ModelFile;

/// <summary>
/// Reads TVBO model YAML (a Dynamics) as TVBO reads it: <c>parameters</c>, <c>state_variables</c>,
/// <c>derived_variables</c> (with <c>equation</c>, <c>cases</c> or <c>equation.conditionals</c>),
/// <c>derived_parameters</c>, <c>functions</c> with <c>arguments</c> (inlined where called), <c>coupling_inputs</c> and
/// <c>coupling_terms</c> (held at 0 for a single node), <c>output</c>, state <c>domain: {lo, hi, enforce}</c> and legacy
/// <c>boundaries</c>. Collections may be mappings keyed by name or lists with <c>name:</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A missing <c>initial_value</c> is TVBO's schema default, 0.1 (logged at debug level, marked in the report).</item>
/// <item>An equation's <c>lhs</c> is documentation: the derivative belongs to the variable's key, whatever the lhs says
/// (<c>\dot{X}</c>, <c>thetadot</c>, <c>Derivative(X, t)</c>, a YAML-split <c>Derivative(X</c>), except a lhs
/// <c>Derivative(y, t)</c> naming another state variable (a contradiction). A model with <c>system_type: discrete</c>
/// is a map (<see cref="Model.Dynamics.SystemType"/>): its equations are next values, the lhs written <c>x_next</c>
/// (or <c>x[n+1]</c>); a next-value lhs in a continuous model, or a derivative in a map, is an error.</item>
/// <item>A derived variable named like a parameter wins (TVBO's symbol table); the parameter is recorded as
/// shadowed, a warning names both, and exploring it is an error.</item>
/// <item><c>local_coupling</c> (or the symbol <c>local_coupling_term</c> names), used without a declaration, becomes a
/// parameter of value 0 (TVB's single-node default).</item>
/// <item>Keys of TVBO's schema are accepted; a key close to one is an error with the suggestion; any other key is a
/// warning (an error when <c>strict</c>, i.e. inside experiment files).</item>
/// </list>
/// A model that gives NeuroML components is first rewritten as their equations (<see cref="NeuroMLComponents"/>), and
/// a model with several modes as the single-mode model it means (<see cref="ModeExpansion"/>).
/// Each section is read by its own class, in this order: the header (<see cref="ModelHeader"/>), parameters, coupling
/// inputs, functions, derived parameters, derived variables, state variables, the outputs, then the spike-and-reset
/// <c>events</c> (<see cref="ModelEventSection"/>).
/// </remarks>
internal static class TvboModelReader
{
    /// <summary>The undeclared symbol TVBO files may use, added as a parameter with this value.</summary>
    public const string LocalCoupling = "local_coupling";

    /// <summary>TVBO's default initial value of a state variable (its schema's <c>ifabsent: float(0.1)</c>).</summary>
    public const double DefaultInitialValue = 0.1;

    /// <summary>TVBO's default model name (its schema's <c>ifabsent</c>).</summary>
    public const string DefaultName = "Generic2dOscillator";

    /// <summary>Reads a model file; the model is named after the file when it has no <c>name:</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="logger">Receives warnings; <see langword="null"/> for none.</param>
    public static Dynamics ReadFile(string path, ILogger? logger = null)
    {
        var src = YamlSource.Load(path, logger);
        return Read(src, src.Root, Path.GetFileNameWithoutExtension(path), strict: false);
    }

    /// <summary>Reads model YAML text.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="sourceName">The name used in messages.</param>
    /// <param name="logger">Receives warnings; <see langword="null"/> for none.</param>
    public static Dynamics ReadText(string yaml, string sourceName, ILogger? logger = null)
    {
        var src = YamlSource.Parse(yaml, sourceName, logger);
        return Read(src, src.Root, null, strict: false);
    }

    /// <summary>Reads the model a mapping of <paramref name="src"/> describes.</summary>
    /// <param name="src">The file the mapping is in.</param>
    /// <param name="map">The model's mapping.</param>
    /// <param name="fallbackName">The name when the model has no <c>name:</c> (<see langword="null"/>: TVBO's default).</param>
    /// <param name="strict">Whether a key that resembles no schema key is an error rather than a warning.</param>
    /// <param name="eventSymbols">The symbols the experiment's events drive: one the equations use without a
    /// declaration is declared as a parameter of value 0 (TVBO binds an event to the symbol of its name).</param>
    public static Dynamics Read(YamlSource src, YamlMappingNode map, string? fallbackName, bool strict, IReadOnlyCollection<string>? eventSymbols = null)
    {
        CheckDerivedFrom(src, map, fallbackName);
        src.SchemaKeys(map, "a model (Dynamics)", TvboSchema.Dynamics, strict);
        if (NeuroMLComponents.Has(map))
        {
            var name = YamlSource.Get(map, "name") is YamlScalarNode { Value: { } n } ? n.Trim() : fallbackName ?? DefaultName;
            map = NeuroMLComponents.Rewrite(src, map, name);
        }

        var dynamics = ModelHeader.Read(src, map, fallbackName);
        dynamics.NumberOfModes = ModeExpansion.Modes(src, map, dynamics.Name);
        if (dynamics.NumberOfModes > 1)
        {
            map = ModeExpansion.Expand(src, map, dynamics.Name, dynamics.NumberOfModes);
        }

        var model = new ModelBuilder(src, dynamics, strict);
        ParameterSection.Read(model, map);
        CouplingInputSection.Read(model, map);
        if (YamlSource.Get(map, "functions") is { } functions)
        {
            FunctionSection.Read(model, functions);
        }

        DerivedParameterSection.Read(model, map);
        DerivedVariableSection.Read(model, map);
        StateVariableSection.Read(model, map);
        AddLocalCoupling(model, map);
        foreach (var symbol in eventSymbols ?? [])
        {
            AddIfUsed(model.Model, symbol, $"The value event '{symbol}' drives (used by the equations without a declaration; 0 without the event)");
        }

        OutputSection.Read(model, map);
        ModelEventSection.Read(model, map);
        model.Validate(map);
        return model.Model;
    }

    /// <summary>A <c>derived_from_model</c> left in a model read here: experiment files resolve it (the parent from the
    /// model folders, <see cref="ExperimentFile.ModelSection"/>); a model file read on its own cannot, so the model is
    /// read from its own equations (warned about), and refused when it has none.</summary>
    private static void CheckDerivedFrom(YamlSource src, YamlMappingNode map, string? fallbackName)
    {
        if (YamlSource.Get(map, "derived_from_model") is not { } derived)
        {
            return;
        }

        var name = YamlSource.Get(map, "name") is YamlScalarNode { Value: { } n } ? n.Trim() : fallbackName ?? DefaultName;
        if (YamlSource.IsEmpty(YamlSource.Get(map, "state_variables")))
        {
            throw src.Error(derived, $"model '{name}' derives from another model (derived_from_model) and gives no state_variables: its equations are its parent's, which a model file read on its own does not look up. Read it through an experiment (model: this file) with the parent's folder given by --models DIR (ExperimentLoadOptions.ModelDirectories), or give its state_variables.");
        }

        src.Warn(derived, $"model '{name}': derived_from_model is not looked up when a model file is read on its own; the model is read from its own equations. Read it through an experiment (model: this file) with the parent's folder given by --models DIR (ExperimentLoadOptions.ModelDirectories) to take the parent's equations where it gives none.");
    }

    /// <summary>Adds <c>local_coupling</c> (or the symbol <c>local_coupling_term</c> names) as a parameter of value 0
    /// when an equation uses it without a declaration.</summary>
    private static void AddLocalCoupling(ModelBuilder b, YamlMappingNode map)
    {
        var local = YamlSource.Get(map, "local_coupling_term") is { } lct ? b.Source.Text(lct, "local_coupling_term").Trim() : LocalCoupling;
        AddIfUsed(b.Model, local, "Local coupling strength (used by the file without a declaration; 0 for a single node)");
    }

    /// <summary>Declares <paramref name="symbol"/> as a parameter of value 0 when an equation uses it and the model does
    /// not declare it.</summary>
    private static void AddIfUsed(Dynamics model, string symbol, string description)
    {
        if (model.Resolve(symbol) is null && model.Uses(symbol))
        {
            model.AddParameter(symbol, 0.0, description: description);
        }
    }
}

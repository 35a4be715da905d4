namespace Tvbo.Files;

/// <summary>The keys TVBO's schema defines for each class of its experiment and model files (TVBO's LinkML schema
/// and its newer openMINDS export). Every one of them is accepted by the readers: read and used, refused with the
/// reason where it would change the dynamics in a way this project does not support, or ignored as documentation.</summary>
internal static class TvboSchema
{
    /// <summary>Keys every TVBO element may carry as documentation.</summary>
    private static readonly string[] Documentation =
        ["name", "label", "description", "definition", "references", "iri", "comment", "symbol", "unit", "acronym", "keywords", "notes", "source", "has_reference", "bibliography", "grounding"];

    /// <summary>SimulationExperiment.</summary>
    public static readonly IReadOnlySet<string> Experiment = Set(
        "id", "model", "dynamics", "integration", "network", "connectivity", "coupling", "observations", "derived_observations",
        "functions", "stimulation", "events", "field_dynamics", "optimizations", "explorations", "algorithms", "continuations",
        "environment", "execution", "software", "initial_state", "inferences", "dataset", "workflow", "additional_equations", "local_dynamics",
        "simulation_experiments", "inputs", "monitors", "modelfitting");

    /// <summary>An input series from a file (<c>inputs.&lt;symbol&gt;</c>, an extension of TVBO's format).</summary>
    public static readonly IReadOnlySet<string> Input = Set("file", "description");

    /// <summary>SimulationStudy (a file holding <c>simulation_experiments:</c>).</summary>
    public static readonly IReadOnlySet<string> Study = Set(
        "id", "simulation_experiments", "derived_from", "model", "key", "title", "year", "doi", "sample", "citekey");

    /// <summary>Dynamics (a model).</summary>
    public static readonly IReadOnlySet<string> Dynamics = Set(
        "parameters", "state_variables", "derived_variables", "derived_parameters", "functions", "coupling_inputs", "coupling_terms",
        "local_coupling_term", "output", "output_transforms", "observed", "events", "stimulus", "modes", "components", "number_of_modes",
        "system_type", "autonomous", "model_type", "grounding", "has_reference", "tvb_name", "parameter_sets", "derived_from_model", "modified");

    /// <summary>Parameter.</summary>
    public static readonly IReadOnlySet<string> Parameter = Set(
        "value", "domain", "default", "reported_optimum", "equation", "dataset_path", "heterogeneous", "distribution", "free", "shape",
        "explored_values", "element_domains", "type");

    /// <summary>StateVariable.</summary>
    public static readonly IReadOnlySet<string> StateVariable = Set(
        "equation", "initial_value", "domain", "boundaries", "variable_of_interest", "coupling_variable", "equation_type", "equation_order",
        "derivative_initial_value", "noise", "distribution", "history", "record", "stimulation_variable");

    /// <summary>DerivedVariable.</summary>
    public static readonly IReadOnlySet<string> DerivedVariable = Set("equation", "conditional", "cases", "record", "lhs", "rhs");

    /// <summary>DerivedParameter.</summary>
    public static readonly IReadOnlySet<string> DerivedParameter = Set("equation", "value", "lhs", "rhs");

    /// <summary>Function.</summary>
    public static readonly IReadOnlySet<string> Function = Set("arguments", "equation", "callable", "source_code", "software", "requirements", "output", "time_range", "apply_on_dimension", "aggregate", "output_equation");

    /// <summary>Equation.</summary>
    public static readonly IReadOnlySet<string> Equation = Set(
        "lhs", "rhs", "lefthandside", "righthandside", "latex", "conditionals", "parameters", "pycode", "engine", "format");

    /// <summary>Integrator.</summary>
    public static readonly IReadOnlySet<string> Integration = Set(
        "method", "step_size", "dt", "duration", "transient_time", "time_scale", "time_unit", "abs_tol", "rel_tol", "atol", "rtol",
        "sampling_step_size", "noise", "state_wise_sigma", "steps", "number_of_stages", "intermediate_expressions", "update_expression",
        "delayed", "scipy_ode_base", "parameters", "differentiation", "coupling_evaluation", "transient");

    /// <summary>Exploration.</summary>
    public static readonly IReadOnlySet<string> Exploration = Set(
        "space", "parameters", "mode", "record", "observable", "n_trials", "average", "n_parallel", "parallel_mode", "parallel_batch_size",
        "execution", "strategy", "objectives", "algorithms", "sweep_seeding", "sweep_direction", "reduce", "id");

    /// <summary>ExplorationAxis.</summary>
    public static readonly IReadOnlySet<string> Axis = Set(
        "parameter", "domain", "explored_values", "element_domains", "transform", "builder", "reduce", "log_scale");

    /// <summary>Continuation (an entry of <c>continuations:</c>; TVBO's LinkML schema, class Continuation).</summary>
    public static readonly IReadOnlySet<string> Continuation = Set(
        "dynamics", "free_parameters", "ds", "ds_min", "ds_max", "max_steps", "newton_tol", "newton_max_iterations", "nev",
        "tol_stability", "detect_bifurcation", "detect_fold", "n_inversion", "max_bisection_steps", "algorithm", "initial_state",
        "branches", "bothside", "execution", "software", "options");

    /// <summary>InitialState (a continuation's <c>initial_state</c>).</summary>
    public static readonly IReadOnlySet<string> ContinuationStart = Set(
        "method", "duration", "abs_tol", "rel_tol", "solver", "source_branch", "source_point", "source_experiment", "ramp");

    /// <summary>BranchSwitch (an entry of a continuation's <c>branches:</c>).</summary>
    public static readonly IReadOnlySet<string> BranchSwitch = Set(
        "parameters", "source_point", "delta_p", "continuation", "discretization", "bothside", "options");

    /// <summary>Discretization (a branch's <c>discretization</c>).</summary>
    public static readonly IReadOnlySet<string> Discretization = Set(
        "parameters", "method", "ode_solver", "linear_solver", "mesh_intervals", "degree", "n_sections", "options");

    /// <summary>Range (a domain).</summary>
    public static readonly IReadOnlySet<string> Range = Set("lo", "hi", "step", "n", "log_scale", "explored_values", "element", "enforce");

    /// <summary>Observation.</summary>
    public static readonly IReadOnlySet<string> Observation = Set("source", "equation", "period", "pipeline", "downsample", "function", "callable", "record", "imaging_modality", "dims", "source_observations", "aggregation", "tail_samples", "voi", "analysis");

    /// <summary>Monitor (the older schema's <c>monitors:</c>, TVB's monitors), with TVB's variable selection.</summary>
    public static readonly IReadOnlySet<string> Monitor = Set(
        "period", "imaging_modality", "parameters", "equation", "environment", "time_scale", "transformation", "pipeline", "data_injections",
        "argument_mappings", "derivatives", "select_variable", "variables_of_interest");

    /// <summary>A step of an observation's pipeline (TVBO's FunctionCall).</summary>
    public static readonly IReadOnlySet<string> PipelineStep = Set("function", "callable", "arguments", "output", "apply_on_dimension", "input", "ensure_shape", "output_alias", "order", "type");

    /// <summary>Network.</summary>
    public static readonly IReadOnlySet<string> Network = Set(
        "number_of_nodes", "number_of_regions", "nodes", "edges", "dynamics", "coupling", "transforms", "parcellation", "tractogram",
        "distance_unit", "time_unit", "graph_generator", "data_file", "weights", "lengths", "conduction_speed", "parameters",
        "tract_lengths", "delays", "bids_dir", "structural_measures", "observational_measures");

    /// <summary>The network's own parameters (<c>network.parameters</c>).</summary>
    public static readonly IReadOnlySet<string> NetworkParameters = Set("conduction_speed");

    /// <summary>Node (an entry of <c>network.nodes</c>).</summary>
    public static readonly IReadOnlySet<string> Node = Set("id", "dynamics", "position", "region", "state", "parameters", "events");

    /// <summary>A node's initial value of a state variable (<c>network.nodes[i].state.&lt;sv&gt;</c>).</summary>
    public static readonly IReadOnlySet<string> NodeState = Set("value", "initial_value");

    /// <summary>Edge (an entry of <c>network.edges</c>).</summary>
    public static readonly IReadOnlySet<string> Edge = Set(
        "source", "target", "parameters", "directed", "source_var", "target_var", "coupling", "dynamics", "events");

    /// <summary>An edge's parameters (<c>network.edges[i].parameters</c>).</summary>
    public static readonly IReadOnlySet<string> EdgeParameters = Set("weight", "distance", "length", "delay");

    /// <summary>Noise (<c>integration.noise</c>).</summary>
    public static readonly IReadOnlySet<string> Noise = Set(
        "label", "description", "noise_type", "parameters", "targets", "seed", "additive", "correlated", "covariance", "correlated_over", "random_state", "name", "gaussian");

    /// <summary>An event (TVBO's Event/Stimulus): what drives, when and how much.</summary>
    public static readonly IReadOnlySet<string> Event = Set(
        "label", "description", "event_type", "equation", "parameters", "nodes", "weights", "target", "name");

    /// <summary>Coupling (an entry of <c>network.coupling</c> or the experiment's <c>coupling</c>).</summary>
    public static readonly IReadOnlySet<string> Coupling = Set(
        "parameters", "coupling_function", "sparse", "pre_expression", "post_expression", "incoming_states", "local_states", "delayed",
        "inner_coupling", "region_mapping", "regional_connectivity", "aggregation", "distribution");

    private static HashSet<string> Set(params string[] keys) => new(keys.Concat(Documentation), StringComparer.Ordinal);
}

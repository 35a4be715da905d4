using Tvbo.TestSupport;
using Python.Runtime;
using Tvbo.Experiment;
using Tvbo.Model;
using Tvbo.PyRates.Runtime;
using Tvbo.PyRates.Templates;

namespace Tvbo.Benchmarks;

/// <summary>Shared setup of the PyRates benchmarks: the QIF model, its experiment, and a bare
/// <c>pyrates.grid_search</c> call on the same template and grid, in the same process.</summary>
internal sealed class PyRatesBenchmarkSupport : IDisposable
{
    private const string BareCode = """
        import numpy as np, pyrates, tvbo_pyrates

        def bare(path, etas, T, dt):
            # What a PyRates user writes: one grid_search call (float64, no printing, no file).
            return pyrates.grid_search(path, param_grid={"eta": list(etas)},
                                       param_map={"eta": {"vars": [op + "/eta"], "nodes": ["p"]}},
                                       step_size=dt, simulation_time=T,
                                       outputs={"r": "p/" + op + "/r", "v": "p/" + op + "/v"},
                                       solver="euler", float_precision="float64", verbose=False, to_file=False,
                                       file_name="tvbo_bench_bare_run")

        def bare_c_order(path, etas, T, dt):
            results, table = bare(path, etas, T, dt)
            out = tvbo_pyrates.collect(results, table, ["eta"], np.asarray(etas, dtype=float).reshape(-1, 1), ["r", "v"])
            return out["data"]
        """;

    private readonly DirectoryInfo _dir;
    private readonly PyModule _scope;

    public PyRatesBenchmarkSupport(int conditions, double duration, double dt)
    {
        Runtime = PythonRuntime.Start();
        if (!Runtime.HasPyRates)
        {
            throw new InvalidOperationException($"PyRates not importable from {Runtime.Interpreter.DisplayName}: {Runtime.PyRatesError}");
        }

        Model = GuideModels.Qif();
        Experiment = new SimulationExperiment(Model);
        Experiment.Integration.Duration = duration;
        Experiment.Integration.StepSize = dt;
        Experiment.Integration.Method = IntegrationMethod.Euler;
        Etas = Domain.Range(-10.0, 5.0, conditions).ToArray();
        Experiment.Explorations["eta"] = new Exploration("eta", [new ExplorationParameter("eta", Domain.Values(Etas))]);

        var template = PyRatesTemplateWriter.Create(Model, "bench");
        _dir = Directory.CreateTempSubdirectory("tvbo-bench-");
        var yaml = Path.Combine(_dir.FullName, template.CircuitName + ".yaml");
        File.WriteAllText(yaml, template.Yaml);
        TemplatePath = template.TemplatePath(yaml);
        _scope = Runtime.Invoke(() =>
        {
            var scope = Py.CreateScope();
            scope.Set("op", template.OperatorName);
            scope.Exec(BareCode);
            return scope;
        });
    }

    public PythonRuntime Runtime { get; }

    public Dynamics Model { get; }

    public SimulationExperiment Experiment { get; }

    public double[] Etas { get; }

    public string TemplatePath { get; }

    /// <summary>One bare grid_search call; the DataFrames are dropped.</summary>
    public void Bare() => Runtime.Invoke(() =>
    {
        using var f = _scope.Get("bare");
        using var etas = new PyList(Etas.Select(e => (PyObject)new PyFloat(e)).ToArray());
        using var result = f.Invoke(new PyString(TemplatePath), etas, new PyFloat(Experiment.Integration.Duration), new PyFloat(Experiment.Integration.StepSize));
    });

    /// <summary>One bare grid_search call, its result put in C order [condition, time, variable].</summary>
    public double[] BareInCOrder() => Runtime.Invoke(() =>
    {
        using var f = _scope.Get("bare_c_order");
        using var etas = new PyList(Etas.Select(e => (PyObject)new PyFloat(e)).ToArray());
        using var data = f.Invoke(new PyString(TemplatePath), etas, new PyFloat(Experiment.Integration.Duration), new PyFloat(Experiment.Integration.StepSize));
        return Tvbo.PyRates.Bridge.BufferTransfer.ReadDoubles(data, "bare result");
    });

    public void Dispose()
    {
        Runtime.Invoke(() => _scope.Dispose());
        _dir.Delete(recursive: true);
    }

}

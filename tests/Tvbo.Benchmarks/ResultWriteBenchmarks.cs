using BenchmarkDotNet.Attributes;
using Tvbo.Experiment;
using Tvbo.IO;
using Tvbo.Native;
using Tvbo.Results;
using Tvbo.TestSupport;

namespace Tvbo.Benchmarks;

/// <summary>
/// Writing the 1000 × 10 000 result (QIF η sweep, 1000 conditions, 10 000 samples, 2 variables: 20 M doubles, a
/// 160 MB series) as CSV in each layout and as NetCDF, against the CSV writer before Tvbo.IO
/// (<see cref="LegacyCsvWriter"/>, the baseline). Files go to a temporary folder that is emptied after each
/// iteration; throughput = file size / time (the sizes are printed at setup).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ResultWriteBenchmarks
{
    private ExplorationResult _result = null!;
    private string _dir = null!;
    private readonly ResultMetadata _metadata = new() { Model = "QIF", Method = "euler", StepSize = 0.005, Duration = 50 };

    [GlobalSetup]
    public void Setup()
    {
        var exp = new SimulationExperiment(GuideModels.Qif());
        exp.Integration.Duration = 50;
        exp.Integration.StepSize = 0.005;
        exp.Integration.Method = IntegrationMethod.Euler;
        exp.Explorations["eta"] = new Exploration("eta", [new ExplorationParameter("eta", Domain.Range(-10, 5, 1000))]);
        _result = exp.Run(new NativeBackend()).Explorations["eta"];
        _dir = Directory.CreateTempSubdirectory("tvbo-bench-write-").FullName;
        foreach (var (name, write) in new (string, Action)[] { ("legacy csv", LegacyCsvWide), ("csv wide", CsvWide), ("csv long", CsvLong), ("csv tidy", CsvTidy), ("netcdf", NetCdf) })
        {
            write();
            var bytes = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"// {name}: {bytes / 1e6:0.0} MB for {_result}");
            Cleanup();
        }
    }

    [IterationCleanup]
    public void Cleanup()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_dir))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }

    [GlobalCleanup]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true, Description = "CSV wide, before (ResultCsvWriter at a558f68)")]
    public void LegacyCsvWide() => LegacyCsvWriter.Write(_result, Path.Combine(_dir, "eta"));

    [Benchmark(Description = "CSV wide")]
    public void CsvWide() => new CsvResultWriter(CsvLayout.Wide).Write(_result, _dir, _metadata);

    [Benchmark(Description = "CSV long (condition,time,variable,value)")]
    public void CsvLong() => new CsvResultWriter(CsvLayout.Long).Write(_result, _dir, _metadata);

    [Benchmark(Description = "CSV tidy (condition,time,r,v)")]
    public void CsvTidy() => new CsvResultWriter(CsvLayout.Tidy).Write(_result, _dir, _metadata);

    [Benchmark(Description = "NetCDF")]
    public void NetCdf() => new NetCdfResultWriter().Write(_result, _dir, _metadata);
}

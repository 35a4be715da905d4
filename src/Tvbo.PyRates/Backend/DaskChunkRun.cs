using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Python.Runtime;
using Tvbo.PyRates.Bridge;
using Tvbo.PyRates.Runtime;

namespace Tvbo.PyRates.Backend;

/// <summary>Runs the chunks of a <see cref="PyRatesRun"/> as Dask tasks: all are submitted at once, placed into the
/// result as they complete, retried once when a task fails, and reported as failures of their conditions when it fails
/// again (unless no chunk has completed yet: then it is the run's error). Cancellation cancels the outstanding
/// tasks.</summary>
internal sealed class DaskChunkRun
{
    private static int _clusterLogged;

    private readonly PyRatesRun _run;
    private readonly PythonRuntime _runtime;
    private readonly PyRatesBackendOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationToken _cancellationToken;
    private readonly PyObject?[] _futures;
    private readonly Stopwatch[] _submitted;
    private readonly int[] _attempts;
    private int _remaining;

    /// <summary>Prepares the tasks of <paramref name="run"/>.</summary>
    public DaskChunkRun(PyRatesRun run, PythonRuntime runtime, PyRatesBackendOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        _run = run;
        _runtime = runtime;
        _options = options;
        _logger = logger;
        _cancellationToken = cancellationToken;
        _futures = new PyObject?[run.ChunkCount];
        _submitted = new Stopwatch[run.ChunkCount];
        _attempts = new int[run.ChunkCount];
    }

    /// <summary>Connects to the cluster, submits every chunk and collects them all.</summary>
    /// <exception cref="PyRatesException">The cluster cannot be used, or a chunk failed twice before any completed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void Run()
    {
        Connect();
        try
        {
            for (var c = 0; c < _run.ChunkCount; c++)
            {
                Submit(c);
            }

            _remaining = _run.ChunkCount;
            while (_remaining > 0)
            {
                CollectFinished();
            }
        }
        catch
        {
            DaskBridge.Cancel(_runtime, _futures);
            throw;
        }
        finally
        {
            DaskBridge.Release(_runtime, _futures);
        }
    }

    private void Connect()
    {
        if (Interlocked.Exchange(ref _clusterLogged, 1) != 0)
        {
            DaskBridge.Connect(_runtime, _options.Workers, _options.SchedulerAddress);
            return;
        }

        var clock = Stopwatch.StartNew();
        var description = DaskBridge.Connect(_runtime, _options.Workers, _options.SchedulerAddress);
        CloseAtExit(_runtime);
        _logger.LogInformation("Dask: {Description} (connected in {Seconds:F1} s).", description, clock.Elapsed.TotalSeconds);
    }

    private void Submit(int chunk)
    {
        _futures[chunk] = DaskBridge.Submit(_runtime, _run.CallOf(chunk));
        if (_submitted[chunk] is { } clock)
        {
            clock.Restart();
        }
        else
        {
            _submitted[chunk] = Stopwatch.StartNew();
        }
    }

    private void CollectFinished()
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            DaskBridge.Cancel(_runtime, _futures);
            _cancellationToken.ThrowIfCancellationRequested();
        }

        foreach (var (c, output, error) in DaskBridge.WaitNext(_runtime, _futures, TimeSpan.FromMilliseconds(250)))
        {
            DaskBridge.Release(_runtime, [_futures[c]]);
            _futures[c] = null;
            Finished(c, output, error);
        }
    }

    private void Finished(int chunk, GridSearchOutput? output, string? error)
    {
        if (output is not null)
        {
            _run.Accept(chunk, output, _submitted[chunk].Elapsed.TotalSeconds);
            _remaining--;
        }
        else if (_attempts[chunk]++ == 0)
        {
            _logger.LogWarning("Exploration '{Exploration}': the Dask task of chunk {Chunk} failed ({Error}); retrying it once.", _run.Exploration, chunk, error);
            Submit(chunk);
        }
        else if (_run.CompletedChunks == 0 && _run.ChunkCount > 1 && _remaining == _run.ChunkCount)
        {
            throw new PyRatesException("DaskTaskError", $"the Dask task of chunk {chunk} failed twice before any chunk completed: {error}", string.Empty);
        }
        else
        {
            var colon = error?.IndexOf(": ", StringComparison.Ordinal) ?? -1;
            _run.Fail(chunk, colon > 0 ? error![..colon] : "DaskTaskError", colon > 0 ? error![(colon + 2)..] : error ?? "unknown error", null);
            _remaining--;
        }
    }

    /// <summary>Closes a LocalCluster this process started when the process exits, so its worker processes end with it.</summary>
    private static void CloseAtExit(PythonRuntime runtime) =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                DaskBridge.Close(runtime);
            }
            catch (Exception ex) when (ex is PyRatesException or InvalidOperationException)
            {
                // The process is ending; nothing more can be done.
            }
        };
}

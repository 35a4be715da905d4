namespace Tvbo.Native.Execution;

/// <summary>
/// Runs a compiled kernel's blocks on dedicated threads with a large stack. A kernel is one method whose frame grows
/// with the generated code (a network's unrolled coupling sums spill their temporaries), so a large network needs
/// more stack than a thread-pool thread has; a thread's stack is reserved address space, used only as deep as the
/// kernel goes.
/// </summary>
internal static class KernelThreads
{
    /// <summary>The stack each kernel thread reserves (1 GiB of address space).</summary>
    public const int StackBytes = 1 << 30;

    /// <summary>Runs <paramref name="work"/> for every block in <c>[0, blocks)</c> on up to
    /// <paramref name="parallelism"/> threads, each with its own state, in rising order per thread.</summary>
    /// <typeparam name="TState">A thread's state (its kernel context).</typeparam>
    /// <param name="blocks">The number of blocks.</param>
    /// <param name="parallelism">The most threads.</param>
    /// <param name="newState">Creates a thread's state.</param>
    /// <param name="work">Runs one block; false stops every thread after its current block.</param>
    /// <param name="finish">Receives each thread's state when it is done (called under a lock).</param>
    /// <param name="cancellationToken">Stops taking new blocks.</param>
    /// <exception cref="AggregateException">Never: the first exception of a thread is rethrown as it was.</exception>
    public static void Run<TState>(int blocks, int parallelism, Func<TState> newState, Func<int, TState, bool> work, Action<TState> finish, CancellationToken cancellationToken)
    {
        var next = -1;
        var stop = 0;
        Exception? failure = null;
        var gate = new Lock();
        var threads = new Thread[Math.Clamp(parallelism, 1, Math.Max(1, blocks))];
        for (var i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(
                () =>
                {
                    try
                    {
                        var state = newState();
                        try
                        {
                            int b;
                            while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested && (b = Interlocked.Increment(ref next)) < blocks)
                            {
                                if (!work(b, state))
                                {
                                    Volatile.Write(ref stop, 1);
                                }
                            }
                        }
                        finally
                        {
                            lock (gate)
                            {
                                finish(state);
                            }
                        }
                    }
                    catch (Exception ex)
                    {
                        Volatile.Write(ref stop, 1);
                        lock (gate)
                        {
                            failure ??= ex;
                        }
                    }
                },
                StackBytes)
            {
                IsBackground = true,
                Name = "tvbo kernel",
            };
            threads[i].Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}

namespace Tvbo.IO;

/// <summary>
/// Formats a long run of CSV rows on all cores and writes them in order: the rows are cut into chunks, a batch of
/// chunks is formatted in parallel (each into its own buffer), then the batch is written, and so on. Cancellation
/// is checked between chunks.
/// </summary>
internal static class ChunkedOutput
{
    /// <summary>Formats items [0, <paramref name="itemCount"/>) in chunks and writes them to <paramref name="output"/> in order.</summary>
    /// <param name="output">The target.</param>
    /// <param name="itemCount">The number of items (rows, or groups of rows).</param>
    /// <param name="itemsPerChunk">Items per chunk (about a megabyte of text is a good size).</param>
    /// <param name="format">Formats items [start, end) into the buffer.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    public static void Write(Stream output, long itemCount, int itemsPerChunk, Action<long, long, Utf8TextBuffer> format, CancellationToken cancellationToken)
    {
        itemsPerChunk = Math.Max(1, itemsPerChunk);
        var chunkCount = (itemCount + itemsPerChunk - 1) / itemsPerChunk;
        var workers = Math.Max(1, Environment.ProcessorCount);
        var batch = (int)Math.Max(1, Math.Min(chunkCount, workers * 2L));

        // Two sets of buffers: one batch is written (on another thread) while the next is formatted.
        var sets = new Utf8TextBuffer[2][];
        for (var s = 0; s < sets.Length; s++)
        {
            sets[s] = new Utf8TextBuffer[batch];
            for (var i = 0; i < batch; i++)
            {
                sets[s][i] = new Utf8TextBuffer();
            }
        }

        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = workers };
        Task? pending = null;
        try
        {
            var current = 0;
            for (long first = 0; first < chunkCount; first += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(batch, chunkCount - first);
                var buffers = sets[current];
                var firstChunk = first;
                void FormatChunk(int i)
                {
                    var b = buffers[i];
                    b.Clear();
                    var start = (firstChunk + i) * itemsPerChunk;
                    format(start, Math.Min(start + itemsPerChunk, itemCount), b);
                }

                if (n == 1 || workers == 1)
                {
                    for (var i = 0; i < n; i++)
                    {
                        FormatChunk(i);
                    }
                }
                else
                {
                    Parallel.For(0, n, options, FormatChunk);
                }

                pending?.GetAwaiter().GetResult();
                pending = n * (long)itemsPerChunk < 4096 ? null : Task.Run(() => WriteBatch(output, buffers, n), CancellationToken.None);
                if (pending is null)
                {
                    WriteBatch(output, buffers, n);
                }

                current ^= 1;
            }
        }
        finally
        {
            try
            {
                pending?.GetAwaiter().GetResult();
            }
            catch (IOException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
    }

    private static void WriteBatch(Stream output, Utf8TextBuffer[] buffers, int count)
    {
        for (var i = 0; i < count; i++)
        {
            output.Write(buffers[i].Written);
        }
    }

    /// <summary>Items per chunk for about <paramref name="targetBytes"/> of text when an item takes about
    /// <paramref name="bytesPerItem"/>.</summary>
    /// <param name="bytesPerItem">Estimated bytes per item.</param>
    /// <param name="targetBytes">Wanted chunk size.</param>
    public static int ItemsPerChunk(long bytesPerItem, long targetBytes = 1 << 20) =>
        (int)Math.Clamp(targetBytes / Math.Max(1, bytesPerItem), 1, int.MaxValue);
}

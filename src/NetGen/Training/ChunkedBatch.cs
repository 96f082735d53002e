using System;
using System.Numerics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen;

/// <summary>
/// The gradient of one mini-batch as fixed chunks (<see cref="ChunkCount"/>, a function of the batch's rows only),
/// each through BackwardBatch into its own zeroed buffer, then added up chunk 0, chunk 1, ... for every parameter. Chunk k is the same
/// computation whichever thread runs it, and the sum's order never changes, so the result is the same to the bit
/// for any number of threads, one included. The threads are started once per training run and wait on a
/// barrier between batches: nothing is allocated per batch or per epoch.
/// </summary>
internal sealed class ChunkedBatch<TNet, T> : IDisposable
    where TNet : INetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Mini-batches of up to this many rows are one BackwardBatch call, as without chunks.</summary>
    public const int SingleCallRows = 64;

    /// <summary>
    /// Rows per chunk aimed at above that: each chunk's matrix products repack the weights and produce a whole
    /// gradient to add, so 128 rows halve that overhead against 64 (a 256-row batch is two chunks, one per core).
    /// </summary>
    public const int TargetChunkRows = 128;

    /// <summary>
    /// Chunks of a batch of <paramref name="rows"/> rows: one up to <see cref="SingleCallRows"/>, else at least two
    /// (so two threads always share a split batch) and about <see cref="TargetChunkRows"/> rows each. It depends
    /// on the rows alone, never on the threads, which is what makes results bit-identical across Parallelism.
    /// </summary>
    internal static int ChunkCount(int rows) =>
        rows <= SingleCallRows ? 1 : Math.Max(2, (rows + TargetChunkRows - 1) / TargetChunkRows);

    /// <summary>Chunk <paramref name="chunk"/>'s first row: the rows are split as evenly as whole rows allow.</summary>
    private static int ChunkStart(int chunk, int chunks, int rows) => (int)((long)chunk * rows / chunks);

    private readonly T[][] _gradients;
    private readonly T[] _losses;
    private readonly Thread[] _workers;
    private readonly Barrier? _barrier;
    private readonly int _threads;

    // Each worker's allocated bytes after its latest batch, for the allocation test.
    private readonly long[] _workerBytes;

    // The batch in hand, set by the training thread before the start barrier.
    private TNet? _net;
    private T[] _inputs = Array.Empty<T>();
    private T[] _targets = Array.Empty<T>();
    private int _rows;
    private bool _stopping;
    private ExceptionDispatchInfo? _failure;

    /// <param name="maxRows">The largest mini-batch.</param>
    /// <param name="parallelism">Threads to use, the training thread included.</param>
    public ChunkedBatch(int maxRows, int parallelism)
    {
        // ChunkCount grows with the rows, so the largest batch needs the most buffers.
        int chunks = ChunkCount(Math.Max(1, maxRows));
        _gradients = new T[chunks][];
        for (int c = 0; c < chunks; c++)
        {
            _gradients[c] = new T[TNet.ParameterCount];
        }
        _losses = new T[chunks];
        // More threads than chunks would only wait.
        _threads = Math.Max(1, Math.Min(parallelism, chunks));
        _workers = new Thread[_threads - 1];
        _workerBytes = new long[_workers.Length];
        if (_threads > 1)
        {
            _barrier = new Barrier(_threads);
            for (int w = 0; w < _workers.Length; w++)
            {
                int worker = w + 1;
                _workers[w] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"NetGen trainer {worker}" };
                _workers[w].Start();
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="gradient"/> to the summed gradient of the first <paramref name="rows"/> rows of
    /// <paramref name="inputs"/> and <paramref name="targets"/>, and returns their summed loss.
    /// </summary>
    public T Run(TNet net, T[] inputs, T[] targets, int rows, Span<T> gradient)
    {
        int chunks = ChunkCount(rows);
        if (chunks <= 1)
        {
            gradient.Clear();
            return net.BackwardBatch(inputs.AsSpan(0, rows * TNet.InputCount), targets.AsSpan(0, rows * TNet.OutputCount), gradient);
        }
        (_net, _inputs, _targets, _rows) = (net, inputs, targets, rows);
        if (_barrier is null)
        {
            RunChunks(0);
        }
        else
        {
            _barrier.SignalAndWait(); // start
            try
            {
                RunChunks(0);
            }
            finally
            {
                _barrier.SignalAndWait(); // every chunk done: the workers are back waiting, whatever happened here
            }
            _failure?.Throw();
        }
        _net = default;

        // The fixed-order reduction.
        _gradients[0].AsSpan().CopyTo(gradient);
        T loss = _losses[0];
        for (int c = 1; c < chunks; c++)
        {
            AddInto(gradient, _gradients[c]);
            loss += _losses[c];
        }
        return loss;
    }

    /// <summary>sum[k] += chunk[k], in vectors where T has them (element by element, so the same bits as a scalar loop).</summary>
    private static void AddInto(Span<T> sum, ReadOnlySpan<T> chunk)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; k <= sum.Length - Vector<T>.Count; k += Vector<T>.Count)
            {
                (new Vector<T>(sum.Slice(k)) + new Vector<T>(chunk.Slice(k))).CopyTo(sum.Slice(k));
            }
        }
        for (; k < sum.Length; k++)
        {
            sum[k] += chunk[k];
        }
    }

    /// <summary>Chunks thread, thread + threads, ... (which thread runs a chunk does not change its result).</summary>
    private void RunChunks(int thread)
    {
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        int chunks = ChunkCount(_rows);
        for (int c = thread; c < chunks; c += _threads)
        {
            int first = ChunkStart(c, chunks, _rows), count = ChunkStart(c + 1, chunks, _rows) - first;
            Span<T> gradient = _gradients[c];
            gradient.Clear();
            _losses[c] = _net!.BackwardBatch(_inputs.AsSpan(first * inputs, count * inputs), _targets.AsSpan(first * outputs, count * outputs), gradient);
        }
    }

    private void WorkerLoop(int thread)
    {
        while (true)
        {
            _barrier!.SignalAndWait();
            if (_stopping)
            {
                return;
            }
            try
            {
                RunChunks(thread);
            }
            catch (Exception exception)
            {
                _failure = ExceptionDispatchInfo.Capture(exception);
            }
            _workerBytes[thread - 1] = GC.GetAllocatedBytesForCurrentThread();
            _barrier.SignalAndWait();
        }
    }

    /// <summary>The bytes the worker threads had allocated by the end of the latest batch, summed.</summary>
    internal long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (long bytes in _workerBytes)
            {
                total += bytes;
            }
            return total;
        }
    }

    public void Dispose()
    {
        if (_barrier is null || _stopping)
        {
            return;
        }
        _stopping = true;
        _barrier.SignalAndWait();
        foreach (Thread worker in _workers)
        {
            worker.Join();
        }
        _barrier.Dispose();
    }
}

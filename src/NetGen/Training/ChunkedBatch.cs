using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// One mini-batch's work, spread over <see cref="TrainerOptions.Parallelism"/> threads without changing a bit:
/// <list type="number">
/// <item><see cref="Backpropagate"/>: the batch as fixed chunks (<see cref="ChunkCount"/>, a function of the rows
/// only), each gathered from the data set and run through BackwardBatch into its own zeroed gradient buffer by
/// whichever thread takes it;</item>
/// <item><see cref="Update"/>: for every parameter, the chunks' gradients added in chunk order, averaged, weight
/// decay added, and (when the optimizer can take its step in parts) the optimizer's step, each thread taking one
/// range of the parameters.</item>
/// </list>
/// Chunk k is the same computation whichever thread runs it, the sum's order never changes, and everything in
/// <see cref="Update"/> is element by element, so the results are the same to the bit for any number of threads,
/// one included. The worker threads are rented for the training run (<see cref="WorkerCrew"/>) and wait between phases: nothing is
/// allocated per batch or per epoch.
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
    /// Below this many parameters the update runs on the training thread alone: a pass over them costs less
    /// than starting the workers' parts and waiting for them.
    /// </summary>
    public const int ParallelUpdateMinParameters = 16_384;

    /// <summary>Update ranges start on multiples of this many parameters, so that no two threads write one cache line.</summary>
    private const int RangeAlignment = 64;

    /// <summary>Parameters summed, stepped and checked at a time: a block's few arrays (16 KB each in double) stay in L1 between the passes.</summary>
    private const int UpdateBlock = 2048;

    /// <summary>
    /// Chunks of a batch of <paramref name="rows"/> rows: one up to <see cref="SingleCallRows"/>, else at least two
    /// (so two threads always share a split batch) and about <see cref="TargetChunkRows"/> rows each. It depends
    /// on the rows alone, never on the threads, which is what makes results bit-identical across Parallelism.
    /// </summary>
    internal static int ChunkCount(int rows) =>
        rows <= SingleCallRows ? 1 : Math.Max(2, (rows + TargetChunkRows - 1) / TargetChunkRows);

    /// <summary>Chunk <paramref name="chunk"/>'s first row: the rows are split as evenly as whole rows allow.</summary>
    private static int ChunkStart(int chunk, int chunks, int rows) => (int)((long)chunk * rows / chunks);

    private enum Phase
    {
        Chunks,
        Update,
    }

    private readonly T[][] _gradients;
    private readonly bool[] _clean; // chunk c's buffer is all zeros: the update zeroes what it has added up
    private readonly T[][] _blocks; // each thread's gradient block when the optimizer steps inside the update
    private readonly T[] _losses;
    private readonly T[] _inputs;
    private readonly T[] _targets;
    private readonly T[] _trainable;
    private readonly int[] _firstNonFinite;
    private readonly WorkerCrew? _crew;
    private bool _disposed;
    private readonly int _threads;

    // The work in hand, set by the training thread before a phase starts.
    private Phase _phase;
    private TNet? _net;
    private DataSet<T>? _data;
    private int[] _order = Array.Empty<int>();
    private int _first, _rows, _chunks;
    private T[] _gradient = Array.Empty<T>();
    private T _scale, _decay;
    private IRangedOptimizerState<T>? _stepper;

    /// <param name="maxRows">The largest mini-batch.</param>
    /// <param name="parallelism">Threads to use, the training thread included.</param>
    public ChunkedBatch(int maxRows, int parallelism)
    {
        maxRows = Math.Max(1, maxRows);
        // ChunkCount grows with the rows, so the largest batch needs the most buffers.
        int chunks = ChunkCount(maxRows);
        _gradients = new T[chunks][];
        for (int c = 0; c < chunks; c++)
        {
            _gradients[c] = GC.AllocateUninitializedArray<T>(TNet.ParameterCount); // cleared by its first chunk
        }
        _clean = new bool[chunks];
        _losses = new T[chunks];
        // Rows are gathered into these before they are read.
        _inputs = GC.AllocateUninitializedArray<T>(maxRows * TNet.InputCount);
        _targets = GC.AllocateUninitializedArray<T>(maxRows * TNet.OutputCount);
        // Empty when every parameter is trainable: the update then reads no mask at all.
        _trainable = TrainableMask<TNet, T>.Values;
        // More threads than chunks would wait in the first phase, and the second is short.
        _threads = Math.Max(1, Math.Min(parallelism, chunks));
        _firstNonFinite = new int[_threads];
        _blocks = new T[_threads][];
        for (int t = 0; t < _threads; t++)
        {
            _blocks[t] = new T[UpdateBlock];
        }
        _crew = _threads > 1 ? WorkerCrew.Rent(_threads - 1, RunPart) : null;
    }

    /// <summary>
    /// Gathers rows <paramref name="order"/>[<paramref name="first"/>], ... (<paramref name="rows"/> of them) of
    /// <paramref name="data"/> and computes their gradient chunk by chunk; returns their summed loss. The gradient
    /// stays in the chunks' buffers for <see cref="Update"/>.
    /// </summary>
    public T Backpropagate(TNet net, DataSet<T> data, int[] order, int first, int rows)
    {
        (_net, _data, _order, _first, _rows, _chunks) = (net, data, order, first, rows, ChunkCount(rows));
        RunPhase(Phase.Chunks, parallel: _chunks > 1);
        T loss = _losses[0];
        for (int c = 1; c < _chunks; c++)
        {
            loss += _losses[c];
        }
        return loss;
    }

    /// <summary>
    /// The latest batch's gradient for the update: the chunks' sum (in chunk order) times <paramref name="scale"/>
    /// plus <paramref name="decay"/> times the parameter, or exactly zero for a frozen parameter. Without
    /// <paramref name="stepper"/> it is written to <paramref name="gradient"/> and -1 is returned, unchecked. With
    /// it, each block of it goes straight into the stepper's step (after its <c>BeginStep</c>) from a small
    /// per-thread buffer, <paramref name="gradient"/> is left alone (the update is bound by memory traffic, and
    /// this saves writing and reading the whole vector), and the first parameter that is not finite afterwards is
    /// returned (-1 if none). Either way the chunks' buffers are left zeroed for the next batch.
    /// </summary>
    public int Update(TNet net, T[] gradient, T scale, T decay, IRangedOptimizerState<T>? stepper)
    {
        (_net, _gradient, _scale, _decay, _stepper) = (net, gradient, scale, decay, stepper);
        stepper?.BeginStep();
        RunPhase(Phase.Update, parallel: TNet.ParameterCount >= ParallelUpdateMinParameters);
        for (int c = 0; c < _chunks; c++)
        {
            _clean[c] = true;
        }
        int bad = -1;
        for (int t = 0; t < _threads; t++)
        {
            if (_firstNonFinite[t] >= 0)
            {
                bad = bad < 0 ? _firstNonFinite[t] : Math.Min(bad, _firstNonFinite[t]);
            }
        }
        _stepper = null;
        return bad;
    }

    /// <summary>Runs <paramref name="phase"/> on every thread (or on this one alone) and returns when all are done.</summary>
    private void RunPhase(Phase phase, bool parallel)
    {
        _phase = phase;
        if (_crew is null || !parallel)
        {
            for (int t = 0; t < _threads; t++)
            {
                RunPart(t);
            }
            return;
        }
        _crew.Run();
    }

    private void RunPart(int thread)
    {
        if (_phase == Phase.Chunks)
        {
            RunChunks(thread);
        }
        else
        {
            UpdateRange(thread);
        }
    }

    /// <summary>Chunks thread, thread + threads, ... (which thread runs a chunk does not change its result).</summary>
    private void RunChunks(int thread)
    {
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        for (int c = thread; c < _chunks; c += _threads)
        {
            int first = ChunkStart(c, _chunks, _rows), count = ChunkStart(c + 1, _chunks, _rows) - first;
            Span<T> chunkInputs = _inputs.AsSpan(first * inputs, count * inputs);
            Span<T> chunkTargets = _targets.AsSpan(first * outputs, count * outputs);
            // The chunk's rows, in their shuffled order, one after another: BackwardBatch then runs several of
            // them at once (SIMD lanes, or matrix products for large networks) instead of one Backward per row.
            for (int k = 0; k < count; k++)
            {
                int row = _order[_first + first + k];
                _data!.Input(row).CopyTo(chunkInputs.Slice(k * inputs, inputs));
                _data.Target(row).CopyTo(chunkTargets.Slice(k * outputs, outputs));
            }
            Span<T> gradient = _gradients[c];
            if (!_clean[c])
            {
                gradient.Clear();
            }
            _clean[c] = false;
            _losses[c] = _net!.BackwardBatch(chunkInputs, chunkTargets, gradient);
        }
    }

    /// <summary>This thread's share of the parameters, whole cache lines apart from the others'.</summary>
    private (int Start, int End) Range(int thread)
    {
        int count = TNet.ParameterCount;
        int Boundary(int t) => t >= _threads ? count : Math.Min(count, (int)((long)t * count / _threads / RangeAlignment * RangeAlignment));
        return (Boundary(thread), Boundary(thread + 1));
    }

    private void UpdateRange(int thread)
    {
        (int start, int end) = Range(thread);
        _firstNonFinite[thread] = -1;
        // Block by block, so that the step and the check find the block's gradient and parameters still in L1.
        for (int block = start; block < end; block += UpdateBlock)
        {
            int length = Math.Min(end, block + UpdateBlock) - block;
            if (_stepper is null)
            {
                SumAverageAndDecay(block, _gradient.AsSpan(block, length));
                continue;
            }
            Span<T> gradient = _blocks[thread].AsSpan(0, length);
            SumAverageAndDecay(block, gradient);
            Span<T> parameters = _net!.Parameters;
            _stepper.StepRange(parameters, gradient, _trainable, block, length);
            int bad = FirstNonFinite(parameters.Slice(block, length));
            if (bad >= 0 && _firstNonFinite[thread] < 0)
            {
                _firstNonFinite[thread] = block + bad;
            }
        }
    }

    /// <summary>
    /// gradient[i] = (chunk 0 + chunk 1 + ...)[start + i] * scale + decay * p[start + i] for trainable parameters,
    /// else exactly 0; the chunks' values are zeroed as they are read (their lines are in cache then).
    /// </summary>
    private void SumAverageAndDecay(int start, Span<T> gradient)
    {
        ReadOnlySpan<T> parameters = _net!.Parameters;
        ReadOnlySpan<T> trainable = _trainable;
        T scale = _scale, decay = _decay;
        int chunks = _chunks, end = start + gradient.Length, k = start;
        if (TrainableMask.Vectorized<T>())
        {
            Vector<T> scales = new(scale), decays = new(decay);
            for (; k <= end - Vector<T>.Count; k += Vector<T>.Count)
            {
                Vector<T> sum = new(_gradients[0].AsSpan(k));
                Vector<T>.Zero.CopyTo(_gradients[0].AsSpan(k));
                for (int c = 1; c < chunks; c++)
                {
                    sum += new Vector<T>(_gradients[c].AsSpan(k));
                    Vector<T>.Zero.CopyTo(_gradients[c].AsSpan(k));
                }
                Vector<T> value = sum * scales + decays * new Vector<T>(parameters.Slice(k));
                Vector.ConditionalSelect(TrainableMask.Lanes(trainable, k), value, Vector<T>.Zero).CopyTo(gradient.Slice(k - start));
            }
        }
        for (; k < end; k++)
        {
            T sum = _gradients[0][k];
            _gradients[0][k] = T.Zero;
            for (int c = 1; c < chunks; c++)
            {
                sum += _gradients[c][k];
                _gradients[c][k] = T.Zero;
            }
            gradient[k - start] = TrainableMask.IsTrainable(trainable, k) ? sum * scale + decay * parameters[k] : T.Zero;
        }
    }

    private static int FirstNonFinite(ReadOnlySpan<T> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!T.IsFinite(values[k]))
            {
                return k;
            }
        }
        return -1;
    }

    /// <summary>The bytes the worker threads had allocated by the end of the latest phase, summed.</summary>
    internal long WorkerAllocatedBytes => _crew?.WorkerAllocatedBytes ?? 0;

    public void Dispose()
    {
        // Once only: a crew given back twice could be handed to two runs.
        if (!_disposed)
        {
            _disposed = true;
            _crew?.Return();
        }
    }
}

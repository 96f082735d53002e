using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen;

/// <summary>
/// Worker threads that each run their part of a phase when told and report back: <see cref="Run"/> starts part
/// 1, 2, ... on the workers, runs part 0 on the calling thread and returns when every part is done. A phase is a
/// generation number the workers watch; a waiting thread spins for a short while (a batch's phases are a
/// millisecond or less apart, far less than waking a blocked thread costs) and then blocks on a monitor. Nothing
/// here allocates after the constructor: the framework's wait primitives create their lock objects or events
/// lazily, on the first wait that blocks, which could be any batch.
/// <para>
/// A crew is rented per training run and given back at its end; the last one given back is kept (blocked, using
/// no CPU) for the next run, so that a loop of short Fit calls does not start threads each time, and the
/// workers' per-thread buffers (matrix-product panels, batch scratch) stay allocated. At most one idle crew is
/// kept per process.
/// </para>
/// </summary>
internal sealed class WorkerCrew : IDisposable
{
    /// <summary>How long a waiting thread spins before it blocks.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 500; // 2 ms

    private static readonly Action<int> NoPart = _ => { };
    private static WorkerCrew? s_idle;

    private Action<int> _part = NoPart;
    private readonly Thread[] _threads;
    private readonly long[] _allocatedBytes;
    private readonly object _gate = new();
    private int _generation;  // phases started
    private int _completed;   // workers done with the current phase
    private int _sleeping;    // threads blocked on _gate
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure;

    /// <summary>A crew of <paramref name="workers"/> threads running <paramref name="part"/>: the idle one if it has as many, else a new one.</summary>
    /// <param name="workers">Threads besides the caller's.</param>
    /// <param name="part">Runs part <c>k</c> (0 on the caller, 1..workers on the workers).</param>
    public static WorkerCrew Rent(int workers, Action<int> part)
    {
        WorkerCrew? crew = Interlocked.Exchange(ref s_idle, null);
        if (crew is not null && crew._threads.Length != workers)
        {
            crew.Stop();
            crew = null;
        }
        crew ??= new WorkerCrew(workers);
        crew._part = part;
        return crew;
    }

    /// <param name="workers">Threads to start besides the caller's.</param>
    /// <param name="part">Runs part <c>k</c> (0 on the caller, 1..workers on the workers).</param>
    internal WorkerCrew(int workers, Action<int> part)
        : this(workers)
    {
        _part = part;
    }

    private WorkerCrew(int workers)
    {
        _threads = new Thread[workers];
        _allocatedBytes = new long[workers];
        for (int w = 0; w < workers; w++)
        {
            int worker = w;
            _threads[w] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"NetGen trainer {worker + 1}" };
            _threads[w].Start();
        }
    }

    /// <summary>Runs every part, this thread's first; rethrows a worker's exception after all are done.</summary>
    public void Run()
    {
        // Every worker finished the previous phase before the last Run returned, so no late count can land here.
        Volatile.Write(ref _completed, 0);
        Interlocked.Increment(ref _generation);
        WakeSleepers();
        try
        {
            _part(0);
        }
        finally
        {
            // Every worker is done (and back watching for the next phase) before this returns, whatever happened here.
            int workers = _threads.Length;
            WaitUntil(static (crew, count) => Volatile.Read(ref crew._completed) >= count, workers);
        }
        if (_failure is { } failure)
        {
            _failure = null;
            failure.Throw();
        }
    }

    /// <summary>The bytes the workers had allocated by the end of their latest part, summed (for the allocation tests).</summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (long bytes in _allocatedBytes)
            {
                total += bytes;
            }
            return total;
        }
    }

    private void WorkerLoop(int worker)
    {
        for (int generation = 1; ; generation++)
        {
            WaitUntil(static (crew, g) => Volatile.Read(ref crew._generation) >= g, generation);
            if (_stopping)
            {
                return;
            }
            try
            {
                _part(worker + 1);
            }
            catch (Exception exception)
            {
                _failure = ExceptionDispatchInfo.Capture(exception);
            }
            _allocatedBytes[worker] = GC.GetAllocatedBytesForCurrentThread();
            if (Interlocked.Increment(ref _completed) == _threads.Length)
            {
                WakeSleepers();
            }
        }
    }

    /// <summary>Spins until <paramref name="done"/> holds, for <see cref="SpinTicks"/> at most, then blocks until woken with it true.</summary>
    private void WaitUntil(Func<WorkerCrew, int, bool> done, int argument)
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        var spinner = new SpinWait();
        while (!done(this, argument))
        {
            if (Stopwatch.GetTimestamp() < deadline)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            lock (_gate)
            {
                // Counted before the check, with a full fence: a waker that changes the state and then reads
                // _sleeping either sees this thread (and pulses) or changed the state before the check below.
                Interlocked.Increment(ref _sleeping);
                while (!done(this, argument))
                {
                    Monitor.Wait(_gate);
                }
                Interlocked.Decrement(ref _sleeping);
            }
            return;
        }
    }

    /// <summary>Wakes blocked threads after a state change (made with a full fence before this).</summary>
    private void WakeSleepers()
    {
        if (Volatile.Read(ref _sleeping) > 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Gives the crew back: kept idle for the next <see cref="Rent"/>, and the one idle before it stopped.</summary>
    public void Return()
    {
        _part = NoPart; // let go of the run's objects
        Interlocked.Exchange(ref s_idle, this)?.Stop();
    }

    /// <summary>Stops the threads (a crew made with the constructor, as the tests do; rented crews are given back with <see cref="Return"/>).</summary>
    public void Dispose() => Stop();

    private void Stop()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        Interlocked.Increment(ref _generation);
        WakeSleepers();
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
    }
}

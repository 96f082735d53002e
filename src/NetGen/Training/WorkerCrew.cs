using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen;

/// <summary>
/// Worker threads that each run their part of a phase when told and report back: <see cref="Run"/> starts part
/// 1, 2, ... on the workers, runs part 0 on the calling thread and returns when every part is done. Each worker
/// has its own start and done events, whose kernel handles are made here: a <see cref="Barrier"/> makes them
/// lazily the first time a thread has to block, which could be any batch, so phases allocate nothing at all.
/// </summary>
internal sealed class WorkerCrew : IDisposable
{
    // Spins before blocking: a phase's serial gap is microseconds, far less than waking a blocked thread.
    private const int SpinCount = 2000;

    private readonly Action<int> _part;
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim[] _done;
    private readonly long[] _allocatedBytes;
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure;

    /// <param name="workers">Threads to start besides the caller's.</param>
    /// <param name="part">Runs part <c>k</c> (0 on the caller, 1..workers on the workers).</param>
    public WorkerCrew(int workers, Action<int> part)
    {
        _part = part;
        _threads = new Thread[workers];
        _start = new ManualResetEventSlim[workers];
        _done = new ManualResetEventSlim[workers];
        _allocatedBytes = new long[workers];
        for (int w = 0; w < workers; w++)
        {
            _start[w] = Eager(new ManualResetEventSlim(false, SpinCount));
            _done[w] = Eager(new ManualResetEventSlim(false, SpinCount));
        }
        for (int w = 0; w < workers; w++)
        {
            int worker = w;
            _threads[w] = new Thread(() => WorkerLoop(worker)) { IsBackground = true, Name = $"NetGen trainer {worker + 1}" };
            _threads[w].Start();
        }

        static ManualResetEventSlim Eager(ManualResetEventSlim e)
        {
            _ = e.WaitHandle; // creates the kernel event now rather than on the first blocking wait
            return e;
        }
    }

    /// <summary>Runs every part, this thread's first; rethrows a worker's exception after all are done.</summary>
    public void Run()
    {
        foreach (ManualResetEventSlim start in _start)
        {
            start.Set();
        }
        try
        {
            _part(0);
        }
        finally
        {
            // Every worker is back waiting before this returns, whatever happened here.
            foreach (ManualResetEventSlim done in _done)
            {
                done.Wait();
                done.Reset();
            }
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
        while (true)
        {
            _start[worker].Wait();
            _start[worker].Reset();
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
            _done[worker].Set();
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        foreach (ManualResetEventSlim start in _start)
        {
            start.Set();
        }
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }
        for (int w = 0; w < _start.Length; w++)
        {
            _start[w].Dispose();
            _done[w].Dispose();
        }
    }
}

using System.Threading;

namespace NetGen.Tests.Training;

/// <summary>WorkerCrew: every part of every phase runs once, whether the waiting threads spin or block, and a worker's exception reaches the caller.</summary>
public class WorkerCrewTests
{
    [Fact]
    public void Every_part_runs_once_per_phase_whether_threads_spin_or_block()
    {
        const int Phases = 300, Workers = 2;
        var runs = new int[Workers + 1];
        var seen = new int[Workers + 1];
        int phase = 0;
        using var crew = new WorkerCrew(Workers, part =>
        {
            // Each part sees the phase the caller set before Run, and its own previous writes.
            seen[part] = Volatile.Read(ref phase);
            runs[part]++;
            if (part == 1 && phase % 7 == 0)
            {
                Thread.Sleep(1); // the others wait longer than they spin, so they block
            }
        });
        for (phase = 1; phase <= Phases; phase++)
        {
            crew.Run();
            Assert.All(seen, value => Assert.Equal(phase, value));
            if (phase % 50 == 0)
            {
                Thread.Sleep(2); // the workers block between phases
            }
        }
        Assert.All(runs, count => Assert.Equal(Phases, count));
    }

    [Fact]
    public void A_workers_exception_is_thrown_on_the_caller_after_every_part_is_done_and_the_crew_goes_on()
    {
        int finished = 0;
        bool fail = true;
        using var crew = new WorkerCrew(1, part =>
        {
            if (part == 1 && fail)
            {
                throw new InvalidOperationException("worker failed");
            }
            Interlocked.Increment(ref finished);
        });
        Assert.Equal("worker failed", Assert.Throws<InvalidOperationException>(crew.Run).Message);
        Assert.Equal(1, finished); // part 0 ran to the end before the exception came through
        fail = false;
        crew.Run();
        Assert.Equal(3, finished);
    }

    [Fact]
    public void A_crew_given_back_serves_the_next_run_with_its_new_part()
    {
        // Rent and Return as two Fit calls would: the second run gets working threads and runs its own part.
        int first = 0, second = 0;
        WorkerCrew crew = WorkerCrew.Rent(1, _ => Interlocked.Increment(ref first));
        crew.Run();
        crew.Return();
        WorkerCrew next = WorkerCrew.Rent(1, _ => Interlocked.Increment(ref second));
        next.Run();
        next.Run();
        next.Return();
        Assert.Equal(2, first);
        Assert.Equal(4, second);
    }
}

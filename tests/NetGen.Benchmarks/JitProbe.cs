namespace NetGen.Benchmarks;

/// <summary>
/// Calls every benchmark network's TrainStep often enough for tiered compilation to reach Tier1, so
/// that DOTNET_JitDisasmSummary shows the tier (Tier1 or MinOpts) each generated method ends up with;
/// then the matrix networks' TrainBatch, for the tier of their SIMD lane methods.
/// </summary>
internal static class JitProbe
{
    public static void Run()
    {
        var benchmarks = new UnrollThresholdBenchmarks();
        foreach (string topology in new[] { "2-2-2", "4-8-3", "12-12-8", "16-16-4", "20-20-8", "24-24-8", "64-32-10", "784-128-10" })
        {
            benchmarks.Topology = topology;
            benchmarks.Setup();
            for (int round = 0; round < 3; round++)
            {
                for (int k = 0; k < 20_000; k++)
                {
                    benchmarks.Unrolled();
                    benchmarks.Loops();
                }
                System.Threading.Thread.Sleep(200); // Let the background tier-up compile.
            }
            Console.WriteLine($"{topology}: done");
        }

        // The mini-batch path of the matrix's networks (BackwardLanes where the network has one).
        foreach (string topology in new[] { "2-2-2", "4-8-3", "16-16-4", "64-32-10" })
        {
            Subject[] subjects = { Subjects.Generated(topology, new Workload<double>(topology)), Subjects.Generated(topology, new Workload<float>(topology)) };
            for (int round = 0; round < 3; round++)
            {
                for (int k = 0; k < 200; k++)
                {
                    foreach (Subject subject in subjects)
                    {
                        subject.Epoch();
                    }
                }
                System.Threading.Thread.Sleep(200);
            }
            Console.WriteLine($"{topology} batches: done");
        }
    }
}

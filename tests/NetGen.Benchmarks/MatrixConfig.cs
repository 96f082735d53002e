using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace NetGen.Benchmarks;

/// <summary>
/// A short job for a shared, noisy machine: every benchmark of one run in one process (in-process
/// toolchain), 6 warm-up (tiered compilation reaches Tier1 in them) and 7 measured iterations of about 40 ms; medians and ratios within the run
/// are what count. Allocations are measured (MemoryDiagnoser).
/// </summary>
public sealed class MatrixConfig : ManualConfig
{
    public MatrixConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(6)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(40))
            .WithId("Matrix"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace NetGen.Benchmarks;

/// <summary>
/// A short job for a shared, noisy machine: every benchmark of one run in one process (in-process
/// toolchain), 3 warm-up and 9 measured iterations of about 100 ms; medians and ratios within the run
/// are what count. Allocations are measured (MemoryDiagnoser).
/// </summary>
public sealed class MatrixConfig : ManualConfig
{
    public MatrixConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(9)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithId("Matrix"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace NetGen.Benchmarks;

/// <summary>
/// The convolution benchmarks' columns and diagnosers, with no job of its own: the command line chooses it
/// (<c>--job short</c> on a shared machine), so it is not run twice. Allocations are measured (MemoryDiagnoser).
/// </summary>
public sealed class ConvConfig : ManualConfig
{
    public ConvConfig()
    {
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
    }
}

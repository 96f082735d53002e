using BenchmarkDotNet.Running;
using NetGen.Benchmarks;

// Benchmarks, run by hand:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*TrainStep*' --job short
// JIT evidence (which tier each generated method got):
//   DOTNET_JitStdOutFile=/tmp/jit.txt DOTNET_JitDisasmSummary=1 dotnet run -c Release --project tests/NetGen.Benchmarks -- jit-probe
if (args.Length > 0 && args[0] == "jit-probe")
{
    JitProbe.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(TrainStepBenchmarks).Assembly).Run(args);

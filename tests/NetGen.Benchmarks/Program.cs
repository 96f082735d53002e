using System.IO;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks;

// The comparison matrix (docs/benchmarks.md), one command; the tables are written to
// BenchmarkDotNet.Artifacts/results/matrix.md:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- matrix
// Part of it, e.g.:  ... -- matrix --filter '*Forward*' --anyCategories ...
// The unrolled-versus-loops evidence behind CodeStylePolicy's threshold:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*UnrollThreshold*' --job short
// The same matrix timed interleaved (robust ratios on a busy machine), optionally only some topologies:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- ratios [2-2-2 4-8-3 ...]
// Every subject of the matrix set up (outputs compared with NetGen's) and called once, in seconds:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- check
// The batched rows of issue 15 (ForwardBatch, TrainBatch full and mini-batch, ONNX Runtime on one batch, an FMA
// peak loop) and the parallel epoch; the PyTorch + OpenBLAS side is torch_batch.py (docs/benchmarks.md):
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*BatchBenchmarks*' '*ParallelEpoch*' --job short
// The parallel epoch (Parallelism 1 and 2, one- and four-epoch Fits) and its phases (gathering and back-propagating
// a batch's chunks, the split update), interleaved in one process, least and median:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- par-probe
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- par-phases
// The convolutional networks checked (hand-written CNN vs finite differences, NetGen and ONNX Runtime vs it), bytes per call, rough timings:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- conv-check [digits signal]
// The convolution benchmarks (issue 13), briefly:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*Conv*' --job short --inProcess
// The recurrent networks checked (hand-written GRU/LSTM vs finite differences, their Step vs Forward, ONNX Runtime and NetGen vs them), bytes per call, rough timings:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- rnn-check [gru lstm]
// The recurrent benchmarks (issue 14), briefly:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*Recurrent*' --job short --inProcess
// Generator and compiler time per topology:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- compile-time
// ForwardBatch (784-128-10, 512 rows) vs ONNX Runtime, both precisions, with the peak and the float call's parts, interleaved:
//   dotnet run -c Release --project tests/NetGen.Benchmarks -- forward-share
// JIT evidence (which tier each generated method got):
//   DOTNET_JitStdOutFile=/tmp/jit.txt DOTNET_JitDisasmSummary=1 dotnet run -c Release --project tests/NetGen.Benchmarks -- jit-probe
switch (args.FirstOrDefault())
{
    case "gemm-share":
        // Share of the FMA peak of the 784-128 products and the parallel epoch, interleaved, best of rounds.
        GemmShare.Run();
        return;
    case "forward-share":
        // ForwardBatch 784-128-10 on 512 rows vs ONNX Runtime, both precisions, the FMA peak and the float parts, interleaved.
        ForwardShare.Run();
        return;
    case "par-phases":
        ParallelPhases.Run();
        return;
    case "par-probe":
        ParallelProbe.Run();
        return;
    case "jit-probe":
        JitProbe.Run();
        return;
    case "ratios":
        InterleavedRatios.Run(args.Skip(1).ToArray(), Path.Combine("BenchmarkDotNet.Artifacts", "results", "ratios.md"));
        return;
    case "check":
        MatrixCheck.Run();
        return;
    case "conv-check":
        ConvCheck.Run(args.Skip(1).ToArray());
        return;
    case "rnn-check":
        RecurrentCheck.Run(args.Skip(1).ToArray());
        return;
    case "compile-time":
        CompileTime.Run();
        return;
    case "matrix":
        string[] rest = args.Skip(1).ToArray();
        if (!rest.Contains("--filter"))
        {
            rest = rest.Append("--filter").Append("*").ToArray();
        }
        Summary[] summaries = BenchmarkSwitcher
            .FromTypes(new[] { typeof(ForwardBenchmarks), typeof(TrainStepBenchmarks), typeof(EpochBenchmarks) })
            .Run(rest)
            .ToArray();
        MatrixReport.Write(summaries, Path.Combine("BenchmarkDotNet.Artifacts", "results", "matrix.md"));
        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(UnrollThresholdBenchmarks).Assembly).Run(args);
        return;
}

using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>
/// ONNX Runtime (CPU execution provider) running the same network on the same parameters, single-sample
/// Forward only, set up for its fastest single-sample path: one intra-op thread (like every other
/// subject), all graph optimisations, input and output bound once to pinned buffers (IoBinding).
/// </summary>
public sealed class OnnxSubject<T> : Subject, IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _input, _output;
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _run = new();

    public OnnxSubject(Workload<T> workload)
    {
        int elementType = typeof(T) == typeof(double) ? 11 : 1;
        byte[] model = OnnxModel.Build(workload.Sizes, MemoryMarshal.AsBytes(workload.InitialParameters.AsSpan()), System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), elementType);
        _options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, _options);
        _input = workload.Input.ToArray();
        _output = new T[workload.OutputCount];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, new long[] { 1, workload.InputCount });
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, new long[] { 1, workload.OutputCount });
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxModel.Input, _inputValue);
        _binding.BindOutput(OnnxModel.Output, _outputValue);
    }

    public override double Forward()
    {
        _session.RunWithBinding(_run, _binding);
        return double.CreateTruncating(_output[0]);
    }

    public override double TrainStep() => throw new NotSupportedException("ONNX Runtime is measured for inference only.");

    public override double Epoch() => throw new NotSupportedException("ONNX Runtime is measured for inference only.");

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _run.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}

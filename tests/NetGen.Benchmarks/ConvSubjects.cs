using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>A subject of the convolution benchmarks, which can also show its parameters (to check a training step).</summary>
public abstract class ConvSubject : Subject
{
    public abstract double[] CurrentParameters();
}

/// <summary>NetGen's generated convolutional network, as a user calls it.</summary>
public sealed class NetGenConvSubject<TNet, T> : ConvSubject
    where TNet : INetwork<TNet, T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ConvWorkload<T> _w;
    private readonly TNet _net = new();
    private readonly T[] _output;

    public NetGenConvSubject(ConvWorkload<T> workload)
    {
        if (TNet.ParameterCount != workload.Topology.ParameterCount || TNet.InputCount != workload.InputCount || TNet.OutputCount != workload.OutputCount)
        {
            throw new InvalidOperationException($"{typeof(TNet).Name} is not the {workload.Topology} network: {TNet.ParameterCount} parameters, {workload.Topology.ParameterCount} expected.");
        }
        _w = workload;
        workload.InitialParameters.CopyTo(_net.Parameters);
        _output = new T[workload.OutputCount];
    }

    public override double Forward()
    {
        _net.Forward(_w.Input, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double TrainStep() => double.CreateTruncating(_net.TrainStep(_w.Input, _w.Target, _w.LearningRate));

    public override double Epoch()
    {
        ReadOnlySpan<T> inputs = _w.Inputs, targets = _w.Targets;
        int n = _w.InputCount, m = _w.OutputCount, batch = ConvWorkload<T>.BatchSize;
        T total = T.Zero;
        for (int start = 0; start < ConvWorkload<T>.Samples; start += batch)
        {
            int count = Math.Min(batch, ConvWorkload<T>.Samples - start);
            // TrainBatch returns the batch's mean loss; times count, the sum, as the other subjects return.
            total += _net.TrainBatch(inputs.Slice(start * n, count * n), targets.Slice(start * m, count * m), _w.LearningRate) * T.CreateTruncating(count);
        }
        return double.CreateTruncating(total);
    }

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }

    public override double[] CurrentParameters() => _net.Parameters.ToArray().Select(double.CreateTruncating).ToArray();
}

public sealed class HandWrittenCnnSubject<T> : ConvSubject
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ConvWorkload<T> _w;
    private readonly HandWrittenCnn<T> _cnn;
    private readonly T[] _output;

    public HandWrittenCnnSubject(ConvWorkload<T> workload)
    {
        _w = workload;
        _cnn = new HandWrittenCnn<T>(workload.Topology);
        workload.InitialParameters.CopyTo(_cnn.Parameters, 0);
        _output = new T[workload.OutputCount];
    }

    public override double Forward()
    {
        _cnn.Forward(_w.Input, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double TrainStep() => double.CreateTruncating(_cnn.TrainStep(_w.Input, _w.Target, _w.LearningRate));

    public override double Epoch() => double.CreateTruncating(_cnn.Epoch(_w.Inputs, _w.Targets, ConvWorkload<T>.BatchSize, _w.LearningRate));

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }

    public override double[] CurrentParameters() => _cnn.Parameters.Select(double.CreateTruncating).ToArray();
}

/// <summary>
/// ONNX Runtime running the same network on the same parameters, single-sample Forward only, set up as
/// <see cref="OnnxSubject{T}"/> is (one thread, all graph optimisations, buffers bound once).
/// </summary>
public sealed class OnnxConvSubject<T> : ConvSubject, IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _input, _output;
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _run = new();

    public OnnxConvSubject(ConvWorkload<T> workload)
    {
        int elementType = typeof(T) == typeof(double) ? 11 : 1;
        byte[] model = ConvOnnxModel.Build(workload.Topology, MemoryMarshal.AsBytes(workload.InitialParameters.AsSpan()), System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), elementType);
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
        long[] inputShape = new long[] { 1 }.Concat(workload.Topology.InputShape.Select(d => (long)d)).ToArray();
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, inputShape);
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

    public override double[] CurrentParameters() => throw new NotSupportedException("ONNX Runtime is measured for inference only.");

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

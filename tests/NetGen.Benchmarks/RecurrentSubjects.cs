using System.Numerics;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>A subject of the recurrent benchmarks: also one streaming step, and its parameters (to check a training step).</summary>
public abstract class RecurrentSubject : Subject
{
    /// <summary>One time step of a stream (the state carries over between calls, as on a device).</summary>
    public abstract double Step();

    public abstract double[] CurrentParameters();
}

/// <summary>NetGen's generated recurrent network, as a user calls it.</summary>
public sealed class NetGenRecurrentSubject<TNet, T> : RecurrentSubject
    where TNet : IRecurrentNetwork<TNet, T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentWorkload<T> _w;
    private readonly TNet _net = new();
    private readonly T[] _output, _state;
    private int _step;

    public NetGenRecurrentSubject(RecurrentWorkload<T> workload)
    {
        if (TNet.ParameterCount != workload.ParameterCount || TNet.InputCount != workload.InputCount || TNet.OutputCount != workload.OutputCount)
        {
            throw new InvalidOperationException($"{typeof(TNet).Name} is not the {workload} network: {TNet.ParameterCount} parameters, {workload.ParameterCount} expected.");
        }
        _w = workload;
        workload.InitialParameters.CopyTo(_net.Parameters);
        _output = new T[workload.OutputCount];
        _state = new T[TNet.StateSize];
    }

    public override double Forward()
    {
        _net.Forward(_w.Input, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double Step()
    {
        // Walks through the sample's steps and starts again from a zero state after the last.
        if (_step == RecurrentWorkload<T>.Steps)
        {
            Array.Clear(_state);
            _step = 0;
        }
        _net.Step(_w.Input.AsSpan(_step++ * RecurrentWorkload<T>.Features, RecurrentWorkload<T>.Features), _state, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double TrainStep() => double.CreateTruncating(_net.TrainStep(_w.Input, _w.Target, _w.LearningRate));

    public override double Epoch()
    {
        ReadOnlySpan<T> inputs = _w.Inputs, targets = _w.Targets;
        int n = _w.InputCount, m = _w.OutputCount, batch = RecurrentWorkload<T>.BatchSize;
        T total = T.Zero;
        for (int start = 0; start < RecurrentWorkload<T>.Samples; start += batch)
        {
            int count = Math.Min(batch, RecurrentWorkload<T>.Samples - start);
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

/// <summary>The hand-written plain-loop GRU or LSTM (<see cref="HandWrittenRecurrent{T}"/>).</summary>
public sealed class HandWrittenRecurrentSubject<T> : RecurrentSubject
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RecurrentWorkload<T> _w;
    private readonly HandWrittenRecurrent<T> _net;
    private readonly T[] _output, _state;
    private int _step;

    public HandWrittenRecurrentSubject(RecurrentWorkload<T> workload)
    {
        _w = workload;
        _net = workload.NewHandWritten();
        _output = new T[workload.OutputCount];
        _state = new T[_net.StateSize];
    }

    public override double Forward()
    {
        _net.Forward(_w.Input, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double Step()
    {
        if (_step == RecurrentWorkload<T>.Steps)
        {
            Array.Clear(_state);
            _step = 0;
        }
        _net.Step(_w.Input.AsSpan(_step++ * RecurrentWorkload<T>.Features, RecurrentWorkload<T>.Features), _state, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double TrainStep() => double.CreateTruncating(_net.TrainStep(_w.Input, _w.Target, _w.LearningRate));

    public override double Epoch() => double.CreateTruncating(_net.Epoch(_w.Inputs, _w.Targets, RecurrentWorkload<T>.BatchSize, _w.LearningRate));

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }

    public override double[] CurrentParameters() => _net.Parameters.Select(double.CreateTruncating).ToArray();
}

/// <summary>ONNX Runtime on one thread running the workload's GRU or LSTM (<see cref="RecurrentOnnxModel"/>) on one sequence.</summary>
public sealed class OnnxRecurrentSubject<T> : RecurrentSubject, IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _input, _output;
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _run = new();

    public OnnxRecurrentSubject(RecurrentWorkload<T> workload)
    {
        byte[] model = RecurrentOnnxModel.Build(workload.Cell, workload.InitialParameters.Select(double.CreateTruncating).ToArray(), typeof(T) == typeof(double));
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
        // [time, batch = 1, features]: the same values in the same order as one [time, features] sample.
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, new long[] { RecurrentWorkload<T>.Steps, 1, RecurrentWorkload<T>.Features });
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

    public override double Step() => throw new NotSupportedException("ONNX Runtime is measured on whole sequences.");

    public override double TrainStep() => throw new NotSupportedException("ONNX Runtime is measured for inference only.");

    public override double Epoch() => throw new NotSupportedException("ONNX Runtime is measured for inference only.");

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }

    public override double[] CurrentParameters() => throw new NotSupportedException();

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _session.Dispose();
        _options.Dispose();
        _run.Dispose();
    }
}

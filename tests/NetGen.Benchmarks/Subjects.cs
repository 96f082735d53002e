using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>One implementation under measurement; each call is one benchmark operation.</summary>
public abstract class Subject
{
    public abstract double Forward();

    public abstract double TrainStep();

    /// <summary>One epoch of mini-batch SGD over the workload's data set (batches of <see cref="Workload{T}.BatchSize"/>).</summary>
    public abstract double Epoch();

    /// <summary>The outputs for the workload's sample, to check that every implementation computes the same function.</summary>
    public abstract double[] Outputs();
}

/// <summary>NetGen's generated network, as a user calls it.</summary>
public sealed class NetGenSubject<TNet, T> : Subject
    where TNet : INetwork<TNet, T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Workload<T> _w;
    private readonly TNet _net = new();
    private readonly T[] _output;

    public NetGenSubject(Workload<T> workload)
    {
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
        int n = _w.InputCount, m = _w.OutputCount, batch = Workload<T>.BatchSize;
        T total = T.Zero;
        for (int start = 0; start < Workload<T>.Samples; start += batch)
        {
            int count = Math.Min(batch, Workload<T>.Samples - start);
            total += _net.TrainBatch(inputs.Slice(start * n, count * n), targets.Slice(start * m, count * m), _w.LearningRate);
        }
        return double.CreateTruncating(total);
    }

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }
}

public sealed class HandWrittenSubject<T> : Subject
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Workload<T> _w;
    private readonly HandWrittenMlp<T> _mlp;
    private readonly T[] _output;

    public HandWrittenSubject(Workload<T> workload)
    {
        _w = workload;
        _mlp = new HandWrittenMlp<T>(workload.Sizes);
        workload.InitialParameters.CopyTo(_mlp.Parameters, 0);
        _output = new T[workload.OutputCount];
    }

    public override double Forward()
    {
        _mlp.Forward(_w.Input, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double TrainStep() => double.CreateTruncating(_mlp.TrainStep(_w.Input, _w.Target, _w.LearningRate));

    public override double Epoch() => double.CreateTruncating(_mlp.Epoch(_w.Inputs, _w.Targets, Workload<T>.BatchSize, _w.LearningRate));

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }
}

public sealed class TensorPrimitivesSubject<T> : Subject
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Workload<T> _w;
    private readonly TensorPrimitivesMlp<T> _mlp;
    private readonly T[] _output;

    public TensorPrimitivesSubject(Workload<T> workload)
    {
        _w = workload;
        _mlp = new TensorPrimitivesMlp<T>(workload.Sizes);
        workload.InitialParameters.CopyTo(_mlp.Parameters, 0);
        _output = new T[workload.OutputCount];
    }

    public override double Forward()
    {
        _mlp.Forward(_w.Input, _output);
        return double.CreateTruncating(_output[0]);
    }

    public override double TrainStep() => double.CreateTruncating(_mlp.TrainStep(_w.Input, _w.Target, _w.LearningRate));

    public override double Epoch() => double.CreateTruncating(_mlp.Epoch(_w.Inputs, _w.Targets, Workload<T>.BatchSize, _w.LearningRate));

    public override double[] Outputs()
    {
        Forward();
        return _output.Select(double.CreateTruncating).ToArray();
    }
}

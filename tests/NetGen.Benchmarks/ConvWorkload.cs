using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// What every implementation of a convolutional network is given: the same initial parameters (PyTorch's
/// layout), one sample for Forward and TrainStep, and a fixed synthetic data set for the epoch: pixels or
/// signal values in [0, 1] and one-hot targets, as a classifier trained with softmax and cross-entropy has.
/// </summary>
public sealed class ConvWorkload<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public const int Samples = 512;
    public const int BatchSize = 32;

    public ConvWorkload(ConvTopology topology)
    {
        Topology = topology;
        var random = new Random(42);
        // Weights of about 1/sqrt(fan-in), as an initialiser would draw them; biases small.
        InitialParameters = new T[topology.ParameterCount];
        int k = 0;
        foreach (ConvLayer layer in topology.Layers)
        {
            double scale = 1 / Math.Sqrt(Math.Max(1, layer.FanIn));
            for (int n = 0; n < layer.WeightCount + layer.BiasCount; n++)
            {
                InitialParameters[k++] = T.CreateTruncating((random.NextDouble() * 2 - 1) * scale);
            }
        }
        Inputs = Enumerable.Range(0, Samples * InputCount).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray();
        Targets = new T[Samples * OutputCount];
        for (int s = 0; s < Samples; s++)
        {
            Targets[s * OutputCount + random.Next(OutputCount)] = T.One;
        }
        Input = Inputs.AsSpan(0, InputCount).ToArray();
        Target = Targets.AsSpan(0, OutputCount).ToArray();
    }

    public ConvTopology Topology { get; }

    public int InputCount => Topology.InputCount;

    public int OutputCount => Topology.OutputCount;

    public T[] InitialParameters { get; }

    public T[] Input { get; }

    public T[] Target { get; }

    /// <summary><see cref="Samples"/> rows of inputs, row-major.</summary>
    public T[] Inputs { get; }

    public T[] Targets { get; }

    public T LearningRate { get; } = T.CreateTruncating(0.05);
}

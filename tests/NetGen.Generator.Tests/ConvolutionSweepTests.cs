using System.Reflection;
using CsCheck;
using NetGen.Generator.Tests.Probing;

namespace NetGen.Generator.Tests;

/// <summary>
/// The random sweep over convolutional networks: 1D and 2D inputs, convolutions with every padding,
/// strides and dilations, max, average and global average pooling, dense heads, both precisions and both
/// code styles; each checked as the dense sweep checks (<see cref="SweepCheck"/>): Forward against a plainly
/// written reference, Backward against central finite differences, TrainStep and the batch entry points.
/// </summary>
public class ConvolutionSweepTests
{
    private static readonly Activation[] ElementWise =
        { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU };

    private static readonly Gen<FeatureNetworkCase> CaseGen =
        from seed in Gen.Int[0, int.MaxValue - 1]
        from style in Gen.OneOfConst(CodeStyle.Unrolled, CodeStyle.Loops)
        select Draw(new Random(seed), style, seed);

    /// <summary>Compilations of 12 networks each (a compilation of convolutions takes a few seconds).</summary>
    private static readonly int Batches = SweepCheck.Batches(local: 4, ci: 8);

    [Fact]
    public void Random_convolutional_networks_have_correct_gradients_outputs_and_steps()
    {
        CaseGen.Array[12].Sample(CheckBatch, iter: Batches, threads: 1);
    }

    /// <summary>A network whose every window fits: shapes are tracked while drawing.</summary>
    internal static FeatureNetworkCase Draw(Random random, CodeStyle style, int seed)
    {
        int rank = random.Next(1, 3);
        int[] shape = new[] { random.Next(1, 3) }.Concat(Enumerable.Range(0, rank).Select(_ => random.Next(3, rank == 1 ? 10 : 7))).ToArray();
        int[] input = shape;
        var layers = new List<FeatureLayer>();
        int spatial = random.Next(1, 4);
        for (int n = 0; n < spatial; n++)
        {
            int kind = random.Next(0, 5);
            if (kind <= 2)
            {
                int[] kernel = Same(rank, random.Next(1, 4), random, 1, 4);
                int[] stride = Same(rank, random.Next(1, 3), random, 1, 3);
                int[] dilation = Same(rank, random.Next(1, 3), random, 1, 3);
                string padding = random.Next(3) switch { 0 => "valid", 1 => "same", _ => "1" };
                int[]? next = ConvShape(shape, random.Next(1, 4), kernel, stride, dilation, padding);
                if (next is null)
                {
                    continue;
                }
                Activation? activation = random.Next(3) == 0 ? ElementWise[random.Next(ElementWise.Length)] : null;
                layers.Add(new ConvLayer(next[0], kernel, stride, dilation, padding, activation));
                shape = next;
            }
            else if (kind == 3)
            {
                int[] kernel = Same(rank, 2, random, 1, 3);
                int[] stride = Same(rank, random.Next(1, 3), random, 1, 3);
                if (shape.Skip(1).Zip(kernel).Any(p => p.First < p.Second))
                {
                    continue;
                }
                layers.Add(new PoolLayer(random.Next(2) == 0, kernel, stride));
                shape = new[] { shape[0] }.Concat(shape.Skip(1).Select((s, d) => (s - kernel[d]) / stride[d] + 1)).ToArray();
            }
            else
            {
                layers.Add(new GapLayer());
                break;
            }
        }
        if (layers.Count == 0)
        {
            layers.Add(new ConvLayer(2, Enumerable.Repeat(1, rank).ToArray(), Enumerable.Repeat(1, rank).ToArray(), Enumerable.Repeat(1, rank).ToArray(), "valid", null));
        }
        if (random.Next(2) == 0)
        {
            layers.Add(new DenseLayer(random.Next(1, 5), random.Next(2) == 0 ? ElementWise[random.Next(ElementWise.Length)] : null));
        }
        Activation output = random.Next(4) == 0 ? Activation.Softmax : ElementWise[random.Next(ElementWise.Length)];
        Loss loss = (Loss)random.Next(3);
        if (loss == Loss.CrossEntropy && output is not (Activation.Softmax or Activation.Sigmoid))
        {
            loss = Loss.HalfSquaredError;
        }
        return new FeatureNetworkCase(input, layers.ToArray(), random.Next(1, 4), ElementWise[random.Next(ElementWise.Length)], output, loss,
            Single: random.Next(2) == 0, SharedBias: random.Next(4) == 0, TrainBiases: random.Next(4) != 0, style, seed);
    }

    private static int[] Same(int rank, int value, Random random, int min, int max) =>
        rank == 1 || random.Next(3) != 0 ? Enumerable.Repeat(value, rank).ToArray() : Enumerable.Range(0, rank).Select(_ => random.Next(min, max)).ToArray();

    private static int[]? ConvShape(int[] shape, int filters, int[] kernel, int[] stride, int[] dilation, string padding)
    {
        var next = new int[shape.Length];
        next[0] = filters;
        for (int d = 0; d + 1 < shape.Length; d++)
        {
            int n = shape[d + 1];
            int length = padding switch
            {
                "same" => (n + stride[d] - 1) / stride[d],
                "valid" => (n - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1,
                _ => (n + 2 - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1,
            };
            if (length < 1 || n + (padding == "1" ? 2 : 0) < dilation[d] * (kernel[d] - 1) + 1 && padding != "same")
            {
                return null;
            }
            next[d + 1] = length;
        }
        return next;
    }

    private static void CheckBatch(FeatureNetworkCase[] cases)
    {
        string source = ProbeSource.File(cases.Select((c, i) => ProbeSource.For("Conv" + i, c.Attribute, c.Single)));
        Assembly assembly = GeneratorHarness.CompileAndLoad(source);
        for (int i = 0; i < cases.Length; i++)
        {
            var probe = (IProbe)Activator.CreateInstance(assembly.GetType("Conv" + i + "Probe")!)!;
            SweepCheck.Run(cases[i], probe);
        }
    }
}

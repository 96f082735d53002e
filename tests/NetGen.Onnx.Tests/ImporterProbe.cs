extern alias GeneratorLibrary;

using System.Collections;
using System.Reflection;
using System.Threading;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Runs the generator's model reader and importer in-process on bytes (no file, no compilation), through
/// reflection because they are internal to the generator: fast enough to check thousands of models.
/// </summary>
internal static class ImporterProbe
{
    private static readonly Assembly Generator = typeof(GeneratorLibrary::NetGen.Generator.NetworkGenerator).Assembly;

    private static readonly MethodInfo FromBytes =
        Generator.GetType("NetGen.Generator.Onnx.OnnxModelLoader", throwOnError: true)!.GetMethod("FromBytes")!;

    private static readonly MethodInfo Load =
        Generator.GetType("NetGen.Generator.Onnx.OnnxModelLoader", throwOnError: true)!.GetMethod("Load")!;

    /// <summary>What the importer made of a model: a network, or the kind of error and its detail.</summary>
    internal sealed record Outcome(Network? Network, string? ErrorKind, string Detail)
    {
        public override string ToString() => Network is not null ? "accepted " + Network : $"{ErrorKind}: {Detail}";
    }

    internal sealed record Network(int InputCount, (int Width, string Activation)[] Layers, bool SharedBias, double Slope, bool IsDouble, double[] Parameters)
    {
        public override string ToString() => InputCount + string.Concat(Layers.Select(l => $"-{l.Width}:{l.Activation}"));
    }

    public static Outcome Import(byte[] model) => Read(FromBytes.Invoke(null, new object[] { "model.onnx", model })!);

    public static Outcome LoadFile(string path) => Read(Load.Invoke(null, new object[] { path, CancellationToken.None })!);

    private static Outcome Read(object file)
    {
        object? error = Property(file, "Error");
        if (error is not null)
        {
            return new Outcome(null, Property(error, "Kind")!.ToString(), (string)Property(error, "Detail")!);
        }
        object network = Property(file, "Network")!;
        var layers = ((IEnumerable)Property(network, "Layers")!).Cast<object>()
            .Select(l => ((int)Property(l, "Width")!, Property(l, "Activation")!.ToString()!)).ToArray();
        return new Outcome(new Network(
            (int)Property(network, "InputCount")!, layers, Property(network, "Bias")!.ToString() == "SharedPerLayer",
            (double)Property(network, "LeakyReLUSlope")!, Property(network, "Precision")!.ToString() == "Double",
            ((IEnumerable)Property(network, "Parameters")!).Cast<double>().ToArray()), null, "");
    }

    private static object? Property(object instance, string name) =>
        instance.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!.GetValue(instance);

    /// <summary>
    /// The imported network's forward pass, written here independently of NetGen's emitter, in double:
    /// what the generated code computes, to compare with ONNX Runtime without compiling each model.
    /// </summary>
    public static double[] Forward(Network network, double[] input)
    {
        double[] values = input;
        int p = 0;
        foreach (var (width, activation) in network.Layers)
        {
            var sums = new double[width];
            for (int j = 0; j < width; j++)
            {
                double sum = 0;
                for (int i = 0; i < values.Length; i++)
                {
                    sum += network.Parameters[p + j * values.Length + i] * values[i];
                }
                sums[j] = sum;
            }
            p += width * values.Length;
            for (int j = 0; j < width; j++)
            {
                sums[j] += network.Parameters[p + (network.SharedBias ? 0 : j)];
            }
            p += network.SharedBias ? 1 : width;
            values = activation switch
            {
                "Identity" => sums,
                "Sigmoid" => sums.Select(s => 1 / (1 + Math.Exp(-s))).ToArray(),
                "Tanh" => sums.Select(Math.Tanh).ToArray(),
                "ReLU" => sums.Select(s => Math.Max(s, 0)).ToArray(),
                "LeakyReLU" => sums.Select(s => s >= 0 ? s : network.Slope * s).ToArray(),
                "Softmax" => Softmax(sums),
                _ => throw new InvalidOperationException(activation),
            };
        }
        return values;
    }

    private static double[] Softmax(double[] sums)
    {
        double max = sums.Max();
        double[] e = sums.Select(s => Math.Exp(s - max)).ToArray();
        double total = e.Sum();
        return e.Select(v => v / total).ToArray();
    }
}

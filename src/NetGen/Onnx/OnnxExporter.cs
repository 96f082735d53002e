using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Onnx;

/// <summary>
/// Writes a generated network as an ONNX model that ONNX Runtime, model viewers and converters read:
/// one <c>Gemm</c> per layer of weights (weights <c>[out, in]</c> with <c>transB = 1</c>, exactly the
/// parameter layout), followed by the layer's activation operator. The graph's input is <c>"input"</c>
/// with shape <c>[N, InputCount]</c> and its output <c>"output"</c> with shape <c>[N, OutputCount]</c>,
/// where N is a symbolic batch size. See docs/onnx.md for the operators and measured agreement.
/// </summary>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the exported models declare.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version the exported models declare (ONNX 1.10 and later read it).</summary>
    public const int IrVersion = 8;

    /// <summary>The name of the graph's input tensor.</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph's output tensor.</summary>
    public const string OutputName = "output";

    /// <summary>Writes <paramref name="network"/> with its current parameters as an ONNX model.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <typeparam name="T"><see cref="double"/> (ONNX DOUBLE tensors) or <see cref="float"/> (FLOAT tensors).</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="destination">Where the model's bytes go; it is written to, not closed.</param>
    public static void Write<TNetwork, T>(INetwork<TNetwork, T> network, Stream destination)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToBytes(network));
    }

    /// <summary>Writes <paramref name="network"/> with its current parameters to an ONNX file, replacing it.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="path">The file to write, conventionally ending in <c>.onnx</c>.</param>
    public static void Save<TNetwork, T>(INetwork<TNetwork, T> network, string path)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, ToBytes(network));
    }

    /// <summary>
    /// Writes <paramref name="network"/> with <paramref name="scaler"/> as its first nodes (<c>Sub</c> the
    /// offsets, <c>Div</c> by the scales, before the first <c>Gemm</c>), so that the model takes raw features.
    /// </summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="scaler">The scaler the network's training rows went through; its width is the input count.</param>
    /// <param name="destination">Where the model's bytes go; it is written to, not closed.</param>
    public static void Write<TNetwork, T>(INetwork<TNetwork, T> network, FeatureScaler scaler, Stream destination)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToBytes(network, scaler));
    }

    /// <summary>Writes <paramref name="network"/> with <paramref name="scaler"/> as its first nodes to an ONNX file, replacing it.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="scaler">The scaler the network's training rows went through.</param>
    /// <param name="path">The file to write, conventionally ending in <c>.onnx</c>.</param>
    public static void Save<TNetwork, T>(INetwork<TNetwork, T> network, FeatureScaler scaler, string path)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, ToBytes(network, scaler));
    }

    /// <summary>The ONNX model of <paramref name="network"/> with its current parameters.</summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <returns>The serialized ModelProto.</returns>
    public static byte[] ToBytes<TNetwork, T>(INetwork<TNetwork, T> network)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ToBytes(network, scaler: null);

    /// <summary>
    /// The ONNX model of <paramref name="network"/>, preceded by <paramref name="scaler"/>'s <c>Sub</c> and
    /// <c>Div</c> nodes when it is not null, so that the model takes raw features.
    /// </summary>
    /// <typeparam name="TNetwork">The generated network type.</typeparam>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
    /// <param name="network">The network to export.</param>
    /// <param name="scaler">The scaler the network's training rows went through, or null for none.</param>
    /// <returns>The serialized ModelProto.</returns>
    /// <exception cref="ArgumentException">The scaler's width is not the network's input count.</exception>
    public static byte[] ToBytes<TNetwork, T>(INetwork<TNetwork, T> network, FeatureScaler? scaler)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        int elementType = typeof(T) == typeof(double) ? OnnxMessages.ElementDouble
            : typeof(T) == typeof(float) ? OnnxMessages.ElementFloat
            : throw new NotSupportedException($"ONNX export supports double and float networks, not {typeof(T).Name}.");

        ReadOnlySpan<int> sizes = TNetwork.LayerSizes;
        ReadOnlySpan<Activation> activations = TNetwork.LayerActivations;
        ReadOnlySpan<T> parameters = network.Parameters;
        bool sharedBias = HasSharedBiases(sizes, TNetwork.ParameterCount);

        var nodes = new List<ProtoWriter>();
        var initializers = new List<ProtoWriter>();
        string previous = scaler is null ? InputName
            : ScalingNodes.Add(scaler, sizes[0], elementType, InputName, nodes, initializers);
        int offset = 0;
        for (int k = 1; k < sizes.Length; k++)
        {
            int fanIn = sizes[k - 1], width = sizes[k];
            int biasCount = sharedBias ? 1 : width;
            string layer = "layer" + k.ToString(CultureInfo.InvariantCulture);
            bool isLast = k == sizes.Length - 1;
            Activation activation = activations[k - 1];

            initializers.Add(OnnxMessages.Tensor(layer + ".weight", [width, fanIn], elementType,
                LittleEndianBytes(parameters.Slice(offset, width * fanIn))));
            offset += width * fanIn;
            initializers.Add(OnnxMessages.Tensor(layer + ".bias", [biasCount], elementType,
                LittleEndianBytes(parameters.Slice(offset, biasCount))));
            offset += biasCount;

            // y = x W^T + b: W is stored [out, in] as in the parameter vector, so transB = 1.
            string sum = isLast && activation == Activation.Identity ? OutputName : layer + ".sum";
            nodes.Add(OnnxMessages.Node("Gemm", layer + ".gemm", [previous, layer + ".weight", layer + ".bias"], [sum],
                OnnxMessages.IntAttribute("transB", 1)));
            string output = isLast ? OutputName : layer + ".out";
            previous = AddActivation(activation, TNetwork.LeakyReLUSlope, elementType, layer, sum, output, nodes, initializers);
        }

        var graph = OnnxMessages.Graph(
            typeof(TNetwork).Name,
            nodes,
            initializers,
            OnnxMessages.ValueInfo(InputName, elementType, "N", sizes[0]),
            OnnxMessages.ValueInfo(OutputName, elementType, "N", sizes[^1]));
        string version = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        string description = Describe(typeof(TNetwork).Name, sizes, activations) + (scaler is null ? "" : $"; inputs are raw features, scaled first ({scaler})");
        return OnnxMessages.Model(IrVersion, OpsetVersion, version, description, graph)
            .Written.ToArray();
    }

    /// <summary>
    /// Adds the nodes of one activation and returns the name of the tensor they produce. Identity adds
    /// nothing. LeakyReLU in double is written as Max(x, slope * x), which equals it for slopes in
    /// [0, 1): ONNX's LeakyRelu takes its slope as a float attribute, and rounding a double network's
    /// slope of 0.1 to float moved ONNX Runtime's outputs by 5e-9 in a test, over the 1e-9 NetGen promises.
    /// </summary>
    private static string AddActivation(Activation activation, double slope, int elementType, string layer, string sum, string output,
        List<ProtoWriter> nodes, List<ProtoWriter> initializers)
    {
        string node = layer + "." + activation.ToString().ToLowerInvariant();
        switch (activation)
        {
            case Activation.Identity:
                return sum;
            case Activation.Sigmoid:
                nodes.Add(OnnxMessages.Node("Sigmoid", node, [sum], [output]));
                return output;
            case Activation.Tanh:
                nodes.Add(OnnxMessages.Node("Tanh", node, [sum], [output]));
                return output;
            case Activation.ReLU:
                nodes.Add(OnnxMessages.Node("Relu", node, [sum], [output]));
                return output;
            case Activation.LeakyReLU when elementType == OnnxMessages.ElementFloat:
                nodes.Add(OnnxMessages.Node("LeakyRelu", node, [sum], [output], OnnxMessages.FloatAttribute("alpha", (float)slope)));
                return output;
            case Activation.LeakyReLU:
                string slopeName = layer + ".leaky_slope", scaled = layer + ".scaled";
                initializers.Add(OnnxMessages.Tensor(slopeName, [], elementType, LittleEndianBytes<double>([slope])));
                nodes.Add(OnnxMessages.Node("Mul", node + ".mul", [sum, slopeName], [scaled]));
                nodes.Add(OnnxMessages.Node("Max", node + ".max", [sum, scaled], [output]));
                return output;
            case Activation.Softmax:
                nodes.Add(OnnxMessages.Node("Softmax", node, [sum], [output], OnnxMessages.IntAttribute("axis", -1)));
                return output;
            default:
                throw new NotSupportedException($"Activation {activation} has no ONNX export.");
        }
    }

    /// <summary>
    /// Whether each layer has one bias rather than one per unit, read from the parameter count (the two
    /// layouts differ in count unless every layer has one unit, when they are the same network).
    /// </summary>
    private static bool HasSharedBiases(ReadOnlySpan<int> sizes, int parameterCount)
    {
        int weights = 0, units = 0;
        for (int k = 1; k < sizes.Length; k++)
        {
            weights += sizes[k] * sizes[k - 1];
            units += sizes[k];
        }
        return parameterCount != weights + units && parameterCount == weights + sizes.Length - 1;
    }

    internal static byte[] LittleEndianBytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        byte[] bytes = new byte[values.Length * Marshal.SizeOf<T>()];
        if (typeof(T) == typeof(double))
        {
            ReadOnlySpan<double> doubles = MemoryMarshal.Cast<T, double>(values);
            for (int i = 0; i < doubles.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), doubles[i]);
            }
        }
        else
        {
            ReadOnlySpan<float> floats = MemoryMarshal.Cast<T, float>(values);
            for (int i = 0; i < floats.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), floats[i]);
            }
        }
        return bytes;
    }

    private static string Describe(string name, ReadOnlySpan<int> sizes, ReadOnlySpan<Activation> activations)
    {
        var layers = new List<string> { sizes[0].ToString(CultureInfo.InvariantCulture) };
        for (int k = 1; k < sizes.Length; k++)
        {
            layers.Add(sizes[k].ToString(CultureInfo.InvariantCulture) + ":" + activations[k - 1].ToString().ToLowerInvariant());
        }
        return $"NetGen network {name} \"{string.Join("-", layers)}\"";
    }
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Onnx;

/// <summary>
/// Writes a generated network as an ONNX model that ONNX Runtime, model viewers and converters read:
/// one <c>Gemm</c> per dense layer (weights <c>[out, in]</c> with <c>transB = 1</c>, exactly the
/// parameter layout) or <c>Conv</c> per convolution (weights <c>[filters, channels, kernel...]</c>, again the
/// parameter layout), each followed by its activation operator; <c>MaxPool</c>, <c>AveragePool</c> and
/// <c>GlobalAveragePool</c> for pooling, and <c>Flatten</c> before the first dense layer after a feature map.
/// The graph's input is <c>"input"</c> with shape <c>[N, InputCount]</c> (<c>[N, C, L]</c> or
/// <c>[N, C, H, W]</c> for a shaped input) and its output <c>"output"</c> with shape <c>[N, OutputCount]</c>,
/// where N is a symbolic batch size. A recurrent network reads <c>[N, T, features]</c> (PyTorch's batch_first) and
/// writes each SimpleRNN, GRU or LSTM layer as ONNX <c>RNN</c>, <c>GRU</c> or <c>LSTM</c> with the layout glue around
/// it, and a per-step dense layer as <c>MatMul</c> + <c>Add</c> (its output <c>[N, T, units]</c>).
/// See docs/onnx.md for the operators and measured agreement.
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
    /// <exception cref="NotSupportedException">
    /// A convolution or pooling layer has softmax (not exported: ONNX's Softmax normalises along one axis of a
    /// feature map), or the last layer is not dense, recurrent or per-step dense.
    /// </exception>
    public static byte[] ToBytes<TNetwork, T>(INetwork<TNetwork, T> network, FeatureScaler? scaler)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        int elementType = typeof(T) == typeof(double) ? OnnxMessages.ElementDouble
            : typeof(T) == typeof(float) ? OnnxMessages.ElementFloat
            : throw new NotSupportedException($"ONNX export supports double and float networks, not {typeof(T).Name}.");

        NetworkLayout layout = NetworkLayout.Of<TNetwork, T>();
        ReadOnlySpan<T> parameters = network.Parameters;
        var nodes = new List<ProtoWriter>();
        var initializers = new List<ProtoWriter>();
        string previous = scaler is null ? InputName
            : ScalingNodes.Add(scaler, layout.InputShape, elementType, InputName, nodes, initializers);
        var graph = new GraphBuilder(nodes, initializers, elementType, TNetwork.LeakyReLUSlope);
        // Whether the tensor so far keeps a shape per sample ([C, L], [C, H, W], [T, H]) that a dense layer flattens.
        bool shaped = layout.InputShape.Length > 1;
        for (int k = 1; k <= layout.Infos.Length; k++)
        {
            LayerInfo info = layout.Infos[k - 1];
            string layer = "layer" + k.ToString(CultureInfo.InvariantCulture);
            bool isLast = k == layout.Infos.Length;
            if (info.Kind == LayerKind.Dense && shaped)
            {
                // PyTorch's Flatten: [N, C, ...] -> [N, C x ...], row-major, as the dense layer reads it.
                nodes.Add(OnnxMessages.Node("Flatten", layer + ".flatten", [previous], [layer + ".flat"], OnnxMessages.IntAttribute("axis", 1)));
                previous = layer + ".flat";
            }
            previous = graph.AddLayer(info, layer, isLast, previous,
                parameters.Slice(info.ParameterOffset, info.WeightCount), parameters.Slice(info.ParameterOffset + info.WeightCount, info.BiasCount));
            shaped = info.OutputShape.Length > 1;
        }
        LayerInfo lastLayer = layout.Infos[^1];
        if (lastLayer.Kind != LayerKind.Dense && !lastLayer.IsRecurrent && lastLayer.Kind != LayerKind.PerStepDense)
        {
            throw new NotSupportedException($"{typeof(TNetwork).Name} ends in a {layout.Infos[^1].Kind} layer; ONNX export needs a dense output layer.");
        }

        object[] inputDims = ["N", .. layout.InputShape.Select(d => (object)d)];
        var model = OnnxMessages.Graph(
            typeof(TNetwork).Name,
            nodes,
            initializers,
            OnnxMessages.ValueInfo(InputName, elementType, inputDims),
            OnnxMessages.ValueInfo(OutputName, elementType, ["N", .. lastLayer.OutputShape.Select(d => (object)d)]));
        string version = typeof(OnnxExporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        string description = $"NetGen network {typeof(TNetwork).Name} \"{layout.Topology}\""
            + (scaler is null ? "" : $"; inputs are raw features, scaled first ({scaler})");
        return OnnxMessages.Model(IrVersion, OpsetVersion, version, description, model)
            .Written.ToArray();
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
}

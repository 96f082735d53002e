using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetGen.Onnx;

/// <summary>
/// Recurrent and per-step dense layers as ONNX nodes, on tensors laid out as PyTorch's batch_first models hold
/// them (<c>[N, T, features]</c>). ONNX's <c>RNN</c>, <c>GRU</c> and <c>LSTM</c> read <c>X [T, N, features]</c> and write
/// <c>Y [T, directions, N, hidden]</c> and <c>Y_h [directions, N, hidden]</c>, so each layer is wrapped in the glue
/// PyTorch's exporter writes: <c>Transpose</c> in, then <c>Squeeze</c> + <c>Transpose</c> back for a sequence, or
/// <c>Squeeze</c> of <c>Y_h</c> for the last state. The weights are converted from PyTorch's gate order to ONNX's.
/// </summary>
internal sealed class RecurrentNodes(List<ProtoWriter> nodes, List<ProtoWriter> initializers, int elementType)
{
    private const int ElementInt64 = 7;

    /// <summary>
    /// For each ONNX gate block, the PyTorch gate block it holds: GRU ONNX z, r, h from PyTorch r, z, n; LSTM ONNX
    /// i, o, f, c from PyTorch i, f, g, o. The importer maps back with the same tables.
    /// </summary>
    public static int[] OnnxGateOrder(LayerKind kind) => kind switch
    {
        LayerKind.Gru => [1, 0, 2],
        LayerKind.Lstm => [0, 3, 1, 2],
        _ => [0],
    };

    /// <summary>Adds one recurrent layer reading <paramref name="input"/> <c>[N, T, F]</c>; writes <c>[N, T, H]</c> or <c>[N, H]</c> to <paramref name="output"/>.</summary>
    public void Recurrent<T>(LayerInfo info, string layer, string input, string output, ReadOnlySpan<T> weights, ReadOnlySpan<T> biases)
        where T : unmanaged
    {
        if (elementType == OnnxMessages.ElementDouble)
        {
            new DoubleRecurrentNodes(nodes, initializers).Recurrent(info, layer, input, output, weights, biases);
            return;
        }
        int gates = info.GateCount, hidden = info.HiddenSize, features = info.InputShape[1];
        int[] order = OnnxGateOrder(info.Kind);
        int block = gates * hidden;
        ReadOnlySpan<T> inputWeights = weights[..(block * features)], recurrentWeights = weights[(block * features)..];
        initializers.Add(OnnxMessages.Tensor(layer + ".W", [1, block, features], elementType,
            OnnxExporter.LittleEndianBytes<T>(Reorder(inputWeights, order, hidden * features))));
        initializers.Add(OnnxMessages.Tensor(layer + ".R", [1, block, hidden], elementType,
            OnnxExporter.LittleEndianBytes<T>(Reorder(recurrentWeights, order, hidden * hidden))));
        // B = [Wb, Rb]: PyTorch's bias_ih then bias_hh, each reordered by gate.
        T[] b = [.. Reorder(biases[..block], order, hidden), .. Reorder(biases[block..], order, hidden)];
        initializers.Add(OnnxMessages.Tensor(layer + ".B", [1, 2 * block], elementType, OnnxExporter.LittleEndianBytes<T>(b)));

        nodes.Add(OnnxMessages.Node("Transpose", layer + ".time_major", [input], [layer + ".x"], OnnxMessages.IntsAttribute("perm", [1, 0, 2])));
        var attributes = new List<ProtoWriter> { OnnxMessages.IntAttribute("hidden_size", hidden) };
        if (info.Kind == LayerKind.Gru)
        {
            // PyTorch's GRU: the reset gate multiplies (W_hn h + b_hn), after the hidden matmul.
            attributes.Add(OnnxMessages.IntAttribute("linear_before_reset", 1));
        }
        if (info.Kind == LayerKind.SimpleRnn)
        {
            attributes.Add(OnnxMessages.StringsAttribute("activations", [info.Activation == Activation.ReLU ? "Relu" : "Tanh"]));
        }
        string op = info.Kind switch { LayerKind.Gru => "GRU", LayerKind.Lstm => "LSTM", _ => "RNN" };
        nodes.Add(OnnxMessages.Node(op, layer + ".cell", [layer + ".x", layer + ".W", layer + ".R", layer + ".B"],
            [layer + ".y", layer + ".y_h"], [.. attributes]));
        if (info.ReturnsSequence)
        {
            string axis = Int64(layer + ".direction_axis", 1);
            nodes.Add(OnnxMessages.Node("Squeeze", layer + ".squeeze", [layer + ".y", axis], [layer + ".sequence"]));
            nodes.Add(OnnxMessages.Node("Transpose", layer + ".batch_major", [layer + ".sequence"], [output], OnnxMessages.IntsAttribute("perm", [1, 0, 2])));
        }
        else
        {
            string axis = Int64(layer + ".direction_axis", 0);
            nodes.Add(OnnxMessages.Node("Squeeze", layer + ".squeeze", [layer + ".y_h", axis], [output]));
        }
    }

    /// <summary>
    /// A dense layer at every step: <c>MatMul</c> of <c>[N, T, inputs]</c> by the weights transposed to
    /// <c>[inputs, units]</c> (PyTorch's export of <c>nn.Linear</c> on a sequence), then <c>Add</c> of the bias.
    /// </summary>
    public void PerStepDense<T>(LayerInfo info, string layer, string input, string output, ReadOnlySpan<T> weights, ReadOnlySpan<T> biases)
        where T : unmanaged
    {
        int units = info.HiddenSize, inputs = info.InputShape[1];
        var transposed = new T[weights.Length];
        for (int j = 0; j < units; j++)
        {
            for (int i = 0; i < inputs; i++)
            {
                transposed[i * units + j] = weights[j * inputs + i];
            }
        }
        initializers.Add(OnnxMessages.Tensor(layer + ".weight", [inputs, units], elementType, OnnxExporter.LittleEndianBytes<T>(transposed)));
        initializers.Add(OnnxMessages.Tensor(layer + ".bias", [biases.Length], elementType, OnnxExporter.LittleEndianBytes(biases)));
        nodes.Add(OnnxMessages.Node("MatMul", layer + ".matmul", [input, layer + ".weight"], [layer + ".product"]));
        nodes.Add(OnnxMessages.Node("Add", layer + ".add", [layer + ".product", layer + ".bias"], [output]));
    }

    /// <summary>Gate blocks of <paramref name="size"/> values, in the order <paramref name="order"/> picks them.</summary>
    private static T[] Reorder<T>(ReadOnlySpan<T> values, int[] order, int size)
    {
        var result = new T[values.Length];
        for (int k = 0; k < order.Length; k++)
        {
            values.Slice(order[k] * size, size).CopyTo(result.AsSpan(k * size));
        }
        return result;
    }

    internal string Int64(string name, long value, bool scalar = false)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        initializers.Add(OnnxMessages.Tensor(name, scalar ? [] : [1], ElementInt64, bytes));
        return name;
    }
}

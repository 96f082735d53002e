namespace NetGen.Benchmarks;

/// <summary>
/// The ONNX model of a <see cref="ConvTopology"/> (batch of 1, opset 13): Conv + Relu, MaxPool, Flatten before
/// the first dense layer, Gemm + Relu, and a final Gemm + Softmax, with the parameters in NetGen's (PyTorch's)
/// layout, which is ONNX's. 1D layers stay 1D (<c>[1, channels, length]</c>), as PyTorch exports Conv1d.
/// </summary>
public static class ConvOnnxModel
{
    public static byte[] Build(ConvTopology topology, ReadOnlySpan<byte> parameters, int elementSize, int elementType)
    {
        bool oneD = topology.InputShape.Length == 2;
        var graph = new OnnxModel.Message();
        int offset = 0;
        string previous = OnnxModel.Input;
        for (int l = 0; l < topology.Layers.Length; l++)
        {
            ConvLayer c = topology.Layers[l];
            bool last = l == topology.Layers.Length - 1;
            string output = last ? OnnxModel.Output : $"out{l}";
            switch (c.Kind)
            {
                case ConvLayerKind.Conv:
                {
                    long[] weightShape = oneD ? new long[] { c.OutC, c.InC, c.KW } : new long[] { c.OutC, c.InC, c.KH, c.KW };
                    string w = $"W{l}", b = $"B{l}", sum = $"sum{l}";
                    offset = Initializer(graph, w, weightShape, c.WeightCount, parameters, offset, elementSize, elementType);
                    offset = Initializer(graph, b, new long[] { c.OutC }, c.BiasCount, parameters, offset, elementSize, elementType);
                    int padBottom = c.OutH - 1 + c.KH - c.InH - c.PadTop, padRight = c.OutW - 1 + c.KW - c.InW - c.PadLeft;
                    long[] kernel = oneD ? new long[] { c.KW } : new long[] { c.KH, c.KW };
                    long[] pads = oneD ? new long[] { c.PadLeft, padRight } : new long[] { c.PadTop, c.PadLeft, padBottom, padRight };
                    long[] strides = oneD ? new long[] { 1 } : new long[] { 1, 1 };
                    graph.Bytes(1, Node("Conv", $"conv{l}", new[] { previous, w, b }, sum,
                        Ints("kernel_shape", kernel), Ints("pads", pads), Ints("strides", strides)));
                    graph.Bytes(1, Node("Relu", $"relu{l}", new[] { sum }, output));
                    break;
                }
                case ConvLayerKind.MaxPool:
                {
                    long[] kernel = oneD ? new long[] { c.KW } : new long[] { c.KH, c.KW };
                    graph.Bytes(1, Node("MaxPool", $"pool{l}", new[] { previous }, output, Ints("kernel_shape", kernel), Ints("strides", kernel)));
                    break;
                }
                default:
                {
                    if (l > 0 && topology.Layers[l - 1].Kind != ConvLayerKind.Dense)
                    {
                        graph.Bytes(1, Node("Flatten", $"flatten{l}", new[] { previous }, $"flat{l}", Int("axis", 1)));
                        previous = $"flat{l}";
                    }
                    string w = $"W{l}", b = $"B{l}", sum = $"sum{l}";
                    offset = Initializer(graph, w, new long[] { c.OutputSize, c.InputSize }, c.WeightCount, parameters, offset, elementSize, elementType);
                    offset = Initializer(graph, b, new long[] { c.OutputSize }, c.BiasCount, parameters, offset, elementSize, elementType);
                    graph.Bytes(1, Node("Gemm", $"gemm{l}", new[] { previous, w, b }, sum, Int("transB", 1)));
                    graph.Bytes(1, Node(last ? "Softmax" : "Relu", $"act{l}", new[] { sum }, output));
                    break;
                }
            }
            previous = output;
        }
        graph.String(2, "cnn");
        graph.Bytes(11, ValueInfo(OnnxModel.Input, new long[] { 1 }.Concat(topology.InputShape.Select(d => (long)d)).ToArray(), elementType));
        graph.Bytes(12, ValueInfo(OnnxModel.Output, new long[] { 1, topology.OutputCount }, elementType));
        return new OnnxModel.Message()
            .Varint(1, 8)                                                    // ir_version
            .String(2, "NetGen.Benchmarks")                                  // producer_name
            .Bytes(7, graph.ToArray())                                       // graph
            .Bytes(8, new OnnxModel.Message().String(1, "").Varint(2, 13).ToArray()) // opset_import: ai.onnx 13
            .ToArray();
    }

    private static int Initializer(OnnxModel.Message graph, string name, long[] dims, int count, ReadOnlySpan<byte> parameters, int offset, int elementSize, int elementType)
    {
        graph.Bytes(5, OnnxModel.Tensor(name, dims, elementType, parameters.Slice(offset * elementSize, count * elementSize)));
        return offset + count;
    }

    /// <summary>NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.</summary>
    private static byte[] Node(string op, string name, string[] inputs, string output, params byte[][] attributes)
    {
        var node = new OnnxModel.Message();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }
        node.String(2, output).String(3, name).String(4, op);
        foreach (byte[] attribute in attributes)
        {
            node.Bytes(5, attribute);
        }
        return node.ToArray();
    }

    /// <summary>AttributeProto of type INT (2): name = 1, i = 3, type = 20.</summary>
    private static byte[] Int(string name, long value) =>
        new OnnxModel.Message().String(1, name).Varint(3, value).Varint(20, 2).ToArray();

    /// <summary>AttributeProto of type INTS (7): name = 1, ints = 8 (one field per value), type = 20.</summary>
    private static byte[] Ints(string name, long[] values)
    {
        var attribute = new OnnxModel.Message().String(1, name);
        foreach (long value in values)
        {
            attribute.Varint(8, value);
        }
        return attribute.Varint(20, 7).ToArray();
    }

    /// <summary>ValueInfoProto of a tensor with fixed dimensions.</summary>
    private static byte[] ValueInfo(string name, long[] dims, int elementType)
    {
        var shape = new OnnxModel.Message();
        foreach (long dim in dims)
        {
            shape.Bytes(1, new OnnxModel.Message().Varint(1, dim).ToArray());
        }
        var tensorType = new OnnxModel.Message().Varint(1, elementType).Bytes(2, shape.ToArray());
        return new OnnxModel.Message().String(1, name).Bytes(2, new OnnxModel.Message().Bytes(1, tensorType.ToArray()).ToArray()).ToArray();
    }
}

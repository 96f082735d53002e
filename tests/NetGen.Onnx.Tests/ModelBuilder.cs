using System.Buffers.Binary;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Builds ONNX models by hand with the exporter's protobuf writer, for shapes NetGen's exporter never
/// writes: other operators, MatMul + Add, Gemm without transB, float_data instead of raw_data, dynamic
/// dimensions. ONNX Runtime checks that each one is a valid model.
/// </summary>
internal sealed class ModelBuilder(int elementType, int opset = 17)
{
    public const int Float = OnnxMessages.ElementFloat;
    public const int Double = OnnxMessages.ElementDouble;

    private readonly List<ProtoWriter> _nodes = new();
    private readonly List<ProtoWriter> _initializers = new();
    private readonly List<ProtoWriter> _extraInputs = new();

    public ModelBuilder Node(string opType, string[] inputs, string output, params ProtoWriter[] attributes)
    {
        _nodes.Add(OnnxMessages.Node(opType, opType.ToLowerInvariant() + _nodes.Count, inputs, new[] { output }, attributes));
        return this;
    }

    /// <summary>A node with several outputs (MaxPool's Indices, BatchNormalization's training statistics).</summary>
    public ModelBuilder Node(string opType, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
    {
        _nodes.Add(OnnxMessages.Node(opType, opType.ToLowerInvariant() + _nodes.Count, inputs, outputs, attributes));
        return this;
    }

    /// <summary>An int64 initializer (a Reshape's shape, a Pad's pads), as raw_data.</summary>
    public ModelBuilder Int64Tensor(string name, long[] dims, params long[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }
        _initializers.Add(OnnxMessages.Tensor(name, dims, 7, bytes));
        return this;
    }

    /// <summary>An INTS attribute (kernel_shape, strides, pads, dilations), packed.</summary>
    public static ProtoWriter Ints(string name, params long[] values)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);
        attribute.PackedInt64(8, values);
        attribute.Int64(20, 7);
        return attribute;
    }

    /// <summary>A STRING attribute (auto_pad).</summary>
    public static ProtoWriter Text(string name, string value)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);
        attribute.String(4, value);
        attribute.Int64(20, 3);
        return attribute;
    }

    public ModelBuilder Node(string domain, string opType, string[] inputs, string output)
    {
        ProtoWriter node = OnnxMessages.Node(opType, opType + _nodes.Count, inputs, new[] { output });
        node.String(7, domain); // NodeProto.domain
        _nodes.Add(node);
        return this;
    }

    /// <summary>An initializer as raw_data (what exporters usually write).</summary>
    public ModelBuilder Tensor(string name, long[] dims, params double[] values)
    {
        _initializers.Add(OnnxMessages.Tensor(name, dims, elementType, Raw(values)));
        return this;
    }

    /// <summary>An initializer as float_data or double_data: packed, or (float only) one field per value.</summary>
    public ModelBuilder TypedTensor(string name, long[] dims, bool packed, params double[] values)
    {
        var tensor = new ProtoWriter();
        tensor.PackedInt64(1, dims);
        tensor.Int64(2, elementType);
        tensor.String(8, name);
        int field = elementType == Float ? 4 : 10; // float_data : double_data
        if (packed)
        {
            tensor.Bytes(field, Raw(values));
        }
        else
        {
            // Unpacked: one fixed32 field per value, which proto3 readers must accept as well.
            Assert.Equal(Float, elementType);
            foreach (double value in values)
            {
                tensor.Float(field, (float)value);
            }
        }
        _initializers.Add(tensor);
        return this;
    }

    /// <summary>Lists an initializer among the graph inputs too, as models of IR version 3 do.</summary>
    public ModelBuilder InitializerAlsoInput(string name, params object[] dims)
    {
        _extraInputs.Add(OnnxMessages.ValueInfo(name, elementType, dims));
        return this;
    }

    public byte[] Build(object[] inputDims, object[] outputDims, string input = "input", string output = "output", int? inputElementType = null)
    {
        var graph = new ProtoWriter();
        foreach (ProtoWriter node in _nodes)
        {
            graph.Message(1, node);
        }
        graph.String(2, "handmade");
        foreach (ProtoWriter tensor in _initializers)
        {
            graph.Message(5, tensor);
        }
        graph.Message(11, OnnxMessages.ValueInfo(input, inputElementType ?? elementType, inputDims));
        foreach (ProtoWriter extra in _extraInputs)
        {
            graph.Message(11, extra);
        }
        graph.Message(12, OnnxMessages.ValueInfo(output, elementType, outputDims));
        return OnnxMessages.Model(8, opset, "test", "hand-built", graph).Written.ToArray();
    }

    private byte[] Raw(double[] values)
    {
        int size = elementType == Float ? 4 : 8;
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            if (size == 4)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)values[i]);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
            }
        }
        return bytes;
    }
}

using System.Buffers.Binary;
using System.Text;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Writes ONNX messages field by field, including the encodings that well-behaved exporters never
/// produce but a file may hold: attributes with their value omitted (proto3's encoding of 0) or without
/// a type, names that are not valid UTF-8, negative or huge dimensions, models without an opset.
/// </summary>
internal static class Crafted
{
    public const int FloatType = 1;
    public const int DoubleType = 11;
    private const int AttributeFloat = 1;
    private const int AttributeInt = 2;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>An attribute: a float (f) when <paramref name="f"/> is given, an int (i) when <paramref name="i"/> is, and its type field only when <paramref name="type"/> is not null.</summary>
    public static ProtoWriter Attribute(string name, int? type, float? f = null, long? i = null)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);
        if (f is float value)
        {
            attribute.Float(2, value);
        }
        if (i is long integer)
        {
            attribute.Int64(3, integer);
        }
        if (type is int t)
        {
            attribute.Int64(20, t);
        }
        return attribute;
    }

    public static ProtoWriter FloatAttribute(string name, float? value) => Attribute(name, AttributeFloat, f: value);

    public static ProtoWriter IntAttribute(string name, long? value) => Attribute(name, AttributeInt, i: value);

    public static ProtoWriter Node(string opType, byte[][] inputs, byte[] output, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (byte[] input in inputs)
        {
            node.Bytes(1, input);
        }
        node.Bytes(2, output);
        node.String(4, opType);
        foreach (ProtoWriter attribute in attributes)
        {
            node.Message(5, attribute);
        }
        return node;
    }

    public static ProtoWriter Node(string opType, string[] inputs, string output, params ProtoWriter[] attributes) =>
        Node(opType, inputs.Select(Utf8).ToArray(), Utf8(output), attributes);

    /// <summary>A tensor with its values as little-endian raw_data of <paramref name="elementType"/>.</summary>
    public static ProtoWriter Tensor(byte[] name, long[] dims, int elementType, params double[] values)
    {
        var tensor = new ProtoWriter();
        tensor.PackedInt64(1, dims);
        tensor.Int64(2, elementType);
        tensor.Bytes(8, name);
        tensor.Bytes(9, Raw(elementType, values));
        return tensor;
    }

    public static ProtoWriter Tensor(string name, long[] dims, int elementType, params double[] values) =>
        Tensor(Utf8(name), dims, elementType, values);

    public static byte[] Raw(int elementType, double[] values)
    {
        int size = elementType == FloatType ? 4 : 8;
        var bytes = new byte[values.Length * size];
        for (int k = 0; k < values.Length; k++)
        {
            if (size == 4)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * k), (float)values[k]);
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * k), values[k]);
            }
        }
        return bytes;
    }

    public static ProtoWriter ValueInfo(string name, int elementType, params object[] dims) =>
        OnnxMessages.ValueInfo(name, elementType, dims);

    public static ProtoWriter Graph(IEnumerable<ProtoWriter> nodes, IEnumerable<ProtoWriter> initializers, ProtoWriter input, ProtoWriter output)
    {
        var graph = new ProtoWriter();
        foreach (ProtoWriter node in nodes)
        {
            graph.Message(1, node);
        }
        graph.String(2, "crafted");
        foreach (ProtoWriter tensor in initializers)
        {
            graph.Message(5, tensor);
        }
        graph.Message(11, input);
        graph.Message(12, output);
        return graph;
    }

    /// <summary>A ModelProto; <paramref name="opset"/> null leaves out the opset_import.</summary>
    public static byte[] Model(ProtoWriter graph, long? opset = 17, long irVersion = 8)
    {
        var model = new ProtoWriter();
        model.Int64(1, irVersion);
        model.String(2, "crafted");
        model.Message(7, graph);
        if (opset is long version)
        {
            var opsetId = new ProtoWriter();
            opsetId.String(1, "");
            opsetId.Int64(2, version);
            model.Message(8, opsetId);
        }
        return model.Written.ToArray();
    }

    /// <summary>A 3-4-2 model (Gemm, <paramref name="activation"/>, Gemm) with deterministic weights.</summary>
    public static byte[] Dense(int type, ProtoWriter activation, params ProtoWriter[] secondGemmAttributes) => Model(Graph(
        new[]
        {
            Node("Gemm", new[] { "input", "W1", "B1" }, "s1", IntAttribute("transB", 1)),
            activation,
            Node("Gemm", new[] { "h", "W2", "B2" }, "output", secondGemmAttributes.Append(IntAttribute("transB", 1)).ToArray()),
        },
        new[]
        {
            Tensor("W1", new long[] { 4, 3 }, type, Values(12, 1)),
            Tensor("B1", new long[] { 4 }, type, Values(4, 2)),
            Tensor("W2", new long[] { 2, 4 }, type, Values(8, 3)),
            Tensor("B2", new long[] { 2 }, type, Values(2, 4)),
        },
        ValueInfo("input", type, "N", 3), ValueInfo("output", type, "N", 2)));

    /// <summary>Deterministic values in [-1, 1].</summary>
    public static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }
}

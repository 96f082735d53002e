using System.Text;

namespace NetGen.Onnx.Tests.Convolution;

/// <summary>
/// An exported model's graph read back with a protobuf decoder written here from onnx.proto's field numbers
/// (not the exporter's writer): nodes with their int and ints attributes, initializer shapes, the input's dims.
/// </summary>
internal sealed class ExportedGraph
{
    public sealed record Node(string OpType, string Name, string[] Inputs, string[] Outputs, Dictionary<string, long[]> Attributes);

    public List<Node> Nodes { get; } = new();

    public Dictionary<string, long[]> InitializerDims { get; } = new();

    /// <summary>The graph input's dims; a symbolic dimension is its name.</summary>
    public List<object> InputDims { get; } = new();

    public string[] OpTypes => Nodes.Select(n => n.OpType).ToArray();

    public Node Single(string opType) => Assert.Single(Nodes, n => n.OpType == opType);

    public static ExportedGraph Read(byte[] model)
    {
        var graph = new ExportedGraph();
        foreach (var (field, value) in Fields(model))
        {
            if (field == 7)
            {
                graph.ReadGraph((byte[])value);
            }
        }
        return graph;
    }

    private void ReadGraph(byte[] bytes)
    {
        foreach (var (field, value) in Fields(bytes))
        {
            switch (field)
            {
                case 1: Nodes.Add(ReadNode((byte[])value)); break;
                case 5:
                    var tensor = Fields((byte[])value).ToList();
                    string name = Text(tensor.First(f => f.Field == 8).Value);
                    InitializerDims[name] = tensor.Where(f => f.Field == 1).SelectMany(f => Longs(f.Value)).ToArray();
                    break;
                case 11: ReadInput((byte[])value); break;
            }
        }
    }

    private static Node ReadNode(byte[] bytes)
    {
        var fields = Fields(bytes).ToList();
        var attributes = new Dictionary<string, long[]>();
        foreach (var (_, value) in fields.Where(f => f.Field == 5))
        {
            var attribute = Fields((byte[])value).ToList();
            string name = Text(attribute.First(f => f.Field == 1).Value);
            // i (3) for INT, ints (8, packed or not) for INTS; floats are not read here.
            attributes[name] = attribute.Where(f => f.Field is 3 or 8).SelectMany(f => Longs(f.Value)).ToArray();
        }
        return new Node(Text(fields.First(f => f.Field == 4).Value), Text(fields.First(f => f.Field == 3).Value),
            fields.Where(f => f.Field == 1).Select(f => Text(f.Value)).ToArray(),
            fields.Where(f => f.Field == 2).Select(f => Text(f.Value)).ToArray(), attributes);
    }

    private void ReadInput(byte[] bytes)
    {
        // ValueInfoProto.type (2) -> TypeProto.tensor_type (1) -> shape (2) -> dim (1) -> dim_value (1) | dim_param (2)
        byte[] type = (byte[])Fields(bytes).First(f => f.Field == 2).Value;
        byte[] tensorType = (byte[])Fields(type).First(f => f.Field == 1).Value;
        byte[] shape = (byte[])Fields(tensorType).First(f => f.Field == 2).Value;
        foreach (var (_, dim) in Fields(shape).Where(f => f.Field == 1))
        {
            var (field, value) = Fields((byte[])dim).Single();
            InputDims.Add(field == 1 ? (object)(long)(ulong)value : Text(value));
        }
    }

    private static string Text(object value) => Encoding.UTF8.GetString((byte[])value);

    private static IEnumerable<long> Longs(object value)
    {
        if (value is ulong single)
        {
            yield return (long)single;
            yield break;
        }
        byte[] packed = (byte[])value;
        int at = 0;
        while (at < packed.Length)
        {
            yield return (long)Varint(packed, ref at);
        }
    }

    /// <summary>Each field as (number, value): a varint as ulong, a length-delimited field as its bytes; fixed32 as its 4 bytes.</summary>
    private static IEnumerable<(int Field, object Value)> Fields(byte[] bytes)
    {
        int at = 0;
        var fields = new List<(int, object)>();
        while (at < bytes.Length)
        {
            ulong tag = Varint(bytes, ref at);
            int field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0: fields.Add((field, Varint(bytes, ref at))); break;
                case 2:
                    int length = (int)Varint(bytes, ref at);
                    fields.Add((field, bytes[at..(at + length)]));
                    at += length;
                    break;
                case 5: fields.Add((field, bytes[at..(at + 4)])); at += 4; break;
                default: throw new System.IO.InvalidDataException($"wire type {tag & 7}");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}

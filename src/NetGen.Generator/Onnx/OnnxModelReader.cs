using System;
using System.Collections.Generic;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Reads the messages of <c>onnx.proto</c> that describe a graph (ModelProto, GraphProto, NodeProto,
/// AttributeProto, TensorProto, ValueInfoProto, TypeProto) with the field numbers of that file, and
/// skips every other field. Throws <see cref="OnnxFormatException"/> on malformed bytes.
/// </summary>
internal static class OnnxModelReader
{
    public static OnnxGraph Read(byte[] bytes)
    {
        var reader = new ProtoReader(bytes);
        OnnxGraph? graph = null;
        long? opset = null;
        bool sawIrVersion = false;
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: reader.Int64(); sawIrVersion = true; break;            // ir_version
                case 7: graph = ReadGraph(reader.Message()); break;              // graph
                case 8:                                                          // opset_import
                    var (domain, version) = ReadOpset(reader.Message());
                    if (domain is "" or "ai.onnx")
                    {
                        opset = version;
                    }
                    break;
                default: reader.Skip(); break;
            }
        }
        if (!sawIrVersion || graph is null)
        {
            throw new OnnxFormatException("it has no ir_version or no graph, so it is not an ONNX ModelProto");
        }
        graph.Opset = opset ?? 1;
        return graph;
    }

    private static (string Domain, long Version) ReadOpset(ProtoReader reader)
    {
        string domain = "";
        long version = 0;
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: domain = reader.String(); break;
                case 2: version = reader.Int64(); break;
                default: reader.Skip(); break;
            }
        }
        return (domain, version);
    }

    private static OnnxGraph ReadGraph(ProtoReader reader)
    {
        var graph = new OnnxGraph();
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: graph.Nodes.Add(ReadNode(reader.Message())); break;     // node
                case 5:                                                          // initializer
                    OnnxTensor tensor = ReadTensor(reader.Message());
                    graph.Initializers[tensor.Name] = tensor;
                    break;
                case 11: graph.Inputs.Add(ReadValueInfo(reader.Message())); break;   // input
                case 12: graph.Outputs.Add(ReadValueInfo(reader.Message())); break;  // output
                default: reader.Skip(); break;
            }
        }
        return graph;
    }

    private static OnnxNode ReadNode(ProtoReader reader)
    {
        var node = new OnnxNode();
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: node.Inputs.Add(reader.String()); break;
                case 2: node.Outputs.Add(reader.String()); break;
                case 3: node.Name = reader.String(); break;
                case 4: node.OpType = reader.String(); break;
                case 5:
                    var (name, attribute) = ReadAttribute(reader.Message());
                    node.Attributes[name] = attribute;
                    break;
                case 7: node.Domain = reader.String(); break;
                default: reader.Skip(); break;
            }
        }
        return node;
    }

    private static (string Name, OnnxAttribute Value) ReadAttribute(ProtoReader reader)
    {
        string name = "";
        var attribute = new OnnxAttribute();
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: name = reader.String(); break;
                case 2: attribute.Float = reader.Float(); break;
                case 3: attribute.Int = reader.Int64(); break;
                default: reader.Skip(); break;
            }
        }
        return (name, attribute);
    }

    private static OnnxTensor ReadTensor(ProtoReader reader)
    {
        var tensor = new OnnxTensor();
        byte[]? raw = null;
        var floats = new List<double>();
        var doubles = new List<double>();
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: reader.AddInt64s(tensor.Dims); break;                    // dims
                case 2: tensor.DataType = (int)reader.Int64(); break;             // data_type
                case 4: reader.AddFloats(floats); break;                          // float_data
                case 8: tensor.Name = reader.String(); break;                     // name
                case 9: raw = reader.Bytes(); break;                              // raw_data
                case 10: reader.AddDoubles(doubles); break;                       // double_data
                case 13: tensor.IsExternal = true; reader.Skip(); break;          // external_data
                case 14: tensor.IsExternal |= reader.Int64() == 1; break;          // data_location: EXTERNAL
                default: reader.Skip(); break;
            }
        }
        if (tensor.DataType == OnnxElementType.Float || tensor.DataType == OnnxElementType.Double)
        {
            tensor.Values = raw is not null ? FromRaw(raw, tensor.DataType, tensor.Name)
                : tensor.DataType == OnnxElementType.Float ? floats.ToArray() : doubles.ToArray();
            if (!tensor.IsExternal && tensor.Values.Length != tensor.ElementCount)
            {
                throw new OnnxFormatException($"tensor '{tensor.Name}' has {tensor.Values.Length} values for shape [{string.Join(", ", tensor.Dims)}]");
            }
        }
        return tensor;
    }

    private static double[] FromRaw(byte[] raw, int dataType, string name)
    {
        int size = dataType == OnnxElementType.Float ? 4 : 8;
        if (raw.Length % size != 0)
        {
            throw new OnnxFormatException($"tensor '{name}' has {raw.Length} bytes of raw data, not a whole number of {size}-byte values");
        }
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < raw.Length; i += size)
            {
                Array.Reverse(raw, i, size);
            }
        }
        var values = new double[raw.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = size == 4 ? BitConverter.ToSingle(raw, 4 * i) : BitConverter.ToDouble(raw, 8 * i);
        }
        return values;
    }

    private static OnnxValueInfo ReadValueInfo(ProtoReader reader)
    {
        var info = new OnnxValueInfo();
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: info.Name = reader.String(); break;
                case 2: ReadType(reader.Message(), info); break;
                default: reader.Skip(); break;
            }
        }
        return info;
    }

    private static void ReadType(ProtoReader type, OnnxValueInfo info)
    {
        while (type.Next())
        {
            if (type.Field != 1)                                                  // tensor_type
            {
                type.Skip();
                continue;
            }
            ProtoReader tensorType = type.Message();
            while (tensorType.Next())
            {
                switch (tensorType.Field)
                {
                    case 1: info.ElementType = (int)tensorType.Int64(); break;    // elem_type
                    case 2: info.Dims = ReadShape(tensorType.Message()); break;   // shape
                    default: tensorType.Skip(); break;
                }
            }
        }
    }

    private static List<long?> ReadShape(ProtoReader shape)
    {
        var dims = new List<long?>();
        while (shape.Next())
        {
            if (shape.Field != 1)                                                 // dim
            {
                shape.Skip();
                continue;
            }
            ProtoReader dimension = shape.Message();
            long? value = null;
            while (dimension.Next())
            {
                if (dimension.Field == 1)                                         // dim_value (dim_param leaves it symbolic)
                {
                    value = dimension.Int64();
                }
                else
                {
                    dimension.Skip();
                }
            }
            dims.Add(value);
        }
        return dims;
    }
}

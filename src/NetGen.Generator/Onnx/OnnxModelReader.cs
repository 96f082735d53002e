using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Reads the messages of <c>onnx.proto</c> that describe a graph (ModelProto, GraphProto, NodeProto,
/// AttributeProto, TensorProto, ValueInfoProto, TypeProto) with the field numbers of that file, and
/// skips every other field. Throws <see cref="OnnxFormatException"/> on malformed bytes, and on the
/// model-level faults ONNX Runtime refuses at load: no operator set, an IR version it does not know,
/// attributes without a name or type or given twice, negative tensor dimensions or a size past long's range.
/// Tensor values are not decoded here (see <see cref="OnnxTensor.Decode"/>).
/// </summary>
internal static class OnnxModelReader
{
    public static OnnxGraph Read(byte[] bytes)
    {
        var reader = new ProtoReader(bytes);
        OnnxGraph? graph = null;
        long? opset = null;
        long? irVersion = null;
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: irVersion = reader.Int64(); break;                     // ir_version
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
        if (irVersion is null || graph is null)
        {
            throw new OnnxFormatException("it has no ir_version or no graph, so it is not an ONNX ModelProto");
        }
        if (irVersion is < 0 or > OnnxLimits.MaxIrVersion)
        {
            throw new OnnxFormatException($"its IR version is {Text(irVersion.Value)}; ONNX Runtime 1.31.1, which NetGen follows, reads IR versions 0 to {Text(OnnxLimits.MaxIrVersion)}");
        }
        graph.IrVersion = irVersion.Value;
        // ONNX Runtime refuses a model without one, whatever its IR version ("Missing opset in the model").
        graph.Opset = opset ?? throw new OnnxFormatException(
            "it imports no operator set for the default ONNX domain (ModelProto.opset_import); every ONNX model must name the opset its operators follow");
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
            if (reader.Field is 1 or 5 or 11 or 12)
            {
                CheckCount(graph, reader.Field);
            }
            switch (reader.Field)
            {
                case 1: graph.Nodes.Add(ReadNode(reader.Message())); break;     // node
                case 5:                                                          // initializer
                    // ONNX Runtime keeps the last of two initializers with one name; so does NetGen.
                    OnnxTensor tensor = ReadTensor(reader);
                    graph.Initializers[tensor.Name] = tensor;
                    break;
                case 11: graph.Inputs.Add(ReadValueInfo(reader.Message())); break;   // input
                case 12: graph.Outputs.Add(ReadValueInfo(reader.Message())); break;  // output
                default: reader.Skip(); break;
            }
        }
        return graph;
    }

    /// <summary>Refuses a graph entry past <see cref="Limits.MaxGraphEntries"/> before it is read (NG0015).</summary>
    private static void CheckCount(OnnxGraph graph, int field)
    {
        var (count, what) = field switch
        {
            1 => (graph.Nodes.Count, "nodes"),
            5 => (graph.Initializers.Count, "initializers"),
            11 => (graph.Inputs.Count, "graph inputs"),
            _ => (graph.Outputs.Count, "graph outputs"),
        };
        if (count >= Limits.MaxGraphEntries)
        {
            string limit = Limits.MaxGraphEntries.ToString("N0", CultureInfo.InvariantCulture);
            throw new OnnxImportException(new ImportError(ImportErrorKind.TooLarge, "more than " + limit + " ONNX " + what, Limit: limit + " ONNX " + what));
        }
    }

    private static OnnxNode ReadNode(ProtoReader reader)
    {
        var node = new OnnxNode();
        var attributes = new List<(string Name, OnnxAttribute Value)>();
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: node.Inputs.Add(reader.String()); break;
                case 2: node.Outputs.Add(reader.String()); break;
                case 3: node.Name = reader.String(); break;
                case 4: node.OpType = reader.String(); break;
                case 5: attributes.Add(ReadAttribute(reader.Message())); break;
                case 7: node.Domain = reader.String(); break;
                default: reader.Skip(); break;
            }
        }
        // Checked after the whole node is read, so that messages can name it.
        foreach (var (name, attribute) in attributes)
        {
            if (name.Length == 0)
            {
                throw new OnnxFormatException($"node '{node.DisplayName}' has an attribute without a name");
            }
            if (node.Attributes.ContainsKey(name))
            {
                throw new OnnxFormatException($"node '{node.DisplayName}' gives attribute '{name}' twice");
            }
            node.Attributes[name] = attribute;
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
                case 4: attribute.String = reader.String(); break;
                case 5: attribute.Tensor = ReadTensor(reader); break;
                case 8: reader.AddInt64s(attribute.Ints); break;
                case 9: attribute.Strings.Add(reader.String()); break;
                case 20: attribute.Type = reader.Int64(); break;
                default: reader.Skip(); break;
            }
        }
        return (name, attribute);
    }

    /// <summary>Reads a TensorProto's name, type and shape, counts its values, and leaves their decoding for later.</summary>
    private static OnnxTensor ReadTensor(ProtoReader graph)
    {
        byte[] file = graph.Source;
        var (start, length) = graph.Slice();
        var reader = new ProtoReader(file, start, start + length);
        var tensor = new OnnxTensor();
        (int Start, int Length)? raw = null;
        long typedCount = 0;
        long int64Count = 0;
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: reader.AddInt64s(tensor.Dims); break;                    // dims
                case 2: tensor.DataType = (int)reader.Int64(); break;             // data_type
                case 4: typedCount += reader.CountFixed(4); break;                // float_data
                case 7: int64Count += reader.CountVarints(); break;                // int64_data
                case 8: tensor.Name = reader.String(); break;                     // name
                case 9: raw = reader.Slice(); break;                              // raw_data
                case 10: typedCount += reader.CountFixed(8); break;               // double_data
                case 13: tensor.IsExternal = true; reader.Skip(); break;          // external_data
                case 14: tensor.IsExternal |= reader.Int64() == 1; break;          // data_location: EXTERNAL
                default: reader.Skip(); break;
            }
        }
        tensor.ElementCount = ElementCount(tensor);
        if (tensor.DataType is OnnxElementType.Float or OnnxElementType.Double && !tensor.IsExternal)
        {
            int size = tensor.DataType == OnnxElementType.Float ? 4 : 8;
            long count;
            if (raw is { } bytes)
            {
                if (bytes.Length % size != 0)
                {
                    throw new OnnxFormatException($"tensor '{tensor.Name}' has {bytes.Length} bytes of raw data, not a whole number of {size}-byte values");
                }
                count = bytes.Length / size;
                tensor.Decode = () => FromRaw(file, bytes.Start, bytes.Length, size);
            }
            else
            {
                count = typedCount;
                tensor.Decode = () => FromTyped(file, start, length, tensor.DataType, count);
            }
            if (count != tensor.ElementCount)
            {
                throw new OnnxFormatException($"tensor '{tensor.Name}' has {count} values for shape {tensor.Shape}");
            }
        }
        else if (tensor.DataType == OnnxElementType.Int64 && !tensor.IsExternal)
        {
            long count = raw is { } bytes ? bytes.Length / 8 : int64Count;
            if ((raw is { } r && r.Length % 8 != 0) || count != tensor.ElementCount)
            {
                throw new OnnxFormatException($"tensor '{tensor.Name}' has {(raw is { } b ? b.Length + " bytes of raw data" : count + " values")} for int64 shape {tensor.Shape}");
            }
            tensor.DecodeInt64 = raw is { } data ? () => Int64sFromRaw(file, data.Start, data.Length) : () => Int64sFromTyped(file, start, length);
        }
        return tensor;
    }

    private static long[] Int64sFromRaw(byte[] file, int start, int length)
    {
        var values = new long[length / 8];
        for (int i = 0; i < values.Length; i++)
        {
            long value = 0;
            for (int b = 7; b >= 0; b--)
            {
                value = (value << 8) | file[start + 8 * i + b]; // little-endian whatever the machine's order
            }
            values[i] = value;
        }
        return values;
    }

    private static long[] Int64sFromTyped(byte[] file, int start, int length)
    {
        var values = new List<long>();
        var reader = new ProtoReader(file, start, start + length);
        while (reader.Next())
        {
            if (reader.Field == 7)
            {
                reader.AddInt64s(values);
            }
            else
            {
                reader.Skip();
            }
        }
        return values.ToArray();
    }

    /// <summary>The product of the dimensions; ONNX Runtime refuses negative ones and sizes past long's range.</summary>
    private static long ElementCount(OnnxTensor tensor)
    {
        long count = 1;
        foreach (long dim in tensor.Dims)
        {
            if (dim < 0)
            {
                throw new OnnxFormatException($"tensor '{tensor.Name}' has shape {tensor.Shape}: a dimension is negative");
            }
            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw new OnnxFormatException($"tensor '{tensor.Name}' has shape {tensor.Shape}, more values than a 64-bit count holds");
            }
        }
        return count;
    }

    private static double[] FromRaw(byte[] file, int start, int length, int size)
    {
        var values = new double[length / size];
        byte[] bytes = file;
        int offset = start;
        if (!BitConverter.IsLittleEndian)
        {
            // Reversed in a copy: the file's bytes are read again if the tensor is decoded again.
            bytes = new byte[length];
            Buffer.BlockCopy(file, start, bytes, 0, length);
            for (int i = 0; i < length; i += size)
            {
                Array.Reverse(bytes, i, size);
            }
            offset = 0;
        }
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = size == 4 ? BitConverter.ToSingle(bytes, offset + 4 * i) : BitConverter.ToDouble(bytes, offset + 8 * i);
        }
        return values;
    }

    /// <summary>Reads float_data or double_data (packed or not) of a tensor message a second time, now into values.</summary>
    private static double[] FromTyped(byte[] file, int start, int length, int dataType, long count)
    {
        var values = new List<double>((int)Math.Min(count, int.MaxValue));
        var reader = new ProtoReader(file, start, start + length);
        int field = dataType == OnnxElementType.Float ? 4 : 10;
        while (reader.Next())
        {
            if (reader.Field != field)
            {
                reader.Skip();
            }
            else if (field == 4)
            {
                reader.AddFloats(values);
            }
            else
            {
                reader.AddDoubles(values);
            }
        }
        return values.ToArray();
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
            info.HasType = true;
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

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

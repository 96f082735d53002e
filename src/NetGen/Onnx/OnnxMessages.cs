using System;
using System.Collections.Generic;

namespace NetGen.Onnx;

/// <summary>
/// Writes the ONNX messages the exporter needs, with the field numbers of <c>onnx.proto</c>
/// (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, TypeProto, AttributeProto,
/// OperatorSetIdProto). Only the fields NetGen fills are listed.
/// </summary>
internal static class OnnxMessages
{
    /// <summary>TensorProto.DataType.FLOAT.</summary>
    public const int ElementFloat = 1;

    /// <summary>TensorProto.DataType.DOUBLE.</summary>
    public const int ElementDouble = 11;

    private const int AttributeTypeFloat = 1;
    private const int AttributeTypeInt = 2;
    private const int AttributeTypeInts = 7;
    private const int AttributeTypeStrings = 8;

    public static ProtoWriter Model(long irVersion, long opset, string producerVersion, string docString, ProtoWriter graph)
    {
        var model = new ProtoWriter();
        model.Int64(1, irVersion);            // ir_version
        model.String(2, "NetGen");            // producer_name
        model.String(3, producerVersion);     // producer_version
        model.String(6, docString);           // doc_string
        model.Message(7, graph);              // graph
        var opsetId = new ProtoWriter();
        opsetId.String(1, "");                // domain: the default ONNX operator set
        opsetId.Int64(2, opset);              // version
        model.Message(8, opsetId);            // opset_import
        return model;
    }

    public static ProtoWriter Graph(string name, IEnumerable<ProtoWriter> nodes, IEnumerable<ProtoWriter> initializers,
        ProtoWriter input, ProtoWriter output)
    {
        var graph = new ProtoWriter();
        foreach (ProtoWriter node in nodes)
        {
            graph.Message(1, node);           // node
        }
        graph.String(2, name);                // name
        foreach (ProtoWriter tensor in initializers)
        {
            graph.Message(5, tensor);         // initializer
        }
        graph.Message(11, input);             // input
        graph.Message(12, output);            // output
        return graph;
    }

    public static ProtoWriter Node(string opType, string name, string[] inputs, string[] outputs, params ProtoWriter[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);            // input
        }
        foreach (string output in outputs)
        {
            node.String(2, output);           // output
        }
        node.String(3, name);                 // name
        node.String(4, opType);               // op_type
        foreach (ProtoWriter attribute in attributes)
        {
            node.Message(5, attribute);       // attribute
        }
        return node;
    }

    public static ProtoWriter IntAttribute(string name, long value)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);            // name
        attribute.Int64(3, value);            // i
        attribute.Int64(20, AttributeTypeInt); // type
        return attribute;
    }

    public static ProtoWriter IntsAttribute(string name, ReadOnlySpan<int> values)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);            // name
        foreach (int value in values)
        {
            attribute.Int64(8, value);        // ints (unpacked, as onnx.proto's proto2 syntax writes them)
        }
        attribute.Int64(20, AttributeTypeInts); // type
        return attribute;
    }

    public static ProtoWriter StringsAttribute(string name, string[] values)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);            // name
        foreach (string value in values)
        {
            attribute.String(9, value);       // strings (UTF-8 bytes)
        }
        attribute.Int64(20, AttributeTypeStrings); // type
        return attribute;
    }

    public static ProtoWriter FloatAttribute(string name, float value)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);            // name
        attribute.Float(2, value);            // f
        attribute.Int64(20, AttributeTypeFloat); // type
        return attribute;
    }

    /// <summary>A tensor whose values are stored as little-endian raw_data.</summary>
    public static ProtoWriter Tensor(string name, ReadOnlySpan<long> dims, int elementType, ReadOnlySpan<byte> littleEndianData)
    {
        var tensor = new ProtoWriter();
        tensor.PackedInt64(1, dims);          // dims
        tensor.Int64(2, elementType);         // data_type
        tensor.String(8, name);               // name
        tensor.Bytes(9, littleEndianData);    // raw_data
        return tensor;
    }

    /// <summary>A tensor value description: a name, an element type and a shape of fixed or named dimensions.</summary>
    public static ProtoWriter ValueInfo(string name, int elementType, params object[] dims)
    {
        var shape = new ProtoWriter();
        foreach (object dim in dims)
        {
            var dimension = new ProtoWriter();
            if (dim is string symbol)
            {
                dimension.String(2, symbol);  // dim_param
            }
            else
            {
                dimension.Int64(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture)); // dim_value
            }
            shape.Message(1, dimension);      // dim
        }
        var tensorType = new ProtoWriter();
        tensorType.Int64(1, elementType);     // elem_type
        tensorType.Message(2, shape);         // shape
        var type = new ProtoWriter();
        type.Message(1, tensorType);          // tensor_type
        var valueInfo = new ProtoWriter();
        valueInfo.String(1, name);            // name
        valueInfo.Message(2, type);           // type
        return valueInfo;
    }
}

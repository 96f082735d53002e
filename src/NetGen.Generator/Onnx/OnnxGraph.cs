using System.Collections.Generic;

namespace NetGen.Generator.Onnx;

// The parts of an ONNX ModelProto that NetGen reads, as plain objects. They live only inside the
// step that reads a model file; what leaves that step is an ImportedNetwork or an ImportError.

internal sealed class OnnxGraph
{
    /// <summary>The version of the default ("" or "ai.onnx") operator set the model imports.</summary>
    public long Opset { get; set; }

    /// <summary>ModelProto.ir_version.</summary>
    public long IrVersion { get; set; }

    public List<OnnxNode> Nodes { get; } = new();

    public Dictionary<string, OnnxTensor> Initializers { get; } = new();

    public List<OnnxValueInfo> Inputs { get; } = new();

    public List<OnnxValueInfo> Outputs { get; } = new();
}

internal sealed class OnnxNode
{
    public string OpType { get; set; } = "";

    public string Name { get; set; } = "";

    public string Domain { get; set; } = "";

    public List<string> Inputs { get; } = new();

    public List<string> Outputs { get; } = new();

    public Dictionary<string, OnnxAttribute> Attributes { get; } = new();

    /// <summary>The node's name for messages: its name, else its operator and first output.</summary>
    public string DisplayName => Name.Length > 0 ? Name : OpType + " -> " + (Outputs.Count > 0 ? Outputs[0] : "?");
}

/// <summary>
/// An attribute's type and value: ONNX attributes NetGen reads are one int, one float, a list of ints
/// (a window's sizes), a string (<c>auto_pad</c>) or a tensor (a <c>Constant</c>'s value). A scalar the
/// file leaves out is 0, as proto3 defines and ONNX Runtime reads it: proto3 writers encode an
/// attribute of value 0 as its name and type alone.
/// </summary>
internal sealed class OnnxAttribute
{
    public const int TypeFloat = 1;
    public const int TypeInt = 2;
    public const int TypeString = 3;
    public const int TypeTensor = 4;
    public const int TypeInts = 7;
    public const int TypeFloats = 6;
    public const int TypeStrings = 8;

    /// <summary>AttributeProto.type; 0 (UNDEFINED) when the file gives none.</summary>
    public long Type { get; set; }

    public long Int { get; set; }

    public float Float { get; set; }

    /// <summary>AttributeProto.ints, packed or not.</summary>
    public List<long> Ints { get; } = new();

    /// <summary>AttributeProto.s, compared by its bytes like every name (see <see cref="OnnxNames"/>).</summary>
    public string String { get; set; } = "";

    /// <summary>AttributeProto.strings: a recurrent operator's <c>activations</c>.</summary>
    public List<string> Strings { get; } = new();

    /// <summary>AttributeProto.t: a <c>Constant</c> node's value.</summary>
    public OnnxTensor? Tensor { get; set; }

    public static string TypeName(long type) => type switch
    {
        0 => "no type",
        TypeFloat => "FLOAT",
        TypeInt => "INT",
        3 => "STRING",
        4 => "TENSOR",
        5 => "GRAPH",
        6 => "FLOATS",
        7 => "INTS",
        8 => "STRINGS",
        _ => "type " + type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

internal sealed class OnnxTensor
{
    private double[]? _values;

    public string Name { get; set; } = "";

    public List<long> Dims { get; } = new();

    public int DataType { get; set; }

    public bool IsExternal { get; set; }

    /// <summary>The product of <see cref="Dims"/>; the reader refuses negative dimensions and products over long's range.</summary>
    public long ElementCount { get; set; } = 1;

    /// <summary>
    /// Decodes the values on first use, from the file's bytes: a model may hold large initializers that
    /// no layer uses, or that the importer refuses by their shape before it needs a single value, so
    /// nothing is decoded before the importer has checked the network's size.
    /// </summary>
    public System.Func<double[]>? Decode { get; set; }

    /// <summary>The values widened to double (exact for float), or null when the type is not float or double.</summary>
    public double[]? Values => _values ??= Decode?.Invoke();

    /// <summary>
    /// Decodes an int64 tensor's values (a shape or an index: the reader counts them against the shape,
    /// and the importer decodes only tensors of a few values); null for other types.
    /// </summary>
    public System.Func<long[]>? DecodeInt64 { get; set; }

    public string Shape => "[" + string.Join(", ", Dims.ConvertAll(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}

internal sealed class OnnxValueInfo
{
    public string Name { get; set; } = "";

    /// <summary>TensorProto.DataType of the value; 0 when the file gives none.</summary>
    public int ElementType { get; set; }

    /// <summary>Whether the value has a type at all (ONNX Runtime infers a graph output's type when it has none).</summary>
    public bool HasType { get; set; }

    /// <summary>Null when the model gives no shape; each dimension is a fixed size or null (symbolic or unknown).</summary>
    public List<long?>? Dims { get; set; }
}

internal static class OnnxElementType
{
    public const int Float = 1;
    public const int Int64 = 7;
    public const int Double = 11;

    public static string Name(int type) => type switch
    {
        1 => "float", 2 => "uint8", 3 => "int8", 4 => "uint16", 5 => "int16", 6 => "int32", 7 => "int64",
        8 => "string", 9 => "bool", 10 => "float16", 11 => "double", 12 => "uint32", 13 => "uint64", 16 => "bfloat16",
        _ => "element type " + type.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

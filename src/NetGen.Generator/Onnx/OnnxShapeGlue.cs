using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Works out the target shape of a <c>Reshape</c> without running the model: a constant int64
/// initializer or <c>Constant</c> node, or the glue PyTorch exports for <c>x.view(x.size(0), -1)</c> with
/// a dynamic batch: <c>Shape(x)</c>, <c>Gather</c> of its first entry, <c>Unsqueeze</c>, and <c>Concat</c>
/// with a constant. The batch size stays a symbol (null): NetGen computes one sample at a time. The glue
/// nodes it evaluates are marked used; anything else (another operator, a shape read from a graph
/// input) is NG0202, since the shape would then depend on the data.
/// </summary>
internal sealed class OnnxShapeGlue
{
    /// <summary>More glue than PyTorch writes for one view; bounds the evaluation of a hostile graph.</summary>
    private const int MaxGlueNodes = 32;

    /// <summary>A shape of more entries than this is no shape NetGen reshapes to (checked before decoding).</summary>
    private const int MaxEntries = 8;

    private readonly OnnxGraph _graph;
    private readonly Dictionary<string, OnnxNode> _producers;
    private readonly HashSet<OnnxNode> _used;
    private readonly OnnxNode _reshape;
    private readonly string _data;
    private readonly long?[] _dataShape;
    private int _visited;

    /// <param name="dataShape">The full shape of the reshaped tensor, the batch first (null when symbolic).</param>
    private OnnxShapeGlue(OnnxGraph graph, Dictionary<string, OnnxNode> producers, HashSet<OnnxNode> used, OnnxNode reshape, long?[] dataShape)
    {
        _graph = graph;
        _producers = producers;
        _used = used;
        _reshape = reshape;
        _data = reshape.Inputs.Count > 0 ? reshape.Inputs[0] : "";
        _dataShape = dataShape;
    }

    /// <summary>
    /// The int64 values of input <paramref name="input"/> of <paramref name="node"/>, which must be constant
    /// (an initializer or computed from Constant nodes): a Pad's pads.
    /// </summary>
    public static long[] ConstantInts(OnnxGraph graph, Dictionary<string, OnnxNode> producers, HashSet<OnnxNode> used, OnnxNode node, string input)
    {
        var glue = new OnnxShapeGlue(graph, producers, used, node, new long?[0]);
        long?[] values = glue.Evaluate(input).Values;
        if (values.Any(v => v is null))
        {
            throw glue.Dynamic($"'{input}' depends on the batch size");
        }
        return values.Select(v => v!.Value).ToArray();
    }

    /// <summary>The entries of <paramref name="reshape"/>'s shape input; null entries are the batch size.</summary>
    public static long?[] TargetShape(OnnxGraph graph, Dictionary<string, OnnxNode> producers, HashSet<OnnxNode> used, OnnxNode reshape, long?[] dataShape)
    {
        var glue = new OnnxShapeGlue(graph, producers, used, reshape, dataShape);
        var (values, scalar) = glue.Evaluate(reshape.Inputs[1]);
        if (scalar)
        {
            throw glue.Dynamic($"its shape '{reshape.Inputs[1]}' is a scalar, not a list of sizes");
        }
        return values;
    }

    private (long?[] Values, bool Scalar) Evaluate(string name)
    {
        if (_graph.Initializers.TryGetValue(name, out OnnxTensor? tensor))
        {
            return Constant(tensor, name);
        }
        if (!_producers.TryGetValue(name, out OnnxNode? node))
        {
            throw Dynamic($"its shape comes from '{name}', which is neither a constant nor computed from constants and the input's shape");
        }
        if (++_visited > MaxGlueNodes)
        {
            throw Dynamic($"its shape is computed by more than {MaxGlueNodes} nodes");
        }
        _used.Add(node);
        switch (node.OpType)
        {
            case "Constant":
                return ConstantNode(node);
            case "Shape":
                if (node.Inputs.Count != 1 || node.Inputs[0] != _data)
                {
                    throw Dynamic($"its shape reads the shape of '{(node.Inputs.Count > 0 ? node.Inputs[0] : "?")}' ('{node.DisplayName}'), not of the tensor it reshapes");
                }
                if (node.Attributes.ContainsKey("start") || node.Attributes.ContainsKey("end"))
                {
                    throw Dynamic($"'{node.DisplayName}' takes part of the shape (start, end); NetGen reads Shape whole");
                }
                return (_dataShape, false);
            case "Gather":
                return Gather(node);
            case "Unsqueeze":
                return Unsqueeze(node);
            case "Concat":
                return Concat(node);
            default:
                throw Dynamic($"its shape is computed by '{node.DisplayName}' ({node.OpType}); NetGen evaluates constants, Shape, Gather, Unsqueeze and Concat");
        }
    }

    private (long?[] Values, bool Scalar) Gather(OnnxNode node)
    {
        if (node.Inputs.Count != 2 || Int(node, "axis", 0) != 0)
        {
            throw Dynamic($"'{node.DisplayName}' is not a Gather of entries (two inputs, axis 0)");
        }
        var (data, dataScalar) = Evaluate(node.Inputs[0]);
        var (indices, scalar) = Evaluate(node.Inputs[1]);
        if (dataScalar || indices.Any(i => i is null || i < -data.Length || i >= data.Length))
        {
            throw Dynamic($"'{node.DisplayName}' gathers entries {Text(indices)} of {Text(data)}");
        }
        return (indices.Select(i => data[i!.Value < 0 ? i.Value + data.Length : i.Value]).ToArray(), scalar);
    }

    private (long?[] Values, bool Scalar) Unsqueeze(OnnxNode node)
    {
        long?[] axes = node.Inputs.Count == 2 ? Evaluate(node.Inputs[1]).Values
            : node.Attributes.TryGetValue("axes", out OnnxAttribute? attribute) ? attribute.Ints.Select(a => (long?)a).ToArray()
            : new long?[0];
        var (values, scalar) = node.Inputs.Count is 1 or 2 ? Evaluate(node.Inputs[0]) : (new long?[0], false);
        if (!scalar || axes.Length != 1 || axes[0] is not (0 or -1))
        {
            throw Dynamic($"'{node.DisplayName}' is not an Unsqueeze of one entry into a list (axes [0])");
        }
        return (values, false);
    }

    private (long?[] Values, bool Scalar) Concat(OnnxNode node)
    {
        if (Int(node, "axis", 0) is not (0 or -1))
        {
            throw Dynamic($"'{node.DisplayName}' concatenates along axis {Int(node, "axis", 0).ToString(CultureInfo.InvariantCulture)}");
        }
        var all = new List<long?>();
        foreach (string input in node.Inputs)
        {
            var (values, scalar) = Evaluate(input);
            if (scalar)
            {
                throw Dynamic($"'{node.DisplayName}' concatenates a scalar");
            }
            all.AddRange(values);
            if (all.Count > MaxEntries)
            {
                throw Dynamic($"'{node.DisplayName}' makes a shape of more than {MaxEntries} entries");
            }
        }
        return (all.ToArray(), false);
    }

    private (long?[] Values, bool Scalar) ConstantNode(OnnxNode node)
    {
        if (node.Attributes.TryGetValue("value", out OnnxAttribute? value) && value.Tensor is { } tensor)
        {
            return Constant(tensor, node.DisplayName);
        }
        if (node.Attributes.TryGetValue("value_ints", out OnnxAttribute? ints))
        {
            return (ints.Ints.Take(MaxEntries + 1).Select(v => (long?)v).ToArray(), false);
        }
        if (node.Attributes.TryGetValue("value_int", out OnnxAttribute? one))
        {
            return (new long?[] { one.Int }, true);
        }
        throw Dynamic($"'{node.DisplayName}' is a Constant that holds no integers");
    }

    private (long?[] Values, bool Scalar) Constant(OnnxTensor tensor, string name)
    {
        if (tensor.DataType != OnnxElementType.Int64 || tensor.DecodeInt64 is null)
        {
            throw Dynamic($"its shape '{name}' holds {OnnxElementType.Name(tensor.DataType)}{(tensor.IsExternal ? " in an external file" : "")}, where ONNX's Reshape reads int64");
        }
        if (tensor.Dims.Count > 1 || tensor.ElementCount > MaxEntries)
        {
            throw Dynamic($"its shape '{name}' has shape {tensor.Shape}; a shape NetGen reshapes to is a list of at most {MaxEntries} sizes");
        }
        return (tensor.DecodeInt64().Select(v => (long?)v).ToArray(), tensor.Dims.Count == 0);
    }

    private static long Int(OnnxNode node, string name, long fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Int : fallback;

    public static string Text(long?[] values) =>
        "[" + string.Join(", ", values.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "N")) + "]";

    private OnnxImportException Dynamic(string detail) =>
        OnnxNetworkImporter.Structure($"'{_reshape.DisplayName}' ({_reshape.OpType}) needs constant sizes, but {detail}");
}

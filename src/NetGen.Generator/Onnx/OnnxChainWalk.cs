using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Follows the graph from its input to its output, one tensor at a time, and plans a layer for each
/// Gemm or MatMul with the Add and the activation after it. Each step finds the tensor's consumers in
/// an index built once, so a chain of n nodes takes time linear in n (a scan of every node at each step
/// took 681 s for 100,000 Identity nodes).
/// </summary>
internal sealed class OnnxChainWalk
{
    private readonly OnnxGraph _graph;
    private readonly int _expectedType;
    private readonly Dictionary<string, List<OnnxNode>> _consumers = new();
    private readonly HashSet<OnnxNode> _used = new();
    private readonly List<OnnxLayerPlan> _layers = new();
    private readonly List<double> _slopes = new();
    private OnnxLayerPlan? _pending;
    private int _width;
    private long _weights;

    public OnnxChainWalk(OnnxGraph graph, OnnxValueInfo input, PrecisionKind precision)
    {
        _graph = graph;
        _expectedType = precision == PrecisionKind.Double ? OnnxElementType.Double : OnnxElementType.Float;
        _width = (int)input.Dims![1]!.Value;
        Input = input.Name;
        foreach (OnnxNode node in graph.Nodes)
        {
            foreach (string name in node.Inputs.Distinct())
            {
                if (!_consumers.TryGetValue(name, out List<OnnxNode>? list))
                {
                    _consumers[name] = list = new List<OnnxNode>();
                }
                list.Add(node);
            }
        }
    }

    private string Input { get; }

    public List<OnnxLayerPlan> Run(string outputName)
    {
        string current = Input;
        while (current != outputName)
        {
            List<OnnxNode> consumers = _consumers.TryGetValue(current, out List<OnnxNode>? all)
                ? all.Where(n => !_used.Contains(n)).ToList()
                : new List<OnnxNode>();
            if (consumers.Count == 0)
            {
                throw Structure($"nothing consumes tensor '{current}', and it is not the graph's output '{outputName}'");
            }
            if (TryLeakyReluPattern(consumers, current, out OnnxNode? max, out double patternSlope))
            {
                RequireLayer(max!);
                _slopes.Add(patternSlope);
                Finish(ActivationKind.LeakyReLU);
                _used.UnionWith(consumers);
                current = max!.Outputs[0];
                continue;
            }
            if (consumers.Count > 1)
            {
                throw Structure($"tensor '{current}' feeds {consumers.Count} nodes ({string.Join(", ", consumers.Select(n => n.DisplayName))}); NetGen compiles a chain of layers");
            }
            OnnxNode node = consumers[0];
            _used.Add(node);
            if (node.Outputs.Count != 1)
            {
                throw Structure($"node '{node.DisplayName}' has {node.Outputs.Count} outputs");
            }
            Step(node, current);
            current = node.Outputs[0];
        }
        if (_pending is not null)
        {
            Finish(ActivationKind.Identity);
        }
        if (_layers.Count == 0)
        {
            throw Structure("the input is the output: the graph has no layers");
        }
        OnnxNode? unused = _graph.Nodes.FirstOrDefault(n => !_used.Contains(n));
        if (unused is not null)
        {
            throw Structure($"node '{unused.DisplayName}' is not on the path from the input to the output");
        }
        return _layers;
    }

    /// <summary>The network's one LeakyReLU slope (0.01 when it has no LeakyReLU).</summary>
    public double Slope()
    {
        double slope = _slopes.Count == 0 ? 0.01 : _slopes[0];
        if (_slopes.Any(s => !s.Equals(slope)))
        {
            throw Structure($"its LeakyRelu nodes have different slopes ({string.Join(", ", _slopes.Distinct().Select(Text))}); a NetGen network has one");
        }
        if (!(slope >= 0 && slope < 1))
        {
            throw Structure($"its LeakyRelu slope {Text(slope)} is outside [0, 1), which NetGen supports");
        }
        return slope;
    }

    private void Step(OnnxNode node, string current)
    {
        switch (node.OpType)
        {
            case "Gemm":
            case "MatMul":
                if (_pending is not null)
                {
                    Finish(ActivationKind.Identity);
                }
                _pending = PlanLinear(node, current);
                break;
            case "Add":
                if (_pending is null)
                {
                    throw Structure($"'{node.DisplayName}' adds to a tensor that is not the output of a Gemm or MatMul; NetGen reads Add only as a layer's bias");
                }
                _pending.Bias.Add(new BiasTerm(BiasTensor(ConstantOperand(node, current), node), 1.0, node));
                break;
            case "Identity":
                break;
            case "Sigmoid":
                RequireLayer(node);
                Finish(ActivationKind.Sigmoid);
                break;
            case "Tanh":
                RequireLayer(node);
                Finish(ActivationKind.Tanh);
                break;
            case "Relu":
                RequireLayer(node);
                Finish(ActivationKind.ReLU);
                break;
            case "LeakyRelu":
                RequireLayer(node);
                _slopes.Add(Float(node, "alpha", 0.01f));
                Finish(ActivationKind.LeakyReLU);
                break;
            case "Softmax":
                RequireLayer(node);
                // An axis attribute present without its value is axis 0 (proto3's encoding of 0), as ONNX Runtime reads it.
                long axis = Int(node, "axis", _graph.Opset >= OnnxLimits.SoftmaxLastAxisOpset ? -1 : 1);
                if (axis is not (-1 or 1))
                {
                    throw Structure($"'{node.DisplayName}' takes softmax over axis {Text(axis)}; NetGen's softmax runs over the units of a layer (axis 1 or -1)");
                }
                Finish(ActivationKind.Softmax);
                break;
            default:
                throw Structure($"'{node.DisplayName}' ({node.OpType}) is not part of NetGen's LeakyReLU pattern Max(x, Mul(x, slope))");
        }
    }

    private void Finish(ActivationKind activation)
    {
        _pending!.Activation = activation;
        _layers.Add(_pending);
        _width = _pending.Width;
        _pending = null;
    }

    /// <summary>Plans a Gemm (A B' or A B, scaled by alpha, plus beta C) or a MatMul from the shapes of its operands.</summary>
    private OnnxLayerPlan PlanLinear(OnnxNode node, string current)
    {
        if (node.Inputs.Count < 2 || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' must take the previous layer's output as its first input");
        }
        bool gemm = node.OpType == "Gemm";
        if (gemm && Int(node, "transA", 0) != 0)
        {
            throw Structure($"'{node.DisplayName}' transposes its input (transA = 1), which a layer of a network never needs");
        }
        bool transposed = gemm && Int(node, "transB", 0) != 0; // transposed: stored [out, in], NetGen's own order
        int fanIn = _width;
        OnnxTensor weight = Constant(node.Inputs[1], node);
        if (weight.Dims.Count != 2 || weight.Dims[transposed ? 1 : 0] != fanIn)
        {
            throw Structure($"weight '{weight.Name}' of '{node.DisplayName}' has shape {weight.Shape} but the layer receives {fanIn} values{(transposed ? " (transB = 1: [out, in] expected)" : " ([in, out] expected)")}");
        }
        long width = weight.Dims[transposed ? 0 : 1];
        if (width < 1)
        {
            throw Structure($"weight '{weight.Name}' of '{node.DisplayName}' has shape {weight.Shape}: a layer of no units");
        }
        // Checked on shapes, before any value is decoded: one large initializer reused by many layers
        // reached 6.8 GB when each layer copied it before the size was checked.
        if (width > (Limits.MaxImportedParameters - _weights) / fanIn)
        {
            throw OnnxNetworkImporter.TooLarge((decimal)_weights + (decimal)width * fanIn);
        }
        _weights += width * fanIn;
        // Gemm's alpha and beta: an attribute present without its value is 0, as ONNX Runtime reads it.
        double alpha = gemm ? Float(node, "alpha", 1f) : 1.0;
        var layer = new OnnxLayerPlan(node, weight, transposed, alpha, fanIn, (int)width);
        if (gemm && node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
        {
            layer.Bias.Add(new BiasTerm(BiasTensor(Constant(node.Inputs[2], node), layer, node), Float(node, "beta", 1f), node));
        }
        return layer;
    }

    private OnnxTensor BiasTensor(OnnxTensor tensor, OnnxNode node) => BiasTensor(tensor, _pending!, node);

    /// <summary>A bias that broadcasts over [batch, width]: one value, or one per unit as [width] or [1, width].</summary>
    private static OnnxTensor BiasTensor(OnnxTensor tensor, OnnxLayerPlan layer, OnnxNode node)
    {
        int width = layer.Width;
        long count = tensor.ElementCount;
        bool perUnit = count == width && tensor.Dims.Count >= 1 && tensor.Dims[tensor.Dims.Count - 1] == width && tensor.Dims.Count <= 2;
        if (count != 1 && !perUnit)
        {
            throw Structure($"bias '{tensor.Name}' of '{node.DisplayName}' has shape {tensor.Shape}; a layer of {width} units takes [{width}], [1, {width}] or one value");
        }
        return tensor;
    }

    /// <summary>The constant operand of a binary node whose other operand is <paramref name="current"/>.</summary>
    private OnnxTensor ConstantOperand(OnnxNode node, string current)
    {
        if (node.Inputs.Count != 2 || !node.Inputs.Contains(current))
        {
            throw Structure($"'{node.DisplayName}' must combine the previous tensor with a constant");
        }
        return Constant(node.Inputs[0] == current ? node.Inputs[1] : node.Inputs[0], node);
    }

    private OnnxTensor Constant(string name, OnnxNode node)
    {
        if (!_graph.Initializers.TryGetValue(name, out OnnxTensor? tensor))
        {
            throw Structure($"'{name}', an operand of '{node.DisplayName}', is not a constant initializer; NetGen needs the weights inside the model");
        }
        if (tensor.IsExternal)
        {
            throw Structure($"initializer '{name}' is stored in an external data file; save the model with its weights inside it");
        }
        if (tensor.DataType is not (OnnxElementType.Float or OnnxElementType.Double))
        {
            throw Structure($"initializer '{name}' holds {OnnxElementType.Name(tensor.DataType)}; NetGen reads float and double weights");
        }
        if (tensor.DataType != _expectedType)
        {
            // ONNX Runtime: "Type parameter (T) of Optype (Gemm) bound to different types".
            throw OnnxNetworkImporter.Malformed($"'{node.DisplayName}' combines {OnnxElementType.Name(_expectedType)} values with initializer '{name}' of {OnnxElementType.Name(tensor.DataType)}; an ONNX operator's operands share one element type");
        }
        return tensor;
    }

    /// <summary>NetGen's double-precision LeakyReLU: Mul(x, slope) and Max(x, that), both fed by x.</summary>
    private bool TryLeakyReluPattern(List<OnnxNode> consumers, string current, out OnnxNode? max, out double slope)
    {
        slope = 0;
        OnnxNode? mul = consumers.FirstOrDefault(n => n.OpType == "Mul");
        max = consumers.FirstOrDefault(n => n.OpType == "Max");
        if (consumers.Count != 2 || mul is null || max is null || mul.Outputs.Count != 1 || max.Outputs.Count != 1
            || max.Inputs.Count != 2 || !max.Inputs.Contains(current) || !max.Inputs.Contains(mul.Outputs[0]))
        {
            return false;
        }
        OnnxTensor factor = ConstantOperand(mul, current);
        if (factor.ElementCount != 1)
        {
            return false;
        }
        slope = factor.Values![0];
        return true;
    }

    private void RequireLayer(OnnxNode node)
    {
        if (_pending is null)
        {
            throw Structure($"activation '{node.DisplayName}' ({node.OpType}) does not follow a Gemm or MatMul; each NetGen layer has one activation");
        }
    }

    /// <summary>An int attribute's value; present without a value it is 0 (see <see cref="OnnxAttribute"/>).</summary>
    private static long Int(OnnxNode node, string name, long fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Int : fallback;

    /// <summary>A float attribute's value; present without a value it is 0 (see <see cref="OnnxAttribute"/>).</summary>
    private static double Float(OnnxNode node, string name, float fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Float : fallback;

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static OnnxImportException Structure(string detail) => OnnxNetworkImporter.Structure(detail);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Follows the graph from its input to its output, one tensor at a time, and plans a layer for each
/// Gemm or MatMul with the Add and the activation after it, each Conv with the BatchNormalization and
/// activation after it, and each pooling node; Flatten and a static Reshape change only how the values
/// are seen (<see cref="_shape"/>). Each step finds the tensor's consumers in an index built once, so a
/// chain of n nodes takes time linear in n (a scan of every node at each step took 681 s for 100,000
/// Identity nodes).
/// </summary>
internal sealed partial class OnnxChainWalk
{
    private readonly OnnxGraph _graph;
    private readonly int _expectedType;
    private readonly Dictionary<string, List<OnnxNode>> _consumers = new();
    private readonly Dictionary<string, OnnxNode> _producers = new();
    private readonly HashSet<OnnxNode> _used = new();
    private readonly List<OnnxLayerPlan> _layers = new();
    private readonly List<double> _slopes = new();
    private readonly long? _batch;
    private OnnxLayerPlan? _pending;

    /// <summary>The current tensor's shape per sample: <c>[values]</c>, or <c>[channels, positions...]</c> for a feature map.</summary>
    private int[] _shape;
    private long _weights;

    /// <param name="shape">The input's shape per sample (<c>[features]</c>, <c>[C, L]</c> or <c>[C, H, W]</c>).</param>
    /// <param name="batch">The input's batch dimension: fixed, or null when symbolic.</param>
    public OnnxChainWalk(OnnxGraph graph, OnnxValueInfo input, PrecisionKind precision, int[] shape, long? batch)
    {
        _graph = graph;
        _expectedType = precision == PrecisionKind.Double ? OnnxElementType.Double : OnnxElementType.Float;
        _shape = shape;
        _batch = batch;
        // [N, T, F] or [N, C, L]: a sequence if a recurrent layer reads it, a feature map if a Conv does.
        _layout = shape.Length == 2 ? SequenceLayout.BatchMajor : SequenceLayout.None;
        Input = input.Name;
        foreach (OnnxNode node in graph.Nodes)
        {
            foreach (string output in node.Outputs)
            {
                // The operator rules refuse a tensor defined twice, so each has at most one producer.
                _producers[output] = node;
            }
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
            if (consumers.Count > 1 && consumers.Count(ReadsShapeOnly) == consumers.Count - 1)
            {
                // x.view(x.size(0), -1): Shape reads x's dimensions only, for the Reshape's glue, which marks it used;
                // the same for the zero initial state PyTorch builds from the batch size before each RNN, GRU or LSTM.
                consumers.RemoveAll(ReadsShapeOnly);
            }
            if (consumers.Count > 1)
            {
                throw Structure($"tensor '{current}' feeds {consumers.Count} nodes ({string.Join(", ", consumers.Select(n => n.DisplayName))}); NetGen compiles a chain of layers");
            }
            OnnxNode node = consumers[0];
            _used.Add(node);
            if (IsRecurrentOperator(node))
            {
                current = PlanRecurrent(node, current);
                continue;
            }
            CheckOutputs(node);
            Step(node, current);
            current = node.Outputs[0];
        }
        RequireBatchMajorOutput(outputName);
        if (_pending is not null)
        {
            Finish(ActivationKind.Identity);
        }
        if (_layers.Count == 0)
        {
            throw Structure("the input is the output: the graph has no layers");
        }
        if (_layers[_layers.Count - 1] is { Spatial: not null } last)
        {
            throw Structure($"the network ends with '{last.Node.DisplayName}' ({last.Node.OpType}); NetGen's output layer is dense: end the model with a Gemm or MatMul after a Flatten");
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

    /// <summary>One output each, except MaxPool's Indices and BatchNormalization's training statistics, which are refused by name.</summary>
    private static void CheckOutputs(OnnxNode node)
    {
        int outputs = node.Outputs.Count(o => o.Length > 0);
        if (node.OpType == "MaxPool" && outputs > 1)
        {
            throw Structure($"'{node.DisplayName}' (MaxPool) has a second output, Indices ('{node.Outputs[1]}'); NetGen compiles MaxPool's values only");
        }
        if (node.OpType == "BatchNormalization" && outputs > 1)
        {
            throw Structure($"'{node.DisplayName}' (BatchNormalization) has {outputs} outputs, the running statistics of training mode; export the model in eval mode (model.eval()), where it has one");
        }
        if (node.Outputs.Count != 1)
        {
            throw Structure($"node '{node.DisplayName}' has {node.Outputs.Count} outputs");
        }
    }

    private void Step(OnnxNode node, string current)
    {
        RequireBatchFirst(node);
        switch (node.OpType)
        {
            case "MatMul" when _layout != SequenceLayout.None:
                FinishPending();
                PlanPerStep(node, current);
                break;
            case "Transpose":
            case "Squeeze":
            case "Slice":
            case "Gather":
                SequenceGlue(node, current);
                break;
            case "Gemm":
            case "MatMul":
                FinishPending();
                RequireFlat(node);
                _pending = PlanLinear(node, current);
                _shape = new[] { _pending.Width };
                break;
            case "Conv":
                FinishPending();
                _pending = PlanConvolution(node, current);
                _shape = _pending.Spatial!.OutputShape.AsSpan().ToArray();
                _layout = SequenceLayout.None;
                break;
            case "MaxPool":
            case "AveragePool":
            case "GlobalAveragePool":
                FinishPending();
                RequireFirstInput(node, current, 1);
                LayerSpec pool = node.OpType == "GlobalAveragePool" ? GlobalPool(node) : OnnxWindows.Pool(node, _shape);
                _layers.Add(new OnnxLayerPlan(node, pool, weight: null, fanIn: 0) { Activation = ActivationKind.Identity });
                _shape = pool.OutputShape.AsSpan().ToArray();
                _layout = SequenceLayout.None;
                break;
            case "BatchNormalization":
                FoldBatchNorm(node, current);
                break;
            case "Flatten":
                RequireFirstInput(node, current, 1);
                RequireBatchMajor(node);
                long flattenAxis = Int(node, "axis", 1);
                if (flattenAxis != 1 && flattenAxis != -_shape.Length)
                {
                    throw Structure($"'{node.DisplayName}' flattens at axis {Text(flattenAxis)} of a tensor [N, {string.Join(", ", _shape)}]; NetGen reads Flatten at axis 1, keeping the batch and flattening each sample");
                }
                _shape = new[] { Count(_shape) };
                _layout = SequenceLayout.None;
                break;
            case "Reshape":
                RequireBatchMajor(node);
                Reshape(node, current);
                _layout = SequenceLayout.None;
                break;
            case "Pad":
                RequireNoPadding(node, current);
                break;
            case "Add":
                if (_pending is null || _pending.Kind is not (LayerKind.Dense or LayerKind.PerStepDense))
                {
                    throw Structure($"'{node.DisplayName}' adds to a tensor that is not the output of a Gemm or MatMul; NetGen reads Add only as a dense layer's bias (a Conv's bias is its third input)");
                }
                _pending.Bias.Add(new BiasTerm(BiasTensor(ConstantOperand(node, current), node), 1.0, node));
                break;
            case "Identity":
                break;
            case "Sigmoid":
                Activate(node, ActivationKind.Sigmoid);
                break;
            case "Tanh":
                Activate(node, ActivationKind.Tanh);
                break;
            case "Relu":
                Activate(node, ActivationKind.ReLU);
                break;
            case "LeakyRelu":
                Activate(node, ActivationKind.LeakyReLU);
                _slopes.Add(Float(node, "alpha", 0.01f));
                break;
            case "Softmax":
                RequireLayer(node);
                if (_shape.Length > 1)
                {
                    throw Structure($"'{node.DisplayName}' takes softmax over a feature map [N, {string.Join(", ", _shape)}]; NetGen's softmax runs over all the units of a layer: flatten first");
                }
                // An axis attribute present without its value is axis 0 (proto3's encoding of 0), as ONNX Runtime reads it.
                long axis = Int(node, "axis", _graph.Opset >= OnnxLimits.SoftmaxLastAxisOpset ? -1 : 1);
                if (axis is not (-1 or 1))
                {
                    throw Structure($"'{node.DisplayName}' takes softmax over axis {Text(axis)}; NetGen's softmax runs over the units of a layer (axis 1 or -1)");
                }
                Finish(ActivationKind.Softmax);
                break;
            case "Mul":
            case "Max":
                throw Structure($"'{node.DisplayName}' ({node.OpType}) is not part of NetGen's LeakyReLU pattern Max(x, Mul(x, slope))");
            default:
                // Shape, Gather, Unsqueeze, Concat, Constant: read only as the glue of a Reshape's shape.
                throw Structure($"'{node.DisplayName}' ({node.OpType}) computes on the network's values; NetGen reads {node.OpType} only where it computes a Reshape's target shape");
        }
    }

    private void Finish(ActivationKind activation)
    {
        _pending!.Activation = activation;
        _layers.Add(_pending);
        _pending = null;
    }

    private void FinishPending()
    {
        if (_pending is not null)
        {
            Finish(ActivationKind.Identity);
        }
    }

    /// <summary>
    /// An activation of the pending layer; or, right after a MaxPool of a layer that has none, of that
    /// layer: a non-decreasing activation commutes with max (f(max(a, b)) = max(f(a), f(b))), so PyTorch's
    /// <c>relu(max_pool2d(conv(x), 2))</c> is the same network as a ReLU convolution and then the pooling.
    /// </summary>
    private void Activate(OnnxNode node, ActivationKind activation)
    {
        if (_pending is null && _layers.Count >= 2 && _layers[_layers.Count - 1].Kind == LayerKind.MaxPool
            && _layers[_layers.Count - 2] is { HasParameters: true, Activation: ActivationKind.Identity } before)
        {
            before.Activation = activation;
            return;
        }
        RequireLayer(node);
        Finish(activation);
    }

    private void RequireFlat(OnnxNode node)
    {
        if (_shape.Length > 1)
        {
            throw Structure($"'{node.DisplayName}' ({node.OpType}) reads a feature map [N, {string.Join(", ", _shape)}]; flatten it first (Flatten, or a Reshape to [N, -1])");
        }
    }

    private static void RequireFirstInput(OnnxNode node, string current, int inputs)
    {
        if (node.Inputs.Count != inputs || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' ({node.OpType}) must take the previous tensor as its first input, and {inputs} input{(inputs == 1 ? "" : "s")} in all");
        }
    }

    private static int Count(int[] shape)
    {
        int count = 1;
        foreach (int d in shape)
        {
            count *= d; // each shape is within NetGen's widest layer (SpatialShapes and the input check bound it)
        }
        return count;
    }

    private LayerSpec GlobalPool(OnnxNode node)
    {
        if (_shape.Length < 2)
        {
            throw Structure($"'{node.DisplayName}' (GlobalAveragePool) reads a flat tensor of {Text(_shape[0])} values; NetGen compiles it over a feature map [N, C, L] or [N, C, H, W]");
        }
        return SpatialShapes.GlobalAveragePool(_shape);
    }

    /// <summary>A Conv: weight <c>[filters, channels, kernel...]</c> and optional bias <c>[filters]</c>, both initializers.</summary>
    private OnnxLayerPlan PlanConvolution(OnnxNode node, string current)
    {
        if (node.Inputs.Count is < 2 or > 3 || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' must take the previous layer's output as its first input and its weight (and bias) as constants");
        }
        OnnxTensor weight = Constant(node.Inputs[1], node);
        LayerSpec spec = OnnxWindows.Convolution(node, _shape, weight);
        long values = spec.OutputShape.Aggregate(1L, (product, d) => product * d); // each size at most 16,384: no overflow
        if (values > Limits.MaxWidth)
        {
            // Flatten and the dense layer after count these values as ints; NG0011's limit, said here with the node.
            throw Structure($"'{node.DisplayName}' produces [{string.Join(", ", spec.OutputShape)}], {values.ToString("N0", CultureInfo.InvariantCulture)} values per sample; a NetGen layer has at most {Limits.MaxWidth.ToString("N0", CultureInfo.InvariantCulture)}");
        }
        long fanIn = _shape[0];
        for (int d = 2; d < weight.Dims.Count; d++)
        {
            fanIn *= weight.Dims[d]; // each at most MaxWidth (OnnxWindows), so checked as it grows
            if (fanIn > Limits.MaxImportedParameters)
            {
                throw OnnxNetworkImporter.TooLarge((decimal)_weights + weight.ElementCount);
            }
        }
        if (spec.Filters > (Limits.MaxImportedParameters - _weights) / fanIn)
        {
            throw OnnxNetworkImporter.TooLarge((decimal)_weights + (decimal)spec.Filters * fanIn);
        }
        _weights += (long)spec.Filters * fanIn;
        var layer = new OnnxLayerPlan(node, spec, weight, (int)fanIn);
        if (node.Inputs.Count == 3 && node.Inputs[2].Length > 0)
        {
            OnnxTensor bias = Constant(node.Inputs[2], node);
            if (bias.Dims.Count != 1 || bias.Dims[0] != spec.Filters)
            {
                throw Malformed($"bias '{bias.Name}' of '{node.DisplayName}' has shape {bias.Shape}; a convolution of {Text(spec.Filters)} filters takes [{Text(spec.Filters)}]");
            }
            layer.Bias.Add(new BiasTerm(bias, 1.0, node));
        }
        return layer;
    }

    /// <summary>
    /// An inference-mode BatchNormalization right after a Gemm, MatMul or Conv (before its activation), per
    /// unit or filter: folded into the layer's weights and biases when they are decoded (<see cref="OnnxWeights"/>).
    /// </summary>
    private void FoldBatchNorm(OnnxNode node, string current)
    {
        RequireFirstInput(node, current, 5);
        if (_pending is null || (_pending.Spatial is { } spatial ? !spatial.OutputShape.AsSpan().SequenceEqual(_shape) : _shape.Length != 1))
        {
            throw Structure($"'{node.DisplayName}' (BatchNormalization) does not directly follow a Gemm, MatMul or Conv; NetGen folds BatchNormalization into the layer before it, before that layer's activation");
        }
        long training = Int(node, "training_mode", 0);
        if (training != 0)
        {
            throw Structure($"'{node.DisplayName}' has training_mode = {Text(training)}; NetGen folds BatchNormalization in inference mode: export the model in eval mode (model.eval())");
        }
        var parameters = new OnnxTensor[4];
        for (int k = 0; k < 4; k++)
        {
            OnnxTensor tensor = Constant(node.Inputs[k + 1], node);
            if (tensor.Dims.Count != 1 || tensor.Dims[0] != _pending.Units)
            {
                string role = new[] { "scale", "B", "mean", "var" }[k];
                throw Malformed($"{role} '{tensor.Name}' of '{node.DisplayName}' has shape {tensor.Shape}, but its input has {Text(_pending.Units)} {(_pending.Spatial is null ? "units" : "channels")}");
            }
            parameters[k] = tensor;
        }
        _pending.BatchNorms.Add(new BatchNormTerm(node, parameters[0], parameters[1], parameters[2], parameters[3], Float(node, "epsilon", 1e-5f)));
    }

    /// <summary>A Reshape that flattens each sample: to <c>[N, -1]</c>, <c>[-1, K]</c>, <c>[0, -1]</c> or <c>[1, K]</c> (see <see cref="OnnxShapeGlue"/>).</summary>
    private void Reshape(OnnxNode node, string current)
    {
        if (node.Inputs.Count != 2 || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' (Reshape) must take the previous tensor as its data and a shape as its second input");
        }
        var dataShape = new long?[_shape.Length + 1];
        dataShape[0] = _batch;
        for (int d = 0; d < _shape.Length; d++)
        {
            dataShape[d + 1] = _shape[d];
        }
        long?[] target = OnnxShapeGlue.TargetShape(_graph, _producers, _used, node, dataShape);
        int count = Count(_shape);
        bool allowZero = Int(node, "allowzero", 0) != 0;
        bool flattens = target.Length == 2 && !(allowZero && target.Contains(0)) && Flattens(target[0], target[1], count);
        if (!flattens)
        {
            throw Structure($"'{node.DisplayName}' reshapes [{(_batch is { } b ? Text(b) : "N")}, {string.Join(", ", _shape)}] to {OnnxShapeGlue.Text(target)}; NetGen reads Reshape only as a flatten of each sample ([N, -1], [-1, {Text(count)}], [1, {Text(count)}])");
        }
        _shape = new[] { count };
    }

    /// <summary>
    /// A Pad that pads nothing: PyTorch 1.13 writes one of zeros before the AveragePool of AvgPool1d/2d.
    /// Padding a feature map is the Conv's business (its pads), and pooling pads nothing in NetGen.
    /// </summary>
    private void RequireNoPadding(OnnxNode node, string current)
    {
        if (node.Inputs.Count is < 1 or > 4 || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' (Pad) must take the previous tensor as its first input");
        }
        long[] pads = node.Inputs.Count > 1 && node.Inputs[1].Length > 0
            ? OnnxShapeGlue.ConstantInts(_graph, _producers, _used, node, node.Inputs[1])
            : node.Attributes.TryGetValue("pads", out OnnxAttribute? attribute) ? attribute.Ints.ToArray() : new long[0];
        if (pads.Any(p => p != 0))
        {
            throw Structure($"'{node.DisplayName}' pads its input by [{string.Join(", ", pads.Select(Text))}]; NetGen reads Pad only when it pads nothing: pad inside the Conv (its pads attribute) instead");
        }
        for (int k = 2; k < node.Inputs.Count; k++)
        {
            if (node.Inputs[k].Length > 0 && _producers.TryGetValue(node.Inputs[k], out OnnxNode? producer) && producer.OpType == "Constant")
            {
                _used.Add(producer); // constant_value or axes: nothing to pad with them
            }
        }
    }

    /// <summary>
    /// Whether [<paramref name="first"/>, <paramref name="second"/>] keeps the batch and flattens each sample
    /// of <paramref name="count"/> values; null is the batch size, 0 copies the input's dimension, -1 is inferred.
    /// </summary>
    private bool Flattens(long? first, long? second, int count)
    {
        bool batchKept = first is null or 0 || (_batch is { } batch && first == batch);
        bool oneSample = first == 1 && _batch is null or 1; // [1, K]: NetGen computes one sample at a time
        bool secondIsCount = second == count || (second == 0 && _shape[0] == count);
        return second == -1 ? batchKept || oneSample
            : secondIsCount && (batchKept || oneSample || first == -1);
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
        int fanIn = _shape[0];
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
        int width = layer.Units;
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
            throw Structure($"activation '{node.DisplayName}' ({node.OpType}) does not follow a Gemm, MatMul or Conv; each NetGen layer has one activation (after a MaxPool only when the layer before the pooling has none)");
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

    private static OnnxImportException Malformed(string detail) => OnnxNetworkImporter.Malformed(detail);
}

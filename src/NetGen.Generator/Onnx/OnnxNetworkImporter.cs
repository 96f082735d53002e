using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Turns an ONNX graph into a NetGen network: a chain from the one input to the one output in which
/// each layer is a <c>Gemm</c> (or a <c>MatMul</c> optionally followed by an <c>Add</c> of the bias)
/// and optionally one activation (<c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c>,
/// <c>Softmax</c>, or NetGen's own double-precision LeakyReLU, <c>Max(x, Mul(x, slope))</c>).
/// <c>Identity</c> nodes pass through. Anything else is refused with the operator's name.
/// </summary>
internal static class OnnxNetworkImporter
{
    public static readonly string[] SupportedOperators =
        { "Gemm", "MatMul", "Add", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "Softmax", "Identity", "Mul", "Max" };

    /// <summary>The layer being read: its weights [out, in] row-major and its bias (null: none yet).</summary>
    private sealed class PendingLayer
    {
        public PendingLayer(int width, double[] weights)
        {
            Width = width;
            Weights = weights;
        }

        public int Width { get; }

        public double[] Weights { get; }

        public double[]? Bias { get; set; }
    }

    public static ImportedNetwork Import(OnnxGraph graph)
    {
        foreach (OnnxNode node in graph.Nodes)
        {
            bool defaultDomain = node.Domain is "" or "ai.onnx";
            if (!defaultDomain || Array.IndexOf(SupportedOperators, node.OpType) < 0)
            {
                string op = defaultDomain ? node.OpType : node.Domain + "." + node.OpType;
                throw new OnnxImportException(new ImportError(ImportErrorKind.UnsupportedOperator, "", op, node.DisplayName));
            }
        }

        OnnxValueInfo input = SingleInput(graph);
        PrecisionKind precision = input.ElementType == OnnxElementType.Double ? PrecisionKind.Double : PrecisionKind.Single;
        if (graph.Outputs.Count != 1)
        {
            throw Structure($"the graph has {graph.Outputs.Count} outputs; NetGen compiles networks with one output tensor");
        }
        string outputName = graph.Outputs[0].Name;

        var layers = new List<LayerSpec>();
        var weights = new List<double[]>();
        var biases = new List<double[]?>();
        var slopes = new List<double>();
        var used = new HashSet<OnnxNode>();
        PendingLayer? pending = null;
        string current = input.Name;
        int width = (int)input.Dims![1]!.Value;

        void Finish(ActivationKind activation)
        {
            layers.Add(new LayerSpec(pending!.Width, activation));
            weights.Add(pending.Weights);
            biases.Add(pending.Bias);
            width = pending.Width;
            pending = null;
        }

        while (current != outputName)
        {
            var consumers = graph.Nodes.Where(n => !used.Contains(n) && n.Inputs.Contains(current)).ToList();
            if (consumers.Count == 0)
            {
                throw Structure($"nothing consumes tensor '{current}', and it is not the graph's output '{outputName}'");
            }
            if (TryLeakyReluPattern(graph, consumers, current, out OnnxNode? max, out double patternSlope))
            {
                RequireLayer(pending, max!);
                slopes.Add(patternSlope);
                Finish(ActivationKind.LeakyReLU);
                used.UnionWith(consumers);
                current = max!.Outputs[0];
                continue;
            }
            if (consumers.Count > 1)
            {
                throw Structure($"tensor '{current}' feeds {consumers.Count} nodes ({string.Join(", ", consumers.Select(n => n.DisplayName))}); NetGen compiles a chain of layers");
            }
            OnnxNode node = consumers[0];
            used.Add(node);
            if (node.Outputs.Count != 1)
            {
                throw Structure($"node '{node.DisplayName}' has {node.Outputs.Count} outputs");
            }
            switch (node.OpType)
            {
                case "Gemm":
                case "MatMul":
                    if (pending is not null)
                    {
                        Finish(ActivationKind.Identity);
                    }
                    pending = ReadLinear(graph, node, current, width);
                    break;
                case "Add":
                    if (pending is null)
                    {
                        throw Structure($"'{node.DisplayName}' adds to a tensor that is not the output of a Gemm or MatMul; NetGen reads Add only as a layer's bias");
                    }
                    AddBias(pending, ConstantOperand(graph, node, current), node);
                    break;
                case "Identity":
                    break;
                case "Sigmoid":
                    RequireLayer(pending, node);
                    Finish(ActivationKind.Sigmoid);
                    break;
                case "Tanh":
                    RequireLayer(pending, node);
                    Finish(ActivationKind.Tanh);
                    break;
                case "Relu":
                    RequireLayer(pending, node);
                    Finish(ActivationKind.ReLU);
                    break;
                case "LeakyRelu":
                    RequireLayer(pending, node);
                    slopes.Add(node.Attributes.TryGetValue("alpha", out OnnxAttribute? alpha) && alpha.Float is float a ? a : 0.01f);
                    Finish(ActivationKind.LeakyReLU);
                    break;
                case "Softmax":
                    RequireLayer(pending, node);
                    long axis = node.Attributes.TryGetValue("axis", out OnnxAttribute? axisAttribute) && axisAttribute.Int is long given
                        ? given : graph.Opset >= 13 ? -1 : 1;
                    if (axis is not (-1 or 1))
                    {
                        throw Structure($"'{node.DisplayName}' takes softmax over axis {axis}; NetGen's softmax runs over the units of a layer (axis 1 or -1)");
                    }
                    Finish(ActivationKind.Softmax);
                    break;
                default:
                    throw Structure($"'{node.DisplayName}' ({node.OpType}) is not part of NetGen's LeakyReLU pattern Max(x, Mul(x, slope))");
            }
            current = node.Outputs[0];
        }
        if (pending is not null)
        {
            Finish(ActivationKind.Identity);
        }
        if (layers.Count == 0)
        {
            throw Structure("the input is the output: the graph has no layers");
        }
        OnnxNode? unused = graph.Nodes.FirstOrDefault(n => !used.Contains(n));
        if (unused is not null)
        {
            throw Structure($"node '{unused.DisplayName}' is not on the path from the input to the output");
        }

        double slope = slopes.Count == 0 ? 0.01 : slopes[0];
        if (slopes.Any(s => s != slope))
        {
            throw Structure($"its LeakyRelu nodes have different slopes ({string.Join(", ", slopes.Distinct().Select(Text))}); a NetGen network has one");
        }
        if (!(slope >= 0 && slope < 1))
        {
            throw Structure($"its LeakyRelu slope {Text(slope)} is outside [0, 1), which NetGen supports");
        }

        // One bias per layer only when every layer has at most one; otherwise single biases are spread over their units.
        bool shared = biases.Any(b => b is not null && b.Length == 1) && biases.All(b => b is null || b.Length == 1);
        var parameters = new List<double>();
        for (int k = 0; k < layers.Count; k++)
        {
            parameters.AddRange(weights[k]);
            int count = shared ? 1 : layers[k].Width;
            double[]? bias = biases[k];
            for (int j = 0; j < count; j++)
            {
                parameters.Add(bias is null ? 0.0 : bias.Length == 1 ? bias[0] : bias[j]);
            }
        }
        return new ImportedNetwork(
            (int)input.Dims[1]!.Value, layers.ToEquatableArray(), shared ? BiasKind.SharedPerLayer : BiasKind.PerNeuron,
            slope, precision, parameters.ToEquatableArray());
    }

    private static OnnxValueInfo SingleInput(OnnxGraph graph)
    {
        // Models of IR version < 4 list initializers among the inputs too; they are not fed by the caller.
        var inputs = graph.Inputs.Where(i => !graph.Initializers.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw Structure($"the graph has {inputs.Count} inputs; NetGen compiles networks with one input tensor");
        }
        OnnxValueInfo input = inputs[0];
        if (input.ElementType is not (OnnxElementType.Float or OnnxElementType.Double))
        {
            throw Structure($"input '{input.Name}' holds {OnnxElementType.Name(input.ElementType)}; NetGen compiles float and double models");
        }
        if (input.Dims is null || input.Dims.Count != 2 || input.Dims[1] is not > 0)
        {
            string shape = input.Dims is null ? "no shape" : "shape [" + string.Join(", ", input.Dims.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "?")) + "]";
            throw Structure($"input '{input.Name}' has {shape}; NetGen needs [batch, features] with a fixed number of features (the batch may be symbolic)");
        }
        if (input.Dims[1] > int.MaxValue)
        {
            throw Structure($"input '{input.Name}' has {input.Dims[1]} features");
        }
        return input;
    }

    /// <summary>Reads a Gemm (A B' or A B, scaled by alpha, plus beta C) or a MatMul into weights [out, in].</summary>
    private static PendingLayer ReadLinear(OnnxGraph graph, OnnxNode node, string current, int fanIn)
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
        OnnxTensor weight = Constant(graph, node.Inputs[1], node);
        if (weight.Dims.Count != 2 || weight.Dims[transposed ? 1 : 0] != fanIn)
        {
            throw Structure($"weight '{weight.Name}' of '{node.DisplayName}' has shape [{string.Join(", ", weight.Dims)}] but the layer receives {fanIn} values{(transposed ? " (transB = 1: [out, in] expected)" : " ([in, out] expected)")}");
        }
        long width = weight.Dims[transposed ? 0 : 1];
        if (width < 1 || width * fanIn > Parsing.NetworkParser.MaxParameters)
        {
            throw Structure($"weight '{weight.Name}' gives a layer of {width} units, over NetGen's limit of {Parsing.NetworkParser.MaxParameters} parameters");
        }
        double alpha = gemm ? Float(node, "alpha", 1f) : 1.0;
        double[] values = weight.Values!;
        var weights = new double[width * fanIn];
        for (int j = 0; j < width; j++)
        {
            for (int i = 0; i < fanIn; i++)
            {
                double w = transposed ? values[j * fanIn + i] : values[i * width + j];
                weights[j * fanIn + i] = alpha == 1.0 ? w : alpha * w;
            }
        }
        var layer = new PendingLayer((int)width, weights);
        if (gemm && node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
        {
            double beta = Float(node, "beta", 1f);
            double[] c = BiasValues(Constant(graph, node.Inputs[2], node), layer.Width, node);
            layer.Bias = beta == 1.0 ? c : c.Select(v => beta * v).ToArray();
        }
        return layer;
    }

    private static void AddBias(PendingLayer layer, OnnxTensor tensor, OnnxNode node)
    {
        double[] added = BiasValues(tensor, layer.Width, node);
        if (layer.Bias is null)
        {
            layer.Bias = added;
            return;
        }
        int count = Math.Max(layer.Bias.Length, added.Length);
        var sum = new double[count];
        for (int j = 0; j < count; j++)
        {
            sum[j] = layer.Bias[layer.Bias.Length == 1 ? 0 : j] + added[added.Length == 1 ? 0 : j];
        }
        layer.Bias = sum;
    }

    /// <summary>A bias that broadcasts over [batch, width]: one value, or one per unit as [width] or [1, width].</summary>
    private static double[] BiasValues(OnnxTensor tensor, int width, OnnxNode node)
    {
        long count = tensor.ElementCount;
        bool perUnit = count == width && tensor.Dims.Count >= 1 && tensor.Dims[tensor.Dims.Count - 1] == width && tensor.Dims.Count <= 2;
        if (count != 1 && !perUnit)
        {
            throw Structure($"bias '{tensor.Name}' of '{node.DisplayName}' has shape [{string.Join(", ", tensor.Dims)}]; a layer of {width} units takes [{width}], [1, {width}] or one value");
        }
        return tensor.Values!;
    }

    /// <summary>The constant operand of a binary node whose other operand is <paramref name="current"/>.</summary>
    private static OnnxTensor ConstantOperand(OnnxGraph graph, OnnxNode node, string current)
    {
        if (node.Inputs.Count != 2 || !node.Inputs.Contains(current))
        {
            throw Structure($"'{node.DisplayName}' must combine the previous tensor with a constant");
        }
        return Constant(graph, node.Inputs[0] == current ? node.Inputs[1] : node.Inputs[0], node);
    }

    private static OnnxTensor Constant(OnnxGraph graph, string name, OnnxNode node)
    {
        if (!graph.Initializers.TryGetValue(name, out OnnxTensor? tensor))
        {
            throw Structure($"'{name}', an operand of '{node.DisplayName}', is not a constant initializer; NetGen needs the weights inside the model");
        }
        if (tensor.IsExternal)
        {
            throw Structure($"initializer '{name}' is stored in an external data file; save the model with its weights inside it");
        }
        if (tensor.Values is null)
        {
            throw Structure($"initializer '{name}' holds {OnnxElementType.Name(tensor.DataType)}; NetGen reads float and double weights");
        }
        return tensor;
    }

    /// <summary>NetGen's double-precision LeakyReLU: Mul(x, slope) and Max(x, that), both fed by x.</summary>
    private static bool TryLeakyReluPattern(OnnxGraph graph, List<OnnxNode> consumers, string current, out OnnxNode? max, out double slope)
    {
        max = null;
        slope = 0;
        OnnxNode? mul = consumers.FirstOrDefault(n => n.OpType == "Mul");
        max = consumers.FirstOrDefault(n => n.OpType == "Max");
        if (consumers.Count != 2 || mul is null || max is null || mul.Outputs.Count != 1 || max.Outputs.Count != 1
            || max.Inputs.Count != 2 || !max.Inputs.Contains(current) || !max.Inputs.Contains(mul.Outputs[0]))
        {
            return false;
        }
        OnnxTensor factor = ConstantOperand(graph, mul, current);
        if (factor.ElementCount != 1)
        {
            return false;
        }
        slope = factor.Values![0];
        return true;
    }

    private static void RequireLayer(PendingLayer? pending, OnnxNode node)
    {
        if (pending is null)
        {
            throw Structure($"activation '{node.DisplayName}' ({node.OpType}) does not follow a Gemm or MatMul; each NetGen layer has one activation");
        }
    }

    private static long Int(OnnxNode node, string name, long fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) && attribute.Int is long value ? value : fallback;

    private static double Float(OnnxNode node, string name, float fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) && attribute.Float is float value ? value : fallback;

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static OnnxImportException Structure(string detail) =>
        new(new ImportError(ImportErrorKind.UnsupportedStructure, detail));
}

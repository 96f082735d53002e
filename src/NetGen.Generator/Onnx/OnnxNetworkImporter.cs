using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Turns an ONNX graph into a NetGen network: a chain from the one input to the one output in which
/// each layer is a <c>Gemm</c> (or a <c>MatMul</c> optionally followed by an <c>Add</c> of the bias)
/// and optionally one activation (<c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>LeakyRelu</c>,
/// <c>Softmax</c>, or NetGen's own double-precision LeakyReLU, <c>Max(x, Mul(x, slope))</c>).
/// <c>Identity</c> nodes pass through. Anything else is refused with the operator's name.
/// <para>
/// Two passes keep time and memory linear in the model: the first walks the chain once (each tensor's
/// consumers are looked up in an index, not by scanning every node) and plans each layer from the
/// tensors' shapes alone; only when the whole network is known to be within NetGen's limits does
/// the second decode weights, straight into the one parameter array (<see cref="OnnxWeights"/>).
/// </para>
/// </summary>
internal static class OnnxNetworkImporter
{
    public static ImportedNetwork Import(OnnxGraph graph)
    {
        OnnxOperatorRules.Check(graph);
        OnnxValueInfo input = SingleInput(graph);
        PrecisionKind precision = input.ElementType == OnnxElementType.Double ? PrecisionKind.Double : PrecisionKind.Single;
        if (graph.Outputs.Count != 1)
        {
            throw Structure($"the graph has {graph.Outputs.Count} outputs; NetGen compiles networks with one output tensor");
        }
        OnnxValueInfo output = graph.Outputs[0];
        if (output.HasType && output.ElementType != input.ElementType)
        {
            // ONNX Runtime: "Type (tensor(double)) of output arg (output) ... does not match expected type (tensor(float))".
            throw Malformed($"output '{output.Name}' is declared {OnnxElementType.Name(output.ElementType)}, but the network computes {OnnxElementType.Name(input.ElementType)} from input '{input.Name}'");
        }

        int[] shape = SampleShape(input);
        var walk = new OnnxChainWalk(graph, input, precision, shape, input.Dims![0]);
        List<OnnxLayerPlan> plan = walk.Run(output.Name);
        double slope = walk.Slope();

        // One bias per layer only when every layer has at most one; otherwise single biases are spread over their units.
        bool shared = plan.Any(l => l.BiasCount == 1) && plan.All(l => l.BiasCount <= 1);
        CheckSize(plan, shared);
        var (parameters, singleOverflow) = OnnxWeights.Materialise(plan, shared, precision);
        return new ImportedNetwork(
            shape.Aggregate(1, (product, d) => product * d), plan.Select(l => l.ToLayerSpec()).ToEquatableArray(),
            shared ? BiasKind.SharedPerLayer : BiasKind.PerNeuron, slope, precision, new EquatableArray<double>(parameters), singleOverflow)
        {
            InputShape = shape.Length == 1 ? default : new EquatableArray<int>(shape),
        };
    }

    /// <summary>Parameters per layer: weights, then biases (one when shared; none for pooling).</summary>
    internal static long ParameterCount(OnnxLayerPlan layer, bool shared) =>
        !layer.HasParameters ? 0 : layer.WeightCount + (layer.IsRecurrent ? layer.BiasCount : shared ? 1 : layer.Units);

    /// <summary>The parameter count, from shapes alone, against NetGen's limit: nothing is decoded for a network that is too large.</summary>
    private static void CheckSize(List<OnnxLayerPlan> plan, bool shared)
    {
        long count = 0;
        foreach (OnnxLayerPlan layer in plan)
        {
            count += ParameterCount(layer, shared);
        }
        if (count > Limits.MaxImportedParameters)
        {
            throw TooLarge(count);
        }
    }

    internal static OnnxImportException TooLarge(decimal parameters)
    {
        var invariant = CultureInfo.InvariantCulture;
        return new(new ImportError(ImportErrorKind.TooLarge, parameters.ToString("N0", invariant) + " parameters",
            Limit: Limits.MaxImportedParameters.ToString("N0", invariant) + " parameters in a network imported from ONNX (its weights become a literal array in the generated code)"));
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
        if (!input.HasType)
        {
            throw Malformed($"input '{input.Name}' has no type (ONNX Runtime: \"Model input does not have type information\")");
        }
        if (input.ElementType is not (OnnxElementType.Float or OnnxElementType.Double))
        {
            throw Structure($"input '{input.Name}' holds {OnnxElementType.Name(input.ElementType)}; NetGen compiles float and double models");
        }
        return input;
    }

    /// <summary>
    /// One sample's shape: <c>[features]</c> from <c>[N, features]</c>, <c>[C, L]</c> from <c>[N, C, L]</c>,
    /// <c>[C, H, W]</c> from <c>[N, C, H, W]</c>; every dimension but the batch fixed, and in all at most
    /// NetGen's widest layer of values. A feature map's batch is symbolic or 1: its Reshape glue is
    /// read for one sample at a time.
    /// </summary>
    private static int[] SampleShape(OnnxValueInfo input)
    {
        List<long?>? dims = input.Dims;
        string Shape() => dims is null ? "no shape" : "shape [" + string.Join(", ", dims.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "?")) + "]";
        if (dims is null || dims.Count is < 2 or > 4 || dims.Skip(1).Any(d => d is not > 0))
        {
            throw Structure($"input '{input.Name}' has {Shape()}; NetGen needs [batch, features] with a fixed number of features, or a feature map [batch, channels, length] or [batch, channels, height, width] of fixed sizes (the batch may be symbolic)");
        }
        if (dims.Count > 2 && dims[0] is { } batch && batch != 1)
        {
            throw Structure($"input '{input.Name}' has {Shape()}, a fixed batch of {batch.ToString(CultureInfo.InvariantCulture)}; NetGen compiles one sample at a time: export a feature-map model with batch 1 or a symbolic batch");
        }
        long count = 1;
        foreach (long? d in dims.Skip(1))
        {
            count *= Math.Min(d!.Value, Parsing.TopologyParser.MaxWidth + 1L); // at most 16,385^3: no overflow
        }
        if (count > Parsing.TopologyParser.MaxWidth)
        {
            // The attribute path refuses such an input layer too (NG0011).
            string size = dims.Count == 2 ? dims[1]!.Value.ToString("N0", CultureInfo.InvariantCulture) + " features"
                : Shape() + ", more than " + Parsing.TopologyParser.MaxWidth.ToString("N0", CultureInfo.InvariantCulture) + " values per sample";
            throw Structure($"input '{input.Name}' has {size}; a NetGen layer, the input included, has at most {Parsing.TopologyParser.MaxWidth.ToString("N0", CultureInfo.InvariantCulture)} units");
        }
        return dims.Skip(1).Select(d => (int)d!.Value).ToArray();
    }

    internal static OnnxImportException Structure(string detail) =>
        new(new ImportError(ImportErrorKind.UnsupportedStructure, detail));

    internal static OnnxImportException Malformed(string detail) =>
        new(new ImportError(ImportErrorKind.Malformed, detail));
}

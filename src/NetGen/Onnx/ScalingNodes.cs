using System;
using System.Collections.Generic;

namespace NetGen.Onnx;

/// <summary>
/// A <see cref="FeatureScaler"/> as the first two nodes of an exported graph: <c>Sub</c> the offsets, then
/// <c>Div</c> by the scales, each an initializer of one sample's input shape (<c>[InputCount]</c>, or
/// <c>[C, H, W]</c> for a shaped input: the scaler's features in row-major order) broadcast over the batch. Sub and Div
/// rather than one Mul/Add pair with a precomputed reciprocal so that a double model does exactly the
/// arithmetic of <see cref="FeatureScaler.Transform{T}(ReadOnlySpan{T}, Span{T})"/>, with no extra rounding.
/// </summary>
internal static class ScalingNodes
{
    public const string OffsetName = "scaler.offset";
    public const string ScaleName = "scaler.scale";
    public const string OutputName = "scaler.out";

    /// <summary>Adds the nodes and returns the name of the scaled tensor the first layer reads.</summary>
    public static string Add(FeatureScaler scaler, int[] inputShape, int elementType, string input,
        List<ProtoWriter> nodes, List<ProtoWriter> initializers)
    {
        int inputCount = 1;
        long[] dims = new long[inputShape.Length];
        for (int d = 0; d < dims.Length; d++)
        {
            inputCount *= inputShape[d];
            dims[d] = inputShape[d];
        }
        if (scaler.Width != inputCount)
        {
            throw new ArgumentException($"The scaler has {scaler.Width} features; the network has {inputCount} inputs.", nameof(scaler));
        }
        initializers.Add(OnnxMessages.Tensor(OffsetName, dims, elementType, Bytes(scaler.Offsets, elementType)));
        initializers.Add(OnnxMessages.Tensor(ScaleName, dims, elementType, Bytes(scaler.Scales, elementType)));
        const string centered = "scaler.centered";
        nodes.Add(OnnxMessages.Node("Sub", "scaler.sub", [input, OffsetName], [centered]));
        nodes.Add(OnnxMessages.Node("Div", "scaler.div", [centered, ScaleName], [OutputName]));
        return OutputName;
    }

    /// <summary>The values as the model's element type: doubles as they are, or each rounded once to float.</summary>
    private static byte[] Bytes(IReadOnlyList<double> values, int elementType)
    {
        if (elementType == OnnxMessages.ElementDouble)
        {
            var doubles = new double[values.Count];
            for (int i = 0; i < doubles.Length; i++)
            {
                doubles[i] = values[i];
            }
            return OnnxExporter.LittleEndianBytes<double>(doubles);
        }
        var floats = new float[values.Count];
        for (int i = 0; i < floats.Length; i++)
        {
            floats[i] = (float)values[i];
        }
        return OnnxExporter.LittleEndianBytes<float>(floats);
    }
}

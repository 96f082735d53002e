using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Reads the window attributes of <c>Conv</c>, <c>MaxPool</c> and <c>AveragePool</c> (<c>kernel_shape</c>,
/// <c>strides</c>, <c>dilations</c>, <c>pads</c>, <c>auto_pad</c>, <c>group</c>, <c>ceil_mode</c>,
/// <c>storage_order</c>) and builds the layer through <see cref="SpatialShapes"/>, the one owner of the
/// shape arithmetic. Every value is checked before it is used: a list of the wrong length or a window
/// that is not positive is malformed (NG0203, as ONNX Runtime refuses it); what ONNX defines but NetGen
/// does not compile (groups, ceil mode, padded pooling, asymmetric SAME_LOWER) is NG0202 naming the
/// attribute and its value.
/// </summary>
internal static class OnnxWindows
{
    /// <summary>A convolution of <paramref name="weight"/> (<c>[filters, channels, kernel...]</c>) over <paramref name="input"/> (<c>[channels, positions...]</c>).</summary>
    public static LayerSpec Convolution(OnnxNode node, int[] input, OnnxTensor weight)
    {
        int rank = SpatialRank(node, input);
        long group = Int(node, "group", 1);
        if (group != 1)
        {
            throw Structure($"'{node.DisplayName}' has group = {Text(group)} (a grouped or depthwise convolution); NetGen compiles convolutions with group = 1, every filter reading every input channel");
        }
        if (weight.Dims.Count != rank + 2)
        {
            throw Malformed($"weight '{weight.Name}' of '{node.DisplayName}' has shape {weight.Shape}; a {rank}D convolution's weight is [filters, channels, {(rank == 1 ? "length" : "height, width")}]");
        }
        if (weight.Dims[1] != input[0])
        {
            throw Malformed($"weight '{weight.Name}' of '{node.DisplayName}' has shape {weight.Shape}: {Text(weight.Dims[1])} input channels, but its input has {Text(input[0])}");
        }
        long filters = weight.Dims[0];
        if (filters < 1 || filters > Limits.MaxWidth)
        {
            throw Structure($"weight '{weight.Name}' of '{node.DisplayName}' has shape {weight.Shape}: {Text(filters)} filters, where NetGen takes 1 to {Text(Limits.MaxWidth)}");
        }
        int[] kernel = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            kernel[d] = Size(node, "the kernel (from weight '" + weight.Name + "')", weight.Dims[d + 2], minimum: 1);
        }
        if (node.Attributes.ContainsKey("kernel_shape"))
        {
            int[] declared = Sizes(node, "kernel_shape", rank, null, minimum: 1);
            if (!declared.SequenceEqual(kernel))
            {
                throw Malformed($"'{node.DisplayName}' has kernel_shape {List(declared)} but its weight '{weight.Name}' has shape {weight.Shape}");
            }
        }
        int[] stride = Sizes(node, "strides", rank, 1, minimum: 1);
        int[] dilation = Sizes(node, "dilations", rank, 1, minimum: 1);
        int[]? pads = Pads(node, input, kernel, stride, dilation);
        var (layer, error) = SpatialShapes.Convolution(input, (int)filters, kernel, stride, dilation, pads, ActivationKind.Identity);
        return layer ?? throw Structure($"'{node.DisplayName}' cannot be computed: {error}");
    }

    /// <summary>A MaxPool or AveragePool over <paramref name="input"/>, without padding.</summary>
    public static LayerSpec Pool(OnnxNode node, int[] input)
    {
        int rank = SpatialRank(node, input);
        if (!node.Attributes.ContainsKey("kernel_shape"))
        {
            throw Malformed($"'{node.DisplayName}' has no kernel_shape, which {node.OpType} requires");
        }
        int[] kernel = Sizes(node, "kernel_shape", rank, null, minimum: 1);
        int[] stride = Sizes(node, "strides", rank, 1, minimum: 1);
        int[] dilation = Sizes(node, "dilations", rank, 1, minimum: 1);
        if (dilation.Any(d => d != 1))
        {
            throw Structure($"'{node.DisplayName}' has dilations {List(dilation)}; NetGen pools adjacent positions (dilations 1)");
        }
        long ceil = Int(node, "ceil_mode", 0);
        if (ceil != 0)
        {
            throw Structure($"'{node.DisplayName}' has ceil_mode = {Text(ceil)}; NetGen pools in floor mode (ceil_mode = 0, PyTorch's default), where a window never hangs over the input's end");
        }
        long storage = Int(node, "storage_order", 0);
        if (storage != 0)
        {
            throw Structure($"'{node.DisplayName}' has storage_order = {Text(storage)}, which orders the Indices output column-major; NetGen reads MaxPool without Indices, in row-major order (0)");
        }
        int[] pads = Pads(node, input, kernel, stride, dilation)!; // null only for a Conv's SAME
        if (pads.Any(p => p != 0))
        {
            string what = AutoPad(node) != "NOTSET" ? $"auto_pad = {AutoPad(node)}, which pads this input by {List(pads)}" : "pads " + List(pads);
            throw Structure($"'{node.DisplayName}' has {what}; NetGen pools without padding (pads 0)");
        }
        var (layer, error) = SpatialShapes.Pool(node.OpType == "MaxPool" ? LayerKind.MaxPool : LayerKind.AveragePool, input, kernel, stride);
        return layer ?? throw Structure($"'{node.DisplayName}' cannot be computed: {error}");
    }

    /// <summary>
    /// The pads in ONNX order (each dimension's start, then each one's end), or null for SAME_UPPER (and
    /// for SAME_LOWER where it pads the same, which <see cref="SpatialShapes"/> resolves).
    /// </summary>
    private static int[]? Pads(OnnxNode node, int[] input, int[] kernel, int[] stride, int[] dilation)
    {
        int rank = kernel.Length;
        string autoPad = AutoPad(node);
        if (autoPad != "NOTSET" && node.Attributes.ContainsKey("pads"))
        {
            throw Structure($"'{node.DisplayName}' has both auto_pad = {autoPad} and pads; ONNX defines pads only with auto_pad NOTSET");
        }
        switch (autoPad)
        {
            case "NOTSET":
                return Sizes(node, "pads", 2 * rank, 0, minimum: 0);
            case "VALID":
                return new int[2 * rank];
            case "SAME_UPPER":
                return node.OpType == "Conv" ? null : SamePads(input, kernel, stride, dilation, upper: true);
            case "SAME_LOWER":
                int[] lower = SamePads(input, kernel, stride, dilation, upper: false);
                for (int d = 0; d < rank; d++)
                {
                    if (lower[d] != lower[rank + d])
                    {
                        throw Structure($"'{node.DisplayName}' has auto_pad = SAME_LOWER, which here pads dimension {Text(d + 1)} by {Text(lower[d])} at the start and {Text(lower[rank + d])} at the end; NetGen compiles SAME_LOWER only where it pads both ends alike (else export with SAME_UPPER or explicit pads)");
                    }
                }
                return node.OpType == "Conv" && lower.Any(p => p != 0) ? null : lower;
            default:
                throw Malformed($"'{node.DisplayName}' has auto_pad = '{autoPad}'; ONNX defines NOTSET, VALID, SAME_UPPER and SAME_LOWER");
        }
    }

    /// <summary>SAME padding's pads per dimension, the odd zero at the end (SAME_UPPER) or the start (SAME_LOWER).</summary>
    private static int[] SamePads(int[] input, int[] kernel, int[] stride, int[] dilation, bool upper)
    {
        int rank = kernel.Length;
        var pads = new int[2 * rank];
        for (int d = 0; d < rank; d++)
        {
            var (begin, end) = SpatialShapes.SamePads(input[d + 1], kernel[d], stride[d], dilation[d]);
            (pads[d], pads[rank + d]) = upper ? (begin, end) : (end, begin);
        }
        return pads;
    }

    /// <summary>auto_pad's value; an empty string is NOTSET, as ONNX Runtime reads it.</summary>
    private static string AutoPad(OnnxNode node) =>
        node.Attributes.TryGetValue("auto_pad", out OnnxAttribute? attribute) && attribute.String.Length > 0 ? attribute.String : "NOTSET";

    /// <summary>The spatial dimensions of the input: 1 ([C, L]) or 2 ([C, H, W]).</summary>
    private static int SpatialRank(OnnxNode node, int[] input)
    {
        if (input.Length is not (2 or 3))
        {
            throw Structure($"'{node.DisplayName}' ({node.OpType}) reads a flat tensor of {Text(input[0])} values; NetGen compiles {node.OpType} over a feature map [N, C, L] or [N, C, H, W]");
        }
        return input.Length - 1;
    }

    /// <summary>An INTS attribute of <paramref name="count"/> sizes, each at least <paramref name="minimum"/> and at most NetGen's widest layer; absent, <paramref name="fallback"/> each (null: required).</summary>
    private static int[] Sizes(OnnxNode node, string name, int count, int? fallback, int minimum)
    {
        if (!node.Attributes.TryGetValue(name, out OnnxAttribute? attribute))
        {
            return Enumerable.Repeat(fallback!.Value, count).ToArray();
        }
        List<long> values = attribute.Ints;
        if (values.Count != count)
        {
            throw Malformed($"'{node.DisplayName}' has {name} {List(values)}: {Text(values.Count)} values where its {Text(count / (name == "pads" ? 2 : 1))}D input needs {Text(count)}");
        }
        return values.Select(v => Size(node, name, v, minimum)).ToArray();
    }

    private static int Size(OnnxNode node, string name, long value, int minimum)
    {
        if (value < minimum)
        {
            throw Malformed($"'{node.DisplayName}' has {Text(value)} in {name}, which must be {(minimum == 0 ? "0 or more" : "positive")}");
        }
        if (value > Limits.MaxWidth)
        {
            throw Structure($"'{node.DisplayName}' has {Text(value)} in {name}, over NetGen's limit of {Text(Limits.MaxWidth)} positions");
        }
        return (int)value;
    }

    private static long Int(OnnxNode node, string name, long fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? attribute) ? attribute.Int : fallback;

    private static string List(IEnumerable<long> values) => "[" + string.Join(", ", values.Select(Text)) + "]";

    private static string List(IEnumerable<int> values) => List(values.Select(v => (long)v));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static OnnxImportException Structure(string detail) => OnnxNetworkImporter.Structure(detail);

    private static OnnxImportException Malformed(string detail) => OnnxNetworkImporter.Malformed(detail);
}

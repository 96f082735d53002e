using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The one owner of the shape arithmetic of convolution and pooling (PyTorch's and ONNX's, floor mode):
/// output size = floor((input + padBegin + padEnd - dilation * (kernel - 1) - 1) / stride) + 1. The topology
/// parser and the ONNX importer build their spatial <see cref="LayerSpec"/>s here, so both resolve "same",
/// count outputs and refuse a window larger than its input in the same words.
/// </summary>
internal static class SpatialShapes
{
    /// <summary>Output positions along one dimension; 0 or less when the window does not fit.</summary>
    public static long OutputLength(int input, int kernel, int stride, int dilation, int padBegin, int padEnd)
    {
        long room = (long)input + padBegin + padEnd - (long)dilation * (kernel - 1) - 1;
        // C# division truncates toward zero: a window one position too wide with stride 2 would give -1 / 2 + 1 = 1.
        return room < 0 ? 0 : room / stride + 1;
    }

    /// <summary>
    /// The pads of <c>padding=same</c>: output length ceil(input / stride), the total split evenly with the odd
    /// zero at the end (ONNX SAME_UPPER, TensorFlow's "same"; with stride 1 and an odd kernel, PyTorch's
    /// <c>padding='same'</c>).
    /// </summary>
    public static (int Begin, int End) SamePads(int input, int kernel, int stride, int dilation)
    {
        long output = ((long)input + stride - 1) / stride;
        long total = System.Math.Max((output - 1) * stride + (long)dilation * (kernel - 1) + 1 - input, 0);
        int begin = (int)(total / 2);
        return (begin, (int)(total - begin));
    }

    /// <summary>
    /// A convolution of <paramref name="filters"/> filters over <paramref name="input"/> (<c>[channels, positions...]</c>);
    /// <paramref name="pads"/> null means <c>same</c>. Returns the layer, or why it cannot be (the window does not fit).
    /// </summary>
    public static (LayerSpec? Layer, string? Error) Convolution(int[] input, int filters, int[] kernel, int[] stride, int[] dilation,
        int[]? pads, ActivationKind activation)
    {
        int rank = input.Length - 1;
        bool same = pads is null;
        if (pads is null)
        {
            pads = new int[2 * rank];
            for (int d = 0; d < rank; d++)
            {
                (pads[d], pads[rank + d]) = SamePads(input[d + 1], kernel[d], stride[d], dilation[d]);
            }
        }
        var (shape, error) = Positions(input, filters, kernel, stride, dilation, pads, "convolution");
        return shape is null
            ? (null, error)
            : (new LayerSpec(Width(shape), activation)
            {
                Kind = LayerKind.Convolution, OutputShape = new(shape), Kernel = new(kernel), Stride = new(stride),
                Dilation = new(dilation), Pads = new(pads), SamePadding = same,
            }, null);
    }

    /// <summary>Max or average pooling over windows of <paramref name="kernel"/>, moving by <paramref name="stride"/>, no padding.</summary>
    public static (LayerSpec? Layer, string? Error) Pool(LayerKind kind, int[] input, int[] kernel, int[] stride)
    {
        int rank = input.Length - 1;
        int[] ones = Enumerable.Repeat(1, rank).ToArray();
        var (shape, error) = Positions(input, input[0], kernel, stride, ones, new int[2 * rank], kind == LayerKind.MaxPool ? "max pooling" : "average pooling");
        return shape is null
            ? (null, error)
            : (new LayerSpec(Width(shape), ActivationKind.Identity)
            {
                Kind = kind, OutputShape = new(shape), Kernel = new(kernel), Stride = new(stride),
            }, null);
    }

    /// <summary>The mean of each channel: <c>[channels, positions...]</c> becomes <c>[channels, 1, ...]</c> (ONNX GlobalAveragePool keeps the dimensions).</summary>
    public static LayerSpec GlobalAveragePool(int[] input)
    {
        int[] shape = Enumerable.Repeat(1, input.Length).ToArray();
        shape[0] = input[0];
        return new LayerSpec(input[0], ActivationKind.Identity)
        {
            Kind = LayerKind.GlobalAveragePool, OutputShape = new(shape), Kernel = new(input.Skip(1).ToArray()),
        };
    }

    /// <summary>The shape a layer reads: the input's, or the previous layer's output (flat <c>[width]</c> after a dense layer).</summary>
    public static int[] InputOf(NetworkSpec spec, int layerIndex) =>
        layerIndex == 0 ? spec.InputDimensions
        : spec.Layers[layerIndex - 1].OutputShape.Count > 0 ? spec.Layers[layerIndex - 1].OutputShape.AsSpan().ToArray()
        : new[] { spec.Layers[layerIndex - 1].Width };

    private static (int[]? Shape, string? Error) Positions(int[] input, int channels, int[] kernel, int[] stride, int[] dilation, int[] pads, string what)
    {
        int rank = input.Length - 1;
        var shape = new int[rank + 1];
        shape[0] = channels;
        for (int d = 0; d < rank; d++)
        {
            long length = OutputLength(input[d + 1], kernel[d], stride[d], dilation[d], pads[d], pads[rank + d]);
            if (length < 1)
            {
                long span = (long)dilation[d] * (kernel[d] - 1) + 1;
                return (null, string.Format(CultureInfo.InvariantCulture,
                    "the {0} window spans {1} positions but the input has {2} along that dimension (with padding {3})",
                    what, span, input[d + 1], input[d + 1] + pads[d] + pads[rank + d]));
            }
            if (length > Limits.MaxWidth)
            {
                return (null, "it would produce more than " + Limits.MaxWidth.ToString("N0", CultureInfo.InvariantCulture) + " positions");
            }
            shape[d + 1] = (int)length;
        }
        return (shape, null);
    }

    private static int Width(int[] shape)
    {
        long width = 1;
        foreach (int d in shape)
        {
            width *= d;
        }
        return width > int.MaxValue ? int.MaxValue : (int)width;
    }
}

using NetGen;

namespace NetGen.Tests.Convolution;

/// <summary>
/// Builds a network's <see cref="LayerInfo"/> table layer by layer, with PyTorch's shape arithmetic
/// (floor((in + pads - dilation (k - 1) - 1) / stride) + 1), for hand-written test networks.
/// </summary>
internal sealed class LayerStack(bool sharedBias, params int[] input)
{
    private readonly List<LayerInfo> _layers = new();
    private int[] _shape = input;
    private int _offset;

    public int[] InputShape { get; } = input;

    public LayerInfo[] Layers => _layers.ToArray();

    public int ParameterCount => _offset;

    public LayerStack Conv(int filters, int[] kernel, Activation activation, int[]? stride = null, int[]? dilation = null, int[]? pads = null)
    {
        int rank = _shape.Length - 1;
        stride ??= Repeat(1, rank);
        dilation ??= Repeat(1, rank);
        pads ??= Repeat(0, 2 * rank);
        int[] output = new int[rank + 1];
        output[0] = filters;
        for (int d = 0; d < rank; d++)
        {
            output[d + 1] = (_shape[d + 1] + pads[d] + pads[rank + d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d] + 1;
        }
        int weights = filters * _shape[0] * kernel.Aggregate(1, (a, b) => a * b);
        int biases = sharedBias ? 1 : filters;
        return Add(new LayerInfo(LayerKind.Convolution, activation, _shape, output, kernel, stride, dilation, pads, _offset, weights, biases));
    }

    /// <summary>ONNX SAME_UPPER (PyTorch's padding="same" for stride 1): output ceil(in / stride), the odd zero at the end.</summary>
    public int[] Same(int[] kernel, int[] stride, int[]? dilation = null)
    {
        int rank = kernel.Length;
        var pads = new int[2 * rank];
        for (int d = 0; d < rank; d++)
        {
            int size = _shape[d + 1], dil = dilation?[d] ?? 1;
            int total = Math.Max(((size + stride[d] - 1) / stride[d] - 1) * stride[d] + dil * (kernel[d] - 1) + 1 - size, 0);
            pads[d] = total / 2;
            pads[rank + d] = total - total / 2;
        }
        return pads;
    }

    public LayerStack Pool(LayerKind kind, int[] kernel, int[]? stride = null)
    {
        int rank = _shape.Length - 1;
        stride ??= kernel;
        int[] output = new int[rank + 1];
        output[0] = _shape[0];
        for (int d = 0; d < rank; d++)
        {
            output[d + 1] = (_shape[d + 1] - kernel[d]) / stride[d] + 1;
        }
        return Add(new LayerInfo(kind, Activation.Identity, _shape, output, kernel, stride, Array.Empty<int>(), Array.Empty<int>(), _offset, 0, 0));
    }

    public LayerStack GlobalAveragePool()
    {
        int[] output = new int[_shape.Length];
        Array.Fill(output, 1);
        output[0] = _shape[0];
        return Add(new LayerInfo(LayerKind.GlobalAveragePool, Activation.Identity, _shape, output, null!, null!, null!, null!, _offset, 0, 0));
    }

    public LayerStack Dense(int units, Activation activation)
    {
        int inputs = _shape.Aggregate(1, (a, b) => a * b);
        return Add(LayerInfo.Dense(inputs, units, activation, _offset, sharedBias ? 1 : units));
    }

    private LayerStack Add(LayerInfo layer)
    {
        _layers.Add(layer);
        _offset += layer.WeightCount + layer.BiasCount;
        _shape = layer.OutputShape.ToArray();
        return this;
    }

    private static int[] Repeat(int value, int count) => Enumerable.Repeat(value, count).ToArray();
}

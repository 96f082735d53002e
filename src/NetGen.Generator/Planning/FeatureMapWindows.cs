using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>
/// Which input values each output position of a convolution or pooling layer reads: for output position
/// <c>o</c> along a dimension, tap <c>t</c> reads input position <c>o * stride - padBegin + t * dilation</c>,
/// skipped where that falls in the padding (a zero adds nothing). Indices are into the layer's flattened
/// input and output maps ([channel, positions...], row-major).
/// </summary>
internal sealed class FeatureMapWindows
{
    private readonly int[] _input;
    private readonly int[] _output;
    private readonly int[] _kernel;
    private readonly int[] _stride;
    private readonly int[] _dilation;
    private readonly int[] _padBegin;

    public FeatureMapWindows(PlannedLayer layer)
    {
        _input = layer.InputShape;
        _output = layer.OutputShape;
        int rank = _input.Length - 1;
        _kernel = layer.Spec.Kernel.AsSpan().ToArray();
        _stride = layer.Spec.Stride.Count == rank ? layer.Spec.Stride.AsSpan().ToArray() : Ones(rank);
        _dilation = layer.Spec.Dilation.Count == rank ? layer.Spec.Dilation.AsSpan().ToArray() : Ones(rank);
        _padBegin = new int[rank];
        for (int d = 0; d < rank && layer.Spec.Pads.Count == 2 * rank; d++)
        {
            _padBegin[d] = layer.Spec.Pads[d];
        }
        Taps = 1;
        foreach (int k in _kernel)
        {
            Taps *= k;
        }
        InputPositions = Product(_input, 1);
        OutputPositions = Product(_output, 1);
    }

    /// <summary>Kernel taps per channel (the product of the kernel's sizes).</summary>
    public int Taps { get; }

    /// <summary>Positions per channel of the input map.</summary>
    public int InputPositions { get; }

    /// <summary>Positions per channel of the output map.</summary>
    public int OutputPositions { get; }

    /// <summary>
    /// The taps of the window at output position <paramref name="outputPosition"/> (flattened within a channel)
    /// that land inside channel <paramref name="channel"/> of the input: (tap, flattened input index), in tap order.
    /// </summary>
    public IEnumerable<(int Tap, int Source)> Window(int outputPosition, int channel)
    {
        int rank = _kernel.Length;
        var origin = new int[rank];
        int rest = outputPosition;
        for (int d = rank - 1; d >= 0; d--)
        {
            origin[d] = rest % _output[d + 1] * _stride[d] - _padBegin[d];
            rest /= _output[d + 1];
        }
        for (int tap = 0; tap < Taps; tap++)
        {
            int index = 0, remaining = tap;
            bool inside = true;
            var offsets = new int[rank];
            for (int d = rank - 1; d >= 0; d--)
            {
                offsets[d] = remaining % _kernel[d];
                remaining /= _kernel[d];
            }
            for (int d = 0; d < rank; d++)
            {
                int position = origin[d] + offsets[d] * _dilation[d];
                inside &= position >= 0 && position < _input[d + 1];
                index = index * _input[d + 1] + position;
            }
            if (inside)
            {
                yield return (tap, channel * InputPositions + index);
            }
        }
    }

    private static int[] Ones(int rank)
    {
        var ones = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            ones[d] = 1;
        }
        return ones;
    }

    private static int Product(int[] shape, int from)
    {
        int product = 1;
        for (int d = from; d < shape.Length; d++)
        {
            product *= shape[d];
        }
        return product;
    }
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace NetGen.Onnx;

/// <summary>
/// Convolution, average pooling and global average pooling of DOUBLE models in operators ONNX Runtime runs in
/// double: its CPU provider has no double kernel for <c>Conv</c>, <c>AveragePool</c> or <c>GlobalAveragePool</c>
/// ("Could not find an implementation for Conv(11)"), while <c>Gather</c>, <c>MatMul</c>, <c>ReduceMean</c>,
/// <c>Pad</c> and <c>Reshape</c> have one. Each window is gathered from the flattened feature map by a constant
/// index table (index C x H x W reads one zero appended by <c>Pad</c>, for the padding), then the windows are
/// multiplied by the weights or averaged: the same sums as the layer, in double, so that ONNX Runtime agrees
/// with Forward to 1e-12 rather than float's 1e-7. Float models keep <c>Conv</c> and the pooling operators.
/// </summary>
internal sealed class DoubleWindowNodes(List<ProtoWriter> nodes, List<ProtoWriter> initializers)
{
    private const int ElementInt64 = 7;

    /// <summary>
    /// <c>Flatten</c>, <c>Pad</c> one zero, <c>Gather</c> the <c>[C x taps, positions]</c> windows, <c>MatMul</c> by the
    /// weights as stored (<c>[F, C x taps]</c>), <c>Add</c> the bias (<c>[F, 1]</c>), <c>Reshape</c> to <c>[N, F, positions...]</c>.
    /// </summary>
    public void Convolution(LayerInfo info, string layer, string input, string output, byte[] weights, byte[] bias)
    {
        int filters = info.OutputShape[0], rows = info.FanIn, positions = info.OutputSize / filters;
        initializers.Add(OnnxMessages.Tensor(layer + ".weight", [filters, rows], OnnxMessages.ElementDouble, weights));
        initializers.Add(OnnxMessages.Tensor(layer + ".bias", [filters, 1], OnnxMessages.ElementDouble, bias));
        string windows = Windows(info, layer, input, [rows, positions], ConvolutionIndices(info));
        nodes.Add(OnnxMessages.Node("MatMul", layer + ".matmul", [layer + ".weight", windows], [layer + ".product"]));
        nodes.Add(OnnxMessages.Node("Add", layer + ".add", [layer + ".product", layer + ".bias"], [layer + ".biased"]));
        Reshape(info, layer, layer + ".biased", output);
    }

    /// <summary><c>Flatten</c>, <c>Gather</c> the <c>[C, positions, window]</c> values, <c>ReduceMean</c> each window, <c>Reshape</c>.</summary>
    public void AveragePool(LayerInfo info, string layer, string input, string output)
    {
        int channels = info.OutputShape[0], positions = info.OutputSize / channels, window = Product(info.Kernel.AsSpan());
        string windows = Windows(info, layer, input, [channels, positions, window], PoolIndices(info));
        nodes.Add(OnnxMessages.Node("ReduceMean", layer + ".mean", [windows], [layer + ".means"],
            OnnxMessages.IntsAttribute("axes", [3]), OnnxMessages.IntAttribute("keepdims", 0)));
        Reshape(info, layer, layer + ".means", output);
    }

    /// <summary><c>ReduceMean</c> over the spatial axes, keeping them as 1: GlobalAveragePool's own output shape.</summary>
    public void GlobalAveragePool(LayerInfo info, string layer, string input, string output)
    {
        int[] axes = info.InputShape.Length == 2 ? [2] : [2, 3];
        nodes.Add(OnnxMessages.Node("ReduceMean", layer + ".mean", [input], [output],
            OnnxMessages.IntsAttribute("axes", axes), OnnxMessages.IntAttribute("keepdims", 1)));
    }

    private string Windows(LayerInfo info, string layer, string input, long[] indexShape, long[] indices)
    {
        nodes.Add(OnnxMessages.Node("Flatten", layer + ".flatten", [input], [layer + ".flat"], OnnxMessages.IntAttribute("axis", 1)));
        string source = layer + ".flat";
        if (Array.IndexOf(indices, (long)info.InputSize) >= 0)
        {
            // One zero after the map's values: the index every padded tap reads.
            initializers.Add(Int64Tensor(layer + ".pads", [4], [0, 0, 0, 1]));
            nodes.Add(OnnxMessages.Node("Pad", layer + ".pad", [source, layer + ".pads"], [layer + ".padded"]));
            source = layer + ".padded";
        }
        initializers.Add(Int64Tensor(layer + ".windows", indexShape, indices));
        nodes.Add(OnnxMessages.Node("Gather", layer + ".gather", [source, layer + ".windows"], [layer + ".gathered"], OnnxMessages.IntAttribute("axis", 1)));
        return layer + ".gathered";
    }

    private void Reshape(LayerInfo info, string layer, string input, string output)
    {
        long[] shape = new long[1 + info.OutputShape.Length]; // 0 keeps the batch dimension
        for (int d = 0; d < info.OutputShape.Length; d++)
        {
            shape[1 + d] = info.OutputShape[d];
        }
        initializers.Add(Int64Tensor(layer + ".shape", [shape.Length], shape));
        nodes.Add(OnnxMessages.Node("Reshape", layer + ".reshape", [input, layer + ".shape"], [output]));
    }

    /// <summary>For row (channel, taps...) and output position p, the flat index of the input value the tap reads; C x H x W when it falls in the padding.</summary>
    private static long[] ConvolutionIndices(LayerInfo info)
    {
        var map = new Map(info);
        int positions = info.OutputSize / info.OutputShape[0];
        int rows = info.FanIn, taps = rows / map.Channels;
        long[] indices = new long[rows * positions];
        for (int c = 0; c < map.Channels; c++)
        {
            for (int t = 0; t < taps; t++)
            {
                int ky = t / map.KernelWidth, kx = t % map.KernelWidth;
                for (int p = 0; p < positions; p++)
                {
                    int y = p / map.OutWidth * map.StrideY - map.PadTop + ky * map.DilationY;
                    int x = p % map.OutWidth * map.StrideX - map.PadLeft + kx * map.DilationX;
                    bool inside = y >= 0 && y < map.Height && x >= 0 && x < map.Width;
                    indices[(c * taps + t) * positions + p] = inside ? (c * map.Height + y) * map.Width + x : info.InputSize;
                }
            }
        }
        return indices;
    }

    /// <summary>For channel c, output position p and window tap t, the flat index of the input value (pools have no padding).</summary>
    private static long[] PoolIndices(LayerInfo info)
    {
        var map = new Map(info);
        int positions = info.OutputSize / map.Channels, taps = Product(info.Kernel.AsSpan());
        long[] indices = new long[map.Channels * positions * taps];
        for (int c = 0; c < map.Channels; c++)
        {
            for (int p = 0; p < positions; p++)
            {
                for (int t = 0; t < taps; t++)
                {
                    int y = p / map.OutWidth * map.StrideY + t / map.KernelWidth, x = p % map.OutWidth * map.StrideX + t % map.KernelWidth;
                    indices[(c * positions + p) * taps + t] = (c * map.Height + y) * map.Width + x;
                }
            }
        }
        return indices;
    }

    /// <summary>A layer's geometry with a 1D map read as a 2D map of height 1.</summary>
    private readonly struct Map
    {
        public Map(LayerInfo info)
        {
            bool twoD = info.InputShape.Length == 3;
            Channels = info.InputShape[0];
            Height = twoD ? info.InputShape[1] : 1;
            Width = info.InputShape[^1];
            OutWidth = info.OutputShape[^1];
            KernelWidth = info.Kernel[^1];
            StrideY = twoD ? info.Stride[0] : 1;
            StrideX = info.Stride[^1];
            DilationY = twoD && info.Dilation.Length > 0 ? info.Dilation[0] : 1;
            DilationX = info.Dilation.Length > 0 ? info.Dilation[^1] : 1;
            PadTop = twoD && info.Pads.Length > 0 ? info.Pads[0] : 0;
            PadLeft = info.Pads.Length > 0 ? info.Pads[twoD ? 1 : 0] : 0;
        }

        public int Channels { get; }
        public int Height { get; }
        public int Width { get; }
        public int OutWidth { get; }
        public int KernelWidth { get; }
        public int StrideY { get; }
        public int StrideX { get; }
        public int DilationY { get; }
        public int DilationX { get; }
        public int PadTop { get; }
        public int PadLeft { get; }
    }

    private static ProtoWriter Int64Tensor(string name, long[] dims, long[] values)
    {
        byte[] bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }
        return OnnxMessages.Tensor(name, dims, ElementInt64, bytes);
    }

    private static int Product(ReadOnlySpan<int> values)
    {
        int product = 1;
        foreach (int v in values)
        {
            product *= v;
        }
        return product;
    }
}

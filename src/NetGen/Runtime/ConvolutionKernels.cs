using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.Runtime;

/// <summary>
/// The loops of a convolution layer (CodeStyle.Loops), one implementation for one and two spatial dimensions
/// (see <see cref="WindowShape"/>). Weights are PyTorch's <c>[filters, channels, kernelRows, kernelColumns]</c>;
/// biases are one per filter, or one for the whole layer (a span of length 1). Each pass walks the kernel's
/// taps and, for one tap, a whole output row at once: with stride 1 that row reads a contiguous run of input,
/// so the inner loop is the vectorised scaled add or dot product of <see cref="Kernels"/>. Nothing allocates.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConvolutionKernels
{
    /// <summary>sums[f, y, x] = bias_f + sum over channels and taps of w[f, c, ky, kx] * input[c, y*s + ky*d - pad, x*s + kx*d - pad] (zero in the padding).</summary>
    public static void Forward(in WindowShape shape, ReadOnlySpan<double> input, ReadOnlySpan<double> weights, ReadOnlySpan<double> biases, Span<double> sums) =>
        ForwardCore(shape, input, weights, biases, sums);

    /// <summary>sums[f, y, x] = bias_f + sum over channels and taps of w[f, c, ky, kx] * input[c, y*s + ky*d - pad, x*s + kx*d - pad] (zero in the padding).</summary>
    public static void Forward(in WindowShape shape, ReadOnlySpan<float> input, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> sums) =>
        ForwardCore(shape, input, weights, biases, sums);

    /// <summary>
    /// dE/dinput from dE/dsum: each input value receives w * dE/dsum from every window position that read it,
    /// which is the "full" correlation of dE/dsum with the flipped kernel (strides and dilations spread it out,
    /// padding drops what fell outside). Overwrites <paramref name="inputGradient"/>.
    /// </summary>
    public static void InputGradient(in WindowShape shape, ReadOnlySpan<double> sumGradient, ReadOnlySpan<double> weights, Span<double> inputGradient) =>
        InputGradientCore(shape, sumGradient, weights, inputGradient);

    /// <inheritdoc cref="InputGradient(in WindowShape, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    public static void InputGradient(in WindowShape shape, ReadOnlySpan<float> sumGradient, ReadOnlySpan<float> weights, Span<float> inputGradient) =>
        InputGradientCore(shape, sumGradient, weights, inputGradient);

    /// <summary>
    /// Adds <paramref name="scale"/> * dE/dw to <paramref name="weightTarget"/> and <paramref name="scale"/> * dE/db to
    /// <paramref name="biasTarget"/> (empty: biases frozen). A kernel weight is shared by every output position, so its
    /// gradient is the sum over all the positions it touched of dE/dsum there times the input it read; a filter's bias
    /// likewise sums dE/dsum over its positions (a shared bias over every filter's). Scale 1 accumulates a gradient;
    /// -learningRate takes a gradient-descent step in place.
    /// </summary>
    public static void AddParameterGradient(double scale, in WindowShape shape, ReadOnlySpan<double> sumGradient, ReadOnlySpan<double> input,
        Span<double> weightTarget, Span<double> biasTarget) => AddParameterGradientCore(scale, shape, sumGradient, input, weightTarget, biasTarget);

    /// <inheritdoc cref="AddParameterGradient(double, in WindowShape, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    public static void AddParameterGradient(float scale, in WindowShape shape, ReadOnlySpan<float> sumGradient, ReadOnlySpan<float> input,
        Span<float> weightTarget, Span<float> biasTarget) => AddParameterGradientCore(scale, shape, sumGradient, input, weightTarget, biasTarget);

    private static void ForwardCore<T>(in WindowShape g, ReadOnlySpan<T> input, ReadOnlySpan<T> weights, ReadOnlySpan<T> biases, Span<T> sums)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int taps = g.KernelHeight * g.KernelWidth;
        for (int f = 0; f < g.OutputChannels; f++)
        {
            Span<T> plane = sums.Slice(f * g.OutputPlane, g.OutputPlane);
            plane.Fill(biases.Length == 0 ? T.Zero : biases[biases.Length == 1 ? 0 : f]);
            for (int c = 0; c < g.Channels; c++)
            {
                ReadOnlySpan<T> channel = input.Slice(c * g.InputPlane, g.InputPlane);
                ReadOnlySpan<T> kernel = weights.Slice((f * g.Channels + c) * taps, taps);
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    var (start, end, offset) = g.Columns(kx);
                    if (start == end)
                    {
                        continue;
                    }
                    for (int ky = 0; ky < g.KernelHeight; ky++)
                    {
                        T w = kernel[ky * g.KernelWidth + kx];
                        for (int y = 0; y < g.OutputHeight; y++)
                        {
                            int row = g.InputRow(y, ky);
                            if ((uint)row >= (uint)g.InputHeight)
                            {
                                continue;
                            }
                            Span<T> outRow = plane.Slice(y * g.OutputWidth, g.OutputWidth);
                            ReadOnlySpan<T> inRow = channel.Slice(row * g.InputWidth, g.InputWidth);
                            if (g.StrideX == 1)
                            {
                                Kernels.AddScaledCore(w, inRow.Slice(start + offset, end - start), outRow.Slice(start, end - start));
                            }
                            else
                            {
                                for (int x = start; x < end; x++)
                                {
                                    outRow[x] += w * inRow[x * g.StrideX + offset];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void InputGradientCore<T>(in WindowShape g, ReadOnlySpan<T> sumGradient, ReadOnlySpan<T> weights, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The transpose of Forward: every product w * input there sends w * dE/dsum back to that input here.
        inputGradient.Slice(0, g.Channels * g.InputPlane).Clear();
        int taps = g.KernelHeight * g.KernelWidth;
        for (int f = 0; f < g.OutputChannels; f++)
        {
            ReadOnlySpan<T> plane = sumGradient.Slice(f * g.OutputPlane, g.OutputPlane);
            for (int c = 0; c < g.Channels; c++)
            {
                Span<T> channel = inputGradient.Slice(c * g.InputPlane, g.InputPlane);
                ReadOnlySpan<T> kernel = weights.Slice((f * g.Channels + c) * taps, taps);
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    var (start, end, offset) = g.Columns(kx);
                    if (start == end)
                    {
                        continue;
                    }
                    for (int ky = 0; ky < g.KernelHeight; ky++)
                    {
                        T w = kernel[ky * g.KernelWidth + kx];
                        for (int y = 0; y < g.OutputHeight; y++)
                        {
                            int row = g.InputRow(y, ky);
                            if ((uint)row >= (uint)g.InputHeight)
                            {
                                continue;
                            }
                            ReadOnlySpan<T> outRow = plane.Slice(y * g.OutputWidth, g.OutputWidth);
                            Span<T> inRow = channel.Slice(row * g.InputWidth, g.InputWidth);
                            if (g.StrideX == 1)
                            {
                                Kernels.AddScaledCore(w, outRow.Slice(start, end - start), inRow.Slice(start + offset, end - start));
                            }
                            else
                            {
                                for (int x = start; x < end; x++)
                                {
                                    inRow[x * g.StrideX + offset] += w * outRow[x];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void AddParameterGradientCore<T>(T scale, in WindowShape g, ReadOnlySpan<T> sumGradient, ReadOnlySpan<T> input,
        Span<T> weightTarget, Span<T> biasTarget)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int taps = g.KernelHeight * g.KernelWidth;
        T allFilters = T.Zero;
        for (int f = 0; f < g.OutputChannels; f++)
        {
            ReadOnlySpan<T> plane = sumGradient.Slice(f * g.OutputPlane, g.OutputPlane);
            for (int c = 0; c < g.Channels; c++)
            {
                ReadOnlySpan<T> channel = input.Slice(c * g.InputPlane, g.InputPlane);
                Span<T> kernel = weightTarget.Slice((f * g.Channels + c) * taps, taps);
                for (int ky = 0; ky < g.KernelHeight; ky++)
                {
                    for (int kx = 0; kx < g.KernelWidth; kx++)
                    {
                        // dE/dw: the sum over every output position this shared weight touched.
                        var (start, end, offset) = g.Columns(kx);
                        T sum = T.Zero;
                        for (int y = 0; y < g.OutputHeight && start < end; y++)
                        {
                            int row = g.InputRow(y, ky);
                            if ((uint)row >= (uint)g.InputHeight)
                            {
                                continue;
                            }
                            ReadOnlySpan<T> outRow = plane.Slice(y * g.OutputWidth, g.OutputWidth);
                            ReadOnlySpan<T> inRow = channel.Slice(row * g.InputWidth, g.InputWidth);
                            if (g.StrideX == 1)
                            {
                                sum += Kernels.DotCore(outRow.Slice(start, end - start), inRow.Slice(start + offset, end - start));
                            }
                            else
                            {
                                for (int x = start; x < end; x++)
                                {
                                    sum += outRow[x] * inRow[x * g.StrideX + offset];
                                }
                            }
                        }
                        kernel[ky * g.KernelWidth + kx] += scale * sum;
                    }
                }
            }
            if (biasTarget.Length == 0)
            {
                continue;
            }
            T filterSum = T.Zero;
            foreach (T d in plane)
            {
                filterSum += d;
            }
            if (biasTarget.Length == 1)
            {
                allFilters += filterSum;
            }
            else
            {
                biasTarget[f] += scale * filterSum;
            }
        }
        if (biasTarget.Length == 1)
        {
            biasTarget[0] += scale * allFilters;
        }
    }
}

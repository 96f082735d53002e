using System;
using System.ComponentModel;
using System.Numerics;

namespace NetGen.Runtime;

/// <summary>
/// The loops of the pooling layers (CodeStyle.Loops), for one and two spatial dimensions (see <see cref="WindowShape"/>;
/// pooling windows have no padding and no dilation). The windows are a few values each and, with a stride, not
/// contiguous, so these stay scalar: they are a small part of a network's work beside its convolutions. Nothing allocates.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PoolingKernels
{
    /// <summary>
    /// output = the largest value of each window; <paramref name="argmax"/> records which input it came from (its
    /// index in <paramref name="input"/>): the first largest in row-major order, PyTorch's choice; a NaN wins, as there.
    /// </summary>
    public static void MaxForward(in WindowShape shape, ReadOnlySpan<double> input, Span<double> output, Span<int> argmax) =>
        MaxForwardCore(shape, input, output, argmax);

    /// <inheritdoc cref="MaxForward(in WindowShape, ReadOnlySpan{double}, Span{double}, Span{int})"/>
    public static void MaxForward(in WindowShape shape, ReadOnlySpan<float> input, Span<float> output, Span<int> argmax) =>
        MaxForwardCore(shape, input, output, argmax);

    /// <summary>dE/dinput: each window's dE/doutput goes to the input its maximum came from, every other input gets 0. Overwrites <paramref name="inputGradient"/>.</summary>
    public static void MaxBackward(ReadOnlySpan<double> outputGradient, ReadOnlySpan<int> argmax, Span<double> inputGradient) =>
        MaxBackwardCore(outputGradient, argmax, inputGradient);

    /// <inheritdoc cref="MaxBackward(ReadOnlySpan{double}, ReadOnlySpan{int}, Span{double})"/>
    public static void MaxBackward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> argmax, Span<float> inputGradient) =>
        MaxBackwardCore(outputGradient, argmax, inputGradient);

    /// <summary>output = the mean of each window, divided by the full window size.</summary>
    public static void AverageForward(in WindowShape shape, ReadOnlySpan<double> input, Span<double> output) =>
        AverageForwardCore(shape, input, output);

    /// <inheritdoc cref="AverageForward(in WindowShape, ReadOnlySpan{double}, Span{double})"/>
    public static void AverageForward(in WindowShape shape, ReadOnlySpan<float> input, Span<float> output) =>
        AverageForwardCore(shape, input, output);

    /// <summary>dE/dinput: each input receives dE/doutput / (window size) from every window it is in. Overwrites <paramref name="inputGradient"/>.</summary>
    public static void AverageBackward(in WindowShape shape, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        AverageBackwardCore(shape, outputGradient, inputGradient);

    /// <inheritdoc cref="AverageBackward(in WindowShape, ReadOnlySpan{double}, Span{double})"/>
    public static void AverageBackward(in WindowShape shape, ReadOnlySpan<float> outputGradient, Span<float> inputGradient) =>
        AverageBackwardCore(shape, outputGradient, inputGradient);

    /// <summary>output[c] = the mean of channel c's <paramref name="positions"/> values.</summary>
    public static void GlobalAverageForward(int positions, ReadOnlySpan<double> input, Span<double> output) =>
        GlobalAverageForwardCore(positions, input, output);

    /// <inheritdoc cref="GlobalAverageForward(int, ReadOnlySpan{double}, Span{double})"/>
    public static void GlobalAverageForward(int positions, ReadOnlySpan<float> input, Span<float> output) =>
        GlobalAverageForwardCore(positions, input, output);

    /// <summary>dE/dinput[c, k] = dE/doutput[c] / positions for every position k. Overwrites <paramref name="inputGradient"/>.</summary>
    public static void GlobalAverageBackward(int positions, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        GlobalAverageBackwardCore(positions, outputGradient, inputGradient);

    /// <inheritdoc cref="GlobalAverageBackward(int, ReadOnlySpan{double}, Span{double})"/>
    public static void GlobalAverageBackward(int positions, ReadOnlySpan<float> outputGradient, Span<float> inputGradient) =>
        GlobalAverageBackwardCore(positions, outputGradient, inputGradient);

    private static void MaxForwardCore<T>(in WindowShape g, ReadOnlySpan<T> input, Span<T> output, Span<int> argmax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        for (int c = 0; c < g.OutputChannels; c++)
        {
            int plane = c * g.InputPlane;
            for (int y = 0; y < g.OutputHeight; y++)
            {
                for (int x = 0; x < g.OutputWidth; x++, k++)
                {
                    int top = plane + y * g.StrideY * g.InputWidth + x * g.StrideX;
                    int best = top;
                    T max = input[top];
                    for (int ky = 0; ky < g.KernelHeight; ky++)
                    {
                        int row = top + ky * g.InputWidth;
                        for (int kx = 0; kx < g.KernelWidth; kx++)
                        {
                            T value = input[row + kx];
                            // Strictly greater keeps the first maximum; once max is NaN nothing is greater.
                            if (value > max || (T.IsNaN(value) && !T.IsNaN(max)))
                            {
                                max = value;
                                best = row + kx;
                            }
                        }
                    }
                    output[k] = max;
                    argmax[k] = best;
                }
            }
        }
    }

    private static void MaxBackwardCore<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<int> argmax, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        inputGradient.Clear();
        for (int k = 0; k < outputGradient.Length; k++)
        {
            // += : overlapping windows (stride below the kernel) can share their maximum.
            inputGradient[argmax[k]] += outputGradient[k];
        }
    }

    private static void AverageForwardCore<T>(in WindowShape g, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T size = T.CreateTruncating(g.KernelHeight * g.KernelWidth);
        int k = 0;
        for (int c = 0; c < g.OutputChannels; c++)
        {
            int plane = c * g.InputPlane;
            for (int y = 0; y < g.OutputHeight; y++)
            {
                for (int x = 0; x < g.OutputWidth; x++, k++)
                {
                    int top = plane + y * g.StrideY * g.InputWidth + x * g.StrideX;
                    T sum = T.Zero;
                    for (int ky = 0; ky < g.KernelHeight; ky++)
                    {
                        int row = top + ky * g.InputWidth;
                        for (int kx = 0; kx < g.KernelWidth; kx++)
                        {
                            sum += input[row + kx];
                        }
                    }
                    output[k] = sum / size;
                }
            }
        }
    }

    private static void AverageBackwardCore<T>(in WindowShape g, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        inputGradient.Slice(0, g.Channels * g.InputPlane).Clear();
        T size = T.CreateTruncating(g.KernelHeight * g.KernelWidth);
        int k = 0;
        for (int c = 0; c < g.OutputChannels; c++)
        {
            int plane = c * g.InputPlane;
            for (int y = 0; y < g.OutputHeight; y++)
            {
                for (int x = 0; x < g.OutputWidth; x++, k++)
                {
                    int top = plane + y * g.StrideY * g.InputWidth + x * g.StrideX;
                    T share = outputGradient[k] / size;
                    for (int ky = 0; ky < g.KernelHeight; ky++)
                    {
                        int row = top + ky * g.InputWidth;
                        for (int kx = 0; kx < g.KernelWidth; kx++)
                        {
                            inputGradient[row + kx] += share;
                        }
                    }
                }
            }
        }
    }

    private static void GlobalAverageForwardCore<T>(int positions, ReadOnlySpan<T> input, Span<T> output)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(positions);
        for (int c = 0; c < output.Length; c++)
        {
            T sum = T.Zero;
            foreach (T value in input.Slice(c * positions, positions))
            {
                sum += value;
            }
            output[c] = sum / count;
        }
    }

    private static void GlobalAverageBackwardCore<T>(int positions, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.CreateTruncating(positions);
        for (int c = 0; c < outputGradient.Length; c++)
        {
            inputGradient.Slice(c * positions, positions).Fill(outputGradient[c] / count);
        }
    }
}

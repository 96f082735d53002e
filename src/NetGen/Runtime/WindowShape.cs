using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// The geometry of a convolution or pooling layer as the loop kernels read it: a <c>[channels, height, width]</c>
/// input, a <c>[outputChannels, outputHeight, outputWidth]</c> output and the window that maps one to the other.
/// A one-dimensional layer is the same with height, kernel height, strides and dilations of 1 along the first
/// dimension, so that one implementation serves both ranks. Generated code builds one per layer from constants.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct WindowShape
{
    /// <summary>Describes one layer; every argument is a count of values, from the layer's resolved shape.</summary>
    /// <param name="channels">Input channels.</param>
    /// <param name="inputHeight">Input rows (1 for a one-dimensional layer).</param>
    /// <param name="inputWidth">Input columns (the length of a one-dimensional layer).</param>
    /// <param name="outputChannels">Output channels: a convolution's filters, the input's channels for pooling.</param>
    /// <param name="outputHeight">Output rows.</param>
    /// <param name="outputWidth">Output columns.</param>
    /// <param name="kernelHeight">Window rows.</param>
    /// <param name="kernelWidth">Window columns.</param>
    /// <param name="strideY">Rows between one window and the next.</param>
    /// <param name="strideX">Columns between one window and the next.</param>
    /// <param name="dilationY">Rows between two taps of the window (1: adjacent).</param>
    /// <param name="dilationX">Columns between two taps of the window (1: adjacent).</param>
    /// <param name="padTop">Zero rows before the input (the rows after it only shorten the output, which is given).</param>
    /// <param name="padLeft">Zero columns before the input.</param>
    public WindowShape(int channels, int inputHeight, int inputWidth, int outputChannels, int outputHeight, int outputWidth,
        int kernelHeight, int kernelWidth, int strideY, int strideX, int dilationY, int dilationX, int padTop, int padLeft)
    {
        Channels = channels;
        InputHeight = inputHeight;
        InputWidth = inputWidth;
        OutputChannels = outputChannels;
        OutputHeight = outputHeight;
        OutputWidth = outputWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideY = strideY;
        StrideX = strideX;
        DilationY = dilationY;
        DilationX = dilationX;
        PadTop = padTop;
        PadLeft = padLeft;
    }

    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>Input rows.</summary>
    public int InputHeight { get; }

    /// <summary>Input columns.</summary>
    public int InputWidth { get; }

    /// <summary>Output channels.</summary>
    public int OutputChannels { get; }

    /// <summary>Output rows.</summary>
    public int OutputHeight { get; }

    /// <summary>Output columns.</summary>
    public int OutputWidth { get; }

    /// <summary>Window rows.</summary>
    public int KernelHeight { get; }

    /// <summary>Window columns.</summary>
    public int KernelWidth { get; }

    /// <summary>Rows between windows.</summary>
    public int StrideY { get; }

    /// <summary>Columns between windows.</summary>
    public int StrideX { get; }

    /// <summary>Rows between taps.</summary>
    public int DilationY { get; }

    /// <summary>Columns between taps.</summary>
    public int DilationX { get; }

    /// <summary>Zero rows before the input.</summary>
    public int PadTop { get; }

    /// <summary>Zero columns before the input.</summary>
    public int PadLeft { get; }

    /// <summary>Values per input channel.</summary>
    internal int InputPlane => InputHeight * InputWidth;

    /// <summary>Values per output channel.</summary>
    internal int OutputPlane => OutputHeight * OutputWidth;

    /// <summary>The input row that window row <paramref name="outputRow"/> reads at kernel row <paramref name="tapRow"/>; outside [0, InputHeight) in the padding.</summary>
    internal int InputRow(int outputRow, int tapRow) => outputRow * StrideY + tapRow * DilationY - PadTop;

    /// <summary>
    /// The output columns [Start, End) whose window reads a real input column (not padding) at kernel column
    /// <paramref name="tapColumn"/>; the column read by output column ox is ox * StrideX + Offset.
    /// </summary>
    internal (int Start, int End, int Offset) Columns(int tapColumn)
    {
        int offset = tapColumn * DilationX - PadLeft;
        int start = offset >= 0 ? 0 : (-offset + StrideX - 1) / StrideX;
        int last = InputWidth - 1 - offset;
        int end = last < 0 ? 0 : System.Math.Min(OutputWidth, last / StrideX + 1);
        return (start, System.Math.Max(start, end), offset);
    }
}

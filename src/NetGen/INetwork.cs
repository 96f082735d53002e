using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// The contract every generated network meets. Trainers, tests, save/load and export are written
/// against it, generic over the network type so that calls are direct and inlinable (no virtual
/// dispatch, no reflection).
/// </summary>
/// <typeparam name="TSelf">The generated network type.</typeparam>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public interface INetwork<TSelf, T>
    where TSelf : INetwork<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of inputs.</summary>
    static abstract int InputCount { get; }

    /// <summary>The number of outputs.</summary>
    static abstract int OutputCount { get; }

    /// <summary>The length of <see cref="Parameters"/>.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>
    /// Layer widths from input to output, e.g. <c>[2, 2, 2]</c>.
    /// </summary>
    static abstract ReadOnlySpan<int> LayerSizes { get; }

    /// <summary>
    /// The activation of each layer after the input, from the first hidden layer to the output
    /// (one shorter than <see cref="LayerSizes"/>); initialisation and save files use it.
    /// </summary>
    static abstract ReadOnlySpan<Activation> LayerActivations { get; }

    /// <summary>
    /// The shape of one sample's input, as PyTorch and ONNX have it: <c>[features]</c> for a dense network,
    /// <c>[channels, length]</c> or <c>[channels, height, width]</c> (row-major) when the first layer is a
    /// convolution or pooling layer. Its product is <see cref="InputCount"/>.
    /// </summary>
    static virtual ReadOnlySpan<int> InputShape => DenseLayerInfos<TSelf, T>.InputShape;

    /// <summary>
    /// Each layer after the input, in order: kind, shapes, kernel and where its parameters sit. Generated
    /// networks describe themselves; a hand-written implementation of a dense network gets this from
    /// <see cref="LayerSizes"/>, <see cref="LayerActivations"/> and <see cref="ParameterCount"/>.
    /// </summary>
    static virtual ReadOnlySpan<LayerInfo> Layers => DenseLayerInfos<TSelf, T>.Layers;

    /// <summary>
    /// The name of each parameter, in parameter order, in the vocabulary of the generated code
    /// (<c>w_o1_h2</c> is the weight from h2 to o1, <c>b_h1</c> the bias of h1).
    /// </summary>
    static abstract ReadOnlySpan<string> ParameterNames { get; }

    /// <summary>
    /// Whether training changes each parameter (false for frozen biases), in parameter order.
    /// </summary>
    static abstract ReadOnlySpan<bool> ParameterIsTrainable { get; }

    /// <summary>
    /// The slope of <see cref="Activation.LeakyReLU"/> for negative sums, as declared (float networks
    /// compute with it rounded to float). With <see cref="LayerActivations"/>, it tells exporters the
    /// network's function.
    /// </summary>
    static abstract double LeakyReLUSlope { get; }

    /// <summary>
    /// The flat parameter vector in PyTorch <c>nn.Linear</c> order: for each layer, its weights
    /// [out, in] row-major, then its biases (one when the bias is shared by the layer).
    /// </summary>
    Span<T> Parameters { get; }

    /// <summary>Computes the outputs for one input. Pure, thread-safe, allocation-free.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>
    /// <see cref="Forward"/> for many rows: <paramref name="inputs"/> holds one row of <see cref="InputCount"/>
    /// values per sample and <paramref name="outputs"/> receives one row of <see cref="OutputCount"/> values per
    /// sample (row-major, [sample, value]). Small networks run several rows at once in SIMD lanes and large dense
    /// ones run each layer as a matrix-matrix product, so outputs can differ from Forward's in the last bits.
    /// Pure, thread-safe, allocation-free (after a thread's first call, which sizes its working memory).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="inputs"/> is not whole rows, or <paramref name="outputs"/> does not have one row per input row.
    /// </exception>
    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>
    /// Runs the forward pass, returns the loss, and ADDS dLoss/dParameter into
    /// <paramref name="gradient"/> (parameter order), so that a mini-batch is a loop of calls.
    /// Frozen parameters receive nothing.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient);

    /// <summary>One fused stochastic-gradient-descent step on one sample; returns the loss before the update.</summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate);

    /// <summary>
    /// <see cref="Backward"/> over a mini-batch: <paramref name="inputs"/> holds one row of
    /// <see cref="InputCount"/> values per sample and <paramref name="targets"/> one row of
    /// <see cref="OutputCount"/> values per sample (row-major, [sample, value]). Returns the SUMMED loss and
    /// ADDS the summed dLoss/dParameter into <paramref name="gradient"/>, as the loop of
    /// <see cref="Backward"/> calls it replaces would; small networks run several samples at once in SIMD
    /// lanes, so the result can differ from that loop in the last bits. Pure and thread-safe.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A span has the wrong length, or <paramref name="inputs"/> and <paramref name="targets"/> hold different numbers of rows.
    /// </exception>
    T BackwardBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradient);

    /// <summary>
    /// One mini-batch stochastic-gradient-descent step: every parameter moves by
    /// <c>-learningRate * (mean gradient over the batch)</c>, all gradients computed from the parameters
    /// before the step. Rows are laid out as for <see cref="BackwardBatch"/>. Returns the MEAN loss of the
    /// batch before the update. Allocation-free.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The batch is empty, a span has the wrong length, or the inputs and targets hold different numbers of rows.
    /// </exception>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);
}

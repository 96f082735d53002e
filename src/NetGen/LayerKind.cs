// Linked into NetGen.Generator (NETGEN_GENERATOR): this file is the one definition of the layer kinds both
// sides use.
#if NETGEN_GENERATOR
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>What a layer computes. See <see cref="LayerInfo"/> for its shapes and parameters.</summary>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum LayerKind
{
    /// <summary>Fully connected: every unit sums every value of the layer before (flattened), then its activation.</summary>
    Dense = 0,
    /// <summary>
    /// Convolution (PyTorch <c>Conv1d</c>/<c>Conv2d</c>, ONNX <c>Conv</c>): each filter slides over every channel of
    /// the input; weights <c>[filters, channels, kernel...]</c>, then one bias per filter; then the activation.
    /// </summary>
    Convolution = 1,
    /// <summary>The largest value of each window, per channel (ONNX <c>MaxPool</c>); no parameters.</summary>
    MaxPool = 2,
    /// <summary>The mean of each window, per channel (ONNX <c>AveragePool</c>); no parameters.</summary>
    AveragePool = 3,
    /// <summary>The mean of each channel over all its positions (ONNX <c>GlobalAveragePool</c>); no parameters.</summary>
    GlobalAveragePool = 4,
}

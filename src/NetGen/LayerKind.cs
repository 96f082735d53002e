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
    /// <summary>
    /// Elman recurrent layer (PyTorch <c>nn.RNN</c>, ONNX <c>RNN</c>) over the time steps of a <c>[time, features]</c>
    /// input: h_t = act(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh), act tanh or ReLU; weights <c>weight_ih [hidden, features]</c>,
    /// <c>weight_hh [hidden, hidden]</c>, then <c>bias_ih</c> and <c>bias_hh</c> of <c>[hidden]</c>; zero initial state.
    /// </summary>
    SimpleRnn = 5,
    /// <summary>
    /// Gated recurrent unit (PyTorch <c>nn.GRU</c>; ONNX <c>GRU</c> with <c>linear_before_reset = 1</c>): gates r, z, n in
    /// PyTorch's order, the reset applied after the hidden matmul; parameters as <see cref="SimpleRnn"/> with three rows of gates.
    /// </summary>
    Gru = 6,
    /// <summary>
    /// Long short-term memory (PyTorch <c>nn.LSTM</c>, ONNX <c>LSTM</c>): gates i, f, g, o in PyTorch's order, a cell
    /// state beside the hidden state; parameters as <see cref="SimpleRnn"/> with four rows of gates.
    /// </summary>
    Lstm = 7,
    /// <summary>
    /// A dense layer applied at every time step of a sequence with the same weights (PyTorch <c>nn.Linear</c> on
    /// <c>[time, features]</c>, Keras <c>TimeDistributed(Dense)</c>): reads <c>[time, inputs]</c>, writes <c>[time, units]</c>.
    /// </summary>
    PerStepDense = 8,
}

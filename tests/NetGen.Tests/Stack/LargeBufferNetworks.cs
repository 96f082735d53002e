namespace NetGen.Tests.Stack;

// Loop-form networks whose buffers are far larger than a thread's stack can spare: a recurrent layer keeps every
// step's state and gates (steps x hidden values each), a convolution its whole feature map.

/// <summary>200 steps of an LSTM of 32: h, the six cached gate values and dE/d(gates) of every step, about 560 KB in doubles.</summary>
[Network("200x4 - lstm32 - 1", Activation.Tanh, CodeStyle = CodeStyle.Loops)]
public partial class LongLstmLoopNet { }

/// <summary>Stacked cells in single precision: a GRU's 150-step sequence into an LSTM, so dE/dx of the LSTM flows down too.</summary>
[Network("150x4 - gru32(return=sequence) - lstm16 - 1", Activation.Tanh, CodeStyle = CodeStyle.Loops, Precision = Precision.Single)]
public partial class LongStackedFloatLoopNet { }

/// <summary>One convolution with a 4 x 58 x 58 map: 13,456 values, 105 KB for each of its sums, outputs and errors.</summary>
[Network("1x60x60 - conv3x3x4:relu - 2", Activation.ReLU, CodeStyle = CodeStyle.Loops)]
public partial class WideMapLoopNet { }

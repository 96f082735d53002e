namespace NetGen.Tests.Recurrent;

/// <summary>The benchmark's GRU, generated as loops over the recurrent kernels.</summary>
[Network("50x2 - gru16 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Loops)]
public partial class GruLoopNet { }

/// <summary>The benchmark's LSTM, generated as loops.</summary>
[Network("50x2 - lstm16 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Loops)]
public partial class LstmLoopNet { }

/// <summary>A per-step head on an LSTM's sequence: one output row per step.</summary>
[Network("6x3 - lstm4(return=sequence) - 2", Activation.Tanh, CodeStyle = CodeStyle.Loops)]
public partial class LstmSequenceLoopNet { }

/// <summary>Stacked cells in single precision: a ReLU RNN's sequence into a GRU, a dense layer on its last state.</summary>
[Network("7x2 - rnn3:relu - gru4 - 3:tanh - 2", Activation.Sigmoid, CodeStyle = CodeStyle.Loops, Precision = Precision.Single)]
public partial class StackedFloatLoopNet { }

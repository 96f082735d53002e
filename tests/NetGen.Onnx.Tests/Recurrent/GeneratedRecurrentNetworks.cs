using NetGen;

namespace NetGen.Onnx.Tests.Recurrent;

// Generated recurrent networks (unrolled) covering each cell, last-state, sequence and flattened heads, stacking and
// both precisions, for the exporter; and a PyTorch fixture compiled by the real compiler.

[Network("5x3 - gru4 - 2:identity", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)] public partial class GenGruDouble { }
[Network("5x3 - gru4 - 2:identity", Activation.Tanh, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenGruSingle { }

[Network("4x2 - lstm3 - 2:sigmoid", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)] public partial class GenLstmDouble { }
[Network("4x2 - lstm3 - 2:sigmoid", Activation.Tanh, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenLstmSingle { }

[Network("5x2 - rnn3:relu - rnn2 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)] public partial class GenStackedRnnDouble { }
[Network("5x2 - rnn3:relu - rnn2 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenStackedRnnSingle { }

[Network("4x3 - lstm3(return=sequence) - 2:tanh", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)] public partial class GenLstmPerStepDouble { }
[Network("4x3 - lstm3(return=sequence) - 2:tanh", Activation.Tanh, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenLstmPerStepSingle { }

[Network("4x2 - gru3(return=sequence) - flatten - 3:softmax", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)] public partial class GenGruFlattenDouble { }
[Network("4x2 - gru3(return=sequence) - flatten - 3:softmax", Activation.Tanh, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenGruFlattenSingle { }

// Loops form: the benchmark size, a GRU of 50 steps and 16 units, and a stacked LSTM per-step network.
[Network("50x2 - gru16 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Loops)] public partial class GenGruLoopsDouble { }
[Network("50x2 - gru16 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Loops, Precision = Precision.Single)] public partial class GenGruLoopsSingle { }
[Network("8x3 - lstm6(return=sequence) - lstm5(return=sequence) - 2:sigmoid", Activation.Tanh, CodeStyle = CodeStyle.Loops)] public partial class GenLstmLoopsDouble { }
[Network("8x3 - lstm6(return=sequence) - lstm5(return=sequence) - 2:sigmoid", Activation.Tanh, CodeStyle = CodeStyle.Loops, Precision = Precision.Single)] public partial class GenLstmLoopsSingle { }

// Compiled by the real compiler from Fixtures/gru_stacked.onnx (PyTorch: GRU(2, 3) -> RNN(3, 3) -> last step -> Linear(3, 1)).
[Network(OnnxModel = "Fixtures/gru_stacked.onnx", CodeStyle = CodeStyle.Unrolled)] public partial class GruStackedFixture { }

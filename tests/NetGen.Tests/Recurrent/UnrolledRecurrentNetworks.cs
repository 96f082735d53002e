using NetGen;

namespace NetGen.Tests.Recurrent;

// Unrolled recurrent networks of the runtime tests: each cell, each head, both precisions.

[Network("4x2 - gru3 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)]
public partial class UnrolledGruNet { }

[Network("3x2 - lstm2(return=sequence) - 2:softmax", Activation.Tanh, Loss = Loss.CrossEntropy, Precision = Precision.Single, CodeStyle = CodeStyle.Unrolled)]
public partial class UnrolledLstmSequenceFloatNet { }

[Network("5x2 - rnn3:relu - rnn2 - 1", Activation.Tanh, Output = Activation.Sigmoid, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Unrolled)]
public partial class UnrolledStackedRnnNet { }

[Network("2x3 - rnn2 - 2", Activation.Sigmoid, Output = Activation.Identity, CodeStyle = CodeStyle.Unrolled)]
public partial class UnrolledTwoStepRnnNet { }

namespace NetGen.Tests;

// The networks of issue 11's point 6: each was rendered wrongly by one dialect before the derivation.

/// <summary>Softmax with cross-entropy, unrolled and as loops: its gradient must hold for targets that do not sum to 1.</summary>
[Network("3-4-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class SoftmaxCrossEntropyNet { }

[Network("3-4-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Loops)]
public partial class SoftmaxCrossEntropyLoops { }

/// <summary>Tanh in float over SIMD lanes, where 1 - 2/(e^2x + 1) lost 5% at x = 1e-6.</summary>
[Network("3-2", Activation.Tanh, Precision = Precision.Single)]
public partial class SmallSumTanhFloat { }

[Network("3-2", Activation.Tanh)]
public partial class SmallSumTanhDouble { }

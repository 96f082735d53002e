namespace NetGen.Tests.Training;

// Networks for the harness tests, generated at compile time as a user's would be.

/// <summary>Sigmoid with 1/2 squared error, the kind ReferenceMlp computes independently.</summary>
[Network("3-4-2", Activation.Sigmoid)]
public partial class SigmoidNet { }

/// <summary>Same widths and precision as <see cref="SigmoidNet"/>, other activations: a different network.</summary>
[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class SoftmaxNet { }

/// <summary>The float twin of <see cref="SoftmaxNet"/>.</summary>
[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single)]
public partial class SoftmaxFloatNet { }

/// <summary><see cref="SigmoidNet"/>'s widths with one bias per layer.</summary>
[Network("3-4-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer)]
public partial class SharedBiasNet { }

/// <summary><see cref="SigmoidNet"/> with one more hidden unit.</summary>
[Network("3-5-2", Activation.Sigmoid)]
public partial class WiderNet { }

/// <summary>Biases that training must never change.</summary>
[Network("3-4-2", Activation.Sigmoid, TrainBiases = false)]
public partial class FrozenBiasNet { }

/// <summary>Compact loops and an array of parameters instead of named fields.</summary>
[Network("3-6-2", Activation.Tanh, CodeStyle = CodeStyle.Loops)]
public partial class LoopsNet { }

/// <summary>A linear regression network, which a large learning rate makes diverge.</summary>
[Network("2-4-1", Activation.Identity)]
public partial class LinearNet { }

/// <summary>Layers of every initialisation kind: He for ReLU and LeakyReLU, Glorot for tanh and identity.</summary>
[Network("20-50:relu-30:tanh-25:leakyrelu-10", Activation.Identity, CodeStyle = CodeStyle.Loops)]
public partial class MixedNet { }

/// <summary>Identity hidden layer, softmax output: with identity weights it predicts the larger input.</summary>
[Network("2-2-2", Activation.Identity, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class ArgMaxNet { }

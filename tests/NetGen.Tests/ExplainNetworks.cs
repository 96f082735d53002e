using NetGen;

namespace NetGen.Tests;

// Twins: the same network generated unrolled and as loops, so that the loop form's Explain can be held
// against the unrolled one, value by value.

[Network("2-2-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, TrainBiases = false, CodeStyle = CodeStyle.Loops)]
public partial class LoopedWorkedExampleNet { }

[Network("3-4:relu-3:tanh-2", Activation.Sigmoid, Output = Activation.Identity, Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Unrolled)]
public partial class DeepUnrolled { }

[Network("3-4:relu-3:tanh-2", Activation.Sigmoid, Output = Activation.Identity, Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Loops)]
public partial class DeepLooped { }

[Network("4-3:leakyrelu-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Bias = BiasMode.SharedPerLayer, LeakyReLUSlope = 0.2, CodeStyle = CodeStyle.Unrolled)]
public partial class SoftmaxUnrolled { }

[Network("4-3:leakyrelu-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Bias = BiasMode.SharedPerLayer, LeakyReLUSlope = 0.2, CodeStyle = CodeStyle.Loops)]
public partial class SoftmaxLooped { }

[Network("3-3-3", Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.HalfSquaredError, CodeStyle = CodeStyle.Unrolled)]
public partial class SoftmaxSquaredUnrolled { }

[Network("3-3-3", Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.HalfSquaredError, CodeStyle = CodeStyle.Loops)]
public partial class SoftmaxSquaredLooped { }

[Network("2-3-2", Activation.Sigmoid, Loss = Loss.CrossEntropy, Precision = Precision.Single, CodeStyle = CodeStyle.Unrolled)]
public partial class BinaryUnrolled { }

[Network("2-3-2", Activation.Sigmoid, Loss = Loss.CrossEntropy, Precision = Precision.Single, CodeStyle = CodeStyle.Loops)]
public partial class BinaryLooped { }

/// <summary>The size the README calls large: 101,770 parameters, loops by Auto.</summary>
[Network("784-128-10", Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class Mnist { }

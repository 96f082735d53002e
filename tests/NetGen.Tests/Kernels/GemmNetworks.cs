using NetGen;

namespace NetGen.Tests.Kernels;

// Dense networks above the lanes' 400 weights, so that their batches run as matrix products: every loss, every
// activation on both sides of a matrix product, shared and frozen biases, both precisions.

[Network("30-20-12", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer)]
public partial class GemmSharedBiasNet { }

[Network("30-20-12", Activation.ReLU, Output = Activation.Identity, TrainBiases = false)]
public partial class GemmFrozenBiasNet { }

[Network("25-20:tanh-8", Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.HalfSquaredError)]
public partial class GemmSoftmaxSquaredNet { }

[Network("40-16:leakyrelu-9:sigmoid-6", Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Precision = Precision.Single)]
public partial class GemmFloatMseNet { }

[Network("50-20:relu-10", Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single)]
public partial class GemmFloatSoftmaxNet { }

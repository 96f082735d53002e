using NetGen;

namespace NetGen.Tests;

// Networks generated at this test project's compile time, exactly as a user's project gets them.

[Network("2-2-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, TrainBiases = false)]
public partial class WorkedExampleNet { }

[Network("2-2-2", Activation.Sigmoid)]
public partial class PerNeuronNet { }

[Network("3-5-2", Activation.Sigmoid)]
public partial class Net3x5x2 { }

[Network("1-4-1", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer)]
public partial class Net1x4x1Shared { }

[Network("6-3-4", Activation.Sigmoid)]
public partial class Net6x3x4 { }

[Network(" 4 - 9 - 3 ", Activation.Sigmoid)]
public partial class Net4x9x3Spaced { }

[Network("8-32-16-8-4", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class DeepSoftmaxNet { }

[Network("3-6:relu-2", Activation.Sigmoid, Precision = Precision.Single)]
public partial class FloatNet { }

[Network("64-32-10", Activation.ReLU, Output = Activation.Sigmoid, Loss = Loss.CrossEntropy)]
public partial class LoopsNet { }

[Network("3-5-2", Activation.Sigmoid, Precision = Precision.Single)]
public partial class Net3x5x2Single { }

[Network("6-3-4", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)]
public partial class Net6x3x4Loops { }

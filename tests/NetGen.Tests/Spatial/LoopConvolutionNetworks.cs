using NetGen;

namespace NetGen.Tests.Spatial;

// Convolutional networks in CodeStyle.Loops, where the runtime kernels do the work, and an unrolled twin of one
// of them so that the loop form's Explain can be held against the unrolled one, name by name.

[Network("1x8x8 - conv3x3x4(padding=same):relu - maxpool2 - 10:softmax", Activation.ReLU, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Loops)]
public partial class LoopImageNet { }

[Network("3x64 - conv5x8:relu - avgpool2 - conv3x4 - gap - 2:softmax", Activation.ReLU, Loss = Loss.CrossEntropy, Precision = Precision.Single,
    Bias = BiasMode.SharedPerLayer, CodeStyle = CodeStyle.Loops)]
public partial class LoopSignalFloatNet { }

[Network("2x9x9 - conv3x3x3(stride=2, padding=1, dilation=2):tanh - avgpool2 - 4", Activation.Tanh, TrainBiases = false, CodeStyle = CodeStyle.Loops)]
public partial class LoopStridedNet { }

[Network("2x5x5 - conv3x3x2(stride=2, padding=same):leakyrelu - conv2x2x2:sigmoid - maxpool2(stride=1) - 3:tanh - 2", Activation.Tanh, Output = Activation.Identity,
    Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Unrolled)]
public partial class ConvTwinUnrolled { }

[Network("2x5x5 - conv3x3x2(stride=2, padding=same):leakyrelu - conv2x2x2:sigmoid - maxpool2(stride=1) - 3:tanh - 2", Activation.Tanh, Output = Activation.Identity,
    Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Loops)]
public partial class ConvTwinLooped { }

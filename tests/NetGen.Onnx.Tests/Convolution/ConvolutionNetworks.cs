using NetGen;

namespace NetGen.Onnx.Tests.Convolution;

// Generated convolutional networks covering every operator and attribute the exporter writes, in both precisions:
// valid, same (uneven at stride 2) and explicit pads, strides, dilation, uneven windows, max, average and global
// pooling, a dense layer straight after a convolution, each activation on a convolution, shared and per-filter biases.
// Unrolled: the loop form of spatial layers is not generated yet.

[Network("1x6x6 - conv3x2:relu - maxpool2 - 3", Activation.Tanh, Output = Activation.Softmax, CodeStyle = CodeStyle.Unrolled)] public partial class GenValidMaxDouble { }
[Network("1x6x6 - conv3x2:relu - maxpool2 - 3", Activation.Tanh, Output = Activation.Softmax, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenValidMaxSingle { }

[Network("2x6x6 - conv3x2(stride=2, padding=same):sigmoid - avgpool2(stride=1) - 3", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)] public partial class GenSameAverageDouble { }
[Network("2x6x6 - conv3x2(stride=2, padding=same):sigmoid - avgpool2(stride=1) - 3", Activation.Tanh, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenSameAverageSingle { }

[Network("1x7x7 - conv3x2(stride=2, padding=2, dilation=2):leakyrelu - gap - 2", Activation.Identity, LeakyReLUSlope = 0.1, CodeStyle = CodeStyle.Unrolled)] public partial class GenDilatedGlobalDouble { }
[Network("1x7x7 - conv3x2(stride=2, padding=2, dilation=2):leakyrelu - gap - 2", Activation.Identity, LeakyReLUSlope = 0.1, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenDilatedGlobalSingle { }

[Network("3x12 - conv3x3(padding=same):tanh - maxpool2 - conv3x2(dilation=2):relu - avgpool2 - 2", Activation.Tanh, Output = Activation.Softmax, CodeStyle = CodeStyle.Unrolled)] public partial class GenSignalDouble { }
[Network("3x12 - conv3x3(padding=same):tanh - maxpool2 - conv3x2(dilation=2):relu - avgpool2 - 2", Activation.Tanh, Output = Activation.Softmax, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenSignalSingle { }

[Network("2x10 - conv3x3(stride=2, padding=1):identity - gap - 2", Activation.LeakyReLU, Bias = BiasMode.SharedPerLayer, CodeStyle = CodeStyle.Unrolled)] public partial class GenSharedSignalDouble { }
[Network("2x10 - conv3x3(stride=2, padding=1):identity - gap - 2", Activation.LeakyReLU, Bias = BiasMode.SharedPerLayer, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenSharedSignalSingle { }

[Network("1x5x7 - conv2x3x2(stride=1x2):relu - maxpool2x3(stride=1x2) - 3", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, CodeStyle = CodeStyle.Unrolled)] public partial class GenUnevenSharedDouble { }
[Network("1x5x7 - conv2x3x2(stride=1x2):relu - maxpool2x3(stride=1x2) - 3", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenUnevenSharedSingle { }

[Network("1x5x5 - conv3x2:tanh - 2", Activation.Identity, CodeStyle = CodeStyle.Unrolled)] public partial class GenConvDenseDouble { }
[Network("1x5x5 - conv3x2:tanh - 2", Activation.Identity, CodeStyle = CodeStyle.Unrolled, Precision = Precision.Single)] public partial class GenConvDenseSingle { }

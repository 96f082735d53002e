using NetGen;

namespace NetGen.Tests;

// Convolutional networks of the runtime tests: a 1D signal net and a 2D float image net in unrolled form.

[Network("1x6 - conv3x2:relu - maxpool2 - 2:softmax", Activation.ReLU, Loss = Loss.CrossEntropy)]
public partial class SignalConvNet { }

[Network("1x5x5 - conv3x2(padding=same):tanh - avgpool2 - gap - 3", Activation.Tanh, Precision = Precision.Single, CodeStyle = CodeStyle.Unrolled)]
public partial class ImageConvFloatNet { }

using NetGen;

namespace NetGen.Onnx.Tests;

// One network per activation, precision and bias mode: what the export tests run through ONNX Runtime.
// Softmax may only end a network, so its networks put Tanh in the hidden layer.

[Network("3-4-2", Activation.Identity)] public partial class IdentityDouble { }
[Network("3-4-2", Activation.Sigmoid)] public partial class SigmoidDouble { }
[Network("3-4-2", Activation.Tanh)] public partial class TanhDouble { }
[Network("3-4-2", Activation.ReLU)] public partial class ReluDouble { }
[Network("3-4-2", Activation.LeakyReLU, LeakyReLUSlope = 0.1)] public partial class LeakyDouble { }
[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax)] public partial class SoftmaxDouble { }

[Network("3-4-2", Activation.Identity, Bias = BiasMode.SharedPerLayer)] public partial class IdentityDoubleShared { }
[Network("3-4-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer)] public partial class SigmoidDoubleShared { }
[Network("3-4-2", Activation.Tanh, Bias = BiasMode.SharedPerLayer)] public partial class TanhDoubleShared { }
[Network("3-4-2", Activation.ReLU, Bias = BiasMode.SharedPerLayer)] public partial class ReluDoubleShared { }
[Network("3-4-2", Activation.LeakyReLU, Bias = BiasMode.SharedPerLayer)] public partial class LeakyDoubleShared { }
[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax, Bias = BiasMode.SharedPerLayer)] public partial class SoftmaxDoubleShared { }

[Network("3-4-2", Activation.Identity, Precision = Precision.Single)] public partial class IdentitySingle { }
[Network("3-4-2", Activation.Sigmoid, Precision = Precision.Single)] public partial class SigmoidSingle { }
[Network("3-4-2", Activation.Tanh, Precision = Precision.Single)] public partial class TanhSingle { }
[Network("3-4-2", Activation.ReLU, Precision = Precision.Single)] public partial class ReluSingle { }
[Network("3-4-2", Activation.LeakyReLU, LeakyReLUSlope = 0.1, Precision = Precision.Single)] public partial class LeakySingle { }
[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax, Precision = Precision.Single)] public partial class SoftmaxSingle { }

[Network("3-4-2", Activation.Identity, Bias = BiasMode.SharedPerLayer, Precision = Precision.Single)] public partial class IdentitySingleShared { }
[Network("3-4-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, Precision = Precision.Single)] public partial class SigmoidSingleShared { }
[Network("3-4-2", Activation.Tanh, Bias = BiasMode.SharedPerLayer, Precision = Precision.Single)] public partial class TanhSingleShared { }
[Network("3-4-2", Activation.ReLU, Bias = BiasMode.SharedPerLayer, Precision = Precision.Single)] public partial class ReluSingleShared { }
[Network("3-4-2", Activation.LeakyReLU, Bias = BiasMode.SharedPerLayer, Precision = Precision.Single)] public partial class LeakySingleShared { }
[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax, Bias = BiasMode.SharedPerLayer, Precision = Precision.Single)] public partial class SoftmaxSingleShared { }

// Several layers with their own activations, and the loops form (parameters in an array).
[Network("5-6:relu-4:leakyrelu-3:sigmoid-2", Activation.Tanh, Output = Activation.Identity)] public partial class MixedDouble { }
[Network("5-6:relu-4:leakyrelu-3:sigmoid-2", Activation.Tanh, Output = Activation.Softmax, Precision = Precision.Single)] public partial class MixedSingle { }
[Network("20-24-10", Activation.Tanh, Output = Activation.Softmax, CodeStyle = CodeStyle.Loops)] public partial class LoopsDouble { }
[Network("20-24-10", Activation.LeakyReLU, Bias = BiasMode.SharedPerLayer, CodeStyle = CodeStyle.Loops, Precision = Precision.Single)] public partial class LoopsSingleShared { }

// Trained, exported and imported again by the round-trip tests.
[Network("4-6:tanh-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)] public partial class RoundTripDouble { }
[Network("4-6:leakyrelu-3", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single, LeakyReLUSlope = 0.05)] public partial class RoundTripSingle { }

// Compiled by the real compiler from the committed Fixtures/relu_sigmoid.onnx (an AdditionalFiles item).
[Network(OnnxModel = "Fixtures/relu_sigmoid.onnx")] public partial class FixtureImported { }

[Network(OnnxModel = "relu_sigmoid.onnx")]
public partial class FixtureImportedWithConstructor
{
    public FixtureImportedWithConstructor(int tag) => Tag = tag;

    public int Tag { get; }
}

// Compiled by the real compiler from PyTorch's export of Conv2d + BatchNorm2d + ReLU + MaxPool2d + Flatten + Linear
// (Fixtures/make_conv_fixtures.py); the declared topology must agree with the model, layer by layer.
// CodeStyle.Auto (loops here, by multiply-adds) for one, unrolled for the other.
[Network(OnnxModel = "Fixtures/conv2d_bn_relu_maxpool.onnx")] public partial class ConvFixtureImported { }

[Network("1x6x6 - conv3x2:relu - maxpool2 - 3", Activation.ReLU, Output = Activation.Identity, OnnxModel = "Fixtures/conv2d_bn_relu_maxpool.onnx", CodeStyle = CodeStyle.Unrolled)]
public partial class ConvFixtureDeclared { }

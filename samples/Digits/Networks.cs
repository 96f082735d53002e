using NetGen;

namespace Digits;

/// <summary>The dense baseline: the 64 pixels as a flat vector, 32 ReLU units, a softmax over the ten digits, cross-entropy.</summary>
[Network("64-32:relu-10", Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class DenseDigitsNet { }

/// <summary>
/// The small CNN: eight 3x3 filters over the 8x8 image (zero-padded, so the maps stay 8x8), ReLU, 2x2 max
/// pooling to 8x4x4, then 32 ReLU units and a softmax over the ten digits, cross-entropy.
/// </summary>
[Network("1x8x8 - conv3x3x8(padding=same):relu - maxpool2 - 32:relu - 10:softmax", Activation.ReLU,
         Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class ConvDigitsNet { }

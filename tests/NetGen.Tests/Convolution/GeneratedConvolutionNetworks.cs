using NetGen;

namespace NetGen.Tests.Convolution;

/// <summary>1x4x4 - conv3x4:relu - 2:softmax: 4 x 9 + 4 convolution parameters and 16 x 2 + 2 dense ones, 74 in all.</summary>
[Network("1x4x4 - conv3x4:relu - 2", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, CodeStyle = CodeStyle.Unrolled)]
public partial class BarsConvNet { }

/// <summary>36-2: a dense network of 74 parameters, like <see cref="BarsConvNet"/>.</summary>
[Network("36-2", Activation.ReLU)]
public partial class Dense74Net { }

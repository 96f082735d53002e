namespace NetGen.Data.Tests;

// Networks generated at this test project's compile time, as a user gets them.

[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class ThreeFeatureNet { }

[Network("3-4-2", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Precision = Precision.Single)]
public partial class ThreeFeatureFloatNet { }

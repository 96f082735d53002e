using NetGen;

namespace NetGen.Tests.Figures;

// Networks the figure tests draw: per-unit biases, several hidden layers, the widest readable layers, and
// layers too wide to draw every unit of.

[Network("3-2", Activation.Sigmoid, Loss = Loss.CrossEntropy)]
public partial class FigureNoHiddenNet { }

[Network("3-4-2", Activation.Tanh, Output = Activation.Sigmoid)]
public partial class FigurePerUnitBiasNet { }

[Network("2-3-4-2", Activation.ReLU, Output = Activation.Identity, Bias = BiasMode.SharedPerLayer)]
public partial class FigureTwoHiddenNet { }

[Network("8-8-8", Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class FigureWidestNet { }

[Network("5-8-1", Activation.Sigmoid, Precision = Precision.Single)]
public partial class FigureFloatNet { }

[Network("20-12-3", Activation.Sigmoid, CodeStyle = CodeStyle.Loops)]
public partial class FigureWideLoopsNet { }

using NetGen;

namespace WorkedExampleConsumer;

/// <summary>The 2-2-2 worked example: sigmoid everywhere, one shared bias per layer, biases not trained.</summary>
[Network("2-2-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, TrainBiases = false)]
public partial class WorkedExampleNet { }

using NetGen;

namespace SeedExample;

/// <summary>The worked example exactly: one shared, frozen bias per layer.</summary>
[Network("2-2-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, TrainBiases = false)]
public partial class SeedNet { }

/// <summary>What the example's readers asked for: a trainable bias for every unit.</summary>
[Network("2-2-2", Activation.Sigmoid)]
public partial class SeedNetWithBiases { }

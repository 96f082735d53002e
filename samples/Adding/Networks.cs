using NetGen;

namespace Adding;

/// <summary>A GRU of 16 units reads the 50 steps; a linear unit reads its last state. Mean squared error.</summary>
[Network("50x2 - gru16 - 1:identity", Activation.Tanh, Loss = Loss.MeanSquaredError, Precision = Precision.Single)]
public partial class GruAdder { }

/// <summary>The same with an LSTM of 16 units.</summary>
[Network("50x2 - lstm16 - 1:identity", Activation.Tanh, Loss = Loss.MeanSquaredError, Precision = Precision.Single)]
public partial class LstmAdder { }

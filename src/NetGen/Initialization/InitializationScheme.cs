namespace NetGen;

/// <summary>
/// How <see cref="ParameterInitializer"/> draws a layer's weights. Under <see cref="Auto"/>, <see cref="Glorot"/> and
/// <see cref="He"/>, a recurrent layer (SimpleRNN, GRU, LSTM) draws each gate's block of <c>weight_ih</c> from the
/// named scheme (Auto: Glorot), each gate's hidden-to-hidden block of <c>weight_hh</c> as a random orthogonal matrix
/// (Saxe, McClelland and Ganguli 2014; Keras's default), and sets its biases to zero except an LSTM's forget-gate
/// <c>bias_ih</c>, which is 1 (Jozefowicz, Zaremba and Sutskever 2015; Keras's <c>unit_forget_bias</c>).
/// </summary>
public enum InitializationScheme
{
    /// <summary>He for ReLU and LeakyReLU layers, Glorot for the others (and for recurrent input weights).</summary>
    Auto = 0,

    /// <summary>
    /// Glorot and Bengio (2010), uniform: w ~ U(-a, a), a = sqrt(6 / (fan_in + fan_out)). Suits sigmoid,
    /// tanh, identity and softmax layers. A recurrent gate's input block has fan_in = features, fan_out = hidden units.
    /// </summary>
    Glorot = 1,

    /// <summary>
    /// He et al. (2015), uniform: w ~ U(-a, a), a = sqrt(6 / fan_in), so that Var(w) = 2 / fan_in. Suits
    /// ReLU and LeakyReLU layers.
    /// </summary>
    He = 2,

    /// <summary>
    /// PyTorch's own defaults (its layers' <c>reset_parameters</c>), for comparing with a freshly built PyTorch model:
    /// dense and convolution weights and biases ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (what <c>kaiming_uniform_(a=sqrt(5))</c>
    /// gives); every weight and bias of a recurrent layer ~ U(-1/sqrt(hidden), 1/sqrt(hidden)), as <c>nn.RNN</c>,
    /// <c>nn.GRU</c> and <c>nn.LSTM</c> draw them. The distributions are PyTorch's; the numbers are NetGen's own
    /// seeded draws, not torch.manual_seed's.
    /// </summary>
    PyTorch = 3,
}

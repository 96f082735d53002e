namespace NetGen;

/// <summary>How <see cref="ParameterInitializer"/> draws a layer's weights.</summary>
public enum InitializationScheme
{
    /// <summary>He for ReLU and LeakyReLU layers, Glorot for the others.</summary>
    Auto = 0,

    /// <summary>
    /// Glorot and Bengio (2010), uniform: w ~ U(-a, a), a = sqrt(6 / (fan_in + fan_out)). Suits sigmoid,
    /// tanh, identity and softmax layers.
    /// </summary>
    Glorot = 1,

    /// <summary>
    /// He et al. (2015), uniform: w ~ U(-a, a), a = sqrt(6 / fan_in), so that Var(w) = 2 / fan_in. Suits
    /// ReLU and LeakyReLU layers.
    /// </summary>
    He = 2,
}

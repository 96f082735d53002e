namespace NetGen;

/// <summary>
/// Receives, in the order a person would compute them, every value of one training step as the
/// generated <c>Explain</c> method computes it: the worked example, with a network's own numbers.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public interface IExplanation<T>
{
    /// <summary>The value of a parameter before the step (reported first, for every parameter).</summary>
    void Parameter(string name, T value);

    /// <summary>A named local of the generated code was computed.</summary>
    /// <param name="name">The local's name, e.g. <c>sum_h1</c>, <c>dE_dw_o1_h1</c>.</param>
    /// <param name="value">Its value.</param>
    /// <param name="formula">The expression that computed it, in the generated code's names.</param>
    void Step(string name, T value, string formula);

    /// <summary>
    /// A named local of the generated code was computed, with its formula and the same formula with the values
    /// it was computed from substituted (<c>0.15 * 0.05 + 0.2 * 0.1 + 0.35</c>). Generated code calls this
    /// overload; the default forwards to the three-argument one.
    /// </summary>
    /// <param name="name">The local's name, e.g. <c>sum_h1</c>, <c>dE_dw_o1_h1</c>.</param>
    /// <param name="value">Its value.</param>
    /// <param name="formula">The expression that computed it, in the generated code's names.</param>
    /// <param name="withNumbers">The expression with each name replaced by its value.</param>
    void Step(string name, T value, string formula, string withNumbers) => Step(name, value, formula);

    /// <summary>A parameter was updated: newValue = oldValue - learningRate * gradient.</summary>
    void Update(string parameter, T oldValue, T learningRate, T gradient, T newValue);
}

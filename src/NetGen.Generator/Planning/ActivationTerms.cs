using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Each element-wise activation and its derivative as expressions, written so that extreme sums (+-1000)
/// give finite values: 1 / (1 + e^-x) is 0 or 1 at the extremes, never NaN. Softmax couples a layer's
/// units and is built by <see cref="DenseLayerTerms"/> itself.
/// </summary>
internal static class ActivationTerms
{
    /// <summary>out = f(sum).</summary>
    public static Expr Apply(ActivationKind activation, Expr sum, double leakySlope) => activation switch
    {
        ActivationKind.Identity => sum,
        ActivationKind.Sigmoid => 1.0 / (1.0 + E.Exp(-sum)),
        ActivationKind.Tanh => E.Tanh(sum),
        ActivationKind.ReLU => E.Max(sum, 0.0),
        ActivationKind.LeakyReLU => new WherePositive(sum, sum, leakySlope * sum),
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is built by DenseLayerTerms."),
    };

    /// <summary>dout/dsum, in terms of out (and of sum where only its sign matters).</summary>
    public static Expr Derivative(ActivationKind activation, Expr sum, Expr output, double leakySlope) => activation switch
    {
        ActivationKind.Identity => 1.0,
        ActivationKind.Sigmoid => output * (1.0 - output),
        ActivationKind.Tanh => 1.0 - output * output,
        ActivationKind.ReLU => new WherePositive(sum, 1.0, 0.0),
        ActivationKind.LeakyReLU => new WherePositive(sum, 1.0, leakySlope),
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is built by DenseLayerTerms."),
    };

    /// <summary>The derivative in words, for the comment beside it.</summary>
    public static string DerivativeInWords(ActivationKind activation, string output) => activation switch
    {
        ActivationKind.Identity => "identity: the output is the sum",
        ActivationKind.Sigmoid => $"sigmoid' = {output} * (1 - {output})",
        ActivationKind.Tanh => $"tanh' = 1 - {output}^2",
        ActivationKind.ReLU => "ReLU' = 1 where the sum is positive, else 0",
        ActivationKind.LeakyReLU => "LeakyReLU' = 1 where the sum is positive, else the slope",
        _ => "softmax",
    };

    public static string Name(ActivationKind activation) => activation switch
    {
        ActivationKind.Identity => "identity",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Tanh => "tanh",
        ActivationKind.ReLU => "ReLU",
        ActivationKind.LeakyReLU => "leaky ReLU",
        _ => "softmax",
    };
}

using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The C# expressions of each element-wise activation and of its derivative, written so that extreme
/// sums (+-1000) give finite values: 1 / (1 + e^-x) is 0 or 1 at the extremes, never NaN.
/// Softmax is not element-wise and is written by the emitters themselves.
/// </summary>
internal static class ActivationText
{
    /// <summary>out = f(sum).</summary>
    public static string Apply(ActivationKind activation, string sum, Numeric n, double leakySlope) => activation switch
    {
        ActivationKind.Identity => sum,
        ActivationKind.Sigmoid => $"{n.Literal(1)} / ({n.Literal(1)} + {n.Math}.Exp(-{sum}))",
        ActivationKind.Tanh => $"{n.Math}.Tanh({sum})",
        ActivationKind.ReLU => $"{n.Math}.Max({sum}, {n.Literal(0)})",
        ActivationKind.LeakyReLU => $"{sum} > {n.Literal(0)} ? {sum} : {n.Literal(leakySlope)} * {sum}",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is written by the emitter."),
    };

    /// <summary>dout/dsum, in terms of out (and sum where clearer).</summary>
    public static string Derivative(ActivationKind activation, string sum, string output, Numeric n, double leakySlope) => activation switch
    {
        ActivationKind.Identity => n.Literal(1),
        ActivationKind.Sigmoid => $"{output} * ({n.Literal(1)} - {output})",
        ActivationKind.Tanh => $"{n.Literal(1)} - {output} * {output}",
        ActivationKind.ReLU => $"{sum} > {n.Literal(0)} ? {n.Literal(1)} : {n.Literal(0)}",
        ActivationKind.LeakyReLU => $"{sum} > {n.Literal(0)} ? {n.Literal(1)} : {n.Literal(leakySlope)}",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, "Softmax is written by the emitter."),
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

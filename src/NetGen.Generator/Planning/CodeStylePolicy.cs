using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Chooses between unrolled code and loops by the size of the unrolled code, from measurements of how the
/// .NET JIT treats the emitted methods (docs/jit-measurements.md): unrolled code wins while the
/// methods stay small enough for the JIT to keep every term in registers, and is compiled
/// unoptimised (MinOpts) past a cliff. A dense network's code grows with its weights (one multiply-add
/// each); one with convolution or pooling grows with its multiply-adds (a convolution reuses each weight at
/// every position) and its units (named locals), so it is judged by those.
/// </summary>
internal static class CodeStylePolicy
{
    private const int UnrollMaxWeights = Limits.UnrollMaxWeights;
    private const int UnrollHardMaxWeights = Limits.UnrollHardMaxWeights;
    private const int UnrollMaxUnits = Limits.UnrollMaxUnits;

    /// <summary>
    /// The style to generate and why, in words that fit both NG0100 and the generated remarks
    /// ("... loops per layer (reason)"): the reason names what the user asked for when they asked.
    /// </summary>
    public static (CodeStyleKind Style, string Reason) Resolve(CodeStyleKind requested, long weights)
    {
        string count = weights.ToString("N0", CultureInfo.InvariantCulture);
        return requested switch
        {
            CodeStyleKind.Unrolled when weights > UnrollHardMaxWeights => (CodeStyleKind.Loops,
                $"CodeStyle.Unrolled was requested, but {count} weights is over the {UnrollHardMaxWeights.ToString("N0", CultureInfo.InvariantCulture)} that NetGen unrolls at most"),
            CodeStyleKind.Unrolled => (CodeStyleKind.Unrolled, "CodeStyle.Unrolled was requested"),
            CodeStyleKind.Loops => (CodeStyleKind.Loops, "CodeStyle.Loops was requested"),
            _ when weights <= UnrollMaxWeights => (CodeStyleKind.Unrolled,
                $"{count} weights is at most {UnrollMaxWeights}, where straight-line code beats loops"),
            _ => (CodeStyleKind.Loops,
                $"{count} weights is over {UnrollMaxWeights}, where vectorised loops beat straight-line code"),
        };
    }

    /// <summary>
    /// The style of a network with convolution or pooling layers and why: unrolled when its
    /// <paramref name="multiplyAdds"/> are at most <see cref="Limits.UnrollMaxWeights"/> (the bound measured for
    /// dense networks, where one multiply-add is one weight) and its <paramref name="units"/> at most
    /// <see cref="Limits.UnrollMaxUnits"/>; the reason names the count that decided.
    /// </summary>
    public static (CodeStyleKind Style, string Reason) ResolveSpatial(CodeStyleKind requested, long multiplyAdds, long units)
    {
        string count = Text(multiplyAdds);
        return requested switch
        {
            CodeStyleKind.Unrolled when multiplyAdds > UnrollHardMaxWeights => (CodeStyleKind.Loops,
                $"CodeStyle.Unrolled was requested, but {count} multiply-adds is over the {Text(UnrollHardMaxWeights)} that NetGen unrolls at most"),
            CodeStyleKind.Unrolled => (CodeStyleKind.Unrolled, "CodeStyle.Unrolled was requested"),
            CodeStyleKind.Loops => (CodeStyleKind.Loops, "CodeStyle.Loops was requested"),
            _ when multiplyAdds > UnrollMaxWeights => (CodeStyleKind.Loops,
                $"{count} multiply-adds is over {UnrollMaxWeights}, where vectorised loops beat straight-line code"),
            _ when units > UnrollMaxUnits => (CodeStyleKind.Loops,
                $"{Text(units)} units is over {UnrollMaxUnits}, where straight-line code has more locals than the JIT optimises well"),
            _ => (CodeStyleKind.Unrolled,
                $"{count} multiply-adds is at most {UnrollMaxWeights} and {Text(units)} units at most {UnrollMaxUnits}, where straight-line code beats loops"),
        };
    }

    private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

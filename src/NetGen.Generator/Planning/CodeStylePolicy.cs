using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Chooses between unrolled code and loops by the number of weights, from measurements of how the
/// .NET JIT treats the emitted methods (docs/jit-measurements.md): unrolled code wins while the
/// methods stay small enough for the JIT to keep every term in registers, and is compiled
/// unoptimised (MinOpts) past a cliff.
/// </summary>
internal static class CodeStylePolicy
{
    private const int UnrollMaxWeights = Limits.UnrollMaxWeights;
    private const int UnrollHardMaxWeights = Limits.UnrollHardMaxWeights;

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
}

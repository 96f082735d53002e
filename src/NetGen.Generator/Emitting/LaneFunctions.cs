using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Math functions over SIMD lanes that <c>Vector256</c> lacks, written into the generated class (under
/// <c>#if NET9_0_OR_GREATER</c>, beside the lane code that calls them) so that the runtime library needs no
/// lane code of its own for every target framework. Each is within a few ulps of its scalar twin.
/// </summary>
internal static class LaneFunctions
{
    /// <summary>
    /// tanh(x). Where |x| &gt;= 0.625, 1 - 2 / (e^2x + 1) loses at most a bit; nearer 0 it would cancel (5% wrong
    /// in float at x = 1e-6), so there the odd rational approximation of Cephes' tanh is used instead.
    /// </summary>
    public static void WriteTanh(SourceWriter w, Numeric n)
    {
        string v = $"global::System.Runtime.Intrinsics.Vector256<{n.Type}>", vector = "global::System.Runtime.Intrinsics.Vector256";
        string C(double value) => $"{vector}.Create({n.Literal(value)})";
        w.Line("/// <summary>");
        w.Line("/// tanh over lanes, within a few ulps of Math.Tanh: 1 - 2 / (e^2x + 1) where |x| >= 0.625, and near 0, where that");
        w.Line("/// form would cancel, x + x^3 P(x^2) / Q(x^2) (the rational approximation of Cephes' tanh).");
        w.Line("/// </summary>");
        w.Open($"private static {v} {GeneratedMembers.TanhLanes}({v} x)");
        w.Line($"var one = {v}.One;");
        w.Line($"var two = {vector}.Create({n.Literal(2)});");
        w.Line($"var large = one - two / ({vector}.Exp(two * x) + one);");
        w.Line("var z = x * x;");
        if (n.IsSingle)
        {
            w.Line($"var small = (((({C(-5.70498872745E-3)} * z + {C(2.06390887954E-2)}) * z - {C(5.37397155531E-2)}) * z + {C(1.33314422036E-1)}) * z - {C(3.33332819422E-1)}) * z * x + x;");
        }
        else
        {
            w.Line($"var p = ({C(-9.64399179425052238628E-1)} * z - {C(9.92877231001918586564E1)}) * z - {C(1.61468768441708447952E3)};");
            w.Line($"var q = ((z + {C(1.12811678491632931402E2)}) * z + {C(2.23548839060100448583E3)}) * z + {C(4.84406305325125486048E3)};");
            w.Line("var small = x + x * z * p / q;");
        }
        w.Line($"return {vector}.ConditionalSelect({vector}.LessThan({vector}.Abs(x), {C(0.625)}), small, large);");
        w.Close();
    }
}

using System;
using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Makes each network's file name unique the way Roslyn compares them: ignoring case. Classes <c>Net</c>
/// and <c>NET</c> in one namespace (or namespaces <c>A</c> and <c>a</c>, or an ONNX <c>Net</c> beside an
/// attribute <c>NET</c>) have names equal but for case; AddSource would throw for the second, and the
/// whole generator run, every network's code, would be lost (CS8785).
/// </summary>
internal static class HintNames
{
    /// <summary>
    /// <paramref name="hint"/> itself while no other network's name equals it ignoring case; otherwise the
    /// name plus "{c...}", the case of its ASCII letters in hex (bit set = upper case). Names that are equal
    /// ignoring case have their letters in the same places, so their masks differ exactly when they do;
    /// non-ASCII characters are already spelled by code (TypeShapeReader), and a class name holds no '{',
    /// so a suffixed name cannot equal any other.
    /// </summary>
    public static string Unique(string hint, EquatableArray<string> allHints)
    {
        foreach (string other in allHints)
        {
            if (!string.Equals(other, hint, StringComparison.Ordinal) && string.Equals(other, hint, StringComparison.OrdinalIgnoreCase))
            {
                return hint + "{c" + CaseMask(hint) + "}";
            }
        }
        return hint;
    }

    private static string CaseMask(string hint)
    {
        var mask = new StringBuilder();
        int nibble = 0, bits = 0;
        foreach (char c in hint)
        {
            bool upper = c is >= 'A' and <= 'Z';
            if (!upper && c is not (>= 'a' and <= 'z'))
            {
                continue;
            }
            nibble |= (upper ? 1 : 0) << bits;
            if (++bits == 4)
            {
                mask.Append("0123456789abcdef"[nibble]);
                nibble = bits = 0;
            }
        }
        if (bits > 0)
        {
            mask.Append("0123456789abcdef"[nibble]);
        }
        return mask.ToString();
    }
}

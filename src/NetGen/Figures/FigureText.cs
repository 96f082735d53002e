using System;
using System.Globalization;

namespace NetGen.Figures;

/// <summary>
/// Numbers and text sizes for the figure. Numbers are culture-invariant (a figure drawn under de-DE reads
/// 0.5, not 0,5). Widths are estimated from DejaVu Sans, the figure's first font, so that labels can be placed
/// without a renderer; the estimate errs wide, so a label never takes less room than is reserved for it.
/// </summary>
internal static class FigureText
{
    /// <summary>Six significant digits, as the worked example's figure is read; tiny values in e-notation.</summary>
    public static string Number(double value)
    {
        if (value == 0)
        {
            return "0";
        }
        string text = value.ToString("G6", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        if (e < 0)
        {
            return text;
        }
        // "1.5E-05" reads better as "1.5e-5".
        int exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text.Substring(0, e) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A coordinate in the SVG: two decimals at most, invariant.</summary>
    public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The advance width of <paramref name="text"/> at <paramref name="fontSize"/> pixels, rounded up.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        double em = 0;
        foreach (char c in text)
        {
            em += Advance(c);
        }
        // Bold DejaVu is up to 13% wider (w, digits 9%); 4% on top covers fonts that stand in for DejaVu (Verdana is its twin).
        return Math.Ceiling(em * fontSize * (bold ? 1.14 : 1.0) * 1.04);
    }

    /// <summary>DejaVu Sans advance widths in em (glyph units / 2048), grouped; unknown characters count as 1 em.</summary>
    private static double Advance(char c) => c switch
    {
        >= '0' and <= '9' => 0.637,
        ' ' or '.' or ',' => 0.318,
        ':' or ';' or '/' => 0.337,
        '-' => 0.361,
        '_' => 0.500,
        '(' or ')' or '[' or ']' => 0.390,
        '=' or '+' or '\u2192' or '\u2212' or '<' or '>' => 0.838,
        '\u22EE' or '\u2026' => 1.000,
        'i' or 'j' or 'l' => 0.278,
        'f' => 0.352,
        't' => 0.392,
        'r' => 0.411,
        's' => 0.521,
        'z' => 0.525,
        'c' => 0.550,
        'k' => 0.579,
        'v' or 'x' or 'y' => 0.592,
        'm' => 0.974,
        'w' => 0.818,
        >= 'a' and <= 'z' => 0.636,
        'I' => 0.295,
        'J' => 0.295,
        'M' => 0.863,
        'W' => 0.989,
        >= 'A' and <= 'Z' => 0.770,
        _ => 1.000,
    };
}

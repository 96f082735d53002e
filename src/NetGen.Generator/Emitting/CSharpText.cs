using System.Globalization;
using System.Text;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The one place user text is made safe for generated C#: inside a <c>//</c> comment, an XML doc comment, or a
/// string literal. Every C# line terminator (\r, \n, U+0085, U+2028, U+2029) is neutralised, because any of
/// them would end a comment and let the rest of the text become code.
/// </summary>
internal static class CSharpText
{
    /// <summary>A whole number as C# and its comments write it: invariant culture, whatever the machine's.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text for a <c>//</c> comment: line terminators become spaces.</summary>
    public static string Comment(string text) => Replace(text, xml: false);

    /// <summary>Text for a <c>///</c> comment: line terminators become spaces, and &amp;, &lt;, &gt; are escaped (&amp; first).</summary>
    public static string XmlDoc(string text) => Replace(text, xml: true);

    private static string Replace(string text, bool xml)
    {
        var result = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\r' or '\n' or '\u0085' or '\u2028' or '\u2029':
                    result.Append(' ');
                    break;
                case '&' when xml:
                    result.Append("&amp;");
                    break;
                case '<' when xml:
                    result.Append("&lt;");
                    break;
                case '>' when xml:
                    result.Append("&gt;");
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }
}

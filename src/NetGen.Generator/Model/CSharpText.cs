using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Model;

/// <summary>
/// The one way user text (a topology, a model's path) reaches generated code or a message: as a C#
/// string literal, as the text of a // comment, or as XML doc text. Each knows every character that ends
/// a line in C# (<see cref="SyntaxFacts.IsNewLine(char)"/>: CR, LF, U+0085, U+2028, U+2029): one left in a
/// comment would end it, and what follows would be compiled as code.
/// </summary>
internal static class CSharpText
{
    /// <summary>A whole number as C# and its comments write it: invariant culture, whatever the machine's.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"a\"b" for a"b: a C# string literal, every line terminator and control character escaped.</summary>
    public static string StringLiteral(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>The inside of <see cref="StringLiteral"/>, for text written between quotes in a comment.</summary>
    public static string StringLiteralContent(string text)
    {
        string literal = StringLiteral(text);
        return literal.Substring(1, literal.Length - 2);
    }

    /// <summary>Text for a // comment: each line terminator written as its \uXXXX escape.</summary>
    public static string Comment(string text) => EscapeLineTerminators(text, new StringBuilder(text.Length)).ToString();

    /// <summary>Text for an XML doc comment: &amp; first (so that &lt; does not become &amp;lt;), then &lt; and &gt;, and line terminators as in <see cref="Comment"/>.</summary>
    public static string XmlDoc(string text) =>
        Comment(text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;"));

    public static bool IsLineTerminator(char c) => SyntaxFacts.IsNewLine(c);

    private static StringBuilder EscapeLineTerminators(string text, StringBuilder result)
    {
        foreach (char c in text)
        {
            if (IsLineTerminator(c))
            {
                result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }
        return result;
    }
}

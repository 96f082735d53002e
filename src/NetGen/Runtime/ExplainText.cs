using System;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace NetGen.Runtime;

/// <summary>
/// Builds the formulas that the generated <c>Explain</c> of a loop-style network reports, in the same
/// words as an unrolled network's: a pattern names one unit with <c>{#}</c> (its number, from 1),
/// <c>{k}</c> (its index, from 0) and, in a sum, the term's unit with <c>{@}</c>. Explain runs only when
/// asked, so these allocate freely.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExplainText
{
    /// <summary>Sums of more terms than this are written with their first two and last terms only.</summary>
    public const int MaxTermsWritten = 8;

    /// <summary>The pattern for unit <paramref name="unit"/> (0-based): <c>Fill("out_h{#}", 0)</c> is <c>out_h1</c>.</summary>
    public static string Fill(string pattern, int unit) =>
        pattern.Replace("{#}", Number(unit + 1)).Replace("{k}", Number(unit));

    /// <summary>The pattern for unit <paramref name="unit"/> and term <paramref name="term"/> (both 0-based).</summary>
    public static string Fill(string pattern, int unit, int term) =>
        Fill(pattern, unit).Replace("{@}", Number(term + 1));

    /// <summary>
    /// The terms 1..<paramref name="count"/> of <paramref name="termPattern"/> for unit <paramref name="unit"/>,
    /// joined by " + ": <c>Sum("w_h{#}_i{@} * i{@}", 0, 2)</c> is <c>w_h1_i1 * i1 + w_h1_i2 * i2</c>.
    /// </summary>
    public static string Sum(string termPattern, int unit, int count)
    {
        var text = new StringBuilder();
        for (int term = 0; term < count; term++)
        {
            if (count > MaxTermsWritten && term == 2)
            {
                text.Append(" + ...");
                term = count - 1;
            }
            text.Append(term == 0 ? "" : " + ").Append(Fill(termPattern, unit, term));
        }
        return text.ToString();
    }

    /// <summary>
    /// Max over the terms, nested as the unrolled code computes it: <c>Max(Max(sum_o1, sum_o2), sum_o3)</c>.
    /// </summary>
    public static string Max(string termPattern, int count)
    {
        if (count > MaxTermsWritten)
        {
            return $"Max({Fill(termPattern, 0, 0)}, {Fill(termPattern, 0, 1)}, ..., {Fill(termPattern, 0, count - 1)})";
        }
        string result = Fill(termPattern, 0, 0);
        for (int term = 1; term < count; term++)
        {
            result = $"Max({result}, {Fill(termPattern, 0, term)})";
        }
        return result;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Fills the holes <c>{0}</c>, <c>{1}</c>, ... of a formula template with <paramref name="values"/>, as the
    /// generated Explain reports a formula with its numbers. A negative number after an operator is put in
    /// parentheses, so that the text reads as correct arithmetic: <c>Exp(-(-1.5))</c>, never <c>Exp(--1.5)</c>.
    /// </summary>
    public static string Substitute<T>(string template, params T[] values)
        where T : IFormattable
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder(template.Length + 12 * values.Length);
        for (int k = 0; k < template.Length; k++)
        {
            if (template[k] != '{')
            {
                text.Append(template[k]);
                continue;
            }
            int end = template.IndexOf('}', k);
            int index = int.Parse(template.AsSpan(k + 1, end - k - 1), NumberStyles.None, CultureInfo.InvariantCulture);
            AppendValue(text, values[index]);
            k = end;
        }
        return text.ToString();
    }

    /// <summary>
    /// Appends a value as Explain writes it (nine significant digits, invariant culture), in parentheses when it
    /// is negative and follows an operator.
    /// </summary>
    internal static void AppendValue<T>(StringBuilder text, T value)
        where T : IFormattable
    {
        string number = Format(value);
        bool parenthesise = number.StartsWith('-') && FollowsOperator(text);
        text.Append(parenthesise ? "(" : "").Append(number).Append(parenthesise ? ")" : "");
    }

    /// <summary>A value as Explain writes it: nine significant digits, invariant culture.</summary>
    internal static string Format<T>(T value)
        where T : IFormattable => value.ToString("G9", CultureInfo.InvariantCulture);

    private static bool FollowsOperator(StringBuilder text)
    {
        for (int k = text.Length - 1; k >= 0; k--)
        {
            if (text[k] != ' ')
            {
                return text[k] is '+' or '-' or '*' or '/';
            }
        }
        return false;
    }
}

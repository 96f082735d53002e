using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;
using NetGen.Runtime;

namespace NetGen;

/// <summary>
/// Records what a generated <c>Explain</c> call computed, so that it can be looked up by name
/// (<c>recorder["out_h1"]</c>) or written out as a Markdown walkthrough with the numbers substituted.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed class ExplanationRecorder<T> : IExplanation<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _parameters = new(StringComparer.Ordinal);
    private readonly List<Entry> _entries = new();

    // Parameters as they were before the step and every step's value: what a formula's names stand for.
    private readonly Dictionary<string, T> _latest = new(StringComparer.Ordinal);

    /// <summary>One recorded line: a computed local or a parameter update.</summary>
    /// <param name="Name">The local or parameter name.</param>
    /// <param name="Value">The computed value, or the parameter's new value.</param>
    /// <param name="Formula">The expression, in the generated code's names.</param>
    /// <param name="IsUpdate">True for a parameter update.</param>
    /// <param name="WithNumbers">The formula with the numbers it used substituted.</param>
    public readonly record struct Entry(string Name, T Value, string Formula, bool IsUpdate, string WithNumbers);

    /// <summary>Whether the recorded call took a training step (it reported parameter updates).</summary>
    public bool TookStep { get; private set; }

    /// <summary>Every local and update in the order they were computed.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>The value of a local (e.g. <c>out_h1</c>) or, for a parameter, its value after the step.</summary>
    /// <exception cref="KeyNotFoundException">No local or parameter has that name.</exception>
    public T this[string name] =>
        _values.TryGetValue(name, out T? value) ? value : throw new KeyNotFoundException($"The explanation has no value named '{name}'.");

    /// <summary>The value a parameter had before the step.</summary>
    public T Before(string parameter) => _parameters[parameter];

    /// <summary>Whether a local or parameter of that name was recorded.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <inheritdoc/>
    public void Parameter(string name, T value)
    {
        _parameters[name] = value;
        _values[name] = value;
        _latest[name] = value;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Without the numbers given, each name of the formula that was reported before (a parameter or an earlier
    /// step) is replaced by its value at this point.
    /// </remarks>
    public void Step(string name, T value, string formula) => Step(name, value, formula, WithValues(formula));

    /// <inheritdoc/>
    public void Step(string name, T value, string formula, string withNumbers)
    {
        _entries.Add(new Entry(name, value, formula, IsUpdate: false, withNumbers));
        _values[name] = value;
        _latest[name] = value;
    }

    /// <inheritdoc/>
    public void Update(string parameter, T oldValue, T learningRate, T gradient, T newValue)
    {
        TookStep = true;
        _values[parameter] = newValue;
        string formula = Append(Append(new StringBuilder(parameter).Append(" - "), learningRate).Append(" * "), gradient).ToString();
        string withNumbers = Append(Append(Append(new StringBuilder(), oldValue).Append(" - "), learningRate).Append(" * "), gradient).ToString();
        _entries.Add(new Entry(parameter, newValue, formula, IsUpdate: true, withNumbers));
    }

    private static StringBuilder Append(StringBuilder text, T value)
    {
        ExplainText.AppendValue(text, value);
        return text;
    }

    /// <summary>The formula with every known name (not a function's) replaced by its value so far.</summary>
    private string WithValues(string formula)
    {
        var text = new StringBuilder(formula.Length * 2);
        int k = 0;
        while (k < formula.Length)
        {
            char c = formula[k];
            if (!(char.IsAsciiLetter(c) || c == '_'))
            {
                text.Append(c);
                k++;
                continue;
            }
            int start = k;
            while (k < formula.Length && (char.IsAsciiLetterOrDigit(formula[k]) || formula[k] == '_'))
            {
                k++;
            }
            string name = formula.Substring(start, k - start);
            bool isFunction = k < formula.Length && formula[k] == '(';
            if (!isFunction && _latest.TryGetValue(name, out T? value))
            {
                ExplainText.AppendValue(text, value);
            }
            else
            {
                text.Append(name);
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Writes the walkthrough as Markdown: one line per value, its formula, and the formula with the numbers it
    /// used substituted, like the published worked example; after a step, a sentence on the update convention.
    /// </summary>
    public void WriteMarkdown(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("| value | formula | with numbers | result |");
        writer.WriteLine("|---|---|---|---|");
        foreach (Entry entry in _entries)
        {
            string name = entry.IsUpdate ? entry.Name + " (new)" : entry.Name;
            writer.WriteLine($"| `{name}` | `{entry.Formula}` | `{entry.WithNumbers}` | {Format(entry.Value)} |");
        }
        if (TookStep)
        {
            writer.WriteLine();
            writer.WriteLine(UpdateConvention);
        }
    }

    /// <summary>The sentence after a step's walkthrough that says which update convention it follows.</summary>
    public const string UpdateConvention =
        "Every gradient above was computed from the parameters before the step, and only then was every parameter " +
        "updated (the usual convention). Some published walkthroughs update the output layer first and use its new " +
        "weights for the hidden layer, so their later numbers differ in the last digits.";

    private static string Format(T value) => ExplainText.Format(value);

}

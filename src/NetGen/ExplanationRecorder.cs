using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text.RegularExpressions;

namespace NetGen;

/// <summary>
/// Records what a generated <c>Explain</c> call computed, so that it can be looked up by name
/// (<c>recorder["out_h1"]</c>) or written out as a Markdown walkthrough with the numbers substituted.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed partial class ExplanationRecorder<T> : IExplanation<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, T> _parameters = new(StringComparer.Ordinal);
    private readonly List<Entry> _entries = new();

    /// <summary>One recorded line: a computed local or a parameter update.</summary>
    /// <param name="Name">The local or parameter name.</param>
    /// <param name="Value">The computed value, or the parameter's new value.</param>
    /// <param name="Formula">The expression, in the generated code's names.</param>
    /// <param name="IsUpdate">True for a parameter update.</param>
    public readonly record struct Entry(string Name, T Value, string Formula, bool IsUpdate);

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
    }

    /// <inheritdoc/>
    public void Step(string name, T value, string formula)
    {
        _values[name] = value;
        _entries.Add(new Entry(name, value, formula, IsUpdate: false));
    }

    /// <inheritdoc/>
    public void Update(string parameter, T oldValue, T learningRate, T gradient, T newValue)
    {
        _values[parameter] = newValue;
        string formula = $"{parameter} - {Format(learningRate)} * {Format(gradient)}";
        _entries.Add(new Entry(parameter, newValue, formula, IsUpdate: true));
    }

    /// <summary>
    /// Writes the step as a Markdown walkthrough: one line per value, its formula, and the formula with
    /// the numbers it used substituted, like the published worked example.
    /// </summary>
    public void WriteMarkdown(TextWriter writer)
    {
        var seen = new Dictionary<string, T>(_parameters, StringComparer.Ordinal);
        writer.WriteLine("| value | formula | with numbers | result |");
        writer.WriteLine("|---|---|---|---|");
        foreach (Entry entry in _entries)
        {
            string withNumbers = Identifier().Replace(entry.Formula, m =>
                seen.TryGetValue(m.Value, out T? v) ? Format(v) : m.Value);
            string name = entry.IsUpdate ? entry.Name + " (new)" : entry.Name;
            writer.WriteLine($"| `{name}` | `{entry.Formula}` | `{withNumbers}` | {Format(entry.Value)} |");
            if (!entry.IsUpdate)
            {
                seen[entry.Name] = entry.Value;
            }
        }
    }

    private static string Format(T value) => value.ToString("G9", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b(?!\()", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}

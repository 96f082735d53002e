using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Data;

/// <summary>
/// The columns chosen by <see cref="CsvOptions"/>, resolved once against the header (or, without one, the
/// first row's width) into indices counting from 0, with a name for each for messages and results.
/// </summary>
internal sealed class CsvLayout
{
    private CsvLayout(int[] features, int[] targets, int label, string[] columnNames)
    {
        Features = features;
        Targets = targets;
        Label = label;
        ColumnNames = columnNames;
        Widest = features.Concat(targets).Append(label).Max();
    }

    /// <summary>The feature columns' indices, in input order.</summary>
    public int[] Features { get; }

    /// <summary>The numeric target columns' indices; empty with a label.</summary>
    public int[] Targets { get; }

    /// <summary>The label column's index, or -1 for numeric targets.</summary>
    public int Label { get; }

    /// <summary>Every column's name: its header, or "column k" (counting from 1) without one.</summary>
    public string[] ColumnNames { get; }

    /// <summary>The largest index used: a row needs at least this many columns plus one.</summary>
    public int Widest { get; }

    /// <summary>Checks the options themselves, before the file is opened.</summary>
    public static void CheckOptions(CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.Label is null) == (options.Targets is null || options.Targets.Count == 0))
        {
            throw new ArgumentException(
                "Set either Label (a categorical column, one-hot encoded) or Targets (numeric columns), and not both.", nameof(options));
        }
        if (options.ClassNames is { } classes)
        {
            if (options.Label is null)
            {
                throw new ArgumentException("ClassNames needs a Label column.", nameof(options));
            }
            if (classes.Count == 0 || classes.Any(string.IsNullOrEmpty) || classes.Distinct(StringComparer.Ordinal).Count() != classes.Count)
            {
                throw new ArgumentException("ClassNames must list at least one class, each non-empty and once.", nameof(options));
            }
        }
        if (options.Features is { Count: 0 })
        {
            throw new ArgumentException("Features is empty; leave it null for every column that is not a label or target.", nameof(options));
        }
    }

    /// <summary>Resolves the options' columns; <paramref name="header"/> is null without a header.</summary>
    /// <param name="options">The checked options.</param>
    /// <param name="header">The header's names, or null.</param>
    /// <param name="columnCount">The number of columns of the header or, without one, of the first row.</param>
    /// <param name="fileName">For messages.</param>
    /// <param name="line">The line the columns were counted on (counting from 1), for messages.</param>
    public static CsvLayout Resolve(CsvOptions options, IReadOnlyList<string>? header, int columnCount, string fileName, int line)
    {
        string[] names = header?.ToArray()
            ?? Enumerable.Range(1, columnCount).Select(k => "column " + k.ToString(CultureInfo.InvariantCulture)).ToArray();
        int Find(CsvColumn column)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(options));
            if (column.Name is { } name)
            {
                if (header is null)
                {
                    throw CsvDataException.At(fileName, 0, 0, null,
                        $"column \"{name}\" is chosen by name, but the file is read without a header (HasHeader = false); choose it by index");
                }
                int found = Array.IndexOf(names, name);
                if (found < 0)
                {
                    throw CsvDataException.At(fileName, line, 0, null,
                        $"the header has no column \"{name}\" (names are compared exactly); its columns are {string.Join(", ", names.Select(n => $"\"{n}\""))}");
                }
                return found;
            }
            if (column.Index >= columnCount)
            {
                throw CsvDataException.At(fileName, line, 0, null,
                    $"{(header is null ? "the first row" : "the header")} has {columnCount.ToString(CultureInfo.InvariantCulture)} columns, so there is no column at {column}");
            }
            return column.Index;
        }

        int label = options.Label is { } labelColumn ? Find(labelColumn) : -1;
        int[] targets = options.Targets?.Select(Find).ToArray() ?? [];
        int[] features = options.Features?.Select(Find).ToArray()
            ?? Enumerable.Range(0, columnCount).Where(c => c != label && !targets.Contains(c)).ToArray();
        if (features.Length == 0)
        {
            throw CsvDataException.At(fileName, line, 0, null, "no column is left for the features");
        }
        int[] all = features.Concat(targets).Concat(label >= 0 ? [label] : []).ToArray();
        if (all.Distinct().Count() != all.Length)
        {
            int twice = all.GroupBy(c => c).First(g => g.Count() > 1).Key;
            throw new ArgumentException($"Column \"{names[twice]}\" (index {twice.ToString(CultureInfo.InvariantCulture)}, counting from 0) is chosen twice.", nameof(options));
        }
        return new CsvLayout(features, targets, label, names);
    }
}

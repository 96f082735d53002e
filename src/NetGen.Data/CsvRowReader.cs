using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using nietras.SeparatedValues;

namespace NetGen.Data;

/// <summary>
/// Reads a CSV or TSV file one row at a time, parsing only the chosen columns: the file is streamed through
/// Sep's fixed-size buffer, never read whole, so a file larger than memory can be scanned. Each
/// <see cref="Read"/> parses the next row into <see cref="Features"/> and <see cref="Targets"/>, which are
/// overwritten by the next call; nothing is allocated per row. Open it with <see cref="Csv.OpenRows{T}(string, CsvOptions)"/>.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>, as the network.</typeparam>
public sealed class CsvRowReader<T> : IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly SepReader _reader;
    private readonly CsvOptions _options;
    private readonly string _fileName;
    private readonly bool _discoverClasses;
    private readonly List<string> _classes;
    private CsvLayout? _layout;
    private string[] _featureNames = [];
    private T[] _features = [];
    private T[] _targets = [];

    internal CsvRowReader(SepReader reader, string fileName, CsvOptions options, bool discoverClasses)
    {
        _reader = reader;
        _fileName = fileName;
        _options = options;
        _discoverClasses = discoverClasses;
        _classes = options.ClassNames?.ToList() ?? [];
        if (options.HasHeader)
        {
            // The header is line 1; its width decides which indices exist.
            Resolve(_reader.Header.ColNames, _reader.Header.ColNames.Count, line: 1);
        }
    }

    /// <summary>The file's name, as used in error messages.</summary>
    public string FileName => _fileName;

    /// <summary>The names of the feature columns, in input order (headers, or "column k" counting from 1 without a header). Empty until the first row is read in a file without a header.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames;

    /// <summary>The names of the targets: the class names with a label column, else the target columns' names.</summary>
    public IReadOnlyList<string> TargetNames =>
        _options.Label is not null ? _classes.ToArray()
        : _layout is null ? [] : _layout.Targets.Select(c => _layout.ColumnNames[c]).ToArray();

    /// <summary>The current row's features, in input order.</summary>
    public ReadOnlySpan<T> Features => _features;

    /// <summary>
    /// The current row's targets: one-hot over <see cref="CsvOptions.ClassNames"/> with a label column, else
    /// the numeric target columns.
    /// </summary>
    /// <exception cref="InvalidOperationException">The classes are being discovered (no <see cref="CsvOptions.ClassNames"/>), so the one-hot width is not known yet.</exception>
    public ReadOnlySpan<T> Targets => _discoverClasses
        ? throw new InvalidOperationException("The one-hot targets need ClassNames; this reader is discovering the classes.")
        : _targets;

    /// <summary>The current row's class: its position in the class names, or -1 with numeric targets.</summary>
    public int ClassIndex { get; private set; } = -1;

    /// <summary>The line the current row starts on, counting from 1 (the header is line 1).</summary>
    public int Line { get; private set; }

    /// <summary>The classes met so far, in order of first appearance (discovery) or as given.</summary>
    internal IReadOnlyList<string> Classes => _classes;

    /// <summary>Parses the next non-blank row; false at the end of the file.</summary>
    /// <exception cref="CsvDataException">The row is too short, a value is not a finite number, or a label is not a known class; the message names the line and column.</exception>
    public bool Read()
    {
        while (_reader.MoveNext())
        {
            SepReader.Row row = _reader.Current;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
            {
                continue; // A blank line, e.g. at the end of a hand-edited file, is not a row.
            }
            Line = row.LineNumberFrom;
            if (_layout is null)
            {
                Resolve(null, row.ColCount, Line);
            }
            CsvLayout layout = _layout!;
            if (row.ColCount <= layout.Widest)
            {
                throw CsvDataException.At(_fileName, Line, layout.Widest + 1, _options.HasHeader ? layout.ColumnNames[layout.Widest] : null,
                    $"the row has only {Text(row.ColCount)} columns, so this one is missing");
            }
            ParseNumbers(row, layout.Features, _features, "feature");
            if (layout.Label >= 0)
            {
                ReadLabel(row, layout.Label);
            }
            else
            {
                ParseNumbers(row, layout.Targets, _targets, "target");
            }
            return true;
        }
        return false;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _reader.Dispose();

    private void Resolve(IReadOnlyList<string>? header, int columnCount, int line)
    {
        _layout = CsvLayout.Resolve(_options, header, columnCount, _fileName, line);
        _featureNames = _layout.Features.Select(c => _layout.ColumnNames[c]).ToArray();
        _features = new T[_layout.Features.Length];
        _targets = new T[_layout.Label >= 0 ? _classes.Count : _layout.Targets.Length];
    }

    private void ParseNumbers(SepReader.Row row, int[] columns, T[] destination, string role)
    {
        for (int k = 0; k < columns.Length; k++)
        {
            ReadOnlySpan<char> text = row[columns[k]].Span;
            // Invariant culture: '.' is the decimal point whatever the machine's culture, and no thousands
            // separators, which would be ambiguous in a comma-separated file.
            if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out T value) || !T.IsFinite(value))
            {
                string what = text.IsEmpty ? $"the {role} is empty; every {role} needs a number"
                    : T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                        ? $"\"{text.ToString()}\" is not a finite number (as {typeof(T).Name})"
                        : $"\"{text.ToString()}\" is not a number (numbers are read with the invariant culture: '.' as the decimal point, no thousands separators)";
                throw Error(columns[k], what);
            }
            destination[k] = value;
        }
    }

    private void ReadLabel(SepReader.Row row, int column)
    {
        ReadOnlySpan<char> label = row[column].Span;
        // A linear search compares spans without making a string per row; label columns have few classes.
        int found = -1;
        for (int k = 0; k < _classes.Count; k++)
        {
            if (label.SequenceEqual(_classes[k]))
            {
                found = k;
                break;
            }
        }
        if (found < 0)
        {
            if (label.IsEmpty)
            {
                throw Error(column, "the label is empty");
            }
            if (!_discoverClasses)
            {
                throw Error(column, $"\"{label.ToString()}\" is not one of the classes {string.Join(", ", _classes.Select(c => $"\"{c}\""))}");
            }
            found = _classes.Count;
            _classes.Add(label.ToString());
        }
        ClassIndex = found;
        if (!_discoverClasses)
        {
            Array.Clear(_targets);
            _targets[found] = T.One;
        }
    }

    private CsvDataException Error(int column, string what) =>
        CsvDataException.At(_fileName, Line, column + 1, _options.HasHeader ? _layout!.ColumnNames[column] : null, what);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

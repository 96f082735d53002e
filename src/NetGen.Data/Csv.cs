using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using nietras.SeparatedValues;

namespace NetGen.Data;

/// <summary>
/// Loads CSV and TSV files into a <see cref="DataSet{T}"/>, with Sep as the parser: features and a label (or
/// numeric targets) chosen by header name or index, the label one-hot encoded with its class names kept,
/// numbers read with the invariant culture, quoted fields unescaped, and errors that name the file, line and
/// column (counting from 1). Files are streamed: what a load holds in memory is the parsed numbers.
/// </summary>
/// <example>
/// <code>
/// CsvData&lt;double&gt; iris = Csv.Load&lt;double&gt;("iris.csv", new CsvOptions
/// {
///     Features = ["sepal_length", "sepal_width", "petal_length", "petal_width"],
///     Label = "species",
/// });
/// </code>
/// </example>
public static class Csv
{
    /// <summary>Loads every row of the file at <paramref name="path"/>.</summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>, as the network.</typeparam>
    /// <param name="path">The file; <c>.tsv</c> and <c>.tab</c> files are tab-separated unless <see cref="CsvOptions.Separator"/> says otherwise.</param>
    /// <param name="options">The columns to read and the file's layout.</param>
    /// <exception cref="CsvDataException">The file does not hold what the options ask for; the message names the line and column.</exception>
    /// <exception cref="ArgumentException">The options contradict themselves (e.g. both a label and targets, or a column chosen twice).</exception>
    public static CsvData<T> Load<T>(string path, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using CsvRowReader<T> rows = OpenRows<T>(path, options, DiscoversClasses(options));
        return ReadAll(rows, options);
    }

    /// <summary>Loads every row that <paramref name="reader"/> holds, reading it to its end.</summary>
    /// <typeparam name="T"><see cref="double"/> or <see cref="float"/>, as the network.</typeparam>
    /// <param name="reader">The text; it is read, not closed.</param>
    /// <param name="name">What error messages call it (e.g. a file name or URL).</param>
    /// <param name="options">The columns to read and the layout; without a <see cref="CsvOptions.Separator"/> it is detected from the first line.</param>
    /// <exception cref="CsvDataException">The text does not hold what the options ask for; the message names the line and column.</exception>
    /// <exception cref="ArgumentException">The options contradict themselves.</exception>
    public static CsvData<T> Load<T>(TextReader reader, string name, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using CsvRowReader<T> rows = OpenRows<T>(reader, name, options, DiscoversClasses(options));
        return ReadAll(rows, options);
    }

    /// <summary>
    /// Opens the file at <paramref name="path"/> to be read one row at a time, for files too large to load:
    /// nothing is read past the row being parsed (and Sep's buffer). A label column needs
    /// <see cref="CsvOptions.ClassNames"/> here, since the one-hot width must be known at the first row.
    /// </summary>
    /// <exception cref="ArgumentException">A label column without <see cref="CsvOptions.ClassNames"/>, or contradictory options.</exception>
    /// <exception cref="CsvDataException">The header lacks a chosen column.</exception>
    public static CsvRowReader<T> OpenRows<T>(string path, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireClassNames(options);
        return OpenRows<T>(path, options, discoverClasses: false);
    }

    /// <summary>Opens <paramref name="reader"/> to be read one row at a time; see <see cref="OpenRows{T}(string, CsvOptions)"/>.</summary>
    /// <param name="reader">The text; it is read as rows are, and closed with the returned reader.</param>
    /// <param name="name">What error messages call it.</param>
    /// <param name="options">The columns to read and the layout.</param>
    public static CsvRowReader<T> OpenRows<T>(TextReader reader, string name, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireClassNames(options);
        return OpenRows<T>(reader, name, options, discoverClasses: false);
    }

    private static CsvRowReader<T> OpenRows<T>(string path, CsvOptions options, bool discoverClasses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CsvLayout.CheckOptions(options);
        char? separator = options.Separator ?? Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".tsv" or ".tab" => '\t',
            ".csv" => ',',
            _ => null,
        };
        return Open<T>(path, options with { Separator = separator }, discoverClasses, o => o.FromFile(path));
    }

    private static CsvRowReader<T> OpenRows<T>(TextReader reader, string name, CsvOptions options, bool discoverClasses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(name);
        CsvLayout.CheckOptions(options);
        return Open<T>(name, options, discoverClasses, o => o.From(reader));
    }

    private static CsvRowReader<T> Open<T>(string name, CsvOptions options, bool discoverClasses, Func<SepReaderOptions, SepReader> open)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SepReaderOptions sep = (options.Separator is char c ? Sep.New(c).Reader() : Sep.Reader()) with
        {
            HasHeader = options.HasHeader,
            // "a,b" in quotes is one field a,b; "" inside quotes is one quote.
            Unescape = true,
            Trim = SepTrim.All,
            // Rows are checked for the columns they need, with a message naming the file and line.
            DisableColCountCheck = true,
        };
        SepReader reader;
        try
        {
            reader = open(sep);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // Sep's complaint about the header itself, e.g. a column name that appears twice.
            throw CsvDataException.At(name, 1, 0, null, e.Message);
        }
        try
        {
            return new CsvRowReader<T>(reader, name, options, discoverClasses);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static CsvData<T> ReadAll<T>(CsvRowReader<T> rows, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var inputs = new GrowingBuffer<T>();
        var targets = new GrowingBuffer<T>();
        var classes = new GrowingBuffer<int>();
        bool categorical = options.Label is not null;
        while (rows.Read())
        {
            inputs.Append(rows.Features);
            if (categorical)
            {
                classes.Append(rows.ClassIndex);
            }
            else
            {
                targets.Append(rows.Targets);
            }
        }
        if (classes.Count == 0 && targets.Count == 0)
        {
            throw CsvDataException.At(rows.FileName, 0, 0, null, "there are no data rows");
        }
        IReadOnlyList<string> targetNames = rows.TargetNames;
        int featureCount = rows.FeatureNames.Count;
        if (!categorical)
        {
            return new CsvData<T>(DataSet<T>.FromFlat(inputs.Items, targets.Items, featureCount, targetNames.Count),
                rows.FeatureNames, targetNames, categorical: false, rows.FileName);
        }

        // Discovered classes were numbered in order of first appearance; sort them so that the order of the
        // outputs depends on which classes there are, not on which row came first.
        string[] names = rows.Classes.ToArray();
        int[] position = Enumerable.Range(0, names.Length).ToArray();
        if (options.ClassNames is null)
        {
            string[] sorted = names.Order(StringComparer.Ordinal).ToArray();
            position = names.Select(n => Array.IndexOf(sorted, n)).ToArray();
            names = sorted;
        }
        var oneHot = new T[checked(classes.Count * names.Length)];
        for (int row = 0; row < classes.Count; row++)
        {
            oneHot[row * names.Length + position[classes.Items[row]]] = T.One;
        }
        return new CsvData<T>(DataSet<T>.FromFlat(inputs.Items, oneHot, featureCount, names.Length),
            rows.FeatureNames, names, categorical: true, rows.FileName);
    }

    private static bool DiscoversClasses(CsvOptions options) => options is { Label: not null, ClassNames: null };

    private static void RequireClassNames(CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (DiscoversClasses(options))
        {
            throw new ArgumentException(
                "Reading row by row with a label column needs ClassNames: the one-hot width must be known at the first row. Csv.Load can discover the classes.",
                nameof(options));
        }
    }
}

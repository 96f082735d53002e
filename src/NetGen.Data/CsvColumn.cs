using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// A column of a CSV or TSV file, chosen by its header name or by its index. Strings and integers convert
/// to it, so a list of columns can be written <c>["sepal_length", "sepal_width"]</c> or <c>[0, 1]</c>.
/// </summary>
public sealed class CsvColumn
{
    private CsvColumn(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The header name, compared exactly (ordinal, case-sensitive); null when chosen by index.</summary>
    public string? Name { get; }

    /// <summary>
    /// The index counting from 0, as in C# (the first column is 0); -1 when chosen by name. Error messages
    /// count columns from 1, as editors and spreadsheets do, and say so: index 2 is "column 3".
    /// </summary>
    public int Index { get; }

    /// <summary>The column whose header is <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static CsvColumn Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new CsvColumn(name, -1);
    }

    /// <summary>The column at <paramref name="index"/>, counting from 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static CsvColumn At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new CsvColumn(null, index);
    }

    /// <summary>The column whose header is <paramref name="name"/>.</summary>
    public static implicit operator CsvColumn(string name) => Named(name);

    /// <summary>The column at <paramref name="index"/>, counting from 0.</summary>
    public static implicit operator CsvColumn(int index) => At(index);

    /// <summary>"\"species\"" or "index 4 (counting from 0)".</summary>
    public override string ToString() =>
        Name is not null ? $"\"{Name}\"" : $"index {Index.ToString(CultureInfo.InvariantCulture)} (counting from 0)";
}

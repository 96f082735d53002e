using System.Globalization;
using System;

namespace NetGen.Data;

/// <summary>
/// A CSV or TSV file cannot be loaded as asked: a value that is not a number, a missing column, an unknown
/// class label, a row that is too short. The message names the file, the line and the column; lines and
/// columns count from 1, as in editors and spreadsheets, and the message says so.
/// </summary>
public sealed class CsvDataException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message, naming the file, line and column.</param>
    /// <param name="fileName">The file's path as given to the loader (or the name given for a reader).</param>
    /// <param name="line">The line, counting from 1; 0 when the error is about no one line.</param>
    /// <param name="column">The column, counting from 1; 0 when the error is about a whole line.</param>
    /// <param name="columnName">The column's header name, when the file has a header.</param>
    public CsvDataException(string message, string fileName, int line, int column, string? columnName)
        : base(message)
    {
        FileName = fileName;
        Line = line;
        Column = column;
        ColumnName = columnName;
    }

    /// <summary>The file's path as given to the loader, so that relative stays relative (or the name given for a reader).</summary>
    public string FileName { get; }

    /// <summary>The line, counting from 1 (the header is line 1); 0 when the error is about no one line.</summary>
    public int Line { get; }

    /// <summary>The column, counting from 1 (one more than <see cref="CsvColumn.Index"/>); 0 when the error is about a whole line.</summary>
    public int Column { get; }

    /// <summary>The column's header name; null without a header or when the error is about a whole line.</summary>
    public string? ColumnName { get; }

    /// <summary>"iris.csv, line 12, column 3 ("petal_length"): {what} (lines and columns count from 1)".</summary>
    internal static CsvDataException At(string fileName, int line, int column, string? columnName, string what)
    {
        string where = fileName;
        if (line > 0)
        {
            where += ", line " + line.ToString(CultureInfo.InvariantCulture);
        }
        if (column > 0)
        {
            where += ", column " + column.ToString(CultureInfo.InvariantCulture) + (columnName is null ? "" : $" (\"{columnName}\")");
        }
        string bases = line > 0 || column > 0 ? $" ({(column > 0 ? "lines and columns count" : "lines count")} from 1)" : "";
        return new CsvDataException($"{where}: {what}{bases}", fileName, line, column, columnName);
    }
}

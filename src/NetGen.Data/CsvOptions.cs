using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>Which columns of a CSV or TSV file are the features and which the label or targets, and how the file is laid out.</summary>
public sealed record CsvOptions
{
    /// <summary>
    /// The feature columns, in the order of the network's inputs. Null: every column that is not the
    /// <see cref="Label"/> or a <see cref="Targets"/> column, in file order.
    /// </summary>
    public IReadOnlyList<CsvColumn>? Features { get; init; }

    /// <summary>
    /// A categorical column (e.g. "species"), one-hot encoded into the targets: class k becomes a 1 at
    /// target k and 0 elsewhere, with k the position of the label in <see cref="ClassNames"/>. Set this or
    /// <see cref="Targets"/>, not both.
    /// </summary>
    public CsvColumn? Label { get; init; }

    /// <summary>
    /// The classes of <see cref="Label"/>, in the order of the network's outputs; a label outside the list is
    /// an error naming its line. Null: the distinct labels of the file, sorted ordinally, so the order does
    /// not depend on the order of the rows. Pass the training file's <see cref="CsvData{T}.ClassNames"/>
    /// when loading a test file, which may lack a class. Labels are compared after trimming spaces.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Numeric target columns (regression), in the order of the network's outputs. Set this or <see cref="Label"/>, not both.</summary>
    public IReadOnlyList<CsvColumn>? Targets { get; init; }

    /// <summary>
    /// The separator. Null: a tab for files ending in <c>.tsv</c> or <c>.tab</c>, a comma for <c>.csv</c>,
    /// otherwise detected from the first line by Sep (one of <c>, ; | tab</c>).
    /// </summary>
    public char? Separator { get; init; }

    /// <summary>Whether the first line holds the column names (default true). Without a header, columns can only be chosen by index.</summary>
    public bool HasHeader { get; init; } = true;
}

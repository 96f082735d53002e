using System.Collections.Generic;
using System.Numerics;

namespace NetGen.Data;

/// <summary>A loaded file: the rows as a <see cref="DataSet{T}"/>, with the names of its features and classes.</summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>, as the network.</typeparam>
public sealed class CsvData<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal CsvData(DataSet<T> data, IReadOnlyList<string> featureNames, IReadOnlyList<string> targetNames, bool categorical, string fileName)
    {
        Data = data;
        FeatureNames = featureNames;
        TargetNames = targetNames;
        ClassNames = categorical ? targetNames : [];
        FileName = fileName;
    }

    /// <summary>The rows: the chosen features as inputs, the one-hot classes or numeric targets as targets.</summary>
    public DataSet<T> Data { get; }

    /// <summary>The feature columns' names, in input order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The names of the targets, in output order: the class names, or the target columns' names.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>
    /// The classes of the label column, in output order (class k is a 1 at target k); empty with numeric
    /// targets. Pass them to <see cref="ConfusionMatrix.ToString(IReadOnlyList{string})"/> to label the
    /// matrix, and as <see cref="CsvOptions.ClassNames"/> to load a test file with the same order.
    /// </summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The path it was loaded from, as given, or the name given for a reader.</summary>
    public string FileName { get; }

    /// <summary>Deconstructs into the data set and the class names.</summary>
    public void Deconstruct(out DataSet<T> data, out IReadOnlyList<string> classNames)
    {
        data = Data;
        classNames = ClassNames;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen;

/// <summary>How often each actual class was predicted as each class: <c>matrix[actual, predicted]</c>.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    internal ConfusionMatrix(int classCount)
    {
        _counts = new int[classCount, classCount];
    }

    /// <summary>The number of classes.</summary>
    public int ClassCount => _counts.GetLength(0);

    /// <summary>How many rows of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>The number of rows counted.</summary>
    public int Total { get; private set; }

    /// <summary>The number of rows predicted right (the diagonal).</summary>
    public int Correct { get; private set; }

    /// <summary><see cref="Correct"/> / <see cref="Total"/>.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Of the rows of class <paramref name="actual"/>, the share predicted right (NaN when there are none).</summary>
    public double Recall(int actual)
    {
        int row = 0;
        for (int p = 0; p < ClassCount; p++)
        {
            row += _counts[actual, p];
        }
        return (double)_counts[actual, actual] / row;
    }

    /// <summary>Of the rows predicted as <paramref name="predicted"/>, the share that are (NaN when there are none).</summary>
    public double Precision(int predicted)
    {
        int column = 0;
        for (int a = 0; a < ClassCount; a++)
        {
            column += _counts[a, predicted];
        }
        return (double)_counts[predicted, predicted] / column;
    }

    internal void Add(int actual, int predicted)
    {
        _counts[actual, predicted]++;
        Total++;
        if (actual == predicted)
        {
            Correct++;
        }
    }

    /// <summary>A text table, actual classes down, predicted across, with class numbers as labels.</summary>
    public override string ToString() => ToString(null);

    /// <summary>A text table, actual classes down, predicted across.</summary>
    /// <param name="classNames">A label per class, or null for class numbers.</param>
    public string ToString(IReadOnlyList<string>? classNames)
    {
        if (classNames is not null && classNames.Count != ClassCount)
        {
            throw new ArgumentException($"There are {ClassCount} classes but {classNames.Count} names.", nameof(classNames));
        }
        string[] names = Enumerable.Range(0, ClassCount)
            .Select(k => classNames?[k] ?? k.ToString(CultureInfo.InvariantCulture)).ToArray();
        int width = Math.Max(names.Max(n => n.Length), Total.ToString(CultureInfo.InvariantCulture).Length) + 2;
        const string corner = "actual \\ predicted";
        int first = Math.Max(corner.Length, names.Max(n => n.Length)) + 2;
        var text = new StringBuilder();
        text.Append(corner.PadRight(first));
        foreach (string name in names)
        {
            text.Append(name.PadLeft(width));
        }
        text.AppendLine();
        for (int a = 0; a < ClassCount; a++)
        {
            text.Append(names[a].PadRight(first));
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append(_counts[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}

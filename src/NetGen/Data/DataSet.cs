using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Rows of inputs and their targets, copied into two contiguous arrays and checked once: every row has
/// the declared width and every value is finite. Immutable, so a trainer can rely on it.
/// </summary>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>, as the network.</typeparam>
public sealed class DataSet<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _inputs;
    private readonly T[] _targets;

    private DataSet(T[] inputs, T[] targets, int count, int inputWidth, int targetWidth)
    {
        _inputs = inputs;
        _targets = targets;
        Count = count;
        InputWidth = inputWidth;
        TargetWidth = targetWidth;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The number of values in every input row.</summary>
    public int InputWidth { get; }

    /// <summary>The number of values in every target row.</summary>
    public int TargetWidth { get; }

    /// <summary>The input of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<T> Input(int row) => new(_inputs, checked(row * InputWidth), InputWidth);

    /// <summary>The target of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<T> Target(int row) => new(_targets, checked(row * TargetWidth), TargetWidth);

    /// <summary>Copies and checks rows given one array per row.</summary>
    /// <param name="inputs">One input row per sample.</param>
    /// <param name="targets">One target row per sample, as many as <paramref name="inputs"/>.</param>
    /// <param name="inputWidth">The width every input row must have (the network's input count).</param>
    /// <param name="targetWidth">The width every target row must have (the network's output count).</param>
    /// <exception cref="InvalidTrainingDataException">A row is missing, has the wrong width, or holds NaN or an infinity; the message names it.</exception>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static DataSet<T> FromRows(IReadOnlyList<T[]> inputs, IReadOnlyList<T[]> targets, int inputWidth, int targetWidth)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        CheckWidths(inputWidth, targetWidth);
        if (inputs.Count != targets.Count)
        {
            throw new ArgumentException($"There are {Text(inputs.Count)} input rows but {Text(targets.Count)} target rows.", nameof(targets));
        }
        int count = inputs.Count;
        var flatInputs = new T[checked(count * inputWidth)];
        var flatTargets = new T[checked(count * targetWidth)];
        for (int row = 0; row < count; row++)
        {
            CopyRow(inputs[row], row, inputWidth, flatInputs, inTarget: false);
            CopyRow(targets[row], row, targetWidth, flatTargets, inTarget: true);
        }
        return new DataSet<T>(flatInputs, flatTargets, count, inputWidth, targetWidth);
    }

    /// <summary>Copies and checks rows stored one after another in two flat spans.</summary>
    /// <param name="inputs">The input rows, row after row.</param>
    /// <param name="targets">The target rows, row after row.</param>
    /// <param name="inputWidth">The width of an input row.</param>
    /// <param name="targetWidth">The width of a target row.</param>
    /// <exception cref="InvalidTrainingDataException">A value is NaN or infinite; the message names its row.</exception>
    /// <exception cref="ArgumentException">The spans do not hold the same whole number of rows.</exception>
    public static DataSet<T> FromFlat(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int inputWidth, int targetWidth)
    {
        CheckWidths(inputWidth, targetWidth);
        if (inputs.Length % inputWidth != 0 || targets.Length % targetWidth != 0 || inputs.Length / inputWidth != targets.Length / targetWidth)
        {
            throw new ArgumentException(
                $"{Text(inputs.Length)} input values and {Text(targets.Length)} target values are not the same whole number of rows of widths {Text(inputWidth)} and {Text(targetWidth)}.",
                nameof(targets));
        }
        int count = inputs.Length / inputWidth;
        T[] flatInputs = inputs.ToArray(), flatTargets = targets.ToArray();
        for (int row = 0; row < count; row++)
        {
            CheckFinite(new ReadOnlySpan<T>(flatInputs, row * inputWidth, inputWidth), row, inTarget: false);
            CheckFinite(new ReadOnlySpan<T>(flatTargets, row * targetWidth, targetWidth), row, inTarget: true);
        }
        return new DataSet<T>(flatInputs, flatTargets, count, inputWidth, targetWidth);
    }

    /// <summary>A new data set of the given rows, in the given order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row number is outside [0, <see cref="Count"/>).</exception>
    public DataSet<T> Select(ReadOnlySpan<int> rows)
    {
        var inputs = new T[checked(rows.Length * InputWidth)];
        var targets = new T[checked(rows.Length * TargetWidth)];
        for (int k = 0; k < rows.Length; k++)
        {
            int row = rows[k];
            if ((uint)row >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, Count == 0
                    ? $"Row {Text(row)} is not in the data set: it has no rows."
                    : $"Row {Text(row)} is not in the data set; its rows are 0 to {Text(Count - 1)} (rows count from 0).");
            }
            Input(row).CopyTo(inputs.AsSpan(k * InputWidth));
            Target(row).CopyTo(targets.AsSpan(k * TargetWidth));
        }
        return new DataSet<T>(inputs, targets, rows.Length, InputWidth, TargetWidth);
    }

    /// <summary>
    /// Shuffles the rows with <paramref name="seed"/> and splits them in two, e.g. a held-out test set:
    /// the second part gets round(<paramref name="secondFraction"/> x Count) rows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="secondFraction"/> is not in (0, 1).</exception>
    public (DataSet<T> First, DataSet<T> Second) Split(double secondFraction, int seed)
    {
        int[] order = ShuffledRows(Count, seed, RandomStreams.HoldOutSplit);
        int second = SecondPartSize(Count, secondFraction, nameof(secondFraction));
        return (Select(order.AsSpan(0, Count - second)), Select(order.AsSpan(Count - second)));
    }

    internal static int[] ShuffledRows(int count, int seed, ulong stream)
    {
        var order = new int[count];
        for (int k = 0; k < count; k++)
        {
            order[k] = k;
        }
        var random = new SeededRandom(seed, stream);
        random.Shuffle(order.AsSpan());
        return order;
    }

    internal static int SecondPartSize(int count, double fraction, string parameterName)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, fraction, "The fraction must be between 0 and 1, exclusive.");
        }
        int second = (int)Math.Round(count * fraction, MidpointRounding.AwayFromZero);
        if (second < 1 || second > count - 1)
        {
            throw new ArgumentException(
                $"Splitting {Text(count)} rows by {fraction.ToString(CultureInfo.InvariantCulture)} leaves one part empty.", parameterName);
        }
        return second;
    }

    private static void CheckWidths(int inputWidth, int targetWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
    }

    private static void CopyRow(T[]? source, int row, int width, T[] destination, bool inTarget)
    {
        string part = inTarget ? "Target" : "Input";
        if (source is null)
        {
            throw new InvalidTrainingDataException($"{part} row {Text(row)} (rows count from 0) is null.", row, -1, inTarget);
        }
        if (source.Length != width)
        {
            throw new InvalidTrainingDataException(
                $"{part} row {Text(row)} (rows count from 0) has {Text(source.Length)} values; it must have {Text(width)}.", row, -1, inTarget);
        }
        CheckFinite(source, row, inTarget);
        source.CopyTo(destination, row * width);
    }

    private static void CheckFinite(ReadOnlySpan<T> values, int row, bool inTarget)
    {
        for (int column = 0; column < values.Length; column++)
        {
            if (!T.IsFinite(values[column]))
            {
                string part = inTarget ? "Target" : "Input";
                throw new InvalidTrainingDataException(
                    $"{part} row {Text(row)}, column {Text(column)} (both count from 0) is {values[column].ToString(null, CultureInfo.InvariantCulture)}; every value must be finite.",
                    row, column, inTarget);
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

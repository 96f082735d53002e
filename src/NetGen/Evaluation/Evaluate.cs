using System;
using System.Numerics;

namespace NetGen;

/// <summary>Measures a network on a data set: mean loss, accuracy, and a confusion matrix for classifiers.</summary>
public static class Evaluate
{
    /// <summary>The mean over the rows of the loss the network is trained on (what Backward returns).</summary>
    /// <exception cref="ArgumentException">The data's widths are not the network's.</exception>
    public static double Loss<TNet, T>(INetwork<TNet, T> net, DataSet<T> data)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet typed = Check(net, data);
        int block = Math.Min(Scoring.BlockRows, data.Count);
        return Scoring.MeanLoss(typed, data, AllRows(data.Count), new T[block * TNet.InputCount], new T[block * TNet.OutputCount], new T[TNet.ParameterCount]);
    }

    /// <summary>
    /// The share of rows predicted right; for a network whose head runs per time step (outputs <c>[time, units]</c>),
    /// the share of the rows' time steps predicted right.
    /// </summary>
    /// <param name="net">The network.</param>
    /// <param name="data">Rows with 0/1 targets.</param>
    /// <param name="mode">How a prediction is compared with its target (default: decided from the targets).</param>
    /// <exception cref="ArgumentException">The data's widths are not the network's, or its targets are not class labels.</exception>
    public static double Accuracy<TNet, T>(INetwork<TNet, T> net, DataSet<T> data, AccuracyMode mode = AccuracyMode.Auto)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet typed = Check(net, data);
        AccuracyMode resolved = Scoring.Resolve(mode, data, Scoring.OutputSteps<TNet, T>());
        if (resolved == AccuracyMode.None)
        {
            throw new ArgumentException("Accuracy needs class labels: every target value 0 or 1.", nameof(data));
        }
        return Scoring.Accuracy(typed, data, AllRows(data.Count), resolved,
            new T[Scoring.BlockRows * TNet.InputCount], new T[Scoring.BlockRows * TNet.OutputCount]);
    }

    /// <summary>
    /// Counts (actual class, predicted class) over the rows. With one-hot targets the classes are the
    /// outputs and the prediction is the largest output; with one 0/1 output the classes are 0 and 1
    /// and the prediction is output &gt;= 0.5. A per-step head counts every time step of every row, its
    /// classes being one step's outputs.
    /// </summary>
    /// <exception cref="ArgumentException">The data's widths are not the network's, or its targets are neither one-hot nor a single 0/1 value.</exception>
    public static ConfusionMatrix ConfusionMatrix<TNet, T>(INetwork<TNet, T> net, DataSet<T> data)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet typed = Check(net, data);
        int steps = Scoring.OutputSteps<TNet, T>(), width = TNet.OutputCount / steps;
        AccuracyMode mode = Scoring.Resolve(AccuracyMode.Auto, data, steps);
        bool binary = mode == AccuracyMode.Threshold && width == 1;
        if (mode != AccuracyMode.ArgMax && !binary)
        {
            throw new ArgumentException(steps == 1
                ? "A confusion matrix needs one label per row: one-hot targets, or a single 0/1 target."
                : "A confusion matrix needs one label per time step: one-hot targets per step, or a single 0/1 target per step.", nameof(data));
        }
        var matrix = new ConfusionMatrix(binary ? 2 : width);
        int[] rows = AllRows(data.Count);
        T[] inputBlock = new T[Scoring.BlockRows * TNet.InputCount], outputBlock = new T[Scoring.BlockRows * TNet.OutputCount];
        T half = T.CreateTruncating(0.5);
        for (int first = 0; first < rows.Length; first += Scoring.BlockRows)
        {
            ReadOnlySpan<int> block = rows.AsSpan(first, Math.Min(Scoring.BlockRows, rows.Length - first));
            Span<T> outputs = Scoring.Predict(typed, data, block, inputBlock, outputBlock);
            for (int k = 0; k < block.Length; k++)
            {
                // A per-step head predicts one label per time step; every step is counted.
                for (int step = 0; step < steps; step++)
                {
                    ReadOnlySpan<T> target = data.Target(block[k]).Slice(step * width, width);
                    ReadOnlySpan<T> output = outputs.Slice(k * TNet.OutputCount + step * width, width);
                    int actual = binary ? (target[0] >= half ? 1 : 0) : Scoring.ArgMax(target);
                    int predicted = binary ? (output[0] >= half ? 1 : 0) : Scoring.ArgMax(output);
                    matrix.Add(actual, predicted);
                }
            }
        }
        return matrix;
    }

    private static TNet Check<TNet, T>(INetwork<TNet, T> net, DataSet<T> data)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputWidth != TNet.InputCount || data.TargetWidth != TNet.OutputCount)
        {
            throw new ArgumentException(
                $"The data set's rows have {data.InputWidth} inputs and {data.TargetWidth} targets; {typeof(TNet).Name} takes {TNet.InputCount} and gives {TNet.OutputCount}.",
                nameof(data));
        }
        if (data.Count == 0)
        {
            throw new ArgumentException("The data set is empty.", nameof(data));
        }
        return (TNet)net;
    }

    private static int[] AllRows(int count)
    {
        var rows = new int[count];
        for (int k = 0; k < count; k++)
        {
            rows[k] = k;
        }
        return rows;
    }
}

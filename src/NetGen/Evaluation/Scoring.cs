using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Loss and accuracy over rows of a data set with caller-owned buffers, so that the trainer can score
/// every epoch without allocating. <see cref="Evaluate"/> wraps it for users.
/// </summary>
internal static class Scoring
{
    /// <summary>
    /// The mean over <paramref name="rows"/> of the loss training minimises. Rows go through BackwardBatch in blocks
    /// of <see cref="BlockRows"/> (gathered into <paramref name="inputBlock"/> and <paramref name="targetBlock"/>), so
    /// a large network's loss takes matrix products rather than one Backward per row; <paramref name="scratch"/>
    /// takes the discarded gradient.
    /// </summary>
    public static double MeanLoss<TNet, T>(TNet net, DataSet<T> data, ReadOnlySpan<int> rows, Span<T> inputBlock, Span<T> targetBlock, Span<T> scratch)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The contract has no loss-only entry point; BackwardBatch's loss is the one training minimises.
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        double sum = 0;
        for (int first = 0; first < rows.Length; first += BlockRows)
        {
            ReadOnlySpan<int> block = rows.Slice(first, Math.Min(BlockRows, rows.Length - first));
            Span<T> gatheredInputs = inputBlock.Slice(0, block.Length * inputs), gatheredTargets = targetBlock.Slice(0, block.Length * outputs);
            for (int k = 0; k < block.Length; k++)
            {
                data.Input(block[k]).CopyTo(gatheredInputs.Slice(k * inputs, inputs));
                data.Target(block[k]).CopyTo(gatheredTargets.Slice(k * outputs, outputs));
            }
            scratch.Clear();
            sum += double.CreateTruncating(net.BackwardBatch(gatheredInputs, gatheredTargets, scratch));
        }
        return sum / rows.Length;
    }

    /// <summary>Rows per ForwardBatch call when scoring: enough for the matrix-product path, small enough to keep the blocks cheap.</summary>
    public const int BlockRows = 128;

    /// <summary>
    /// The share of <paramref name="rows"/> predicted right. Rows go through ForwardBatch in blocks: gathered into
    /// <paramref name="inputBlock"/> (<see cref="BlockRows"/> input rows), scored from <paramref name="outputBlock"/>.
    /// A network whose head runs per time step is scored per step (<see cref="OutputSteps{TNet, T}"/>): the share
    /// of the rows' steps predicted right, as Keras counts a sequence tagger's accuracy.
    /// </summary>
    public static double Accuracy<TNet, T>(TNet net, DataSet<T> data, ReadOnlySpan<int> rows, AccuracyMode mode, Span<T> inputBlock, Span<T> outputBlock)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int correct = 0, steps = OutputSteps<TNet, T>(), width = TNet.OutputCount / steps;
        for (int first = 0; first < rows.Length; first += BlockRows)
        {
            ReadOnlySpan<int> block = rows.Slice(first, Math.Min(BlockRows, rows.Length - first));
            Span<T> predicted = Predict(net, data, block, inputBlock, outputBlock);
            for (int k = 0; k < block.Length; k++)
            {
                ReadOnlySpan<T> target = data.Target(block[k]);
                for (int step = 0; step < steps; step++)
                {
                    if (IsCorrect(predicted.Slice((k * steps + step) * width, width), target.Slice(step * width, width), mode))
                    {
                        correct++;
                    }
                }
            }
        }
        return (double)correct / ((long)rows.Length * steps);
    }

    /// <summary>
    /// How many predictions one output row holds: the time steps when the last layer writes a sequence
    /// (<c>[time, units]</c>, a per-step head), else 1.
    /// </summary>
    public static int OutputSteps<TNet, T>()
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<LayerInfo> layers = TNet.Layers;
        return layers.Length > 0 && layers[^1].ReturnsSequence ? layers[^1].Steps : 1;
    }

    /// <summary>The outputs of <paramref name="block"/> (at most <see cref="BlockRows"/> rows) by one ForwardBatch call, row after row.</summary>
    public static Span<T> Predict<TNet, T>(TNet net, DataSet<T> data, ReadOnlySpan<int> block, Span<T> inputBlock, Span<T> outputBlock)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputs = TNet.InputCount, outputs = TNet.OutputCount;
        Span<T> gathered = inputBlock.Slice(0, block.Length * inputs);
        for (int k = 0; k < block.Length; k++)
        {
            data.Input(block[k]).CopyTo(gathered.Slice(k * inputs, inputs));
        }
        Span<T> predicted = outputBlock.Slice(0, block.Length * outputs);
        net.ForwardBatch(gathered, predicted);
        return predicted;
    }

    public static bool IsCorrect<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, AccuracyMode mode)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (mode == AccuracyMode.ArgMax)
        {
            return ArgMax(output) == ArgMax(target);
        }
        T half = T.CreateTruncating(0.5);
        for (int k = 0; k < output.Length; k++)
        {
            if ((output[k] >= half) != (target[k] >= half))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The index of the largest value; the first on ties.</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }
        return best;
    }

    /// <summary>
    /// Resolves <see cref="AccuracyMode.Auto"/> from the targets of <paramref name="data"/>, each row read as
    /// <paramref name="steps"/> predictions (<see cref="OutputSteps{TNet, T}"/>): one-hot within every step means
    /// <see cref="AccuracyMode.ArgMax"/>.
    /// </summary>
    public static AccuracyMode Resolve<T>(AccuracyMode mode, DataSet<T> data, int steps = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (mode != AccuracyMode.Auto)
        {
            return mode;
        }
        int width = data.TargetWidth / steps;
        bool oneHot = true;
        for (int row = 0; row < data.Count; row++)
        {
            ReadOnlySpan<T> target = data.Target(row);
            for (int step = 0; step < steps; step++)
            {
                int ones = 0;
                foreach (T value in target.Slice(step * width, width))
                {
                    if (value == T.One)
                    {
                        ones++;
                    }
                    else if (value != T.Zero)
                    {
                        return AccuracyMode.None;
                    }
                }
                oneHot &= ones == 1;
            }
        }
        return width > 1 && oneHot ? AccuracyMode.ArgMax : AccuracyMode.Threshold;
    }
}

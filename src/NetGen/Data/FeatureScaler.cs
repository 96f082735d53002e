using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Rescales each input feature as <c>scaled = (raw - Offset[i]) / Scale[i]</c>, with offsets and scales
/// fitted on the training rows only (<see cref="Fit{T}(DataSet{T}, ScalingMethod)"/>) and then applied
/// unchanged to every other row, so that nothing about held-out rows leaks into training. Save it with
/// the parameters (<see cref="ScaledNetworkPersistence"/>) and export it as the ONNX model's first nodes
/// (<c>OnnxExporter.Save(net, scaler, path)</c>) so that the saved or exported model takes raw features.
/// </summary>
/// <remarks>
/// The offsets and scales are kept in double whatever the network's precision: a float network's rows
/// are scaled in double and then rounded once. Immutable, so one instance can serve many threads.
/// </remarks>
public sealed class FeatureScaler
{
    private readonly double[] _offsets;
    private readonly double[] _scales;

    private FeatureScaler(ScalingMethod method, double[] offsets, double[] scales)
    {
        Method = method;
        _offsets = offsets;
        _scales = scales;
    }

    /// <summary>How the offsets and scales were fitted.</summary>
    public ScalingMethod Method { get; }

    /// <summary>The number of features, which must be the network's input count.</summary>
    public int Width => _offsets.Length;

    /// <summary>What is subtracted from each raw feature: the training mean, or the training minimum.</summary>
    public IReadOnlyList<double> Offsets => _offsets;

    /// <summary>
    /// What each centred feature is divided by: the training standard deviation, or the training range
    /// (max - min). A feature that is constant in the training rows has scale 1, so it becomes 0 rather than NaN.
    /// </summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>Fits offsets and scales on the inputs of <paramref name="training"/> (the training rows only).</summary>
    /// <param name="training">The rows the network will be trained on; their targets are ignored.</param>
    /// <param name="method"><see cref="ScalingMethod.Standardize"/> (mean 0, standard deviation 1) or <see cref="ScalingMethod.MinMax"/> (range [0, 1]).</param>
    /// <exception cref="ArgumentException"><paramref name="training"/> has no rows.</exception>
    public static FeatureScaler Fit<T>(DataSet<T> training, ScalingMethod method = ScalingMethod.Standardize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException("A scaler cannot be fitted on no rows.", nameof(training));
        }
        return FitColumns(training, training.InputWidth, method);
    }

    /// <summary>
    /// Fits a scaler for a recurrent network's <c>[time, features]</c> rows: each of the <paramref name="features"/>
    /// features gets one offset and scale from its values at every step of every training row (what scikit-learn's
    /// scaler fits on the rows reshaped to <c>[rows x time, features]</c>), repeated for every step, so that
    /// <see cref="Width"/> is still the input count and a step is scaled the same way wherever it falls in the sequence
    /// (as <c>IRecurrentNetwork.Step</c> needs: scale one step with the first <paramref name="features"/> offsets and scales).
    /// </summary>
    /// <param name="training">The rows the network will be trained on, each <c>time x features</c> values, row-major.</param>
    /// <param name="features">Values per time step: the input's second dimension (<c>StepInputCount</c>).</param>
    /// <param name="method"><see cref="ScalingMethod.Standardize"/> or <see cref="ScalingMethod.MinMax"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="training"/> has no rows, or its rows are not whole steps of <paramref name="features"/> values.</exception>
    public static FeatureScaler FitSequence<T>(DataSet<T> training, int features, ScalingMethod method = ScalingMethod.Standardize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.Count == 0)
        {
            throw new ArgumentException("A scaler cannot be fitted on no rows.", nameof(training));
        }
        if (features < 1 || training.InputWidth % features != 0)
        {
            throw new ArgumentException(
                $"The rows have {Text(training.InputWidth)} inputs, which are not whole steps of {Text(features)} features.", nameof(features));
        }
        return FitColumns(training, features, method);
    }

    /// <summary>
    /// Column c's offset and scale from every <paramref name="period"/>-th column from c on (the period is the row
    /// width for ordinary rows: one column), then repeated across the row.
    /// </summary>
    private static FeatureScaler FitColumns<T>(DataSet<T> training, int period, ScalingMethod method)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = training.InputWidth;
        var offsets = new double[width];
        var scales = new double[width];
        for (int c = 0; c < period; c++)
        {
            (offsets[c], scales[c]) = method switch
            {
                ScalingMethod.Standardize => MeanAndDeviation(training, c, period),
                ScalingMethod.MinMax => MinAndRange(training, c, period),
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown scaling method."),
            };
            if (scales[c] == 0)
            {
                // A constant feature carries no information; dividing by 0 would turn it into NaN.
                scales[c] = 1;
            }
        }
        for (int c = period; c < width; c++)
        {
            (offsets[c], scales[c]) = (offsets[c % period], scales[c % period]);
        }
        return new FeatureScaler(method, offsets, scales);
    }

    /// <summary>A scaler with the given offsets and scales, e.g. read back from a file or fitted elsewhere.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are 0, an offset is not finite, or a scale is not finite and positive.</exception>
    public static FeatureScaler Create(ScalingMethod method, ReadOnlySpan<double> offsets, ReadOnlySpan<double> scales)
    {
        if (!Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown scaling method.");
        }
        if (offsets.Length == 0 || offsets.Length != scales.Length)
        {
            throw new ArgumentException(
                $"There are {Text(offsets.Length)} offsets and {Text(scales.Length)} scales; both need one per feature.", nameof(scales));
        }
        for (int c = 0; c < offsets.Length; c++)
        {
            if (!double.IsFinite(offsets[c]))
            {
                throw new ArgumentException($"Offset {Text(c)} (counting from 0) is {Number(offsets[c])}; it must be finite.", nameof(offsets));
            }
            if (!(double.IsFinite(scales[c]) && scales[c] > 0))
            {
                throw new ArgumentException($"Scale {Text(c)} (counting from 0) is {Number(scales[c])}; it must be finite and positive.", nameof(scales));
            }
        }
        return new FeatureScaler(method, offsets.ToArray(), scales.ToArray());
    }

    /// <summary>Scales one row of raw features into <paramref name="scaled"/>; allocates nothing (use it before <c>Forward</c>).</summary>
    /// <exception cref="ArgumentException">A span's length is not <see cref="Width"/>.</exception>
    public void Transform<T>(ReadOnlySpan<T> raw, Span<T> scaled)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (raw.Length != Width)
        {
            Runtime.Guard.ThrowWrongLength(nameof(raw), Width, raw.Length);
        }
        if (scaled.Length != Width)
        {
            Runtime.Guard.ThrowWrongLength(nameof(scaled), Width, scaled.Length);
        }
        for (int c = 0; c < raw.Length; c++)
        {
            scaled[c] = T.CreateTruncating((double.CreateTruncating(raw[c]) - _offsets[c]) / _scales[c]);
        }
    }

    /// <summary>A new data set with every input row scaled and the targets unchanged.</summary>
    /// <exception cref="ArgumentException">The data's input width is not <see cref="Width"/>.</exception>
    public DataSet<T> Transform<T>(DataSet<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputWidth != Width)
        {
            throw new ArgumentException(
                $"The data has {Text(data.InputWidth)} input columns; this scaler was fitted on {Text(Width)}.", nameof(data));
        }
        var inputs = new T[checked(data.Count * Width)];
        var targets = new T[checked(data.Count * data.TargetWidth)];
        for (int row = 0; row < data.Count; row++)
        {
            Transform(data.Input(row), inputs.AsSpan(row * Width, Width));
            data.Target(row).CopyTo(targets.AsSpan(row * data.TargetWidth));
        }
        return DataSet<T>.FromFlat(inputs, targets, Width, data.TargetWidth);
    }

    /// <summary>"Standardize over 4 features: (x - offset) / scale".</summary>
    public override string ToString() => $"{Method} over {Text(Width)} features: (x - offset) / scale";

    /// <summary>
    /// The population mean and standard deviation (divided by n, as scikit-learn's StandardScaler), in two
    /// passes: summing squared deviations from the mean loses less precision than sum(x^2) - n mean^2.
    /// </summary>
    private static (double Mean, double Deviation) MeanAndDeviation<T>(DataSet<T> data, int first, int period)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double mean = 0;
        long count = 0;
        for (int row = 0; row < data.Count; row++)
        {
            ReadOnlySpan<T> input = data.Input(row);
            for (int c = first; c < input.Length; c += period)
            {
                mean += double.CreateTruncating(input[c]);
                count++;
            }
        }
        mean /= count;
        double squares = 0;
        for (int row = 0; row < data.Count; row++)
        {
            ReadOnlySpan<T> input = data.Input(row);
            for (int c = first; c < input.Length; c += period)
            {
                double d = double.CreateTruncating(input[c]) - mean;
                squares += d * d;
            }
        }
        return (mean, Math.Sqrt(squares / count));
    }

    private static (double Min, double Range) MinAndRange<T>(DataSet<T> data, int first, int period)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int row = 0; row < data.Count; row++)
        {
            ReadOnlySpan<T> input = data.Input(row);
            for (int c = first; c < input.Length; c += period)
            {
                double value = double.CreateTruncating(input[c]);
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }
        return (min, max - min);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

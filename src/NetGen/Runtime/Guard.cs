using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>Argument checks called by generated code; the throw lives here so that hot methods stay small.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Guard
{
    /// <summary>Throws the <see cref="ArgumentException"/> for a span of the wrong length.</summary>
    [DoesNotReturn]
    public static void ThrowWrongLength(string parameterName, int expected, int actual) =>
        throw new ArgumentException(
            $"Expected a span of length {expected} but got one of length {actual}.", parameterName);

    /// <summary>
    /// Returns the number of samples in a mini-batch of <paramref name="inputCount"/>-value input rows and
    /// <paramref name="outputCount"/>-value target rows, or throws the <see cref="ArgumentException"/>
    /// that says what is wrong with their lengths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BatchSize(int inputsLength, int targetsLength, int inputCount, int outputCount) =>
        BatchSize(inputsLength, targetsLength, inputCount, outputCount, "targets");

    /// <summary>
    /// As <see cref="BatchSize(int, int, int, int)"/>, naming the second span <paramref name="rowsName"/>
    /// (<c>outputs</c> for ForwardBatch) when its length is wrong.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BatchSize(int inputsLength, int targetsLength, int inputCount, int outputCount, string rowsName)
    {
        int samples = inputsLength / inputCount;
        if (samples * inputCount != inputsLength)
        {
            ThrowNotWholeRows("inputs", inputCount, inputsLength);
        }
        if (targetsLength != samples * outputCount)
        {
            ThrowWrongTargetRows(samples, outputCount, targetsLength, rowsName);
        }
        return samples;
    }

    /// <summary>
    /// Throws the <see cref="ArgumentOutOfRangeException"/> for a learning rate that is negative, infinite or NaN,
    /// any of which would turn every parameter into NaN.
    /// </summary>
    [DoesNotReturn]
    public static void ThrowInvalidLearningRate(string parameterName, double learningRate) =>
        throw new ArgumentOutOfRangeException(parameterName, learningRate,
            "The learning rate must be a finite number, zero or more (typical values are 0.001 to 1).");

    /// <summary>Throws the <see cref="ArgumentException"/> for a training step on no samples.</summary>
    [DoesNotReturn]
    public static void ThrowEmptyBatch(string parameterName) =>
        throw new ArgumentException("A training step needs at least one sample.", parameterName);

    [DoesNotReturn]
    private static void ThrowNotWholeRows(string parameterName, int rowLength, int actual) =>
        throw new ArgumentException(
            $"Expected a span of whole rows of {rowLength} values (one row per sample) but got one of length {actual}.", parameterName);

    [DoesNotReturn]
    private static void ThrowWrongTargetRows(int samples, int rowLength, int actual, string rowsName) =>
        throw new ArgumentException(
            $"Expected a span of length {samples * rowLength} ({samples} rows of {rowLength} {rowsName}, one per input row) but got one of length {actual}.", rowsName);
}

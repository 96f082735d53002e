using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// A generated network with recurrent layers (SimpleRNN, GRU, LSTM), fed one time step at a time: a device
/// reading a stream keeps the state between calls instead of holding the whole sequence. The state is the
/// caller's: <see cref="StateSize"/> values, all zero before the first step (the whole-sequence
/// <see cref="INetwork{TSelf, T}.Forward"/> starts from zero too). After the last step of a sequence,
/// <see cref="Step"/>'s outputs equal <see cref="INetwork{TSelf, T}.Forward"/>'s for that sequence.
/// </summary>
/// <typeparam name="TSelf">The generated network type.</typeparam>
/// <typeparam name="T"><see cref="double"/> or <see cref="float"/>.</typeparam>
public interface IRecurrentNetwork<TSelf, T> : INetwork<TSelf, T>
    where TSelf : IRecurrentNetwork<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The time steps of one whole sequence (the input's first dimension, <c>[time, features]</c>).</summary>
    static abstract int Steps { get; }

    /// <summary>Values read per step: the input's second dimension.</summary>
    static abstract int StepInputCount { get; }

    /// <summary>
    /// Values written per step: the network's outputs when its head reads the last state (what
    /// <see cref="INetwork{TSelf, T}.Forward"/> would give if the sequence ended at this step), or one step's
    /// outputs when the head runs per step.
    /// </summary>
    static abstract int StepOutputCount { get; }

    /// <summary>
    /// The state's length: for each recurrent layer in order, its hidden state, and for an LSTM its cell state
    /// after it (<c>[h, c]</c>, PyTorch's order).
    /// </summary>
    static abstract int StateSize { get; }

    /// <summary>
    /// Runs one time step: reads <paramref name="input"/> (<see cref="StepInputCount"/> values) and
    /// <paramref name="state"/>, writes the new state over it and <see cref="StepOutputCount"/> values to
    /// <paramref name="output"/>. Allocation-free; thread-safe for distinct states.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    void Step(ReadOnlySpan<T> input, Span<T> state, Span<T> output);
}

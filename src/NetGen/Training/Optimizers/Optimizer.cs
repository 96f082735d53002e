using System;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// An optimizer's settings (immutable, shareable). <see cref="CreateState{T}"/> makes the per-training
/// state (velocities, moments) that takes the steps.
/// </summary>
public abstract class Optimizer
{
    /// <summary>Checks and stores the learning rate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not a positive finite number.</exception>
    protected Optimizer(double learningRate)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a positive finite number.");
        }
        LearningRate = learningRate;
    }

    /// <summary>The step size (eta, or alpha in Adam's paper).</summary>
    public double LearningRate { get; }

    /// <summary>Allocates the state for a parameter vector of <paramref name="parameterCount"/> values, zeroed.</summary>
    public abstract IOptimizerState<T> CreateState<T>(int parameterCount)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Throws unless 0 &lt;= <paramref name="value"/> &lt; 1.</summary>
    private protected static double CheckDecayRate(double value, string parameterName)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "The value must be in [0, 1).");
        }
        return value;
    }

    private protected static void CheckLengths<T>(int count, Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<bool> trainable)
    {
        if (parameters.Length != count || gradient.Length != count || trainable.Length != count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The state was made for {count} parameters; got {parameters.Length} parameters, {gradient.Length} gradients and {trainable.Length} trainable flags."));
        }
    }
}

/// <summary>An optimizer's state for one training run: it updates the parameters from a gradient.</summary>
/// <typeparam name="T">The network's number type.</typeparam>
public interface IOptimizerState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Takes one step. Parameters whose <paramref name="trainable"/> flag is false, and their state, are
    /// never touched. Allocates nothing.
    /// </summary>
    /// <param name="parameters">The parameters, updated in place.</param>
    /// <param name="gradient">dLoss/dParameter (already averaged over the mini-batch and with any weight decay added).</param>
    /// <param name="trainable">Which parameters may change.</param>
    void Step(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<bool> trainable);
}

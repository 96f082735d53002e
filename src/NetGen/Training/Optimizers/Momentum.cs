using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// SGD with classical momentum (Polyak 1964; the form of Sutskever et al. 2013): v = mu v - eta g, then
/// p = p + v, with v starting at zero.
/// </summary>
public sealed class Momentum : Optimizer
{
    /// <summary>SGD with momentum.</summary>
    /// <param name="learningRate">eta.</param>
    /// <param name="momentum">mu, in [0, 1); 0.9 is usual.</param>
    public Momentum(double learningRate, double momentum = 0.9)
        : base(learningRate)
    {
        Coefficient = CheckDecayRate(momentum, nameof(momentum));
    }

    /// <summary>mu: the share of the last step carried into the next.</summary>
    public double Coefficient { get; }

    /// <inheritdoc />
    public override IOptimizerState<T> CreateState<T>(int parameterCount) =>
        new State<T>(T.CreateTruncating(LearningRate), T.CreateTruncating(Coefficient), parameterCount);

    private sealed class State<T>(T learningRate, T momentum, int count) : IRangedOptimizerState<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T[] _velocity = new T[count];

        public void BeginStep()
        {
        }

        public void StepRange(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<T> trainable, int start, int length)
        {
            Span<T> velocity = _velocity;
            int k = start, end = start + length;
            if (TrainableMask.Vectorized<T>())
            {
                Vector<T> mu = new(momentum), rate = new(learningRate);
                for (; k <= end - Vector<T>.Count; k += Vector<T>.Count)
                {
                    Vector<T> keep = TrainableMask.Lanes(trainable, k), v = new(velocity.Slice(k)), p = new(parameters.Slice(k));
                    Vector<T> next = mu * v - rate * new Vector<T>(gradient.Slice(k - start));
                    Vector.ConditionalSelect(keep, next, v).CopyTo(velocity.Slice(k));
                    Vector.ConditionalSelect(keep, p + next, p).CopyTo(parameters.Slice(k));
                }
            }
            for (; k < end; k++)
            {
                if (TrainableMask.IsTrainable(trainable, k))
                {
                    velocity[k] = momentum * velocity[k] - learningRate * gradient[k - start];
                    parameters[k] += velocity[k];
                }
            }
        }

        public void Step(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<bool> trainable)
        {
            CheckLengths(count, parameters, gradient, trainable);
            Span<T> velocity = _velocity;
            for (int k = 0; k < parameters.Length; k++)
            {
                if (trainable[k])
                {
                    velocity[k] = momentum * velocity[k] - learningRate * gradient[k];
                    parameters[k] += velocity[k];
                }
            }
        }
    }
}

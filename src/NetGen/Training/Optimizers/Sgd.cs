using System;
using System.Numerics;

namespace NetGen;

/// <summary>Plain stochastic gradient descent: p = p - eta g.</summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Plain SGD with learning rate eta.</summary>
    public Sgd(double learningRate)
        : base(learningRate)
    {
    }

    /// <inheritdoc />
    public override IOptimizerState<T> CreateState<T>(int parameterCount) => new State<T>(T.CreateTruncating(LearningRate), parameterCount);

    private sealed class State<T>(T learningRate, int count) : IRangedOptimizerState<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void BeginStep()
        {
        }

        public void StepRange(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<T> trainable, int start, int length)
        {
            int k = start, end = start + length;
            if (TrainableMask.Vectorized<T>())
            {
                var rate = new Vector<T>(learningRate);
                for (; k <= end - Vector<T>.Count; k += Vector<T>.Count)
                {
                    var p = new Vector<T>(parameters.Slice(k));
                    Vector.ConditionalSelect(TrainableMask.Lanes(trainable, k), p - rate * new Vector<T>(gradient.Slice(k - start)), p).CopyTo(parameters.Slice(k));
                }
            }
            for (; k < end; k++)
            {
                if (TrainableMask.IsTrainable(trainable, k))
                {
                    parameters[k] -= learningRate * gradient[k - start];
                }
            }
        }

        public void Step(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<bool> trainable)
        {
            CheckLengths(count, parameters, gradient, trainable);
            for (int k = 0; k < parameters.Length; k++)
            {
                if (trainable[k])
                {
                    parameters[k] -= learningRate * gradient[k];
                }
            }
        }
    }
}

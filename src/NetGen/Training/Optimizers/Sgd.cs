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

    private sealed class State<T>(T learningRate, int count) : IOptimizerState<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
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

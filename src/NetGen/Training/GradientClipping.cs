using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Gradient clipping by total norm, as PyTorch's <c>torch.nn.utils.clip_grad_norm_(parameters, max_norm)</c>:
/// the L2 norm of all trainable gradients taken together, and when it exceeds <c>max_norm</c> every gradient scaled
/// by <c>max_norm / (norm + 1e-6)</c>, so the direction is kept and only the length is capped. Recurrent networks
/// need it: backpropagation through time multiplies by the recurrent weights once per step, and a gradient can
/// grow by orders of magnitude in one mini-batch (Pascanu, Mikolov and Bengio 2013).
/// </summary>
public static class GradientClipping
{
    /// <summary>PyTorch's guard against dividing by a zero norm, added to the norm in the scale.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>
    /// Scales <paramref name="gradient"/> in place so that its L2 norm over the trainable entries is at most
    /// about <paramref name="maxNorm"/>: with <c>n</c> that norm (summed in double), the scale is
    /// <c>min(1, maxNorm / (n + 1e-6))</c>, exactly PyTorch's clamped <c>clip_coef</c>. Frozen entries are not
    /// counted and not changed. Allocation-free.
    /// </summary>
    /// <param name="gradient">dLoss/dParameter, in parameter order.</param>
    /// <param name="trainable">Which entries count (the network's <see cref="INetwork{TSelf, T}.ParameterIsTrainable"/>), as long as <paramref name="gradient"/>.</param>
    /// <param name="maxNorm">The largest norm let through: a positive finite number.</param>
    /// <returns>The norm before clipping, as <c>clip_grad_norm_</c> returns it (not finite when a gradient is not).</returns>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not a positive finite number.</exception>
    public static double ClipByNorm<T>(Span<T> gradient, ReadOnlySpan<bool> trainable, double maxNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckMaxNorm(maxNorm, nameof(maxNorm));
        if (trainable.Length != gradient.Length)
        {
            throw new ArgumentException($"There are {gradient.Length} gradients and {trainable.Length} trainable flags; give one flag per gradient.", nameof(trainable));
        }
        double sumOfSquares = 0;
        for (int k = 0; k < gradient.Length; k++)
        {
            if (trainable[k])
            {
                double g = double.CreateTruncating(gradient[k]);
                sumOfSquares += g * g;
            }
        }
        double norm = Math.Sqrt(sumOfSquares);
        double coefficient = maxNorm / (norm + Epsilon);
        if (coefficient < 1)
        {
            // PyTorch multiplies by clamp(coef, max=1): a norm within 1e-6 below maxNorm is scaled a hair too.
            T scale = T.CreateTruncating(coefficient);
            for (int k = 0; k < gradient.Length; k++)
            {
                if (trainable[k])
                {
                    gradient[k] *= scale;
                }
            }
        }
        return norm;
    }

    /// <summary>Throws unless <paramref name="maxNorm"/> is a positive finite number.</summary>
    internal static void CheckMaxNorm(double maxNorm, string parameterName)
    {
        if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
        {
            throw new ArgumentOutOfRangeException(parameterName, maxNorm,
                "The largest gradient norm must be a positive finite number (PyTorch's max_norm, e.g. 1.0); use null for no clipping.");
        }
    }
}

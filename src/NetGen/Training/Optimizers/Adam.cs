using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Adam (Kingma and Ba 2015, Algorithm 1): at step t, m = beta1 m + (1 - beta1) g,
/// v = beta2 v + (1 - beta2) g^2, m^ = m / (1 - beta1^t), v^ = v / (1 - beta2^t),
/// p = p - alpha m^ / (sqrt(v^) + epsilon).
/// </summary>
public sealed class Adam : Optimizer
{
    /// <summary>Adam with the paper's defaults unless given.</summary>
    /// <param name="learningRate">alpha (paper: 0.001).</param>
    /// <param name="beta1">Decay of the first-moment estimate, in [0, 1) (paper: 0.9).</param>
    /// <param name="beta2">Decay of the second-moment estimate, in [0, 1) (paper: 0.999).</param>
    /// <param name="epsilon">Added to sqrt(v^) so that the step stays finite (paper: 1e-8).</param>
    public Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(learningRate)
    {
        Beta1 = CheckDecayRate(beta1, nameof(beta1));
        Beta2 = CheckDecayRate(beta2, nameof(beta2));
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be a positive finite number.");
        }
        Epsilon = epsilon;
    }

    /// <summary>Decay of the first-moment (mean) estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment (uncentred variance) estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public override IOptimizerState<T> CreateState<T>(int parameterCount) => new State<T>(this, parameterCount);

    private sealed class State<T>(Adam settings, int count) : IRangedOptimizerState<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T[] _m = new T[count];
        private readonly T[] _v = new T[count];
        private readonly T _alpha = T.CreateTruncating(settings.LearningRate);
        private readonly T _beta1 = T.CreateTruncating(settings.Beta1);
        private readonly T _beta2 = T.CreateTruncating(settings.Beta2);
        // 1 - beta rounded once from double: in float, 1 - 0.999f is off by 1e-5 relative.
        private readonly T _oneMinusBeta1 = T.CreateTruncating(1 - settings.Beta1);
        private readonly T _oneMinusBeta2 = T.CreateTruncating(1 - settings.Beta2);
        private readonly T _epsilon = T.CreateTruncating(settings.Epsilon);
        private int _t;
        private T _correction1, _correction2;

        public void BeginStep()
        {
            _t++;
            // The bias corrections, in double so that beta^t is exact to the last bit of T.
            _correction1 = T.CreateTruncating(1 - Math.Pow(settings.Beta1, _t));
            _correction2 = T.CreateTruncating(1 - Math.Pow(settings.Beta2, _t));
        }

        public void StepRange(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<T> trainable, int start, int length)
        {
            Span<T> m = _m, v = _v;
            int k = start, end = start + length;
            if (TrainableMask.Vectorized<T>())
            {
                Vector<T> beta1 = new(_beta1), beta2 = new(_beta2), oneMinusBeta1 = new(_oneMinusBeta1), oneMinusBeta2 = new(_oneMinusBeta2);
                Vector<T> correction1 = new(_correction1), correction2 = new(_correction2), alpha = new(_alpha), epsilon = new(_epsilon);
                for (; k <= end - Vector<T>.Count; k += Vector<T>.Count)
                {
                    // The scalar loop's operations in its order, lane by lane: the same bits.
                    Vector<T> keep = TrainableMask.Lanes(trainable, k), g = new(gradient.Slice(k - start));
                    Vector<T> mOld = new(m.Slice(k)), vOld = new(v.Slice(k)), p = new(parameters.Slice(k));
                    Vector<T> mNew = beta1 * mOld + oneMinusBeta1 * g;
                    Vector<T> vNew = beta2 * vOld + oneMinusBeta2 * g * g;
                    Vector<T> step = alpha * (mNew / correction1) / (Vector.SquareRoot(vNew / correction2) + epsilon);
                    Vector.ConditionalSelect(keep, mNew, mOld).CopyTo(m.Slice(k));
                    Vector.ConditionalSelect(keep, vNew, vOld).CopyTo(v.Slice(k));
                    Vector.ConditionalSelect(keep, p - step, p).CopyTo(parameters.Slice(k));
                }
            }
            for (; k < end; k++)
            {
                if (TrainableMask.IsTrainable(trainable, k))
                {
                    Update(parameters, gradient[k - start], k);
                }
            }
        }

        public void Step(Span<T> parameters, ReadOnlySpan<T> gradient, ReadOnlySpan<bool> trainable)
        {
            CheckLengths(count, parameters, gradient, trainable);
            BeginStep();
            for (int k = 0; k < parameters.Length; k++)
            {
                if (trainable[k])
                {
                    Update(parameters, gradient[k], k);
                }
            }
        }

        private void Update(Span<T> parameters, T g, int k)
        {
            _m[k] = _beta1 * _m[k] + _oneMinusBeta1 * g;
            _v[k] = _beta2 * _v[k] + _oneMinusBeta2 * g * g;
            T mHat = _m[k] / _correction1;
            T vHat = _v[k] / _correction2;
            parameters[k] -= _alpha * mHat / (T.Sqrt(vHat) + _epsilon);
        }
    }
}

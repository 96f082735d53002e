using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Checks a network's Backward against central finite differences of its loss, parameter by parameter.
/// </summary>
public static class GradientCheck
{
    /// <summary>The worst disagreement found.</summary>
    /// <param name="MaxRelativeError">max over trainable parameters of |analytic - numeric| / max(|analytic|, |numeric|, floor).</param>
    /// <param name="WorstParameter">The index of the parameter with that error, or -1.</param>
    /// <param name="Analytic">Backward's derivative for that parameter.</param>
    /// <param name="Numeric">The finite-difference derivative for that parameter.</param>
    /// <param name="Checked">How many parameters were compared.</param>
    /// <param name="Skipped">
    /// How many were skipped because the loss has a kink within the step (ReLU at 0): there the two
    /// step sizes disagree and no finite difference is a derivative.
    /// </param>
    public readonly record struct Result(double MaxRelativeError, int WorstParameter, double Analytic, double Numeric, int Checked, int Skipped);

    /// <summary>
    /// Compares Backward's gradient with a Richardson-extrapolated central difference
    /// (4 D(h/2) - D(h)) / 3, whose truncation error is O(h^4). The network's parameters are restored.
    /// </summary>
    /// <param name="net">The network; its parameters are perturbed and then restored.</param>
    /// <param name="input">One input row.</param>
    /// <param name="target">Its target.</param>
    /// <param name="step">h, relative to max(1, |parameter|); 1e-4 suits double, 1e-2 float.</param>
    /// <param name="floor">The smallest denominator of the relative error, so that gradients near zero are compared absolutely.</param>
    public static Result Run<TNet, T>(TNet net, ReadOnlySpan<T> input, ReadOnlySpan<T> target, double step, double floor)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = TNet.ParameterCount;
        var analytic = new T[count];
        var scratch = new T[count];
        net.Backward(input, target, analytic);
        ReadOnlySpan<bool> trainable = TNet.ParameterIsTrainable;
        Span<T> parameters = net.Parameters;

        double worst = 0, worstAnalytic = 0, worstNumeric = 0;
        int worstIndex = -1, checkedCount = 0, skipped = 0;
        for (int k = 0; k < count; k++)
        {
            if (!trainable[k])
            {
                continue;
            }
            T original = parameters[k];
            double h = step * Math.Max(1.0, Math.Abs(double.CreateTruncating(original)));
            double wide = Central(net, input, target, scratch, k, original, h);
            double narrow = Central(net, input, target, scratch, k, original, h / 2);
            parameters[k] = original;
            double numeric = (4 * narrow - wide) / 3;
            double a = double.CreateTruncating(analytic[k]);
            if (Math.Abs(wide - narrow) > 0.1 * Math.Max(Math.Abs(narrow), floor))
            {
                skipped++; // A kink inside [p - h, p + h]: the difference quotient is not a derivative there.
                continue;
            }
            checkedCount++;
            double error = Math.Abs(a - numeric) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(numeric)), floor);
            if (error > worst || worstIndex < 0)
            {
                (worst, worstIndex, worstAnalytic, worstNumeric) = (error, k, a, numeric);
            }
        }
        return new Result(worst, worstIndex, worstAnalytic, worstNumeric, checkedCount, skipped);
    }

    private static double Central<TNet, T>(TNet net, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T[] scratch, int k, T original, double h)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> parameters = net.Parameters;
        T plus = original + T.CreateTruncating(h);
        T minus = original - T.CreateTruncating(h);
        parameters[k] = plus;
        double lossPlus = double.CreateTruncating(net.Backward(input, target, scratch));
        parameters[k] = minus;
        double lossMinus = double.CreateTruncating(net.Backward(input, target, scratch));
        // Divide by the step actually taken, which rounding to T may have changed.
        return (lossPlus - lossMinus) / double.CreateTruncating(plus - minus);
    }
}

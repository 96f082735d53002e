namespace NetGen.Generator.Tests.Probing;

/// <summary>
/// An independent, plainly written forward pass and loss for any <see cref="NetworkCase"/>, in double,
/// over the same flat parameter vector. Gradients are checked by finite differences instead.
/// </summary>
internal static class ReferenceNetwork
{
    public static (double[] Output, double Loss) Run(NetworkCase c, double[] parameters, double[] input, double[] target) =>
        Run(c, parameters, input, target, out _);

    /// <param name="kinkDistance">The smallest |sum| of a ReLU or LeakyReLU unit: how far the point is from a kink.</param>
    public static (double[] Output, double Loss) Run(NetworkCase c, double[] parameters, double[] input, double[] target, out double kinkDistance)
    {
        kinkDistance = double.PositiveInfinity;
        double[] values = input;
        double[] sums = input;
        int offset = 0;
        for (int l = 0; l < c.Sizes.Length - 1; l++)
        {
            int fanIn = c.Sizes[l], width = c.Sizes[l + 1];
            sums = new double[width];
            for (int j = 0; j < width; j++)
            {
                double sum = parameters[offset + fanIn * width + (c.SharedBias ? 0 : j)];
                for (int i = 0; i < fanIn; i++)
                {
                    sum += parameters[offset + j * fanIn + i] * values[i];
                }
                sums[j] = sum;
            }
            if (c.ActivationOf(l) is Activation.ReLU or Activation.LeakyReLU)
            {
                kinkDistance = Math.Min(kinkDistance, sums.Min(Math.Abs));
            }
            values = Activate(c.ActivationOf(l), sums);
            offset += fanIn * width + (c.SharedBias ? 1 : width);
        }
        return (values, Loss(c.Loss, c.Output, values, target));
    }

    public static double[] Activate(Activation activation, double[] sums)
    {
        if (activation == Activation.Softmax)
        {
            double max = sums.Max();
            double[] e = sums.Select(s => Math.Exp(s - max)).ToArray();
            double total = e.Sum();
            return e.Select(v => v / total).ToArray();
        }
        return sums.Select(s => activation switch
        {
            Activation.Identity => s,
            Activation.Sigmoid => 1 / (1 + Math.Exp(-s)),
            Activation.Tanh => Math.Tanh(s),
            Activation.ReLU => Math.Max(0, s),
            _ => s > 0 ? s : 0.01 * s,
        }).ToArray();
    }

    public static double Loss(Loss loss, Activation outputActivation, double[] output, double[] target)
    {
        int n = output.Length;
        switch (loss)
        {
            case NetGen.Loss.HalfSquaredError:
                return Enumerable.Range(0, n).Sum(k => 0.5 * (target[k] - output[k]) * (target[k] - output[k]));
            case NetGen.Loss.MeanSquaredError:
                return Enumerable.Range(0, n).Sum(k => (target[k] - output[k]) * (target[k] - output[k])) / n;
            default:
                if (outputActivation == Activation.Softmax)
                {
                    return -Enumerable.Range(0, n).Sum(k => target[k] * Math.Log(output[k]));
                }
                return -Enumerable.Range(0, n).Sum(k => target[k] * Math.Log(output[k]) + (1 - target[k]) * Math.Log(1 - output[k]));
        }
    }
}

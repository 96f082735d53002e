namespace NetGen.Generator.Tests.Probing;

/// <summary>
/// An independent, plainly written forward pass of a <see cref="FeatureNetworkCase"/> in double, with
/// PyTorch's semantics: convolution as cross-correlation with zero padding ("same": output ceil(n/stride),
/// the odd zero at the end), floor-mode pooling, flatten row-major before dense layers.
/// </summary>
internal static class ReferenceFeatureNetwork
{
    /// <param name="kinkDistance">How far the point is from a kink: the smallest |sum| of a ReLU-like unit, and the smallest gap between a max window's two largest values.</param>
    public static (double[] Output, double Loss) Run(FeatureNetworkCase c, double[] parameters, double[] input, double[] target, out double kinkDistance)
    {
        kinkDistance = double.PositiveInfinity;
        int[] shape = c.InputShape;
        double[] values = input;
        int offset = 0;
        foreach (FeatureLayer layer in c.Layers)
        {
            switch (layer)
            {
                case ConvLayer conv:
                    (values, shape) = Convolve(conv, shape, values, parameters, ref offset, c.SharedBias, out double[] sums);
                    Activation activation = conv.Activation ?? c.Hidden;
                    Track(activation, sums, ref kinkDistance);
                    values = ReferenceNetwork.Activate(activation, sums);
                    break;
                case PoolLayer pool:
                    (values, shape) = Pool(pool.Max, pool.Kernel, pool.Stride, shape, values, ref kinkDistance);
                    break;
                case GapLayer:
                    (values, shape) = Pool(false, shape.Skip(1).ToArray(), shape.Skip(1).ToArray(), shape, values, ref kinkDistance);
                    break;
                case DenseLayer dense:
                    double[] dsums = Dense(dense.Width, values, parameters, ref offset, c.SharedBias);
                    Activation a = dense.Activation ?? c.Hidden;
                    Track(a, dsums, ref kinkDistance);
                    values = ReferenceNetwork.Activate(a, dsums);
                    shape = new[] { dense.Width };
                    break;
            }
        }
        double[] outputSums = Dense(c.Outputs, values, parameters, ref offset, c.SharedBias);
        Track(c.Output, outputSums, ref kinkDistance);
        double[] output = ReferenceNetwork.Activate(c.Output, outputSums);
        return (output, ReferenceNetwork.Loss(c.Loss, c.Output, output, target));
    }

    private static void Track(Activation activation, double[] sums, ref double kinkDistance)
    {
        if (activation is Activation.ReLU or Activation.LeakyReLU)
        {
            kinkDistance = Math.Min(kinkDistance, sums.Min(Math.Abs));
        }
    }

    private static double[] Dense(int width, double[] values, double[] p, ref int offset, bool shared)
    {
        int fanIn = values.Length;
        var sums = new double[width];
        for (int j = 0; j < width; j++)
        {
            double sum = p[offset + fanIn * width + (shared ? 0 : j)];
            for (int i = 0; i < fanIn; i++)
            {
                sum += p[offset + j * fanIn + i] * values[i];
            }
            sums[j] = sum;
        }
        offset += fanIn * width + (shared ? 1 : width);
        return sums;
    }

    private static (double[] Values, int[] Shape) Convolve(ConvLayer conv, int[] shape, double[] x, double[] p, ref int offset, bool shared, out double[] sums)
    {
        int rank = shape.Length - 1, channels = shape[0];
        int[] begin = new int[rank], outShape = new int[rank + 1];
        outShape[0] = conv.Filters;
        for (int d = 0; d < rank; d++)
        {
            int n = shape[d + 1], k = conv.Kernel[d], s = conv.Stride[d], dil = conv.Dilation[d];
            int total;
            if (conv.Padding == "valid")
            {
                total = 0;
            }
            else if (conv.Padding == "same")
            {
                int outLength = (n + s - 1) / s;
                total = Math.Max((outLength - 1) * s + dil * (k - 1) + 1 - n, 0);
            }
            else
            {
                total = 2 * int.Parse(conv.Padding, System.Globalization.CultureInfo.InvariantCulture);
            }
            begin[d] = total / 2;
            outShape[d + 1] = (n + total - dil * (k - 1) - 1) / s + 1;
        }
        int taps = conv.Kernel.Aggregate(1, (a, b) => a * b);
        int outPositions = outShape.Skip(1).Aggregate(1, (a, b) => a * b), inPositions = shape.Skip(1).Aggregate(1, (a, b) => a * b);
        int weights = conv.Filters * channels * taps;
        sums = new double[conv.Filters * outPositions];
        for (int f = 0; f < conv.Filters; f++)
        {
            for (int o = 0; o < outPositions; o++)
            {
                int[] at = Unflatten(o, outShape);
                double sum = p[offset + weights + (shared ? 0 : f)];
                for (int ch = 0; ch < channels; ch++)
                {
                    for (int t = 0; t < taps; t++)
                    {
                        int[] tap = Unflatten(t, new[] { 0 }.Concat(conv.Kernel).ToArray());
                        int index = 0;
                        bool inside = true;
                        for (int d = 0; d < rank; d++)
                        {
                            int position = at[d] * conv.Stride[d] - begin[d] + tap[d] * conv.Dilation[d];
                            inside &= position >= 0 && position < shape[d + 1];
                            index = index * shape[d + 1] + position;
                        }
                        if (inside)
                        {
                            sum += p[offset + (f * channels + ch) * taps + t] * x[ch * inPositions + index];
                        }
                    }
                }
                sums[f * outPositions + o] = sum;
            }
        }
        offset += weights + (shared ? 1 : conv.Filters);
        return (sums, outShape);
    }

    private static (double[] Values, int[] Shape) Pool(bool max, int[] kernel, int[] stride, int[] shape, double[] x, ref double kinkDistance)
    {
        int rank = shape.Length - 1;
        int[] outShape = new int[rank + 1];
        outShape[0] = shape[0];
        for (int d = 0; d < rank; d++)
        {
            outShape[d + 1] = (shape[d + 1] - kernel[d]) / stride[d] + 1;
        }
        int outPositions = outShape.Skip(1).Aggregate(1, (a, b) => a * b), inPositions = shape.Skip(1).Aggregate(1, (a, b) => a * b);
        int taps = kernel.Aggregate(1, (a, b) => a * b);
        var result = new double[shape[0] * outPositions];
        for (int ch = 0; ch < shape[0]; ch++)
        {
            for (int o = 0; o < outPositions; o++)
            {
                int[] at = Unflatten(o, outShape);
                var window = new List<double>();
                for (int t = 0; t < taps; t++)
                {
                    int[] tap = Unflatten(t, new[] { 0 }.Concat(kernel).ToArray());
                    int index = 0;
                    for (int d = 0; d < rank; d++)
                    {
                        index = index * shape[d + 1] + at[d] * stride[d] + tap[d];
                    }
                    window.Add(x[ch * inPositions + index]);
                }
                if (max)
                {
                    double[] sorted = window.OrderByDescending(v => v).ToArray();
                    // Ties of exact zeros come from ReLU units whose derivative is 0 anyway; only other ties are kinks.
                    if (sorted.Length > 1 && sorted[0] != 0)
                    {
                        kinkDistance = Math.Min(kinkDistance, sorted[0] - sorted[1]);
                    }
                    result[ch * outPositions + o] = sorted[0];
                }
                else
                {
                    result[ch * outPositions + o] = window.Sum() / taps;
                }
            }
        }
        return (result, outShape);
    }

    /// <summary>The spatial coordinates of flat position <paramref name="index"/> of a [C, dims...] shape (channel excluded).</summary>
    private static int[] Unflatten(int index, int[] shape)
    {
        int rank = shape.Length - 1;
        var at = new int[rank];
        for (int d = rank - 1; d >= 0; d--)
        {
            at[d] = index % shape[d + 1];
            index /= shape[d + 1];
        }
        return at;
    }
}

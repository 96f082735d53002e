namespace NetGen.Benchmarks;

/// <summary>
/// What a user writes instead of NetGen: a sigmoid MLP with 1/2 squared error over arrays and nested
/// loops, written well (cached buffers, no allocation per step), over the same parameter layout.
/// </summary>
public sealed class HandWrittenMlp
{
    private readonly int[] _sizes;
    private readonly int[] _offsets;
    private readonly double[][] _outs;
    private readonly double[][] _deltas;

    public HandWrittenMlp(params int[] sizes)
    {
        _sizes = sizes;
        _offsets = new int[sizes.Length - 1];
        int offset = 0;
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            _offsets[l] = offset;
            offset += sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        Parameters = new double[offset];
        _outs = sizes.Select(s => new double[s]).ToArray();
        _deltas = sizes.Select(s => new double[s]).ToArray();
    }

    public double[] Parameters { get; }

    public double TrainStep(double[] input, double[] target, double learningRate)
    {
        double[] p = Parameters;
        Array.Copy(input, _outs[0], input.Length);
        int layers = _sizes.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l], b = w + fanIn * width;
            double[] x = _outs[l], y = _outs[l + 1];
            for (int j = 0; j < width; j++)
            {
                double sum = p[b + j];
                int row = w + j * fanIn;
                for (int i = 0; i < fanIn; i++)
                {
                    sum += p[row + i] * x[i];
                }
                y[j] = 1.0 / (1.0 + Math.Exp(-sum));
            }
        }
        double[] output = _outs[layers], delta = _deltas[layers];
        double loss = 0;
        for (int k = 0; k < output.Length; k++)
        {
            double diff = target[k] - output[k];
            loss += 0.5 * diff * diff;
            delta[k] = -diff * output[k] * (1 - output[k]);
        }
        for (int l = layers - 1; l >= 0; l--)
        {
            int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l], b = w + fanIn * width;
            double[] x = _outs[l], d = _deltas[l + 1], back = _deltas[l];
            if (l > 0)
            {
                Array.Clear(back);
                for (int j = 0; j < width; j++)
                {
                    int row = w + j * fanIn;
                    for (int i = 0; i < fanIn; i++)
                    {
                        back[i] += d[j] * p[row + i];
                    }
                }
                for (int i = 0; i < fanIn; i++)
                {
                    back[i] *= x[i] * (1 - x[i]);
                }
            }
            for (int j = 0; j < width; j++)
            {
                int row = w + j * fanIn;
                double step = learningRate * d[j];
                for (int i = 0; i < fanIn; i++)
                {
                    p[row + i] -= step * x[i];
                }
                p[b + j] -= step;
            }
        }
        return loss;
    }
}

namespace NetGen.Generator.Tests.Probing;

/// <summary>
/// An independent, plainly written forward pass of a <see cref="RecurrentNetworkCase"/> in double, with PyTorch's
/// semantics and parameter order: per recurrent layer <c>weight_ih [G*H, F]</c>, <c>weight_hh [G*H, H]</c>,
/// <c>bias_ih [G*H]</c>, <c>bias_hh [G*H]</c> (GRU rows r, z, n; LSTM rows i, f, g, o), zero initial state;
/// GRU n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h; LSTM c' = f * c + i * g,
/// h' = o * tanh(c'). Dense layers are nn.Linear (weight [units, inputs], then bias); after a sequence they run at
/// every step with the same weights, and a per-step softmax normalises each step's outputs (dim = -1).
/// </summary>
internal static class ReferenceRecurrentNetwork
{
    /// <param name="kinkDistance">The smallest |sum| of a ReLU-like unit (a ReLU SimpleRNN's or a dense layer's): how far the point is from a kink.</param>
    public static (double[] Output, double Loss) Run(RecurrentNetworkCase c, double[] parameters, double[] input, double[] target, out double kinkDistance)
    {
        kinkDistance = double.PositiveInfinity;
        int offset = 0;
        // The sequence as [step][value].
        double[][] sequence = Enumerable.Range(0, c.Steps).Select(t => input.Skip(t * c.Features).Take(c.Features).ToArray()).ToArray();
        foreach (RecurrentLayer layer in c.Layers)
        {
            sequence = Recurrent(layer, sequence, parameters, ref offset, ref kinkDistance);
        }

        double[] output;
        if (c.Head == RecurrentHead.PerStep)
        {
            // Each step through the same dense layers.
            int hiddenOffset = offset, outputOffset = 0;
            var steps = new double[c.Steps][];
            for (int t = 0; t < c.Steps; t++)
            {
                int at = hiddenOffset;
                double[] values = sequence[t];
                if (c.HiddenDense is { } width)
                {
                    values = DenseActivated(width, c.HiddenDenseActivation ?? c.Hidden, values, parameters, ref at, c.SharedBias, ref kinkDistance);
                }
                steps[t] = DenseActivated(c.Outputs, c.Output, values, parameters, ref at, c.SharedBias, ref kinkDistance);
                outputOffset = at;
            }
            offset = outputOffset;
            output = steps.SelectMany(s => s).ToArray();
        }
        else
        {
            double[] values = c.Head == RecurrentHead.Flatten ? sequence.SelectMany(s => s).ToArray() : sequence[c.Steps - 1];
            if (c.HiddenDense is { } width)
            {
                values = DenseActivated(width, c.HiddenDenseActivation ?? c.Hidden, values, parameters, ref offset, c.SharedBias, ref kinkDistance);
            }
            output = DenseActivated(c.Outputs, c.Output, values, parameters, ref offset, c.SharedBias, ref kinkDistance);
        }
        if (offset != parameters.Length)
        {
            throw new InvalidOperationException($"{c}: the reference read {offset} parameters, the network has {parameters.Length}");
        }
        return (output, ReferenceNetwork.Loss(c.Loss, c.Output, output, target));
    }

    private static double[][] Recurrent(RecurrentLayer layer, double[][] x, double[] p, ref int offset, ref double kinkDistance)
    {
        int gates = layer.Cell switch { Cell.Gru => 3, Cell.Lstm => 4, _ => 1 };
        int hidden = layer.Hidden, features = x[0].Length, rows = gates * hidden;
        int wih = offset, whh = wih + rows * features, bih = whh + rows * hidden, bhh = bih + rows;
        offset = bhh + rows;

        // Row r of W_ih x + b_ih, and of W_hh h + b_hh.
        double InputPart(int row, double[] xt)
        {
            double sum = p[bih + row];
            for (int f = 0; f < features; f++)
            {
                sum += p[wih + row * features + f] * xt[f];
            }
            return sum;
        }
        double HiddenPart(int row, double[] h)
        {
            double sum = p[bhh + row];
            for (int m = 0; m < hidden; m++)
            {
                sum += p[whh + row * hidden + m] * h[m];
            }
            return sum;
        }

        var state = new double[hidden];
        var cell = new double[hidden];
        var result = new double[x.Length][];
        for (int t = 0; t < x.Length; t++)
        {
            var next = new double[hidden];
            var nextCell = new double[hidden];
            for (int j = 0; j < hidden; j++)
            {
                switch (layer.Cell)
                {
                    case Cell.Rnn:
                        double sum = InputPart(j, x[t]) + HiddenPart(j, state);
                        if (layer.Relu)
                        {
                            kinkDistance = Math.Min(kinkDistance, Math.Abs(sum));
                        }
                        next[j] = layer.Relu ? Math.Max(0, sum) : Math.Tanh(sum);
                        break;
                    case Cell.Gru:
                        double r = Sigmoid(InputPart(j, x[t]) + HiddenPart(j, state));
                        double z = Sigmoid(InputPart(hidden + j, x[t]) + HiddenPart(hidden + j, state));
                        double n = Math.Tanh(InputPart(2 * hidden + j, x[t]) + r * HiddenPart(2 * hidden + j, state));
                        next[j] = (1 - z) * n + z * state[j];
                        break;
                    default:
                        double i = Sigmoid(InputPart(j, x[t]) + HiddenPart(j, state));
                        double f = Sigmoid(InputPart(hidden + j, x[t]) + HiddenPart(hidden + j, state));
                        double g = Math.Tanh(InputPart(2 * hidden + j, x[t]) + HiddenPart(2 * hidden + j, state));
                        double o = Sigmoid(InputPart(3 * hidden + j, x[t]) + HiddenPart(3 * hidden + j, state));
                        nextCell[j] = f * cell[j] + i * g;
                        next[j] = o * Math.Tanh(nextCell[j]);
                        break;
                }
            }
            state = next;
            cell = nextCell;
            result[t] = next;
        }
        return result;
    }

    /// <summary>nn.Linear then the activation; softmax over this call's values (one step's, for a per-step head).</summary>
    private static double[] DenseActivated(int width, Activation activation, double[] values, double[] p, ref int offset, bool shared, ref double kinkDistance)
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
        if (activation is Activation.ReLU or Activation.LeakyReLU)
        {
            kinkDistance = Math.Min(kinkDistance, sums.Min(Math.Abs));
        }
        return ReferenceNetwork.Activate(activation, sums);
    }

    private static double Sigmoid(double s) => 1 / (1 + Math.Exp(-s));
}

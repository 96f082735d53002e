using System.Globalization;

namespace NetGen.Generator.Tests.Probing;

/// <summary>A layer of a recurrent test network, written in the topology grammar.</summary>
public abstract record SequenceLayer;

/// <summary><c>rnn3</c>, <c>rnn3:relu</c>, <c>gru3</c>, <c>lstm3(return=sequence)</c>.</summary>
public sealed record CellLayer(string Cell, int Hidden, bool Relu = false, bool Sequence = false) : SequenceLayer
{
    public override string ToString() => Cell + Hidden.ToString(CultureInfo.InvariantCulture) + (Relu ? ":relu" : "") + (Sequence ? "(return=sequence)" : "");
}

/// <summary>A dense layer: per step after a sequence, else over every value.</summary>
public sealed record StepDenseLayer(int Width, Activation? Activation = null) : SequenceLayer
{
    public override string ToString() => Width.ToString(CultureInfo.InvariantCulture) + (Activation is { } a ? ":" + a.ToString().ToLowerInvariant() : "");
}

/// <summary><c>flatten</c>: a sequence read as one vector by the dense layer after it.</summary>
public sealed record FlattenLayer : SequenceLayer
{
    public override string ToString() => "flatten";
}

/// <summary>
/// A recurrent network over <c>Steps x Features</c> and its plainly written reference forward pass in double,
/// PyTorch's equations step by step (nn.RNN, nn.GRU with the reset after the hidden product, nn.LSTM, nn.Linear on
/// [time, features]), independent of the generator and the kernels.
/// </summary>
public sealed record LoopRecurrentCase(
    int Steps,
    int Features,
    SequenceLayer[] Layers,
    int Outputs,
    Activation Hidden,
    Activation Output,
    Loss Loss,
    bool Single,
    bool SharedBias,
    bool TrainBiases,
    CodeStyle Style,
    int Seed) : ISweepCase
{
    public string Topology => string.Join(" - ", new[] { $"{Steps}x{Features}" }.Concat(Layers.Select(l => l.ToString())).Append(Outputs.ToString(CultureInfo.InvariantCulture)));

    public string Attribute =>
        $"Network(\"{Topology}\", Activation.{Hidden}, Output = Activation.{Output}, Loss = Loss.{Loss}, " +
        $"Precision = Precision.{(Single ? "Single" : "Double")}, Bias = BiasMode.{(SharedBias ? "SharedPerLayer" : "PerNeuron")}, " +
        $"TrainBiases = {(TrainBiases ? "true" : "false")}, CodeStyle = CodeStyle.{Style})";

    public override string ToString() => Attribute;

    public (double[] Output, double Loss) Reference(double[] p, double[] input, double[] target, out double kinkDistance)
    {
        kinkDistance = double.PositiveInfinity;
        double[] values = input;
        int width = Features, offset = 0;
        bool sequence = true;
        var all = Layers.Append(new StepDenseLayer(Outputs, Output)).ToArray();
        for (int l = 0; l < all.Length; l++)
        {
            switch (all[l])
            {
                case CellLayer cell:
                    bool returns = cell.Sequence || (l + 1 < all.Length && all[l + 1] is CellLayer);
                    values = Cell(cell, values, width, p, ref offset, ref kinkDistance);
                    if (!returns)
                    {
                        values = values.Skip((Steps - 1) * cell.Hidden).ToArray();
                    }
                    width = cell.Hidden;
                    sequence = returns;
                    break;
                case FlattenLayer:
                    sequence = false;
                    width = values.Length;
                    break;
                case StepDenseLayer dense:
                    Activation activation = l == all.Length - 1 ? Output : dense.Activation ?? Hidden;
                    int steps = sequence ? Steps : 1, fanIn = sequence ? width : values.Length;
                    var sums = new double[steps * dense.Width];
                    for (int t = 0; t < steps; t++)
                    {
                        for (int j = 0; j < dense.Width; j++)
                        {
                            double sum = p[offset + dense.Width * fanIn + (SharedBias ? 0 : j)];
                            for (int i = 0; i < fanIn; i++)
                            {
                                sum += p[offset + j * fanIn + i] * values[t * fanIn + i];
                            }
                            sums[t * dense.Width + j] = sum;
                        }
                    }
                    offset += dense.Width * fanIn + (SharedBias ? 1 : dense.Width);
                    if (activation is Activation.ReLU or Activation.LeakyReLU)
                    {
                        kinkDistance = Math.Min(kinkDistance, sums.Min(Math.Abs));
                    }
                    values = ReferenceNetwork.Activate(activation, sums);
                    width = dense.Width;
                    break;
            }
        }
        return (values, ReferenceNetwork.Loss(Loss, Output, values, target));
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Every step's h of one recurrent layer, [T, H], from a zero state.</summary>
    private double[] Cell(CellLayer cell, double[] x, int f, double[] p, ref int offset, ref double kinkDistance)
    {
        int h = cell.Hidden, g = cell.Cell switch { "gru" => 3, "lstm" => 4, _ => 1 }, rows = g * h;
        int wih = offset, whh = wih + rows * f, bih = whh + rows * h, bhh = bih + rows;
        offset = bhh + rows;
        var states = new double[Steps * h];
        var state = new double[h];
        var c = new double[h];
        for (int t = 0; t < Steps; t++)
        {
            var gi = new double[rows];
            var gh = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                gi[r] = p[bih + r];
                gh[r] = p[bhh + r];
                for (int i = 0; i < f; i++)
                {
                    gi[r] += p[wih + r * f + i] * x[t * f + i];
                }
                for (int m = 0; m < h; m++)
                {
                    gh[r] += p[whh + r * h + m] * state[m];
                }
            }
            var next = new double[h];
            for (int j = 0; j < h; j++)
            {
                switch (cell.Cell)
                {
                    case "gru":
                        double rr = Sigmoid(gi[j] + gh[j]), z = Sigmoid(gi[h + j] + gh[h + j]);
                        double n = Math.Tanh(gi[2 * h + j] + rr * gh[2 * h + j]);
                        next[j] = (1 - z) * n + z * state[j];
                        break;
                    case "lstm":
                        double ig = Sigmoid(gi[j] + gh[j]), fg = Sigmoid(gi[h + j] + gh[h + j]);
                        double gg = Math.Tanh(gi[2 * h + j] + gh[2 * h + j]), og = Sigmoid(gi[3 * h + j] + gh[3 * h + j]);
                        c[j] = fg * c[j] + ig * gg;
                        next[j] = og * Math.Tanh(c[j]);
                        break;
                    default:
                        double sum = gi[j] + gh[j];
                        if (cell.Relu)
                        {
                            kinkDistance = Math.Min(kinkDistance, Math.Abs(sum));
                        }
                        next[j] = cell.Relu ? Math.Max(sum, 0) : Math.Tanh(sum);
                        break;
                }
            }
            state = next;
            Array.Copy(state, 0, states, t * h, h);
        }
        return states;
    }
}

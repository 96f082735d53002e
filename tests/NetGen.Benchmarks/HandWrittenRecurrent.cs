using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// What a user writes instead of NetGen for a one-layer recurrent network with a dense head on its last state:
/// plain nested loops over arrays, written well (buffers cached, nothing allocated per call, no SIMD), in
/// PyTorch's parameter layout, which is NetGen's: <c>weight_ih [G*H, F]</c>, <c>weight_hh [G*H, H]</c>,
/// <c>bias_ih [G*H]</c>, <c>bias_hh [G*H]</c>, then the head's <c>[O, H]</c> weights and O biases; identity output,
/// mean squared error. The cell (<see cref="HandWrittenGru{T}"/>, <see cref="HandWrittenLstm{T}"/>) fills in the
/// forward pass over time and backpropagation through time; this class owns the head, the loss and SGD.
/// </summary>
public abstract class HandWrittenRecurrent<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    protected HandWrittenRecurrent(int steps, int features, int hidden, int outputs, int gates)
    {
        Steps = steps;
        Features = features;
        Hidden = hidden;
        Outputs = outputs;
        Gates = gates;
        Whh = gates * hidden * features;
        Bih = Whh + gates * hidden * hidden;
        Bhh = Bih + gates * hidden;
        HeadW = Bhh + gates * hidden;
        HeadB = HeadW + outputs * hidden;
        Parameters = new T[HeadB + outputs];
        Gradient = new T[Parameters.Length];
        DhLast = new T[hidden];
        Y = new T[outputs];
    }

    public int Steps { get; }
    public int Features { get; }
    public int Hidden { get; }
    public int Outputs { get; }
    public int Gates { get; }

    /// <summary>The values of <see cref="Step"/>'s state: h, and for an LSTM c after it.</summary>
    public abstract int StateSize { get; }

    public T[] Parameters { get; }

    /// <summary>Offsets into <see cref="Parameters"/>: weight_ih starts at 0.</summary>
    protected int Whh { get; }
    protected int Bih { get; }
    protected int Bhh { get; }
    protected int HeadW { get; }
    protected int HeadB { get; }

    private T[] Gradient { get; }
    private T[] DhLast { get; }
    private T[] Y { get; }

    /// <summary>Runs the cell over all <see cref="Steps"/> of <paramref name="input"/> (<c>[time, features]</c>), keeping what backpropagation needs; returns the last hidden state.</summary>
    protected abstract ReadOnlySpan<T> RunSequence(ReadOnlySpan<T> input);

    /// <summary>Backpropagation through time after <see cref="RunSequence"/>: <paramref name="dhLast"/> is dE/dh at the last step; adds every cell parameter's gradient into <paramref name="g"/>.</summary>
    protected abstract void BackwardThroughTime(ReadOnlySpan<T> input, ReadOnlySpan<T> dhLast, T[] g);

    /// <summary>One time step of the cell: reads <paramref name="x"/>, updates <paramref name="state"/> in place.</summary>
    protected abstract void StepCell(ReadOnlySpan<T> x, Span<T> state);

    public void Forward(ReadOnlySpan<T> input, Span<T> output) => Head(RunSequence(input), output);

    /// <summary>One step of a stream: the state is the caller's (zero before the first step); writes the head's outputs on the new state.</summary>
    public void Step(ReadOnlySpan<T> x, Span<T> state, Span<T> output)
    {
        StepCell(x, state);
        Head(state.Slice(0, Hidden), output);
    }

    /// <summary>One SGD step on one sample; returns the loss before the update.</summary>
    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate)
    {
        T[] p = Parameters, g = Gradient;
        Array.Clear(g);
        T loss = Backward(input, target, g);
        for (int k = 0; k < p.Length; k++)
        {
            p[k] -= learningRate * g[k];
        }
        return loss;
    }

    /// <summary>One epoch of mini-batch SGD: each batch's per-sample gradients added up, then a step of -learningRate times their mean. Returns the summed loss.</summary>
    public T Epoch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, T learningRate)
    {
        int inputCount = Steps * Features, samples = inputs.Length / inputCount;
        T total = T.Zero;
        T[] p = Parameters, g = Gradient;
        for (int start = 0; start < samples; start += batchSize)
        {
            int count = Math.Min(batchSize, samples - start);
            Array.Clear(g);
            for (int s = start; s < start + count; s++)
            {
                total += Backward(inputs.Slice(s * inputCount, inputCount), targets.Slice(s * Outputs, Outputs), g);
            }
            T rate = learningRate / T.CreateTruncating(count);
            for (int k = 0; k < p.Length; k++)
            {
                p[k] -= rate * g[k];
            }
        }
        return total;
    }

    /// <summary>Adds dE/dparameter of one sample into <paramref name="g"/>; returns E = (1/O) sum (y - target)^2.</summary>
    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T[] g)
    {
        ReadOnlySpan<T> h = RunSequence(input);
        Head(h, Y);
        T[] p = Parameters;
        T loss = T.Zero, scale = T.CreateTruncating(2) / T.CreateTruncating(Outputs);
        Array.Clear(DhLast);
        for (int k = 0; k < Outputs; k++)
        {
            T error = Y[k] - target[k];
            loss += error * error;
            T dy = scale * error;
            g[HeadB + k] += dy;
            for (int j = 0; j < Hidden; j++)
            {
                g[HeadW + k * Hidden + j] += dy * h[j];
                DhLast[j] += p[HeadW + k * Hidden + j] * dy;
            }
        }
        BackwardThroughTime(input, DhLast, g);
        return loss / T.CreateTruncating(Outputs);
    }

    private void Head(ReadOnlySpan<T> h, Span<T> output)
    {
        T[] p = Parameters;
        for (int k = 0; k < Outputs; k++)
        {
            T sum = p[HeadB + k];
            for (int j = 0; j < Hidden; j++)
            {
                sum += p[HeadW + k * Hidden + j] * h[j];
            }
            output[k] = sum;
        }
    }

    protected static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));
}

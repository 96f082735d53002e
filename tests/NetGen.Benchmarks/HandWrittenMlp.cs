using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// What a user writes instead of NetGen: a sigmoid MLP with 1/2 squared error over arrays and nested
/// loops, written well (buffers cached, nothing allocated per step, the same parameter layout as NetGen:
/// per layer weights [out, in] row-major, then biases). Generic math: the JIT compiles a separate,
/// fully specialised copy for double and for float, as fast as writing each by hand.
/// </summary>
public sealed class HandWrittenMlp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _sizes;
    private readonly int[] _offsets;
    private readonly T[][] _outs;
    private readonly T[][] _deltas;
    private readonly T[] _gradient;

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
        Parameters = new T[offset];
        _gradient = new T[offset];
        _outs = sizes.Select(s => new T[s]).ToArray();
        _deltas = sizes.Select(s => new T[s]).ToArray();
    }

    public T[] Parameters { get; }

    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        Propagate(input);
        _outs[^1].CopyTo(output);
    }

    /// <summary>One SGD step on one sample; returns the loss before the update.</summary>
    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate)
    {
        Propagate(input);
        T loss = OutputDeltas(target);
        T[] p = Parameters;
        for (int l = _sizes.Length - 2; l >= 0; l--)
        {
            int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l], b = w + fanIn * width;
            T[] x = _outs[l], d = _deltas[l + 1];
            if (l > 0)
            {
                BackPropagate(l);
            }
            for (int j = 0; j < width; j++)
            {
                int row = w + j * fanIn;
                T step = learningRate * d[j];
                for (int i = 0; i < fanIn; i++)
                {
                    p[row + i] -= step * x[i];
                }
                p[b + j] -= step;
            }
        }
        return loss;
    }

    /// <summary>
    /// One epoch of mini-batch SGD: for each batch, the gradients of its samples are added up, then every
    /// parameter moves by -learningRate times the mean. Returns the summed loss.
    /// </summary>
    public T Epoch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, T learningRate)
    {
        int inputCount = _sizes[0], outputCount = _sizes[^1], samples = inputs.Length / inputCount;
        T total = T.Zero;
        T[] p = Parameters, g = _gradient;
        for (int start = 0; start < samples; start += batchSize)
        {
            int count = Math.Min(batchSize, samples - start);
            Array.Clear(g);
            for (int s = start; s < start + count; s++)
            {
                total += Backward(inputs.Slice(s * inputCount, inputCount), targets.Slice(s * outputCount, outputCount), g);
            }
            T rate = learningRate / T.CreateTruncating(count);
            for (int k = 0; k < p.Length; k++)
            {
                p[k] -= rate * g[k];
            }
        }
        return total;
    }

    /// <summary>Adds dLoss/dparameter of one sample into <paramref name="g"/>; returns the loss.</summary>
    private T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T[] g)
    {
        Propagate(input);
        T loss = OutputDeltas(target);
        for (int l = _sizes.Length - 2; l >= 0; l--)
        {
            int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l], b = w + fanIn * width;
            T[] x = _outs[l], d = _deltas[l + 1];
            if (l > 0)
            {
                BackPropagate(l);
            }
            for (int j = 0; j < width; j++)
            {
                int row = w + j * fanIn;
                T dj = d[j];
                for (int i = 0; i < fanIn; i++)
                {
                    g[row + i] += dj * x[i];
                }
                g[b + j] += dj;
            }
        }
        return loss;
    }

    private void Propagate(ReadOnlySpan<T> input)
    {
        T[] p = Parameters;
        input.CopyTo(_outs[0]);
        for (int l = 0; l < _sizes.Length - 1; l++)
        {
            int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l], b = w + fanIn * width;
            T[] x = _outs[l], y = _outs[l + 1];
            for (int j = 0; j < width; j++)
            {
                T sum = p[b + j];
                int row = w + j * fanIn;
                for (int i = 0; i < fanIn; i++)
                {
                    sum += p[row + i] * x[i];
                }
                y[j] = T.One / (T.One + T.Exp(-sum));
            }
        }
    }

    /// <summary>dE/dsum of the output layer into the last delta buffer; returns the loss.</summary>
    private T OutputDeltas(ReadOnlySpan<T> target)
    {
        T[] output = _outs[^1], delta = _deltas[^1];
        T loss = T.Zero, half = T.CreateTruncating(0.5);
        for (int k = 0; k < output.Length; k++)
        {
            T diff = target[k] - output[k];
            loss += half * diff * diff;
            delta[k] = -diff * output[k] * (T.One - output[k]);
        }
        return loss;
    }

    /// <summary>dE/dsum of layer l's inputs (the units of layer l - 1) from layer l's deltas and old weights.</summary>
    private void BackPropagate(int l)
    {
        T[] p = Parameters;
        int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l];
        T[] x = _outs[l], d = _deltas[l + 1], back = _deltas[l];
        Array.Clear(back);
        for (int j = 0; j < width; j++)
        {
            int row = w + j * fanIn;
            T dj = d[j];
            for (int i = 0; i < fanIn; i++)
            {
                back[i] += dj * p[row + i];
            }
        }
        for (int i = 0; i < fanIn; i++)
        {
            back[i] *= x[i] * (T.One - x[i]);
        }
    }
}

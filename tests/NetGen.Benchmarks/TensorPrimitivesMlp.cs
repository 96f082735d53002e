using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.Benchmarks;

/// <summary>
/// The strongest "just use loops" answer: the same MLP as <see cref="HandWrittenMlp{T}"/>, with every
/// inner loop handed to <see cref="TensorPrimitives"/> (vectorised dot products, multiply-adds and a
/// vectorised sigmoid over a whole layer). Same parameter layout; nothing allocated per step.
/// </summary>
public sealed class TensorPrimitivesMlp<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _sizes;
    private readonly int[] _offsets;
    private readonly T[][] _outs;
    private readonly T[][] _deltas;
    private readonly T[] _gradient;
    private readonly T[] _scratch;

    public TensorPrimitivesMlp(params int[] sizes)
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
        _scratch = new T[sizes.Max()];
    }

    public T[] Parameters { get; }

    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        Propagate(input);
        _outs[^1].CopyTo(output);
    }

    public T TrainStep(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T learningRate)
    {
        Propagate(input);
        T loss = OutputDeltas(target);
        Span<T> p = Parameters;
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
                Span<T> row = p.Slice(w + j * fanIn, fanIn);
                TensorPrimitives.MultiplyAdd(x, -learningRate * d[j], row, row);
            }
            Span<T> bias = p.Slice(b, width);
            TensorPrimitives.MultiplyAdd(d, -learningRate, bias, bias);
        }
        return loss;
    }

    public T Epoch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, T learningRate)
    {
        int inputCount = _sizes[0], outputCount = _sizes[^1], samples = inputs.Length / inputCount;
        T total = T.Zero;
        for (int start = 0; start < samples; start += batchSize)
        {
            int count = Math.Min(batchSize, samples - start);
            Array.Clear(_gradient);
            for (int s = start; s < start + count; s++)
            {
                total += Backward(inputs.Slice(s * inputCount, inputCount), targets.Slice(s * outputCount, outputCount));
            }
            TensorPrimitives.MultiplyAdd(_gradient, -learningRate / T.CreateTruncating(count), Parameters, Parameters);
        }
        return total;
    }

    private T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target)
    {
        Propagate(input);
        T loss = OutputDeltas(target);
        Span<T> g = _gradient;
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
                Span<T> row = g.Slice(w + j * fanIn, fanIn);
                TensorPrimitives.MultiplyAdd(x, d[j], row, row);
            }
            Span<T> bias = g.Slice(b, width);
            TensorPrimitives.Add(bias, d, bias);
        }
        return loss;
    }

    private void Propagate(ReadOnlySpan<T> input)
    {
        ReadOnlySpan<T> p = Parameters;
        input.CopyTo(_outs[0]);
        for (int l = 0; l < _sizes.Length - 1; l++)
        {
            int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l], b = w + fanIn * width;
            T[] x = _outs[l], y = _outs[l + 1];
            for (int j = 0; j < width; j++)
            {
                y[j] = TensorPrimitives.Dot(p.Slice(w + j * fanIn, fanIn), x);
            }
            TensorPrimitives.Add(y, p.Slice(b, width), y);
            TensorPrimitives.Sigmoid(y, y);
        }
    }

    private T OutputDeltas(ReadOnlySpan<T> target)
    {
        T[] output = _outs[^1], delta = _deltas[^1];
        Span<T> slope = _scratch.AsSpan(0, output.Length);
        TensorPrimitives.Subtract(output, target, delta);                 // out - target = dE/dout
        T loss = T.CreateTruncating(0.5) * TensorPrimitives.SumOfSquares<T>(delta);
        TensorPrimitives.Multiply(output, output, slope);
        TensorPrimitives.Subtract(output, slope, slope);                  // out (1 - out) = dout/dsum
        TensorPrimitives.Multiply(delta, slope, delta);
        return loss;
    }

    private void BackPropagate(int l)
    {
        ReadOnlySpan<T> p = Parameters;
        int fanIn = _sizes[l], width = _sizes[l + 1], w = _offsets[l];
        T[] x = _outs[l], d = _deltas[l + 1], back = _deltas[l];
        Array.Clear(back);
        for (int j = 0; j < width; j++)
        {
            TensorPrimitives.MultiplyAdd(p.Slice(w + j * fanIn, fanIn), d[j], back, back);
        }
        Span<T> slope = _scratch.AsSpan(0, fanIn);
        TensorPrimitives.Multiply(x, x, slope);
        TensorPrimitives.Subtract(x, slope, slope);
        TensorPrimitives.Multiply(back, slope, back);
    }
}

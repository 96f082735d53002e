using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// What a user writes instead of NetGen for a small CNN: convolution, max pooling and dense layers as plain
/// nested loops over arrays, ReLU, a softmax output with cross-entropy, written well (buffers cached,
/// nothing allocated per call, no SIMD) and in NetGen's (PyTorch's) parameter layout: per layer its weights
/// (<c>[filters, channels, kH, kW]</c> or <c>[out, in]</c>), then its biases. Generic math, so the JIT
/// compiles one specialised copy per precision.
/// </summary>
public sealed class HandWrittenCnn<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ConvLayer[] _layers;
    private readonly int[] _offsets;
    /// <summary>_outs[0] is the input; _outs[l + 1] is layer l's output (after its activation).</summary>
    private readonly T[][] _outs;
    /// <summary>_deltas[l] is dE/d(_outs[l]).</summary>
    private readonly T[][] _deltas;
    /// <summary>For each max-pooling layer, the input index that won each output.</summary>
    private readonly int[][] _argmax;
    private readonly T[] _gradient;

    public HandWrittenCnn(ConvTopology topology)
    {
        _layers = topology.Layers;
        _offsets = new int[_layers.Length];
        int offset = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            _offsets[l] = offset;
            offset += _layers[l].WeightCount + _layers[l].BiasCount;
        }
        Parameters = new T[offset];
        _gradient = new T[offset];
        _outs = new[] { new T[_layers[0].InputSize] }.Concat(_layers.Select(l => new T[l.OutputSize])).ToArray();
        _deltas = _outs.Select(o => new T[o.Length]).ToArray();
        _argmax = _layers.Select(l => new int[l.Kind == ConvLayerKind.MaxPool ? l.OutputSize : 0]).ToArray();
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
        T[] p = Parameters, g = _gradient;
        Array.Clear(g);
        T loss = Backward(input, target, g);
        for (int k = 0; k < p.Length; k++)
        {
            p[k] -= learningRate * g[k];
        }
        return loss;
    }

    /// <summary>
    /// One epoch of mini-batch SGD: for each batch, the gradients of its samples are added up, then every
    /// parameter moves by -learningRate times the mean. Returns the summed loss.
    /// </summary>
    public T Epoch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int batchSize, T learningRate)
    {
        int inputCount = _layers[0].InputSize, outputCount = _layers[^1].OutputSize, samples = inputs.Length / inputCount;
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

    /// <summary>Adds dLoss/dparameter of one sample into <paramref name="g"/>; returns the cross-entropy loss.</summary>
    public T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, T[] g)
    {
        Propagate(input);
        T[] output = _outs[^1], delta = _deltas[^1];
        T loss = T.Zero;
        for (int k = 0; k < output.Length; k++)
        {
            if (target[k] != T.Zero)
            {
                loss -= target[k] * T.Log(output[k]);
            }
            // Softmax with cross-entropy: dE/dsum = out - target. Stored as the last layer's dE/dout with the
            // softmax's derivative already applied, so the dense step below must not apply an activation's.
            delta[k] = output[k] - target[k];
        }
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            ConvLayer layer = _layers[l];
            T[] x = _outs[l], y = _outs[l + 1], dy = _deltas[l + 1], dx = _deltas[l];
            if (layer.Kind != ConvLayerKind.MaxPool && l < _layers.Length - 1)
            {
                // ReLU: dE/dsum = dE/dout where the unit was active.
                for (int k = 0; k < dy.Length; k++)
                {
                    if (!(y[k] > T.Zero))
                    {
                        dy[k] = T.Zero;
                    }
                }
            }
            Array.Clear(dx);
            switch (layer.Kind)
            {
                case ConvLayerKind.Conv: ConvBackward(layer, _offsets[l], x, dy, l > 0 ? dx : null, g); break;
                case ConvLayerKind.MaxPool: MaxPoolBackward(_argmax[l], dy, dx); break;
                default: DenseBackward(layer, _offsets[l], x, dy, dx, g); break;
            }
        }
        return loss;
    }

    private void Propagate(ReadOnlySpan<T> input)
    {
        input.CopyTo(_outs[0]);
        for (int l = 0; l < _layers.Length; l++)
        {
            ConvLayer layer = _layers[l];
            T[] x = _outs[l], y = _outs[l + 1];
            switch (layer.Kind)
            {
                case ConvLayerKind.Conv: ConvForward(layer, _offsets[l], x, y); break;
                case ConvLayerKind.MaxPool: MaxPoolForward(layer, x, y, _argmax[l]); break;
                default: DenseForward(layer, _offsets[l], x, y); break;
            }
            if (l == _layers.Length - 1)
            {
                Softmax(y);
            }
            else if (layer.Kind != ConvLayerKind.MaxPool)
            {
                for (int k = 0; k < y.Length; k++)
                {
                    y[k] = T.Max(y[k], T.Zero);
                }
            }
        }
    }

    private void ConvForward(ConvLayer c, int w, T[] x, T[] y)
    {
        T[] p = Parameters;
        int b = w + c.WeightCount;
        for (int f = 0; f < c.OutC; f++)
        {
            for (int oy = 0; oy < c.OutH; oy++)
            {
                for (int ox = 0; ox < c.OutW; ox++)
                {
                    T sum = p[b + f];
                    for (int ch = 0; ch < c.InC; ch++)
                    {
                        for (int ky = 0; ky < c.KH; ky++)
                        {
                            int iy = oy + ky - c.PadTop;
                            if (iy < 0 || iy >= c.InH)
                            {
                                continue;
                            }
                            for (int kx = 0; kx < c.KW; kx++)
                            {
                                int ix = ox + kx - c.PadLeft;
                                if (ix < 0 || ix >= c.InW)
                                {
                                    continue;
                                }
                                sum += p[w + ((f * c.InC + ch) * c.KH + ky) * c.KW + kx] * x[(ch * c.InH + iy) * c.InW + ix];
                            }
                        }
                    }
                    y[(f * c.OutH + oy) * c.OutW + ox] = sum;
                }
            }
        }
    }

    /// <param name="dx">Null for the first layer: nothing needs dE/dinput.</param>
    private void ConvBackward(ConvLayer c, int w, T[] x, T[] dy, T[]? dx, T[] g)
    {
        T[] p = Parameters;
        int b = w + c.WeightCount;
        for (int f = 0; f < c.OutC; f++)
        {
            for (int oy = 0; oy < c.OutH; oy++)
            {
                for (int ox = 0; ox < c.OutW; ox++)
                {
                    T d = dy[(f * c.OutH + oy) * c.OutW + ox];
                    g[b + f] += d;
                    for (int ch = 0; ch < c.InC; ch++)
                    {
                        for (int ky = 0; ky < c.KH; ky++)
                        {
                            int iy = oy + ky - c.PadTop;
                            if (iy < 0 || iy >= c.InH)
                            {
                                continue;
                            }
                            for (int kx = 0; kx < c.KW; kx++)
                            {
                                int ix = ox + kx - c.PadLeft;
                                if (ix < 0 || ix >= c.InW)
                                {
                                    continue;
                                }
                                int wi = w + ((f * c.InC + ch) * c.KH + ky) * c.KW + kx, xi = (ch * c.InH + iy) * c.InW + ix;
                                g[wi] += d * x[xi];
                                if (dx is not null)
                                {
                                    dx[xi] += d * p[wi];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void MaxPoolForward(ConvLayer c, T[] x, T[] y, int[] argmax)
    {
        for (int ch = 0; ch < c.OutC; ch++)
        {
            for (int oy = 0; oy < c.OutH; oy++)
            {
                for (int ox = 0; ox < c.OutW; ox++)
                {
                    // The first largest in row-major order wins, as PyTorch chooses.
                    int best = (ch * c.InH + oy * c.KH) * c.InW + ox * c.KW;
                    for (int ky = 0; ky < c.KH; ky++)
                    {
                        for (int kx = 0; kx < c.KW; kx++)
                        {
                            int xi = (ch * c.InH + oy * c.KH + ky) * c.InW + ox * c.KW + kx;
                            if (x[xi] > x[best])
                            {
                                best = xi;
                            }
                        }
                    }
                    int yi = (ch * c.OutH + oy) * c.OutW + ox;
                    y[yi] = x[best];
                    argmax[yi] = best;
                }
            }
        }
    }

    private static void MaxPoolBackward(int[] argmax, T[] dy, T[] dx)
    {
        for (int k = 0; k < dy.Length; k++)
        {
            dx[argmax[k]] += dy[k];
        }
    }

    private void DenseForward(ConvLayer c, int w, T[] x, T[] y)
    {
        T[] p = Parameters;
        int fanIn = c.InputSize, b = w + c.WeightCount;
        for (int j = 0; j < y.Length; j++)
        {
            T sum = p[b + j];
            int row = w + j * fanIn;
            for (int i = 0; i < fanIn; i++)
            {
                sum += p[row + i] * x[i];
            }
            y[j] = sum;
        }
    }

    private void DenseBackward(ConvLayer c, int w, T[] x, T[] dy, T[] dx, T[] g)
    {
        T[] p = Parameters;
        int fanIn = c.InputSize, b = w + c.WeightCount;
        for (int j = 0; j < dy.Length; j++)
        {
            int row = w + j * fanIn;
            T d = dy[j];
            g[b + j] += d;
            for (int i = 0; i < fanIn; i++)
            {
                g[row + i] += d * x[i];
                dx[i] += d * p[row + i];
            }
        }
    }

    private static void Softmax(T[] y)
    {
        T max = y[0];
        for (int k = 1; k < y.Length; k++)
        {
            max = T.Max(max, y[k]);
        }
        T total = T.Zero;
        for (int k = 0; k < y.Length; k++)
        {
            y[k] = T.Exp(y[k] - max);
            total += y[k];
        }
        for (int k = 0; k < y.Length; k++)
        {
            y[k] /= total;
        }
    }
}

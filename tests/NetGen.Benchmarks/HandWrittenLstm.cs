using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// An LSTM as PyTorch's <c>nn.LSTM</c> computes it (gates i, f, g, o in that order), by hand:
/// c' = f c + i g, h' = o tanh(c'); zero initial state. Backpropagation through time carries dE/dh and dE/dc
/// backwards, with the gates and cell states kept from the forward pass.
/// </summary>
public sealed class HandWrittenLstm<T> : HandWrittenRecurrent<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _gates, _c, _tc, _h, _dh, _dhPrev, _dc, _da, _next;

    public HandWrittenLstm(int steps, int features, int hidden, int outputs)
        : base(steps, features, hidden, outputs, gates: 4)
    {
        _gates = new T[steps * 4 * hidden];
        _c = new T[(steps + 1) * hidden];
        _tc = new T[steps * hidden];
        _h = new T[(steps + 1) * hidden];
        _dh = new T[hidden];
        _dhPrev = new T[hidden];
        _dc = new T[hidden];
        _da = new T[4 * hidden];
        _next = new T[2 * hidden];
    }

    public override int StateSize => 2 * Hidden;

    protected override ReadOnlySpan<T> RunSequence(ReadOnlySpan<T> input)
    {
        int H = Hidden, F = Features;
        for (int t = 0; t < Steps; t++)
        {
            Cell(input.Slice(t * F, F), _h.AsSpan(t * H, H), _c.AsSpan(t * H, H), _h.AsSpan((t + 1) * H, H), _c.AsSpan((t + 1) * H, H),
                _gates.AsSpan(t * 4 * H, 4 * H), _tc.AsSpan(t * H, H));
        }
        return _h.AsSpan(Steps * H, H);
    }

    protected override void StepCell(ReadOnlySpan<T> x, Span<T> state)
    {
        int H = Hidden;
        Span<T> gates = _da, tc = _dc;   // scratch: a step keeps nothing for backpropagation
        Cell(x, state.Slice(0, H), state.Slice(H, H), _next.AsSpan(0, H), _next.AsSpan(H, H), gates, tc);
        _next.CopyTo(state);
    }

    private void Cell(ReadOnlySpan<T> x, ReadOnlySpan<T> hp, ReadOnlySpan<T> cp, Span<T> hc, Span<T> cc, Span<T> gates, Span<T> tc)
    {
        int H = Hidden, F = Features;
        ReadOnlySpan<T> wih = Parameters.AsSpan(0, 4 * H * F), whh = Parameters.AsSpan(Whh, 4 * H * H);
        ReadOnlySpan<T> bih = Parameters.AsSpan(Bih, 4 * H), bhh = Parameters.AsSpan(Bhh, 4 * H);
        for (int row = 0; row < 4 * H; row++)
        {
            ReadOnlySpan<T> wi = wih.Slice(row * F, F), wh = whh.Slice(row * H, H);
            T a = bih[row] + bhh[row];
            for (int f = 0; f < x.Length && f < wi.Length; f++)
            {
                a += wi[f] * x[f];
            }
            for (int m = 0; m < hp.Length && m < wh.Length; m++)
            {
                a += wh[m] * hp[m];
            }
            gates[row] = row >= 2 * H && row < 3 * H ? T.Tanh(a) : Sigmoid(a);
        }
        for (int j = 0; j < H; j++)
        {
            T i = gates[j], f = gates[H + j], g = gates[2 * H + j], o = gates[3 * H + j];
            T c = f * cp[j] + i * g;
            cc[j] = c;
            tc[j] = T.Tanh(c);
            hc[j] = o * tc[j];
        }
    }

    protected override void BackwardThroughTime(ReadOnlySpan<T> input, ReadOnlySpan<T> dhLast, T[] g)
    {
        T[] p = Parameters;
        int H = Hidden, F = Features;
        T[] dh = _dh, dhPrev = _dhPrev, dc = _dc;
        dhLast.CopyTo(dh);
        Array.Clear(dc);
        for (int t = Steps - 1; t >= 0; t--)
        {
            ReadOnlySpan<T> x = input.Slice(t * F, F), hp = _h.AsSpan(t * H, H), cp = _c.AsSpan(t * H, H);
            ReadOnlySpan<T> gates = _gates.AsSpan(t * 4 * H, 4 * H), tc = _tc.AsSpan(t * H, H);
            for (int j = 0; j < H; j++)
            {
                T i = gates[j], f = gates[H + j], gg = gates[2 * H + j], o = gates[3 * H + j];
                // dE/dc: from the next step's cell, and from h' = o tanh(c').
                T dcj = dc[j] + dh[j] * o * (T.One - tc[j] * tc[j]);
                _da[j] = dcj * gg * i * (T.One - i);
                _da[H + j] = dcj * cp[j] * f * (T.One - f);
                _da[2 * H + j] = dcj * i * (T.One - gg * gg);
                _da[3 * H + j] = dh[j] * tc[j] * o * (T.One - o);
                dc[j] = dcj * f;
                dhPrev[j] = T.Zero;
            }
            for (int row = 0; row < 4 * H; row++)
            {
                T da = _da[row];
                g[Bih + row] += da;
                g[Bhh + row] += da;
                for (int f = 0; f < F; f++)
                {
                    g[row * F + f] += da * x[f];
                }
                for (int m = 0; m < H; m++)
                {
                    g[Whh + row * H + m] += da * hp[m];
                    dhPrev[m] += p[Whh + row * H + m] * da;
                }
            }
            (dh, dhPrev) = (dhPrev, dh);
        }
    }
}

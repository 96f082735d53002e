using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// A GRU as PyTorch's <c>nn.GRU</c> computes it (gates r, z, n; the reset applied after the hidden matmul), by
/// hand: r = s(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r (W_hn h + b_hn)),
/// h' = (1 - z) n + z h; zero initial state. Backpropagation through time walks the steps backwards with the
/// gates kept from the forward pass.
/// </summary>
public sealed class HandWrittenGru<T> : HandWrittenRecurrent<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _r, _z, _n, _hn, _h, _dh, _dhPrev, _da, _dhn, _next;

    public HandWrittenGru(int steps, int features, int hidden, int outputs)
        : base(steps, features, hidden, outputs, gates: 3)
    {
        _r = new T[steps * hidden];
        _z = new T[steps * hidden];
        _n = new T[steps * hidden];
        _hn = new T[steps * hidden];
        _h = new T[(steps + 1) * hidden];
        _dh = new T[hidden];
        _dhPrev = new T[hidden];
        _da = new T[3 * hidden];
        _dhn = new T[hidden];
        _next = new T[hidden];
    }

    public override int StateSize => Hidden;

    protected override ReadOnlySpan<T> RunSequence(ReadOnlySpan<T> input)
    {
        int H = Hidden, F = Features;
        for (int t = 0; t < Steps; t++)
        {
            Cell(input.Slice(t * F, F), _h.AsSpan(t * H, H), _h.AsSpan((t + 1) * H, H), t * H);
        }
        return _h.AsSpan(Steps * H, H);
    }

    protected override void StepCell(ReadOnlySpan<T> x, Span<T> state)
    {
        Cell(x, state, _next, -1);
        _next.CopyTo(state);
    }

    /// <summary>One step from <paramref name="hp"/> to <paramref name="hc"/>; keeps the gates at <paramref name="at"/> unless it is negative.</summary>
    private void Cell(ReadOnlySpan<T> x, ReadOnlySpan<T> hp, Span<T> hc, int at)
    {
        int H = Hidden, F = Features;
        ReadOnlySpan<T> wih = Parameters.AsSpan(0, 3 * H * F), whh = Parameters.AsSpan(Whh, 3 * H * H);
        ReadOnlySpan<T> bih = Parameters.AsSpan(Bih, 3 * H), bhh = Parameters.AsSpan(Bhh, 3 * H);
        for (int j = 0; j < H; j++)
        {
            ReadOnlySpan<T> ir = wih.Slice(j * F, F), iz = wih.Slice((H + j) * F, F), iN = wih.Slice((2 * H + j) * F, F);
            ReadOnlySpan<T> hr = whh.Slice(j * H, H), hz = whh.Slice((H + j) * H, H), hn = whh.Slice((2 * H + j) * H, H);
            T ar = bih[j] + bhh[j], az = bih[H + j] + bhh[H + j], ain = bih[2 * H + j], ahn = bhh[2 * H + j];
            for (int f = 0; f < x.Length && f < ir.Length; f++)
            {
                ar += ir[f] * x[f];
                az += iz[f] * x[f];
                ain += iN[f] * x[f];
            }
            for (int m = 0; m < hp.Length && m < hr.Length; m++)
            {
                ar += hr[m] * hp[m];
                az += hz[m] * hp[m];
                ahn += hn[m] * hp[m];
            }
            T r = Sigmoid(ar), z = Sigmoid(az), n = T.Tanh(ain + r * ahn);
            hc[j] = (T.One - z) * n + z * hp[j];
            if (at >= 0)
            {
                _r[at + j] = r;
                _z[at + j] = z;
                _n[at + j] = n;
                _hn[at + j] = ahn;
            }
        }
    }

    protected override void BackwardThroughTime(ReadOnlySpan<T> input, ReadOnlySpan<T> dhLast, T[] g)
    {
        T[] p = Parameters;
        int H = Hidden, F = Features;
        T[] dh = _dh, dhPrev = _dhPrev;
        dhLast.CopyTo(dh);
        for (int t = Steps - 1; t >= 0; t--)
        {
            ReadOnlySpan<T> x = input.Slice(t * F, F), hp = _h.AsSpan(t * H, H);
            for (int j = 0; j < H; j++)
            {
                int k = t * H + j;
                T r = _r[k], z = _z[k], n = _n[k];
                // h' = (1 - z) n + z h: to n, to z, and straight through to the previous state.
                T dn = dh[j] * (T.One - z), dz = dh[j] * (hp[j] - n);
                dhPrev[j] = dh[j] * z;
                T dan = dn * (T.One - n * n);
                _dhn[j] = dan * r;                          // to W_hn h + b_hn, through the reset gate
                _da[j] = dan * _hn[k] * r * (T.One - r);    // dE/d(reset pre-activation)
                _da[H + j] = dz * z * (T.One - z);
                _da[2 * H + j] = dan;
            }
            for (int row = 0; row < 3 * H; row++)
            {
                T di = _da[row], dhs = row < 2 * H ? _da[row] : _dhn[row - 2 * H];
                g[Bih + row] += di;
                g[Bhh + row] += dhs;
                for (int f = 0; f < F; f++)
                {
                    g[row * F + f] += di * x[f];
                }
                for (int m = 0; m < H; m++)
                {
                    g[Whh + row * H + m] += dhs * hp[m];
                    dhPrev[m] += p[Whh + row * H + m] * dhs;
                }
            }
            (dh, dhPrev) = (dhPrev, dh);
        }
    }
}

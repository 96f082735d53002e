using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// The cells, forward and back, after the products: PyTorch's equations, each row of gates through the activations at
/// once (<see cref="SigmoidInPlace"/>, <see cref="TanhInPlace"/>), derivatives from the outputs.
/// </summary>
public static partial class RecurrentKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Sigmoid<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <summary>h' = tanh or ReLU of (W_ih x + b_ih) + (W_hh h + b_hh).</summary>
    private static void RnnCell<T>(bool relu, ReadOnlySpan<T> gi, ReadOnlySpan<T> gh, Span<T> hNext)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < hNext.Length; j++)
        {
            T sum = gi[j] + gh[j];
            hNext[j] = relu ? T.Max(sum, T.Zero) : sum;
        }
        if (!relu)
        {
            TanhInPlace(hNext);
        }
    }

    /// <summary>dE/dsum = dE/dh * (1 - h^2) for tanh, * (1 where h &gt; 0, i.e. the sum was) for ReLU.</summary>
    private static void RnnBack<T>(bool relu, ReadOnlySpan<T> dh, ReadOnlySpan<T> h, Span<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < dh.Length; j++)
        {
            g[j] = dh[j] * (relu ? (h[j] > T.Zero ? T.One : T.Zero) : T.One - h[j] * h[j]);
        }
    }

    /// <summary>
    /// r = sigmoid(gi_r + gh_r), z = sigmoid(gi_z + gh_z), n = tanh(gi_n + r * gh_n), h' = (1 - z) * n + z * h;
    /// keeps r, z, n and gh_n (= W_hn h + b_hn) in <paramref name="row"/>.
    /// </summary>
    private static void GruCell<T>(int hidden, ReadOnlySpan<T> gi, ReadOnlySpan<T> gh, ReadOnlySpan<T> hPrev, Span<T> hNext, Span<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> rz = row.Slice(0, 2 * hidden), n = row.Slice(2 * hidden, hidden);
        for (int j = 0; j < 2 * hidden; j++)
        {
            rz[j] = gi[j] + gh[j];
        }
        SigmoidInPlace(rz);
        for (int j = 0; j < hidden; j++)
        {
            T hn = gh[2 * hidden + j];
            row[3 * hidden + j] = hn;
            n[j] = gi[2 * hidden + j] + rz[j] * hn;
        }
        TanhInPlace(n);
        for (int j = 0; j < hidden; j++)
        {
            T z = rz[hidden + j];
            hNext[j] = (T.One - z) * n[j] + z * hPrev[j];
        }
    }

    /// <summary>
    /// dE/dn = dh (1 - z), dE/dz = dh (h - n), dE/dh (direct) = dh z; through the activations to the sums:
    /// n_pre = dn (1 - n^2), dE/dgh_n = n_pre * r, r_pre = n_pre * gh_n * r (1 - r), z_pre = dz * z (1 - z).
    /// </summary>
    private static void GruBack<T>(int hidden, ReadOnlySpan<T> dh, ReadOnlySpan<T> hPrev, ReadOnlySpan<T> row, Span<T> g, Span<T> carry)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < hidden; j++)
        {
            T r = row[j], z = row[hidden + j], n = row[2 * hidden + j], hn = row[3 * hidden + j];
            T d = dh[j];
            T nPre = d * (T.One - z) * (T.One - n * n);
            g[j] = nPre * hn * (r * (T.One - r));
            g[hidden + j] = d * (hPrev[j] - n) * (z * (T.One - z));
            g[2 * hidden + j] = nPre;
            g[3 * hidden + j] = nPre * r;
            carry[j] = d * z;
        }
    }

    /// <summary>
    /// i, f, o = sigmoid, g = tanh of gi + gh; c' = f c + i g; h' = o tanh(c'); keeps i, f, g, o, c' and tanh(c') in
    /// <paramref name="row"/>.
    /// </summary>
    private static void LstmCell<T>(int hidden, ReadOnlySpan<T> gi, ReadOnlySpan<T> gh, ReadOnlySpan<T> cPrev, Span<T> hNext, Span<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < 4 * hidden; j++)
        {
            row[j] = gi[j] + gh[j];
        }
        SigmoidInPlace(row.Slice(0, 2 * hidden));
        TanhInPlace(row.Slice(2 * hidden, hidden));
        SigmoidInPlace(row.Slice(3 * hidden, hidden));
        for (int j = 0; j < hidden; j++)
        {
            T c = row[hidden + j] * cPrev[j] + row[j] * row[2 * hidden + j];
            row[4 * hidden + j] = c;
            row[5 * hidden + j] = c;
        }
        TanhInPlace(row.Slice(5 * hidden, hidden));
        for (int j = 0; j < hidden; j++)
        {
            hNext[j] = row[3 * hidden + j] * row[5 * hidden + j];
        }
    }

    /// <summary>
    /// dE/dc = from c_{t+1} (carried: dc_{t+1} f_{t+1}) + dh o (1 - tanh(c)^2); then each gate's sum: i_pre = dc g i (1 - i),
    /// f_pre = dc c_{t-1} f (1 - f), g_pre = dc i (1 - g^2), o_pre = dh tanh(c) o (1 - o).
    /// </summary>
    private static void LstmBack<T>(int hidden, ReadOnlySpan<T> dh, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> row, Span<T> g, Span<T> carryCell)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < hidden; j++)
        {
            T i = row[j], f = row[hidden + j], gg = row[2 * hidden + j], o = row[3 * hidden + j], tc = row[5 * hidden + j];
            T d = dh[j];
            T dc = carryCell[j] + d * o * (T.One - tc * tc);
            g[j] = dc * gg * (i * (T.One - i));
            g[hidden + j] = dc * cPrev[j] * (f * (T.One - f));
            g[2 * hidden + j] = dc * i * (T.One - gg * gg);
            g[3 * hidden + j] = d * tc * (o * (T.One - o));
            carryCell[j] = dc * f;
        }
    }
}

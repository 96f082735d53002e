using NetGen.Runtime;

namespace NetGen.Tests.Spatial;

/// <summary>
/// Convolution and pooling written the plain way, one output (or one input) at a time with PyTorch's semantics
/// (zero padding, floor-mode output sizes, the first maximum of a window): the reference the kernels and the
/// generated loops are checked against.
/// </summary>
internal static class NaiveConvolution
{
    /// <summary>One random layer geometry: rank 1 (height 1) or 2, with strides, dilations and pads drawn small.</summary>
    public static WindowShape RandomShape(Random random, bool pooling)
    {
        while (true)
        {
            bool twoD = random.Next(2) == 0;
            int channels = random.Next(1, 4), filters = pooling ? channels : random.Next(1, 5);
            int h = twoD ? random.Next(1, 9) : 1, w = random.Next(1, 12);
            int kh = twoD ? random.Next(1, 4) : 1, kw = random.Next(1, 4);
            int sy = twoD ? random.Next(1, 3) : 1, sx = random.Next(1, 3);
            int dy = pooling || !twoD ? 1 : random.Next(1, 3), dx = pooling ? 1 : random.Next(1, 3);
            int pt = pooling || !twoD ? 0 : random.Next(0, 3), pl = pooling ? 0 : random.Next(0, 3);
            int pb = pooling || !twoD ? 0 : random.Next(0, 3), pr = pooling ? 0 : random.Next(0, 3);
            int oh = (h + pt + pb - dy * (kh - 1) - 1) / sy + 1, ow = (w + pl + pr - dx * (kw - 1) - 1) / sx + 1;
            if (h + pt + pb - dy * (kh - 1) - 1 >= 0 && w + pl + pr - dx * (kw - 1) - 1 >= 0)
            {
                return new WindowShape(channels, h, w, filters, oh, ow, kh, kw, sy, sx, dy, dx, pt, pl);
            }
        }
    }

    public static double[] Forward(WindowShape g, double[] x, double[] w, double[] b)
    {
        var s = new double[g.OutputChannels * g.OutputHeight * g.OutputWidth];
        for (int f = 0; f < g.OutputChannels; f++)
        for (int oy = 0; oy < g.OutputHeight; oy++)
        for (int ox = 0; ox < g.OutputWidth; ox++)
        {
            double sum = b.Length == 0 ? 0 : b[b.Length == 1 ? 0 : f];
            for (int c = 0; c < g.Channels; c++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                int iy = oy * g.StrideY + ky * g.DilationY - g.PadTop, ix = ox * g.StrideX + kx * g.DilationX - g.PadLeft;
                if (iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth)
                {
                    sum += W(g, w, f, c, ky, kx) * x[(c * g.InputHeight + iy) * g.InputWidth + ix];
                }
            }
            s[(f * g.OutputHeight + oy) * g.OutputWidth + ox] = sum;
        }
        return s;
    }

    /// <summary>dE/dx gathered per input: the full correlation of dE/dsum with the flipped kernel.</summary>
    public static double[] InputGradient(WindowShape g, double[] ds, double[] w)
    {
        var dx = new double[g.Channels * g.InputHeight * g.InputWidth];
        for (int c = 0; c < g.Channels; c++)
        for (int iy = 0; iy < g.InputHeight; iy++)
        for (int ix = 0; ix < g.InputWidth; ix++)
        {
            double sum = 0;
            for (int f = 0; f < g.OutputChannels; f++)
            for (int ky = 0; ky < g.KernelHeight; ky++)
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                int ny = iy + g.PadTop - ky * g.DilationY, nx = ix + g.PadLeft - kx * g.DilationX;
                if (ny < 0 || nx < 0 || ny % g.StrideY != 0 || nx % g.StrideX != 0)
                {
                    continue;
                }
                int oy = ny / g.StrideY, ox = nx / g.StrideX;
                if (oy < g.OutputHeight && ox < g.OutputWidth)
                {
                    sum += W(g, w, f, c, ky, kx) * ds[(f * g.OutputHeight + oy) * g.OutputWidth + ox];
                }
            }
            dx[(c * g.InputHeight + iy) * g.InputWidth + ix] = sum;
        }
        return dx;
    }

    public static double[] WeightGradient(WindowShape g, double[] ds, double[] x)
    {
        var dw = new double[g.OutputChannels * g.Channels * g.KernelHeight * g.KernelWidth];
        for (int f = 0; f < g.OutputChannels; f++)
        for (int c = 0; c < g.Channels; c++)
        for (int ky = 0; ky < g.KernelHeight; ky++)
        for (int kx = 0; kx < g.KernelWidth; kx++)
        {
            double sum = 0;
            for (int oy = 0; oy < g.OutputHeight; oy++)
            for (int ox = 0; ox < g.OutputWidth; ox++)
            {
                int iy = oy * g.StrideY + ky * g.DilationY - g.PadTop, ix = ox * g.StrideX + kx * g.DilationX - g.PadLeft;
                if (iy >= 0 && iy < g.InputHeight && ix >= 0 && ix < g.InputWidth)
                {
                    sum += ds[(f * g.OutputHeight + oy) * g.OutputWidth + ox] * x[(c * g.InputHeight + iy) * g.InputWidth + ix];
                }
            }
            dw[((f * g.Channels + c) * g.KernelHeight + ky) * g.KernelWidth + kx] = sum;
        }
        return dw;
    }

    /// <summary>Max or average of each window; <paramref name="argmax"/> gets the first maximum's input index.</summary>
    public static double[] Pool(WindowShape g, double[] x, bool max, out int[] argmax)
    {
        var o = new double[g.Channels * g.OutputHeight * g.OutputWidth];
        argmax = new int[o.Length];
        for (int c = 0; c < g.Channels; c++)
        for (int oy = 0; oy < g.OutputHeight; oy++)
        for (int ox = 0; ox < g.OutputWidth; ox++)
        {
            double best = double.NegativeInfinity, sum = 0;
            int at = -1;
            for (int ky = 0; ky < g.KernelHeight; ky++)
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                int i = (c * g.InputHeight + oy * g.StrideY + ky) * g.InputWidth + ox * g.StrideX + kx;
                sum += x[i];
                if (x[i] > best)
                {
                    best = x[i];
                    at = i;
                }
            }
            int k = (c * g.OutputHeight + oy) * g.OutputWidth + ox;
            o[k] = max ? best : sum / (g.KernelHeight * g.KernelWidth);
            argmax[k] = at;
        }
        return o;
    }

    private static double W(WindowShape g, double[] w, int f, int c, int ky, int kx) =>
        w[((f * g.Channels + c) * g.KernelHeight + ky) * g.KernelWidth + kx];
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace NetGen.Runtime;

/// <summary>
/// The names and formulas that the generated <c>Explain</c> of a loop-style network reports for convolution and
/// pooling layers, in the unrolled code's words: a feature map's values are named by channel and position from 1
/// (<c>c1_2_3_4</c>: layer c1, filter 2, row 3, column 4). Explain runs only when asked, so these allocate freely.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpatialExplainText
{
    /// <summary>The names of a map of <paramref name="shape"/> in row-major order, each index from 1 after the prefix: <c>Names("c1_", 2, 3)</c> is c1_1_1 ... c1_2_3.</summary>
    public static string[] Names(string prefix, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int count = 1;
        foreach (int d in shape)
        {
            count *= d;
        }
        var names = new string[count];
        var index = new int[shape.Length];
        var text = new StringBuilder();
        for (int n = 0; n < count; n++)
        {
            text.Clear().Append(prefix);
            for (int d = 0; d < shape.Length; d++)
            {
                text.Append(d == 0 ? "" : "_").Append(Number(index[d] + 1));
            }
            names[n] = text.ToString();
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }
        return names;
    }

    /// <summary>Terms 0..count-1 joined by " + ", written as <see cref="ExplainText.Sum"/> writes long sums (the first two, "...", the last).</summary>
    public static string Terms(int count, Func<int, string> term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var text = new StringBuilder();
        for (int k = 0; k < count; k++)
        {
            if (count > ExplainText.MaxTermsWritten && k == 2)
            {
                text.Append(" + ...");
                k = count - 1;
            }
            text.Append(k == 0 ? "" : " + ").Append(term(k));
        }
        return count == 0 ? "0" : text.ToString();
    }

    /// <summary>sum of output <paramref name="unit"/> of a convolution: its weights times the values under its kernel (padding left out), plus its bias.</summary>
    public static string ConvolutionSum(in WindowShape shape, int unit, string[] parameterNames, int weightOffset, string[] sourceValues, string bias)
    {
        List<(int Source, int Weight)> reads = Reads(shape, unit);
        return Terms(reads.Count, k => $"{parameterNames[weightOffset + reads[k].Weight]} * {sourceValues[reads[k].Source]}") + " + " + bias;
    }

    /// <summary>dE/dout of source value <paramref name="source"/> of a convolution: dE/dsum * w from every output whose window covers it, in output order.</summary>
    public static string ConvolutionShares(in WindowShape shape, int source, string[] parameterNames, int weightOffset, string[] units)
    {
        var shares = new List<string>();
        int outputs = shape.OutputChannels * shape.OutputPlane;
        for (int j = 0; j < outputs; j++)
        {
            foreach (var (read, weight) in Reads(shape, j))
            {
                if (read == source)
                {
                    shares.Add($"dE_dsum_{units[j]} * {parameterNames[weightOffset + weight]}");
                }
            }
        }
        return Terms(shares.Count, k => shares[k]);
    }

    /// <summary>dE/dw of a convolution weight: dE/dsum times the value under it, summed over every position it touched.</summary>
    public static string ConvolutionWeightGradient(in WindowShape shape, int weight, string[] units, string[] sourceValues)
    {
        var products = new List<string>();
        int outputs = shape.OutputChannels * shape.OutputPlane;
        for (int j = 0; j < outputs; j++)
        {
            foreach (var (read, w) in Reads(shape, j))
            {
                if (w == weight)
                {
                    products.Add($"dE_dsum_{units[j]} * {sourceValues[read]}");
                }
            }
        }
        return Terms(products.Count, k => products[k]);
    }

    /// <summary>A pooled output's formula: <c>Max(Max(a, b), c)</c> or <c>(a + b + c + d) / 4</c>, over its window in row-major order.</summary>
    public static string Pool(in WindowShape shape, int unit, string[] sourceValues, bool max)
    {
        List<int> window = Window(shape, unit);
        if (!max)
        {
            return $"({Terms(window.Count, k => sourceValues[window[k]])}) / {Number(window.Count)}";
        }
        if (window.Count > ExplainText.MaxTermsWritten)
        {
            return $"Max({sourceValues[window[0]]}, {sourceValues[window[1]]}, ..., {sourceValues[window[^1]]})";
        }
        string result = sourceValues[window[0]];
        for (int k = 1; k < window.Count; k++)
        {
            result = $"Max({result}, {sourceValues[window[k]]})";
        }
        return result;
    }

    /// <summary>The place (from 0, row by row) in output <paramref name="unit"/>'s window of input value <paramref name="input"/>.</summary>
    public static int Place(in WindowShape shape, int unit, int input) => Window(shape, unit).IndexOf(input);

    /// <summary>dE/dout of a pooling layer's source value: its share from every window that holds it (a max's only where it won).</summary>
    public static string PoolShares(in WindowShape shape, int source, string[] units, bool max)
    {
        var shares = new List<string>();
        int outputs = shape.OutputChannels * shape.OutputPlane;
        for (int j = 0; j < outputs; j++)
        {
            List<int> window = Window(shape, j);
            int place = window.IndexOf(source);
            if (place >= 0)
            {
                shares.Add(max
                    ? $"(argmax_{units[j]} == {Number(place)} ? dE_dout_{units[j]} : 0)"
                    : $"dE_dout_{units[j]} / {Number(window.Count)}");
            }
        }
        return Terms(shares.Count, k => shares[k]);
    }

    /// <summary>(source index, weight index within the layer) of every product in output <paramref name="unit"/>'s sum, in channel then tap order.</summary>
    private static List<(int Source, int Weight)> Reads(in WindowShape g, int unit)
    {
        var reads = new List<(int, int)>();
        int f = unit / g.OutputPlane, y = unit % g.OutputPlane / g.OutputWidth, x = unit % g.OutputWidth;
        for (int c = 0; c < g.Channels; c++)
        {
            for (int ky = 0; ky < g.KernelHeight; ky++)
            {
                for (int kx = 0; kx < g.KernelWidth; kx++)
                {
                    int row = g.InputRow(y, ky), column = x * g.StrideX + kx * g.DilationX - g.PadLeft;
                    if ((uint)row < (uint)g.InputHeight && (uint)column < (uint)g.InputWidth)
                    {
                        reads.Add(((c * g.InputHeight + row) * g.InputWidth + column, ((f * g.Channels + c) * g.KernelHeight + ky) * g.KernelWidth + kx));
                    }
                }
            }
        }
        return reads;
    }

    /// <summary>The input indices of a pooling window, row-major.</summary>
    private static List<int> Window(in WindowShape g, int unit)
    {
        var window = new List<int>();
        int c = unit / g.OutputPlane, y = unit % g.OutputPlane / g.OutputWidth, x = unit % g.OutputWidth;
        for (int ky = 0; ky < g.KernelHeight; ky++)
        {
            for (int kx = 0; kx < g.KernelWidth; kx++)
            {
                window.Add((c * g.InputHeight + y * g.StrideY + ky) * g.InputWidth + x * g.StrideX + kx);
            }
        }
        return window;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Samples.Shared;

/// <summary>
/// Ticks for a log-scale loss axis. Powers of ten alone label only two ticks when the loss falls by less
/// than two decades (Iris, seed 0: about 0.8 down to 0.024), so narrower ranges get the 1-2-5 series, and the narrowest
/// every multiple 1-9: at least three labelled ticks inside the data's range (and one round value beyond
/// each end), each a round number a reader can read off.
/// </summary>
internal static class LogTicks
{
    private static readonly int[][] Series = { new[] { 1 }, new[] { 1, 2, 5 }, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 } };

    /// <summary>
    /// Labelled ticks from the round value at or below <paramref name="min"/> to the one at or above
    /// <paramref name="max"/> (both positive), the coarsest series with at least three inside the range.
    /// </summary>
    public static IReadOnlyList<(double Value, string Label)> For(double min, double max)
    {
        if (!(min > 0) || !(max >= min) || !double.IsFinite(max))
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"A log axis needs 0 < min <= max, finite; got {min} and {max}.");
        }
        List<(double, string)> ticks = new();
        foreach (int[] multiples in Series)
        {
            ticks = Between(min, max, multiples);
            if (ticks.Count(t => t.Item1 >= min && t.Item1 <= max) >= 3)
            {
                break;
            }
        }
        return ticks;
    }

    private static List<(double Value, string Label)> Between(double min, double max, int[] multiples)
    {
        var all = new List<(double Value, string Label)>();
        for (int power = (int)Math.Floor(Math.Log10(min)) - 1; power <= (int)Math.Ceiling(Math.Log10(max)) + 1; power++)
        {
            foreach (int m in multiples)
            {
                // Parsed from text so that 0.3 is the double nearest 0.3, not 3 * 0.1.
                string label = Label(m, power);
                all.Add((double.Parse($"{m}e{power}", CultureInfo.InvariantCulture), label));
            }
        }
        // From the last tick at or below min to the first at or above max.
        int first = all.FindLastIndex(t => t.Value <= min * (1 + 1e-12));
        int last = all.FindIndex(t => t.Value >= max * (1 - 1e-12));
        return all.GetRange(first, last - first + 1);
    }

    /// <summary>Plain decimals from 0.001 to 9000 ("0.05", "20"), otherwise "2e-5".</summary>
    private static string Label(int multiple, int power) =>
        power is >= -3 and <= 3
            ? (multiple * Math.Pow(10, power)).ToString("0.###", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{multiple}e{power}");
}

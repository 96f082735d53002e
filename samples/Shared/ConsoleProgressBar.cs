using System;
using System.Globalization;
using NetGen;

namespace Samples.Shared;

/// <summary>
/// Shows training progress: a bar redrawn in place on a terminal, or a few plain lines when the output
/// is redirected to a file or a pipe. It is its own synchronous <see cref="IProgress{T}"/>, drawing on the
/// training thread as each epoch ends (as <see cref="SynchronousProgress{T}"/> does for a callback);
/// wrapped in <see cref="Progress{T}"/> it would draw late, out of order, and after Fit returned.
/// </summary>
internal sealed class ConsoleProgressBar : IProgress<EpochReport>
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsOutputRedirected;
    private readonly int _redirectedLines;
    private int _lastDrawn = -1;

    /// <param name="redirectedLines">About how many lines to print when the output is not a terminal (the last epoch always prints).</param>
    public ConsoleProgressBar(int redirectedLines = 5)
    {
        _redirectedLines = redirectedLines;
    }

    public void Report(EpochReport value)
    {
        int filled = value.Epoch * Width / value.EpochCount;
        if (_interactive)
        {
            // Redraw only when the bar grows, so a fast run is not slowed by the console.
            if (filled != _lastDrawn || value.Epoch == value.EpochCount)
            {
                _lastDrawn = filled;
                Console.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {Describe(value)}   ");
            }
        }
        else if (value.Epoch == value.EpochCount || (_redirectedLines > 1 && (value.Epoch == 1 || value.Epoch % Math.Max(1, value.EpochCount / _redirectedLines) == 0)))
        {
            Console.WriteLine(Describe(value));
        }
    }

    /// <summary>Ends the bar's line (training may stop early, before the bar is full).</summary>
    public void Finish()
    {
        if (_interactive && _lastDrawn >= 0)
        {
            Console.WriteLine();
        }
        _lastDrawn = -1;
    }

    private static string Describe(EpochReport r)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch,4}/{r.EpochCount}  loss {r.TrainingLoss:F4}");
        if (r.ValidationLoss is double validation)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  val loss {validation:F4}");
        }
        if (r.TrainingAccuracy is double accuracy)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  acc {accuracy:P0}");
        }
        if (r.ValidationAccuracy is double validationAccuracy)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  val acc {validationAccuracy:P0}");
        }
        return text + string.Create(CultureInfo.InvariantCulture, $"  {r.Elapsed.TotalMilliseconds:F0} ms");
    }
}

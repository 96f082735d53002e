using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>Every epoch's report of one training run, and how it ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs;

    /// <summary>
    /// Room reserved when training starts: runs of up to this many epochs never allocate for their history.
    /// Longer runs double it as it fills (a few allocations in all, amortised over the epochs) instead of
    /// reserving every requested epoch up front: Epochs = int.MaxValue must not take 150 GB before epoch 1.
    /// </summary>
    internal const int ReservedEpochs = 1024;

    internal TrainingHistory(int epochCount)
    {
        _epochs = new List<EpochReport>(Math.Min(epochCount, ReservedEpochs));
    }

    /// <summary>The reports, epoch 1 first.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>The last epoch's report.</summary>
    /// <exception cref="InvalidOperationException">No epoch has finished.</exception>
    public EpochReport Last => _epochs.Count > 0 ? _epochs[^1] : throw new InvalidOperationException("No epoch has finished.");

    /// <summary>
    /// The report of <see cref="BestEpoch"/>: with early stopping, the epoch whose parameters the network
    /// holds when Fit returns (<see cref="Last"/> is the last epoch run, up to patience epochs later);
    /// otherwise the same as <see cref="Last"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No epoch has finished.</exception>
    public EpochReport Best => BestEpoch > 0 ? _epochs[BestEpoch - 1] : throw new InvalidOperationException("No epoch has finished.");

    /// <summary>
    /// With early stopping, the epoch whose parameters the network was given back (lowest validation
    /// loss); otherwise the last epoch. Epochs count from 1.
    /// </summary>
    public int BestEpoch { get; internal set; }

    /// <summary>True when early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    internal void Add(in EpochReport report) => _epochs.Add(report);
}

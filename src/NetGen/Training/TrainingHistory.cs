using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>Every epoch's report of one training run, and how it ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs;

    internal TrainingHistory(int capacity)
    {
        // Sized up front so that adding an epoch never allocates.
        _epochs = new List<EpochReport>(capacity);
    }

    /// <summary>The reports, epoch 1 first.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>The last epoch's report.</summary>
    /// <exception cref="InvalidOperationException">No epoch has finished.</exception>
    public EpochReport Last => _epochs.Count > 0 ? _epochs[^1] : throw new InvalidOperationException("No epoch has finished.");

    /// <summary>
    /// With early stopping, the epoch whose parameters the network was given back (lowest validation
    /// loss); otherwise the last epoch.
    /// </summary>
    public int BestEpoch { get; internal set; }

    /// <summary>True when early stopping ended training before the last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    internal void Add(in EpochReport report) => _epochs.Add(report);
}

using System;

namespace NetGen;

/// <summary>
/// The loss or a parameter became NaN or infinite during training (usually: the learning rate is too
/// large). The network's parameters have been put back to the end of the last good epoch.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the epoch.</param>
    /// <param name="epoch">The epoch (from 1) in which training diverged.</param>
    /// <param name="batch">The mini-batch (from 1) within the epoch, or 0 when the validation loss diverged.</param>
    public TrainingDivergedException(string message, int epoch, int batch)
        : base(message)
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The epoch, from 1, in which the loss or a parameter stopped being finite.</summary>
    public int Epoch { get; }

    /// <summary>The mini-batch, from 1, within that epoch; 0 when it was the validation loss.</summary>
    public int Batch { get; }
}

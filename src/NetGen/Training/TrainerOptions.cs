using System;

namespace NetGen;

/// <summary>How <see cref="Trainer{TNet, T}"/> trains. Checked when the trainer is made.</summary>
public sealed class TrainerOptions
{
    /// <summary>Passes over the training rows (default 100).</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Rows per step; their gradients are added by BackwardBatch and averaged (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The optimizer (default <see cref="Adam"/> with the paper's settings).</summary>
    public Optimizer Optimizer { get; init; } = new Adam();

    /// <summary>
    /// L2 weight decay lambda: lambda x parameter is added to every trainable parameter's gradient, the
    /// gradient of (lambda / 2) sum p^2, as PyTorch's <c>weight_decay</c> (default 0: none).
    /// </summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Clips each mini-batch's gradient by its total norm, as PyTorch's
    /// <c>torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)</c> called between <c>loss.backward()</c> and
    /// <c>optimizer.step()</c>: the L2 norm of the mini-batch's mean gradient over every trainable parameter, and
    /// when it exceeds this value every gradient scaled by <c>max_norm / (norm + 1e-6)</c>. Applied before the
    /// optimizer step (SGD, momentum, Adam) and before <see cref="WeightDecay"/> is added, as PyTorch's optimizers
    /// add <c>weight_decay</c> inside their step. A positive finite number, or null (default) for no clipping.
    /// Recurrent networks usually want it (1.0 is a common start). See <see cref="GradientClipping"/>.
    /// </summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Whether the training rows are put in a new seeded order every epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seeds the shuffling and the validation split: equal seeds give equal runs, bit for bit.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The share of the rows, chosen at random with <see cref="Seed"/>, held out to measure the validation
    /// loss after every epoch; 0 (default) for none. Ignored when a validation set is passed to Fit.
    /// </summary>
    public double ValidationFraction { get; init; }

    /// <summary>
    /// Stop when the validation loss has not improved for this many epochs, and give the network back
    /// the parameters of its best epoch; 0 (default) to train every epoch.
    /// </summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>How much lower than the best so far a validation loss must be to count as better (default 0).</summary>
    public double EarlyStoppingMinDelta { get; init; }

    /// <summary>
    /// Threads that train each mini-batch (default 1), the training thread included. A mini-batch of more than 64
    /// rows is always split into the same chunks (at least two, of about 128 rows), whose gradients are added in a
    /// fixed order; then each thread adds up, averages and applies the update for its own range of the parameters
    /// (the built-in optimizers; with gradient clipping or a custom optimizer the update runs on the training
    /// thread). Every operation's order is fixed, so training is bit-identical whatever this number is; it only
    /// decides how much runs at once. Smaller mini-batches are one chunk. On a machine with n cores, n is the
    /// natural value. The extra threads are kept, idle, between Fit calls.
    /// </summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>How accuracy is counted in the epoch reports (default: decided from the targets).</summary>
    public AccuracyMode Accuracy { get; init; } = AccuracyMode.Auto;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Parallelism, nameof(Parallelism));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Parallelism, 256, nameof(Parallelism));
        ArgumentNullException.ThrowIfNull(Optimizer, nameof(Optimizer));
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Weight decay must be zero or a positive finite number.");
        }
        if (ClipGradientNorm is double maxNorm)
        {
            GradientClipping.CheckMaxNorm(maxNorm, nameof(ClipGradientNorm));
        }
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1).");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(EarlyStoppingPatience, nameof(EarlyStoppingPatience));
        if (!(EarlyStoppingMinDelta >= 0) || !double.IsFinite(EarlyStoppingMinDelta))
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, "The minimum improvement must be zero or a positive finite number.");
        }
        if (!Enum.IsDefined(Accuracy))
        {
            throw new ArgumentOutOfRangeException(nameof(Accuracy), Accuracy, null);
        }
    }
}

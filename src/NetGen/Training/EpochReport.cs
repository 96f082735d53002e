using System;

namespace NetGen;

/// <summary>What one epoch of training did; a struct, so that reporting it allocates nothing.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="EpochCount">How many epochs the training was asked for (early stopping may end it sooner).</param>
/// <param name="TrainingLoss">The mean loss over the epoch's training rows, each measured just before its mini-batch's step.</param>
/// <param name="ValidationLoss">The mean loss over the validation rows after the epoch, or null without validation rows.</param>
/// <param name="TrainingAccuracy">The share of training rows predicted right after the epoch, or null when accuracy does not apply.</param>
/// <param name="ValidationAccuracy">The same over the validation rows, or null.</param>
/// <param name="Elapsed">Time since training started.</param>
public readonly record struct EpochReport(
    int Epoch,
    int EpochCount,
    double TrainingLoss,
    double? ValidationLoss,
    double? TrainingAccuracy,
    double? ValidationAccuracy,
    TimeSpan Elapsed);

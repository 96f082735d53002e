using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Threading;

namespace NetGen;

/// <summary>
/// Trains any generated network on a data set: epochs of seeded, shuffled mini-batches, an optimizer,
/// optional gradient clipping and weight decay, validation with early stopping, progress reports and cancellation. Everything
/// a run needs is allocated when it starts; epochs allocate nothing, except that past 1,024 epochs the
/// history doubles its storage as it fills (rather than reserving every requested epoch up front).
/// </summary>
/// <typeparam name="TNet">The generated network type.</typeparam>
/// <typeparam name="T">Its number type, <see cref="double"/> or <see cref="float"/>.</typeparam>
public sealed class Trainer<TNet, T>
    where TNet : INetwork<TNet, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Makes a trainer with checked options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Trainer(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options this trainer uses.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Checks the rows against the network's widths (naming any bad row), then trains as <see cref="Fit(TNet, DataSet{T}, DataSet{T}?, IProgress{EpochReport}?, CancellationToken)"/>.</summary>
    /// <param name="net">The network, trained in place.</param>
    /// <param name="inputs">One input row per sample, each of the network's input width.</param>
    /// <param name="targets">One target row per sample, each of the network's output width.</param>
    /// <param name="progress">
    /// Told after every epoch, on the training thread, before the next epoch starts. <see cref="Progress{T}"/>
    /// passes reports on to the thread pool (or its captured context), so they arrive late and out of order;
    /// for console output use <see cref="SynchronousProgress{T}"/>.
    /// </param>
    /// <param name="cancellationToken">Checked before every mini-batch.</param>
    /// <returns>Every epoch's report.</returns>
    /// <exception cref="InvalidTrainingDataException">A row has the wrong width or a NaN or infinite value; the network is untouched.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a parameter stopped being finite; the parameters are those of the last good epoch.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled; the parameters are those after the last mini-batch.</exception>
    public TrainingHistory Fit(TNet net, IReadOnlyList<T[]> inputs, IReadOnlyList<T[]> targets, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(net, DataSet<T>.FromRows(inputs, targets, TNet.InputCount, TNet.OutputCount), null, progress, cancellationToken);

    // No optional parameters on these two: with them, Fit(net, data, progress: p) would be ambiguous with the overload below.
    /// <summary>Trains without a separate validation set, as <see cref="Fit(TNet, DataSet{T}, DataSet{T}?, IProgress{EpochReport}?, CancellationToken)"/>: <c>trainer.Fit(net, data, progress)</c>.</summary>
    /// <param name="net">The network, trained in place.</param>
    /// <param name="training">The rows to learn from (a share <see cref="TrainerOptions.ValidationFraction"/> is held out for validation).</param>
    /// <param name="progress">
    /// Told after every epoch, on the training thread, before the next epoch starts. <see cref="Progress{T}"/>
    /// passes reports on to the thread pool (or its captured context), so they arrive late and out of order;
    /// for console output use <see cref="SynchronousProgress{T}"/>.
    /// </param>
    /// <returns>Every epoch's report.</returns>
    public TrainingHistory Fit(TNet net, DataSet<T> training, IProgress<EpochReport>? progress) =>
        Fit(net, training, validation: null, progress, CancellationToken.None);

    /// <summary>Trains without a separate validation set, as <see cref="Fit(TNet, DataSet{T}, DataSet{T}?, IProgress{EpochReport}?, CancellationToken)"/>: <c>trainer.Fit(net, data, progress, cancellationToken)</c>.</summary>
    /// <param name="net">The network, trained in place.</param>
    /// <param name="training">The rows to learn from (a share <see cref="TrainerOptions.ValidationFraction"/> is held out for validation).</param>
    /// <param name="progress">Told after every epoch, on the training thread (see the other overloads on <see cref="Progress{T}"/>).</param>
    /// <param name="cancellationToken">Checked before every mini-batch.</param>
    /// <returns>Every epoch's report.</returns>
    public TrainingHistory Fit(TNet net, DataSet<T> training, IProgress<EpochReport>? progress, CancellationToken cancellationToken) =>
        Fit(net, training, validation: null, progress, cancellationToken);

    /// <summary>
    /// Trains <paramref name="net"/> in place. Without <paramref name="validation"/>, a share
    /// <see cref="TrainerOptions.ValidationFraction"/> of <paramref name="training"/> is held out for validation.
    /// With early stopping, the network ends with the parameters of its best validation epoch.
    /// </summary>
    /// <param name="net">The network, trained in place; its parameters must be finite (see <see cref="ParameterInitializer"/>).</param>
    /// <param name="training">The rows to learn from.</param>
    /// <param name="validation">Rows to measure on after every epoch, or null.</param>
    /// <param name="progress">
    /// Told after every epoch, on the training thread, before the next epoch starts. <see cref="Progress{T}"/>
    /// passes reports on to the thread pool (or its captured context), so they arrive late and out of order;
    /// for console output use <see cref="SynchronousProgress{T}"/>.
    /// </param>
    /// <param name="cancellationToken">Checked before every mini-batch.</param>
    /// <returns>Every epoch's report.</returns>
    /// <exception cref="ArgumentException">The data's widths are not the network's, or the parameters are not finite; the network is untouched.</exception>
    /// <exception cref="TrainingDivergedException">The loss or a parameter stopped being finite; the parameters are those of the last good epoch.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled; the parameters are those after the last mini-batch.</exception>
    public TrainingHistory Fit(TNet net, DataSet<T> training, DataSet<T>? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(training);
        CheckWidths(training, nameof(training));
        if (validation is not null)
        {
            CheckWidths(validation, nameof(validation));
            return Run(net, training, AllRows(training.Count), validation, AllRows(validation.Count), progress, cancellationToken);
        }
        if (Options.ValidationFraction > 0)
        {
            int[] order = DataSet<T>.ShuffledRows(training.Count, Options.Seed, RandomStreams.ValidationSplit);
            int held = DataSet<T>.SecondPartSize(training.Count, Options.ValidationFraction, nameof(Options.ValidationFraction));
            return Run(net, training, order[..^held], training, order[^held..], progress, cancellationToken);
        }
        return Run(net, training, AllRows(training.Count), training, Array.Empty<int>(), progress, cancellationToken);
    }

    private TrainingHistory Run(TNet net, DataSet<T> training, int[] trainRows, DataSet<T> validation, int[] validationRows,
        IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        TrainerOptions options = Options;
        bool validating = validationRows.Length > 0;
        bool earlyStopping = options.EarlyStoppingPatience > 0;
        if (trainRows.Length == 0)
        {
            throw new ArgumentException("There are no training rows.", nameof(training));
        }
        if (earlyStopping && !validating)
        {
            throw new ArgumentException("Early stopping watches the validation loss: set ValidationFraction or pass a validation set.", nameof(validation));
        }
        Span<T> parameters = net.Parameters;
        CheckParametersFinite(parameters);

        // Everything the epochs need, allocated once here.
        AccuracyMode accuracy = Scoring.Resolve(options.Accuracy, training, Scoring.OutputSteps<TNet, T>());
        using var run = new RunState(options, Math.Min(options.BatchSize, trainRows.Length), TNet.ParameterCount, TNet.InputCount, TNet.OutputCount, parameters,
            validating, scoringAccuracy: accuracy != AccuracyMode.None);
        var random = new SeededRandom(options.Seed, RandomStreams.Shuffle);
        var history = new TrainingHistory(options.Epochs); // reserves at most TrainingHistory.ReservedEpochs
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        long start = Stopwatch.GetTimestamp();

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.Shuffle)
            {
                random.Shuffle(trainRows.AsSpan());
            }
            double trainingLoss = TrainEpoch(net, training, trainRows, run, epoch, cancellationToken) / trainRows.Length;

            double? validationLoss = null, trainingAccuracy = null, validationAccuracy = null;
            if (validating)
            {
                double loss = Scoring.MeanLoss(net, validation, validationRows, run.Scratch);
                if (!double.IsFinite(loss))
                {
                    ThrowDiverged(net, run, epoch, 0, "the validation loss", loss);
                }
                validationLoss = loss;
            }
            if (accuracy != AccuracyMode.None)
            {
                trainingAccuracy = Scoring.Accuracy(net, training, trainRows, accuracy, run.ScoreInputs, run.ScoreOutputs);
                validationAccuracy = validating ? Scoring.Accuracy(net, validation, validationRows, accuracy, run.ScoreInputs, run.ScoreOutputs) : null;
            }
            parameters.CopyTo(run.LastGood);

            var report = new EpochReport(epoch, options.Epochs, trainingLoss, validationLoss, trainingAccuracy, validationAccuracy, Stopwatch.GetElapsedTime(start));
            history.Add(report);
            history.BestEpoch = epoch;
            progress?.Report(report);

            if (earlyStopping)
            {
                if (validationLoss!.Value < bestLoss - options.EarlyStoppingMinDelta)
                {
                    (bestLoss, bestEpoch, sinceBest) = (validationLoss.Value, epoch, 0);
                    parameters.CopyTo(run.Best);
                }
                else if (++sinceBest >= options.EarlyStoppingPatience)
                {
                    history.StoppedEarly = epoch < options.Epochs;
                    break;
                }
            }
        }
        if (earlyStopping)
        {
            run.Best.CopyTo(parameters);
            history.BestEpoch = bestEpoch;
        }
        return history;
    }

    /// <summary>One pass over the training rows in their current order; returns the sum of the rows' losses.</summary>
    private double TrainEpoch(TNet net, DataSet<T> training, int[] trainRows, RunState run, int epoch, CancellationToken cancellationToken)
    {
        Span<T> parameters = net.Parameters;
        ReadOnlySpan<bool> trainable = TNet.ParameterIsTrainable;
        Span<T> gradient = run.Gradient;
        int batchSize = Options.BatchSize;
        double lossSum = 0;
        int batch = 0;
        for (int first = 0; first < trainRows.Length; first += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch++;
            int rows = Math.Min(batchSize, trainRows.Length - first);
            double batchLoss;
            int bad;
            if (run.Fused)
            {
                // Batch size 1, plain SGD, no decay: the generated fused step is exactly that update.
                int row = trainRows[first];
                batchLoss = double.CreateTruncating(net.TrainStep(training.Input(row), training.Target(row), run.LearningRate));
                CheckLoss(net, run, epoch, batch, batchLoss);
                bad = FirstNonFinite(parameters);
            }
            else
            {
                // Batches of more than ChunkedBatch.SingleCallRows rows run as fixed chunks (on Options.Parallelism threads).
                batchLoss = double.CreateTruncating(run.Chunked.Backpropagate(net, training, trainRows, first, rows));
                CheckLoss(net, run, epoch, batch, batchLoss);
                T scale = T.One / T.CreateTruncating(rows);
                if (run.ClipNorm is double maxNorm)
                {
                    // PyTorch's order: the mean gradient, clip_grad_norm_, then the optimizer adds weight decay.
                    run.Chunked.Update(net, run.Gradient, scale, T.Zero, stepper: null);
                    GradientClipping.ClipByNorm(gradient, trainable, maxNorm);
                    AddDecay(gradient, parameters, trainable, run.WeightDecay);
                    run.Optimizer.Step(parameters, gradient, trainable);
                    bad = FirstNonFinite(parameters);
                }
                else if (run.Optimizer is IRangedOptimizerState<T> ranged)
                {
                    // The built-in optimizers step inside the update's pass, on every thread.
                    bad = run.Chunked.Update(net, run.Gradient, scale, run.WeightDecay, ranged);
                }
                else
                {
                    run.Chunked.Update(net, run.Gradient, scale, run.WeightDecay, stepper: null);
                    run.Optimizer.Step(parameters, gradient, trainable);
                    bad = FirstNonFinite(parameters);
                }
            }
            if (bad >= 0)
            {
                ThrowDiverged(net, run, epoch, batch, $"parameter {TNet.ParameterNames[bad]}", double.CreateTruncating(parameters[bad]));
            }
            lossSum += batchLoss;
        }
        return lossSum;
    }

    private void CheckLoss(TNet net, RunState run, int epoch, int batch, double batchLoss)
    {
        if (!double.IsFinite(batchLoss))
        {
            ThrowDiverged(net, run, epoch, batch, "the loss", batchLoss);
        }
    }

    /// <summary>g = g + lambda p for trainable parameters (after clipping).</summary>
    private static void AddDecay(Span<T> gradient, ReadOnlySpan<T> parameters, ReadOnlySpan<bool> trainable, T weightDecay)
    {
        if (weightDecay == T.Zero)
        {
            return;
        }
        for (int k = 0; k < gradient.Length; k++)
        {
            if (trainable[k])
            {
                gradient[k] += weightDecay * parameters[k];
            }
        }
    }

    private static int FirstNonFinite(ReadOnlySpan<T> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!T.IsFinite(values[k]))
            {
                return k;
            }
        }
        return -1;
    }

    private static void CheckParametersFinite(ReadOnlySpan<T> parameters)
    {
        int bad = FirstNonFinite(parameters);
        if (bad >= 0)
        {
            throw new ArgumentException(
                $"Parameter {bad.ToString(CultureInfo.InvariantCulture)} ({TNet.ParameterNames[bad]}) is {parameters[bad].ToString(null, CultureInfo.InvariantCulture)}; initialise the network (ParameterInitializer.Initialize) before training.",
                "net");
        }
    }

    [DoesNotReturn]
    private void ThrowDiverged(TNet net, RunState run, int epoch, int batch, string what, double value)
    {
        run.LastGood.CopyTo(net.Parameters);
        string where = batch > 0
            ? $"epoch {epoch.ToString(CultureInfo.InvariantCulture)}, mini-batch {batch.ToString(CultureInfo.InvariantCulture)} (both count from 1)"
            : $"epoch {epoch.ToString(CultureInfo.InvariantCulture)} (epochs count from 1)";
        string restored = epoch > 1
            ? $"the end of epoch {(epoch - 1).ToString(CultureInfo.InvariantCulture)}"
            : "the start of training";
        throw new TrainingDivergedException(
            $"Training diverged in {where}: {what} became {value.ToString(CultureInfo.InvariantCulture)}. " +
            $"The network's parameters are back to their values at {restored}. " +
            $"The learning rate is {Options.Optimizer.LearningRate.ToString(CultureInfo.InvariantCulture)}; a smaller one usually helps.",
            epoch, batch);
    }

    private void CheckWidths(DataSet<T> data, string parameterName)
    {
        if (data.InputWidth != TNet.InputCount || data.TargetWidth != TNet.OutputCount)
        {
            throw new ArgumentException(
                $"The data set's rows have {data.InputWidth.ToString(CultureInfo.InvariantCulture)} inputs and {data.TargetWidth.ToString(CultureInfo.InvariantCulture)} targets; " +
                $"{typeof(TNet).Name} takes {TNet.InputCount.ToString(CultureInfo.InvariantCulture)} inputs and gives {TNet.OutputCount.ToString(CultureInfo.InvariantCulture)} outputs.",
                parameterName);
        }
    }

    private static int[] AllRows(int count)
    {
        var rows = new int[count];
        for (int k = 0; k < count; k++)
        {
            rows[k] = k;
        }
        return rows;
    }

    /// <summary>The buffers and settings of one run, allocated before its first epoch.</summary>
    private sealed class RunState : IDisposable
    {
        public RunState(TrainerOptions options, int batchRows, int parameterCount, int inputCount, int outputCount, ReadOnlySpan<T> parameters,
            bool validating, bool scoringAccuracy)
        {
            // Only what a run uses, and not zeroed where every value is written before it is read: at 100,000
            // parameters these are megabytes, which a short Fit would otherwise spend its first milliseconds clearing.
            Gradient = GC.AllocateUninitializedArray<T>(parameterCount);
            Scratch = validating ? new T[parameterCount] : Array.Empty<T>();
            ScoreInputs = scoringAccuracy ? GC.AllocateUninitializedArray<T>(Scoring.BlockRows * inputCount) : Array.Empty<T>();
            ScoreOutputs = scoringAccuracy ? GC.AllocateUninitializedArray<T>(Scoring.BlockRows * outputCount) : Array.Empty<T>();
            LastGood = parameters.ToArray();
            Best = options.EarlyStoppingPatience > 0 ? parameters.ToArray() : Array.Empty<T>();
            Optimizer = options.Optimizer.CreateState<T>(parameterCount);
            LearningRate = T.CreateTruncating(options.Optimizer.LearningRate);
            WeightDecay = T.CreateTruncating(options.WeightDecay);
            ClipNorm = options.ClipGradientNorm;
            // The fused step updates as it goes; clipping needs the whole gradient first.
            Fused = options.BatchSize == 1 && options.Optimizer is Sgd && options.WeightDecay == 0 && ClipNorm is null;
            Chunked = new ChunkedBatch<TNet, T>(batchRows, Fused ? 1 : options.Parallelism);
        }

        /// <summary>Computes each mini-batch's gradient in fixed chunks, on the worker threads when there are several.</summary>
        public ChunkedBatch<TNet, T> Chunked { get; }

        /// <summary>Stops the worker threads.</summary>
        public void Dispose() => Chunked.Dispose();

        public T[] Gradient { get; }

        /// <summary>Takes the gradient Backward computes while the validation loss is measured (empty without validation).</summary>
        public T[] Scratch { get; }

        /// <summary>A block of input rows gathered for ForwardBatch when accuracy is scored (empty when it is not).</summary>
        public T[] ScoreInputs { get; }

        /// <summary>The outputs of that block.</summary>
        public T[] ScoreOutputs { get; }

        /// <summary>The parameters at the end of the last epoch that finished with finite values.</summary>
        public T[] LastGood { get; }

        /// <summary>The parameters of the best validation epoch (early stopping only).</summary>
        public T[] Best { get; }

        public IOptimizerState<T> Optimizer { get; }

        public T LearningRate { get; }

        public T WeightDecay { get; }

        /// <summary><see cref="TrainerOptions.ClipGradientNorm"/>: the largest mean-gradient norm let through, or null.</summary>
        public double? ClipNorm { get; }

        /// <summary>Whether each step can be the network's own TrainStep.</summary>
        public bool Fused { get; }
    }
}

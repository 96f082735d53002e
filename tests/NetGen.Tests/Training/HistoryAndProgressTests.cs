using System.Threading;

namespace NetGen.Tests.Training;

/// <summary>
/// The training history and progress as a new user meets them: huge epoch counts cost nothing up front
/// (issue 12, item 12), <c>history.Best</c> after early stopping (issue 16, item 7), <c>Fit(net, data,
/// progress)</c> compiles (item 5), and a progress reporter that reports in order, in time (item 6).
/// </summary>
public class HistoryAndProgressTests
{
    /// <summary>Stops at epoch 2: no later epoch can beat the first by a margin of 1e9.</summary>
    private static TrainerOptions StopsAtEpoch2(int epochs) => new()
    {
        Epochs = epochs, BatchSize = 4, ValidationFraction = 0.25, EarlyStoppingPatience = 1, EarlyStoppingMinDelta = 1e9,
    };

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(10_000_000)]
    public void A_huge_epoch_count_reserves_no_history_up_front(int epochs)
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        DataSet<double> data = TestData.Regression(16, 3, 2, 1);
        var trainer = new Trainer<SigmoidNet, double>(StopsAtEpoch2(epochs));

        long before = GC.GetAllocatedBytesForCurrentThread();
        TrainingHistory history = trainer.Fit(net, data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(new[] { 1, 2 }, history.Epochs.Select(e => e.Epoch));
        Assert.All(history.Epochs, e => Assert.Equal(epochs, e.EpochCount));
        // Before: 72 bytes per requested epoch (686 MB for ten million; int.MaxValue threw OutOfMemoryException).
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated for a 2-epoch run");
    }

    [Fact]
    public void A_history_longer_than_its_reserve_keeps_every_epoch_in_order()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        int epochs = TrainingHistory.ReservedEpochs * 2 + 3;
        TrainingHistory history = new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = epochs, BatchSize = 4 })
            .Fit(net, TestData.Regression(4, 3, 2, 1));
        Assert.Equal(Enumerable.Range(1, epochs), history.Epochs.Select(e => e.Epoch));
        Assert.Equal(epochs, history.Last.Epoch);
    }

    [Fact]
    public void Best_is_the_restored_epoch_after_early_stopping_and_the_last_without()
    {
        // As in TrainerTests: validation targets upside down, so fitting the training rows worsens validation.
        DataSet<double> training = TestData.Regression(30, 3, 2, 1);
        var inputs = Enumerable.Range(0, training.Count).Select(r => training.Input(r).ToArray()).ToArray();
        var flipped = Enumerable.Range(0, training.Count).Select(r => training.Target(r).ToArray().Select(t => 1 - t).ToArray()).ToArray();
        DataSet<double> validation = DataSet<double>.FromRows(inputs, flipped, 3, 2);
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);

        TrainingHistory history = new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 200, BatchSize = 5, Optimizer = new Adam(0.05), EarlyStoppingPatience = 5 })
            .Fit(net, training, validation);

        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch, history.Best.Epoch);
        Assert.Equal(history.Last.Epoch - 5, history.Best.Epoch);
        Assert.Equal(history.Epochs.Min(e => e.ValidationLoss!.Value), history.Best.ValidationLoss);
        Assert.True(history.Best.ValidationLoss < history.Last.ValidationLoss);
        // The network holds the best epoch's parameters, so measuring it now gives Best's number exactly.
        Assert.Equal(history.Best.ValidationLoss, Evaluate.Loss(net, validation));

        var plain = new SigmoidNet();
        ParameterInitializer.Initialize(plain, 1);
        TrainingHistory full = new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 4 }).Fit(plain, training);
        Assert.Equal(full.Last, full.Best);
    }

    [Fact]
    public void Fit_takes_data_and_progress_positionally()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        DataSet<double> data = TestData.Regression(12, 3, 2, 1);
        var trainer = new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 3, BatchSize = 4 });
        var epochs = new List<int>();
        var progress = new SynchronousProgress<EpochReport>(r => epochs.Add(r.Epoch));

        trainer.Fit(net, data, progress);
        trainer.Fit(net, data, progress, CancellationToken.None);
        trainer.Fit(net, data, progress: progress);
        trainer.Fit(net, data, null);   // still the plain call, as before

        Assert.Equal(new[] { 1, 2, 3, 1, 2, 3, 1, 2, 3 }, epochs);
    }

    [Fact]
    public void SynchronousProgress_reports_every_epoch_in_order_on_the_training_thread_before_Fit_returns()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        var seen = new List<(int Epoch, int Thread)>();
        int trainingThread = Environment.CurrentManagedThreadId;
        TrainingHistory history = new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 200, BatchSize = 4 })
            .Fit(net, TestData.Regression(8, 3, 2, 1), new SynchronousProgress<EpochReport>(r => seen.Add((r.Epoch, Environment.CurrentManagedThreadId))));

        Assert.Equal(Enumerable.Range(1, 200), seen.Select(s => s.Epoch));
        Assert.All(seen, s => Assert.Equal(trainingThread, s.Thread));
        Assert.Equal(200, history.Epochs.Count);
        Assert.Throws<ArgumentNullException>(() => new SynchronousProgress<EpochReport>(null!));
    }
}

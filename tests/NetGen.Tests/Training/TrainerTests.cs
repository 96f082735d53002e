using System.Threading;

namespace NetGen.Tests.Training;

/// <summary>What the trainer does with mini-batches, seeds, validation, early stopping, progress and cancellation.</summary>
public class TrainerTests
{
    private static (SigmoidNet Net, TrainingHistory History) TrainSigmoid(int initSeed, TrainerOptions options, DataSet<double>? data = null)
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, initSeed);
        TrainingHistory history = new Trainer<SigmoidNet, double>(options).Fit(net, data ?? TestData.Regression(40, 3, 2, 1));
        return (net, history);
    }

    [Fact]
    public void One_mini_batch_step_is_the_mean_gradient_plus_weight_decay()
    {
        DataSet<double> data = TestData.Regression(5, 3, 2, 4);
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 2);
        double[] before = TestData.Copy(net);
        const double rate = 0.5, decay = 0.01;

        new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 1, BatchSize = 5, Optimizer = new Sgd(rate), WeightDecay = decay })
            .Fit(net, data);

        // Independently: the mean over the five rows of ReferenceMlp's gradient, plus lambda p.
        var mean = new double[SigmoidNet.ParameterCount];
        for (int row = 0; row < 5; row++)
        {
            var (_, _, gradient) = ReferenceMlp.Run(new[] { 3, 4, 2 }, false, before, data.Input(row).ToArray(), data.Target(row).ToArray());
            for (int k = 0; k < mean.Length; k++)
            {
                mean[k] += gradient[k] / 5;
            }
        }
        for (int k = 0; k < mean.Length; k++)
        {
            Assert.Equal(before[k] - rate * (mean[k] + decay * before[k]), net.Parameters[k], 1e-14);
        }
    }

    [Fact]
    public void Batch_size_one_with_plain_sgd_is_the_networks_own_train_step()
    {
        DataSet<double> data = TestData.Regression(12, 3, 2, 5);
        var trained = new SigmoidNet();
        var manual = new SigmoidNet();
        ParameterInitializer.Initialize(trained, 9);
        ParameterInitializer.Initialize(manual, 9);

        new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 3, BatchSize = 1, Optimizer = new Sgd(0.3), Shuffle = false })
            .Fit(trained, data);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            for (int row = 0; row < data.Count; row++)
            {
                manual.TrainStep(data.Input(row), data.Target(row), 0.3);
            }
        }
        Assert.Equal(TestData.Bits(manual.Parameters), TestData.Bits(trained.Parameters));

        // Momentum 0 is the same update taken through Backward and the optimizer: equal to rounding.
        var unfused = new SigmoidNet();
        ParameterInitializer.Initialize(unfused, 9);
        new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 3, BatchSize = 1, Optimizer = new Momentum(0.3, 0), Shuffle = false })
            .Fit(unfused, data);
        for (int k = 0; k < SigmoidNet.ParameterCount; k++)
        {
            Assert.Equal(manual.Parameters[k], unfused.Parameters[k], 1e-12);
        }
    }

    [Fact]
    public void The_same_seeds_give_the_same_run_bit_for_bit()
    {
        var options = new TrainerOptions { Epochs = 15, BatchSize = 7, Optimizer = new Adam(0.05), Seed = 3, ValidationFraction = 0.25 };
        var (a, historyA) = TrainSigmoid(1, options);
        var (b, historyB) = TrainSigmoid(1, options);
        Assert.Equal(TestData.Bits(a.Parameters), TestData.Bits(b.Parameters));
        Assert.Equal(historyA.Epochs.Select(e => e.TrainingLoss), historyB.Epochs.Select(e => e.TrainingLoss));
        Assert.Equal(historyA.Epochs.Select(e => e.ValidationLoss), historyB.Epochs.Select(e => e.ValidationLoss));
    }

    [Fact]
    public void Another_initialisation_seed_or_shuffle_seed_gives_another_run()
    {
        var options = new TrainerOptions { Epochs = 5, BatchSize = 7, Optimizer = new Adam(0.05), Seed = 3 };
        var (reference, _) = TrainSigmoid(1, options);
        var (otherInit, _) = TrainSigmoid(2, options);
        var (otherShuffle, _) = TrainSigmoid(1, new TrainerOptions { Epochs = 5, BatchSize = 7, Optimizer = new Adam(0.05), Seed = 4 });
        Assert.NotEqual(TestData.Bits(reference.Parameters), TestData.Bits(otherInit.Parameters));
        Assert.NotEqual(TestData.Bits(reference.Parameters), TestData.Bits(otherShuffle.Parameters));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    public void Every_optimizer_learns_a_simple_classification(string name)
    {
        Optimizer optimizer = name switch { "sgd" => new Sgd(0.5), "momentum" => new Momentum(0.05), _ => new Adam(0.02) };
        var net = new SoftmaxNet();
        ParameterInitializer.Initialize(net, 1);
        TrainingHistory history = new Trainer<SoftmaxNet, double>(new TrainerOptions { Epochs = 30, BatchSize = 8, Optimizer = optimizer })
            .Fit(net, TestData.Classes<double>(80, 3, 2));
        // Cross-entropy of two balanced classes starts near ln 2 = 0.69.
        Assert.True(history.Last.TrainingLoss < 0.5 * history.Epochs[0].TrainingLoss,
            $"{name}: loss {history.Epochs[0].TrainingLoss} -> {history.Last.TrainingLoss}");
        Assert.True(history.Last.TrainingAccuracy >= 0.9, $"{name}: accuracy {history.Last.TrainingAccuracy}");
    }

    [Fact]
    public void Float_and_loop_style_networks_train_too()
    {
        var single = new SoftmaxFloatNet();
        ParameterInitializer.Initialize(single, 1);
        TrainingHistory singleHistory = new Trainer<SoftmaxFloatNet, float>(new TrainerOptions { Epochs = 40, BatchSize = 8, Optimizer = new Adam(0.02) })
            .Fit(single, TestData.Classes<float>(80, 3, 2));
        Assert.True(singleHistory.Last.TrainingAccuracy > 0.9, $"float accuracy {singleHistory.Last.TrainingAccuracy}");

        var loops = new LoopsNet();
        ParameterInitializer.Initialize(loops, 1);
        TrainingHistory loopsHistory = new Trainer<LoopsNet, double>(new TrainerOptions { Epochs = 40, BatchSize = 8, Optimizer = new Adam(0.02) })
            .Fit(loops, TestData.Regression(40, 3, 2, 1));
        Assert.True(loopsHistory.Last.TrainingLoss < 0.5 * loopsHistory.Epochs[0].TrainingLoss);
    }

    [Fact]
    public void Frozen_parameters_never_change_under_decay_momentum_or_adam()
    {
        foreach (Optimizer optimizer in new Optimizer[] { new Sgd(0.5), new Momentum(0.1), new Adam(0.05) })
        {
            var net = new FrozenBiasNet();
            ParameterInitializer.Initialize(net, 1);
            for (int k = 0; k < FrozenBiasNet.ParameterCount; k++)
            {
                if (!FrozenBiasNet.ParameterIsTrainable[k])
                {
                    net.Parameters[k] = 0.25;
                }
            }
            double[] before = net.Parameters.ToArray();
            new Trainer<FrozenBiasNet, double>(new TrainerOptions { Epochs = 10, BatchSize = 4, Optimizer = optimizer, WeightDecay = 0.1 })
                .Fit(net, TestData.Regression(20, 3, 2, 1));
            int changed = 0;
            for (int k = 0; k < FrozenBiasNet.ParameterCount; k++)
            {
                if (FrozenBiasNet.ParameterIsTrainable[k])
                {
                    changed += net.Parameters[k] != before[k] ? 1 : 0;
                }
                else
                {
                    Assert.Equal(0.25, net.Parameters[k]);
                }
            }
            Assert.True(changed > 0, "the weights should have trained");
        }
    }

    [Fact]
    public void Progress_reports_every_epoch_in_order_with_accuracy_only_for_classifiers()
    {
        var reports = new List<EpochReport>();
        var net = new SoftmaxNet();
        ParameterInitializer.Initialize(net, 1);
        TrainingHistory history = new Trainer<SoftmaxNet, double>(new TrainerOptions { Epochs = 6, BatchSize = 8, ValidationFraction = 0.2 })
            .Fit(net, TestData.Classes<double>(50, 3, 1), progress: new Collect(reports));
        Assert.Equal(Enumerable.Range(1, 6), reports.Select(r => r.Epoch));
        Assert.Equal(history.Epochs, reports);
        Assert.All(reports, r => Assert.Equal(6, r.EpochCount));
        Assert.All(reports, r => Assert.NotNull(r.ValidationLoss));
        Assert.All(reports, r => Assert.InRange(r.ValidationAccuracy!.Value, 0, 1));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Elapsed <= p.Second.Elapsed));

        var regression = new List<EpochReport>();
        TrainSigmoidWithProgress(regression);
        Assert.All(regression, r => Assert.Null(r.TrainingAccuracy));
        Assert.All(regression, r => Assert.Null(r.ValidationLoss));
    }

    private static void TrainSigmoidWithProgress(List<EpochReport> reports)
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 3 }).Fit(net, TestData.Regression(10, 3, 2, 1), progress: new Collect(reports));
    }

    [Fact]
    public void Early_stopping_stops_and_gives_back_the_best_epochs_parameters()
    {
        // Validation targets are the training targets turned upside down: the better the network fits
        // the training rows, the worse the validation loss gets, so it must stop and roll back.
        DataSet<double> training = TestData.Regression(30, 3, 2, 1);
        var flippedTargets = Enumerable.Range(0, training.Count).Select(r => training.Target(r).ToArray().Select(t => 1 - t).ToArray()).ToArray();
        var inputs = Enumerable.Range(0, training.Count).Select(r => training.Input(r).ToArray()).ToArray();
        DataSet<double> validation = DataSet<double>.FromRows(inputs, flippedTargets, 3, 2);
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);

        TrainingHistory history = new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 200, BatchSize = 5, Optimizer = new Adam(0.05), EarlyStoppingPatience = 5 })
            .Fit(net, training, validation);

        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch + 5, history.Last.Epoch);
        double best = history.Epochs.Min(e => e.ValidationLoss!.Value);
        Assert.Equal(best, history.Epochs[history.BestEpoch - 1].ValidationLoss);
        // The network holds the best epoch's parameters: its validation loss is that epoch's, exactly.
        Assert.Equal(best, Evaluate.Loss(net, validation));
    }

    [Fact]
    public void Cancellation_stops_training_with_finite_parameters()
    {
        using var cancel = new CancellationTokenSource();
        var reports = new List<EpochReport>();
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        var progress = new Collect(reports, r => { if (r.Epoch == 3) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 100 }).Fit(net, TestData.Regression(20, 3, 2, 1), progress: progress, cancellationToken: cancel.Token));
        Assert.Equal(3, reports.Count);
        Assert.All(net.Parameters.ToArray(), p => Assert.True(double.IsFinite(p)));
    }

    /// <summary>Collects reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Collect(List<EpochReport> reports, Action<EpochReport>? then = null) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            reports.Add(value);
            then?.Invoke(value);
        }
    }
}

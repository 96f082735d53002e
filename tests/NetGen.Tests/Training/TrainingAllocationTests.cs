using Xunit.Abstractions;

namespace NetGen.Tests.Training;

/// <summary>
/// Epochs allocate nothing: the bytes allocated on the training thread are read at every epoch's report
/// (by a reporter that itself allocates nothing) and must not grow after the first epoch.
/// </summary>
public class TrainingAllocationTests(ITestOutputHelper output)
{
    private const int Epochs = 40;

    [Fact]
    public void Adam_with_validation_early_stopping_and_accuracy()
    {
        var net = new SoftmaxNet();
        ParameterInitializer.Initialize(net, 1);
        DataSet<double> data = TestData.Classes<double>(64, 3, 1);
        AssertNoAllocationAfterFirstEpoch("Adam, batch 8, validation 25%, early stopping, accuracy", meter =>
            new Trainer<SoftmaxNet, double>(new TrainerOptions
            {
                Epochs = Epochs, BatchSize = 8, Optimizer = new Adam(0.01), ValidationFraction = 0.25, EarlyStoppingPatience = Epochs,
            }).Fit(net, data, progress: meter));
    }

    [Fact]
    public void Float_network_with_momentum_and_weight_decay()
    {
        var net = new SoftmaxFloatNet();
        ParameterInitializer.Initialize(net, 1);
        DataSet<float> data = TestData.Classes<float>(64, 3, 1);
        AssertNoAllocationAfterFirstEpoch("float, momentum, weight decay, batch 5", meter =>
            new Trainer<SoftmaxFloatNet, float>(new TrainerOptions { Epochs = Epochs, BatchSize = 5, Optimizer = new Momentum(0.05), WeightDecay = 1e-3 })
                .Fit(net, data, progress: meter));
    }

    [Fact]
    public void Plain_sgd_one_row_at_a_time_through_train_step()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        DataSet<double> data = TestData.Regression(64, 3, 2, 1);
        AssertNoAllocationAfterFirstEpoch("SGD, batch 1 (fused TrainStep)", meter =>
            new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = Epochs, BatchSize = 1, Optimizer = new Sgd(0.5) })
                .Fit(net, data, progress: meter));
    }

    [Fact]
    public void Loop_style_network_with_an_explicit_validation_set()
    {
        var net = new LoopsNet();
        ParameterInitializer.Initialize(net, 1);
        DataSet<double> training = TestData.Regression(64, 3, 2, 1), validation = TestData.Regression(16, 3, 2, 2);
        AssertNoAllocationAfterFirstEpoch("loops-style network, Adam, validation set", meter =>
            new Trainer<LoopsNet, double>(new TrainerOptions { Epochs = Epochs, BatchSize = 16, Optimizer = new Adam(0.01) })
                .Fit(net, training, validation, meter));
    }

    [Fact]
    public void Parallel_epochs_of_a_large_network_with_its_update_split_between_threads()
    {
        // Mnist (101,770 parameters): two chunks per 100-row batch on two threads, and the update in two ranges.
        var net = new Mnist();
        ParameterInitializer.Initialize(net, 1);
        DataSet<double> data = TestData.Regression(200, 784, 10, 1);
        // (With a Barrier between phases this found 24 bytes some epochs in: its wait event is made on the first
        // wait that blocks. WorkerCrew makes its events up front.)
        var trainer = new Trainer<Mnist, double>(new TrainerOptions { Epochs = Epochs, BatchSize = 100, Optimizer = new Adam(0.001), Parallelism = 2 });
        AssertNoAllocationAfterFirstEpoch("784-128-10, Adam, batch 100, Parallelism 2", meter => trainer.Fit(net, data, progress: meter));
    }

    private void AssertNoAllocationAfterFirstEpoch(string what, Action<AllocationMeter> train)
    {
        var meter = new AllocationMeter(Epochs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        train(meter);
        Assert.Equal(Epochs, meter.Count);
        long setupAndFirstEpoch = meter.BytesAt[0] - before;
        long afterFirst = meter.BytesAt[Epochs - 1] - meter.BytesAt[0];
        output.WriteLine($"{what}: {setupAndFirstEpoch} bytes for the trainer, Fit's buffers and epoch 1; {afterFirst} bytes over epochs 2-{Epochs}");
        Assert.Equal(0, afterFirst);
    }

    /// <summary>Records the thread's allocated bytes at each report, into an array sized up front.</summary>
    private sealed class AllocationMeter(int epochs) : IProgress<EpochReport>
    {
        public long[] BytesAt { get; } = new long[epochs];

        public int Count { get; private set; }

        public void Report(EpochReport value) => BytesAt[Count++] = GC.GetAllocatedBytesForCurrentThread();
    }
}

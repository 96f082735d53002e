namespace NetGen.Tests.Training;

/// <summary>
/// TrainerOptions.Parallelism: mini-batches of more than 64 rows run as fixed chunks on several threads, added in a
/// fixed order, so the trained parameters are the same to the bit for 1, 2 or 3 threads; neither the training
/// thread nor the workers allocate per batch.
/// </summary>
public class ParallelTrainingTests
{
    [Fact]
    public void Matrix_product_network_trains_bit_identically_on_one_two_and_three_threads()
    {
        DataSet<double> data = TestData.Regression(600, 64, 10, 1);
        long[][] results = new[] { 1, 2, 3 }.Select(threads =>
        {
            var net = new NetGen.Tests.LoopsNet();
            ParameterInitializer.Initialize(net, 3);
            new Trainer<NetGen.Tests.LoopsNet, double>(new TrainerOptions { Epochs = 3, BatchSize = 256, Optimizer = new Adam(0.01), Seed = 4, Parallelism = threads })
                .Fit(net, data, progress: null);
            return TestData.Bits(net.Parameters);
        }).ToArray();
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("momentum")]
    [InlineData("adam")]
    public void Large_network_whose_update_is_split_between_threads_trains_bit_identically(string optimizer)
    {
        // 101,770 parameters: above ChunkedBatch.ParallelUpdateMinParameters, so with 2 or 3 threads each takes a
        // range of the parameters for the sum, the decay and the optimizer's step; 150-row batches are two chunks.
        Assert.True(Mnist.ParameterCount >= ChunkedBatch<Mnist, double>.ParallelUpdateMinParameters);
        DataSet<double> data = TestData.Regression(330, 784, 10, 2);
        Optimizer make() => optimizer switch { "sgd" => new Sgd(0.05), "momentum" => new Momentum(0.05), _ => new Adam(0.002) };
        long[][] results = new[] { 1, 2, 3 }.Select(threads =>
        {
            var net = new Mnist();
            ParameterInitializer.Initialize(net, 3);
            new Trainer<Mnist, double>(new TrainerOptions { Epochs = 2, BatchSize = 150, Optimizer = make(), WeightDecay = 1e-3, Seed = 4, Parallelism = threads })
                .Fit(net, data, progress: null);
            return TestData.Bits(net.Parameters);
        }).ToArray();
        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public void Lane_network_in_float_trains_bit_identically_on_one_and_two_threads()
    {
        DataSet<float> data = TestData.Classes<float>(500, 3, 2);
        int[][] results = new[] { 1, 2 }.Select(threads =>
        {
            var net = new SoftmaxFloatNet();
            ParameterInitializer.Initialize(net, 5);
            new Trainer<SoftmaxFloatNet, float>(new TrainerOptions { Epochs = 4, BatchSize = 130, Optimizer = new Momentum(0.05), Seed = 6, Parallelism = threads })
                .Fit(net, data, progress: null);
            return net.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
        }).ToArray();
        Assert.Equal(results[0], results[1]);
    }

    [Fact]
    public void Chunks_add_up_to_the_whole_batch_gradient()
    {
        // The chunked gradient of 200 rows against one BackwardBatch call: the same sum, in another order.
        var net = new NetGen.Tests.LoopsNet();
        ParameterInitializer.Initialize(net, 7);
        double[] inputs = RandomParameters.Vector(200 * 64, 8), targets = RandomParameters.Vector(200 * 10, 9, 0, 1);
        var whole = new double[NetGen.Tests.LoopsNet.ParameterCount];
        var chunked = new double[NetGen.Tests.LoopsNet.ParameterCount];
        double wholeLoss = net.BackwardBatch(inputs, targets, whole);
        using var batch = new ChunkedBatch<NetGen.Tests.LoopsNet, double>(200, 2);
        double chunkedLoss = batch.Backpropagate(net, DataSet<double>.FromFlat(inputs, targets, 64, 10), Enumerable.Range(0, 200).ToArray(), 0, 200);
        // Scale 1 and no decay: the update's gradient is the chunks' plain sum (zero for frozen parameters).
        Assert.Equal(-1, batch.Update(net, chunked, 1.0, 0.0, stepper: null));
        Assert.Equal(wholeLoss, chunkedLoss, 1e-10);
        ReadOnlySpan<bool> trainable = NetGen.Tests.LoopsNet.ParameterIsTrainable;
        for (int k = 0; k < whole.Length; k++)
        {
            double expected = trainable[k] ? whole[k] : 0;
            Assert.True(Math.Abs(expected - chunked[k]) <= 1e-12 * (1 + Math.Abs(expected)), $"{NetGen.Tests.LoopsNet.ParameterNames[k]}: {chunked[k]:R} != {expected:R}");
        }
    }

    [Fact]
    public void Parallel_batches_allocate_nothing_on_any_thread()
    {
        var net = new NetGen.Tests.LoopsNet();
        ParameterInitializer.Initialize(net, 10);
        double[] inputs = RandomParameters.Vector(256 * 64, 11), targets = RandomParameters.Vector(256 * 10, 12, 0, 1);
        var gradient = new double[NetGen.Tests.LoopsNet.ParameterCount];
        DataSet<double> data = DataSet<double>.FromFlat(inputs, targets, 64, 10);
        int[] order = Enumerable.Range(0, 256).ToArray();
        using var batch = new ChunkedBatch<NetGen.Tests.LoopsNet, double>(256, 2);
        var optimizer = (IRangedOptimizerState<double>)new Adam(1e-4).CreateState<double>(NetGen.Tests.LoopsNet.ParameterCount);
        void Run()
        {
            batch.Backpropagate(net, data, order, 0, 256);
            batch.Update(net, gradient, 1.0 / 256, 1e-4, optimizer);
        }
        Run();
        long training = AllocationTests.Measure(() =>
        {
            for (int k = 0; k < 50; k++)
            {
                Run();
            }
        });
        Assert.Equal(0, training);

        // The workers' bytes, the least over up to five rounds of 50 batches: as on the training thread, the tiered
        // JIT may charge a one-off few bytes to a worker late, while an allocation per batch recurs in every round.
        long leastWorkerBytes = long.MaxValue;
        for (int round = 0; round < 5 && leastWorkerBytes > 0; round++)
        {
            long before = batch.WorkerAllocatedBytes;
            for (int k = 0; k < 50; k++)
            {
                Run();
            }
            leastWorkerBytes = Math.Min(leastWorkerBytes, batch.WorkerAllocatedBytes - before);
        }
        Assert.Equal(0, leastWorkerBytes);
    }

    [Fact]
    public void Parallelism_must_be_positive()
    {
        Assert.Equal("Parallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<NetGen.Tests.LoopsNet, double>(new TrainerOptions { Parallelism = 0 })).ParamName);
    }
}

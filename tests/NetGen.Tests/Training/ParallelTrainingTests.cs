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
        double chunkedLoss = batch.Run(net, inputs, targets, 200, chunked);
        Assert.Equal(wholeLoss, chunkedLoss, 1e-10);
        for (int k = 0; k < whole.Length; k++)
        {
            Assert.True(Math.Abs(whole[k] - chunked[k]) <= 1e-12 * (1 + Math.Abs(whole[k])), $"{NetGen.Tests.LoopsNet.ParameterNames[k]}: {chunked[k]:R} != {whole[k]:R}");
        }
    }

    [Fact]
    public void Parallel_batches_allocate_nothing_on_any_thread()
    {
        var net = new NetGen.Tests.LoopsNet();
        ParameterInitializer.Initialize(net, 10);
        double[] inputs = RandomParameters.Vector(256 * 64, 11), targets = RandomParameters.Vector(256 * 10, 12, 0, 1);
        var gradient = new double[NetGen.Tests.LoopsNet.ParameterCount];
        using var batch = new ChunkedBatch<NetGen.Tests.LoopsNet, double>(256, 2);
        batch.Run(net, inputs, targets, 256, gradient);
        long training = AllocationTests.Measure(() =>
        {
            for (int k = 0; k < 50; k++)
            {
                batch.Run(net, inputs, targets, 256, gradient);
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
                batch.Run(net, inputs, targets, 256, gradient);
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

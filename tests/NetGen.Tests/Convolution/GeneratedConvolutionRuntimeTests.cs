using System.IO;
using NetGen;
using Xunit.Abstractions;

namespace NetGen.Tests.Convolution;

/// <summary>A generated convolutional network through the runtime: initialiser, trainer, evaluation, save files, figure.</summary>
public class GeneratedConvolutionRuntimeTests(ITestOutputHelper output)
{
    /// <summary>4x4 images with one bright bar: class 0 vertical, class 1 horizontal, on noise.</summary>
    private static DataSet<double> Bars(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new double[rows][];
        var y = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            bool horizontal = r % 2 == 1;
            int line = random.Next(4);
            x[r] = Enumerable.Range(0, 16).Select(i => ((horizontal ? i / 4 : i % 4) == line ? 1.0 : 0.0) + 0.2 * (random.NextDouble() - 0.5)).ToArray();
            y[r] = horizontal ? [0.0, 1.0] : [1.0, 0.0];
        }
        return DataSet<double>.FromRows(x, y, 16, 2);
    }

    [Fact]
    public void The_trainer_teaches_a_generated_convolutional_network_and_its_epochs_allocate_nothing()
    {
        var net = new BarsConvNet();
        ParameterInitializer.Initialize(net, 1);
        // ReLU convolution: He over 1 channel x 9 taps.
        Assert.All(net.Parameters[..36].ToArray(), w => Assert.InRange(Math.Abs(w), 0, Math.Sqrt(6.0 / 9)));
        DataSet<double> training = Bars(64, 1), test = Bars(64, 2);
        double before = Evaluate.Loss(net, test);

        const int epochs = 150;
        var bytesAt = new long[epochs];
        int reports = 0;
        var meter = new SynchronousProgress<EpochReport>(_ => bytesAt[reports++] = GC.GetAllocatedBytesForCurrentThread());
        new Trainer<BarsConvNet, double>(new TrainerOptions { Epochs = epochs, BatchSize = 8, Optimizer = new Adam(0.03) }).Fit(net, training, progress: meter);

        double after = Evaluate.Loss(net, test), accuracy = Evaluate.Accuracy(net, test);
        output.WriteLine($"test loss {before:F3} -> {after:F3}, accuracy {accuracy:P0}; {bytesAt[^1] - bytesAt[0]} bytes over epochs 2-{epochs}");
        Assert.True(after < before / 4, $"loss {before} -> {after}");
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy}");
        Assert.Equal(0, bytesAt[^1] - bytesAt[0]);
    }

    [Fact]
    public void Save_files_of_a_generated_convolutional_network_round_trip_and_refuse_a_dense_network_of_the_same_count()
    {
        Assert.Equal(Dense74Net.ParameterCount, BarsConvNet.ParameterCount);
        var conv = new BarsConvNet();
        ParameterInitializer.Initialize(conv, 3);
        using var file = new MemoryStream();
        conv.WriteParameters(file);
        var loaded = new BarsConvNet();
        loaded.ReadParameters(new MemoryStream(file.ToArray()));
        Assert.Equal(conv.Parameters.ToArray(), loaded.Parameters.ToArray());
        string json = conv.ToParameterJson();
        Assert.Contains("\"topology\": \"1x4x4 - conv3x4:relu - 2:softmax\"", json);
        var fromJson = new BarsConvNet();
        fromJson.LoadParameterJson(json);
        Assert.Equal(conv.Parameters.ToArray(), fromJson.Parameters.ToArray());

        var dense = new Dense74Net();
        ParameterInitializer.Initialize(dense, 3);
        using var denseFile = new MemoryStream();
        dense.WriteParameters(denseFile);
        var refused = Assert.Throws<ParameterFileException>(() => new BarsConvNet().ReadParameters(new MemoryStream(denseFile.ToArray())));
        Assert.Equal(ParameterFileError.DifferentNetwork, refused.Error);
        Assert.Contains("36-2:relu", refused.Message);
        Assert.Contains("1x4x4 - conv3x4:relu - 2:softmax", refused.Message);
        Assert.Equal(ParameterFileError.DifferentNetwork,
            Assert.Throws<ParameterFileException>(() => new Dense74Net().ReadParameters(new MemoryStream(file.ToArray()))).Error);
        Assert.Equal(ParameterFileError.DifferentNetwork,
            Assert.Throws<ParameterFileException>(() => new Dense74Net().LoadParameterJson(json)).Error);
    }

    [Fact]
    public void The_figure_refuses_a_generated_convolutional_network()
    {
        var net = new BarsConvNet();
        var step = new ExplanationRecorder<double>();
        net.Explain(new double[16], [1.0, 0.0], step);
        var error = Assert.Throws<NotSupportedException>(() => NetworkFigure.Write<BarsConvNet, double>(step, new StringWriter()));
        Assert.Contains("Convolution", error.Message);
        Assert.Contains("Explain", error.Message);
    }
}

using System.IO;
using NetGen;
using NetGen.Tests.Training;

namespace NetGen.Tests.Recurrent;

/// <summary>UnrolledGruNet's parameters in the same places, over one more step.</summary>
[Network("5x2 - gru3 - 1:identity", Activation.Tanh, CodeStyle = CodeStyle.Unrolled)]
public partial class FiveStepGruNet { }

/// <summary>
/// The runtime harness on generated recurrent networks: their layer tables read back as their topologies, save files
/// round-trip and refuse another network, the initialiser finds each gate by the generator's names, the trainer
/// clips and learns without allocating, and a per-step head is scored step by step.
/// </summary>
public class GeneratedRecurrentRuntimeTests
{
    [Fact]
    public void A_generated_layer_table_reads_back_as_its_declaration()
    {
        Assert.Equal("4x2 - gru3 - 1:identity", NetworkLayout.Of<UnrolledGruNet, double>().Topology);
        Assert.Equal("3x2 - lstm2(return=sequence) - 2:softmax", NetworkLayout.Of<UnrolledLstmSequenceFloatNet, float>().Topology);
        Assert.Equal("5x2 - rnn3:relu - rnn2:tanh - 1:sigmoid", NetworkLayout.Of<UnrolledStackedRnnNet, double>().Topology);
        Assert.Equal("4x2 - rnn3:relu - rnn2(return=sequence):tanh - flatten - 1:identity", NetworkLayout.Of<PyTorchCheckRnn, double>().Topology);
        Assert.False(NetworkLayout.Of<UnrolledGruNet, double>().SharedBias);
    }

    [Fact]
    public void A_generated_GRU_round_trips_through_both_formats_and_computes_the_same_outputs()
    {
        var net = new UnrolledGruNet();
        ParameterInitializer.Initialize(net, 3);
        net.Parameters[^1] = 0.125;
        using var stream = new MemoryStream();
        net.WriteParameters(stream);
        var binary = new UnrolledGruNet();
        binary.ReadParameters(new MemoryStream(stream.ToArray()));
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(binary.Parameters));

        string json = net.ToParameterJson();
        Assert.Contains("\"topology\": \"4x2 - gru3 - 1:identity\"", json);
        Assert.Contains("\"w_r1_2_h1_3\"", json);
        var fromJson = new UnrolledGruNet();
        fromJson.LoadParameterJson(json);
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(fromJson.Parameters));

        double[] input = [0.5, -1, 0.25, 0.75, -0.5, 0.1, 0.9, -0.3];
        double[] a = new double[1], b = new double[1];
        net.Forward(input, a);
        fromJson.Forward(input, b);
        Assert.Equal(a[0], b[0]);
        Assert.NotEqual(0.0, a[0]);
    }

    [Fact]
    public void A_generated_GRU_file_is_refused_by_the_same_GRU_over_another_number_of_steps()
    {
        // The same 67 parameters in the same places; only the head's names (w_o1_h1_t4_1 against w_o1_h1_t5_1) and the table differ.
        Assert.Equal(UnrolledGruNet.ParameterCount, FiveStepGruNet.ParameterCount);
        var saved = new UnrolledGruNet();
        ParameterInitializer.Initialize(saved, 1);
        using var stream = new MemoryStream();
        saved.WriteParameters(stream);
        var other = new FiveStepGruNet();
        var binary = Assert.Throws<ParameterFileException>(() => other.ReadParameters(new MemoryStream(stream.ToArray())));
        Assert.Equal(ParameterFileError.DifferentNetwork, binary.Error);
        Assert.Contains("5x2 - gru3 - 1:identity", binary.Message);
        var json = Assert.Throws<ParameterFileException>(() => other.LoadParameterJson(saved.ToParameterJson()));
        Assert.Contains("4x2 - gru3 - 1:identity", json.Message);
        Assert.Contains("5x2 - gru3 - 1:identity", json.Message);
        Assert.All(other.Parameters.ToArray(), p => Assert.Equal(0.0, p));
    }

    [Fact]
    public void The_initialiser_sets_the_LSTM_forget_bias_the_generator_names_b_if()
    {
        var net = new PyTorchCheckLstm();
        ParameterInitializer.Initialize(net, 2);
        for (int k = 0; k < PyTorchCheckLstm.ParameterCount; k++)
        {
            string name = PyTorchCheckLstm.ParameterNames[k];
            if (name.StartsWith("b_i", StringComparison.Ordinal) || name.StartsWith("b_h", StringComparison.Ordinal))
            {
                Assert.True((name.StartsWith("b_if", StringComparison.Ordinal) ? 1.0 : 0.0) == net.Parameters[k], $"{name} is {net.Parameters[k]}");
            }
        }
        Assert.Equal(2, PyTorchCheckLstm.ParameterNames.ToArray().Count(n => n.StartsWith("b_if", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_initialiser_makes_each_generated_gates_hidden_block_orthogonal()
    {
        var net = new UnrolledGruNet();
        ParameterInitializer.Initialize(net, 4);
        // weight_hh of gate z, by the generator's names: w_z1_{j}_h1_{m}.
        var q = new double[3, 3];
        for (int k = 0; k < UnrolledGruNet.ParameterCount; k++)
        {
            string name = UnrolledGruNet.ParameterNames[k];
            if (name.StartsWith("w_z1_", StringComparison.Ordinal) && name.Contains("_h1_", StringComparison.Ordinal))
            {
                string[] parts = name.Split('_'); // w, z1, j, h1, m
                q[int.Parse(parts[2]) - 1, int.Parse(parts[4]) - 1] = net.Parameters[k];
            }
        }
        for (int a = 0; a < 3; a++)
        {
            for (int b = 0; b < 3; b++)
            {
                double dot = Enumerable.Range(0, 3).Sum(c => q[a, c] * q[b, c]);
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 1e-12);
            }
        }
    }

    [Fact]
    public void A_GRU_learns_with_clipping_bit_identically_over_parallelism_and_allocates_nothing_per_epoch()
    {
        // The sum of the two values of each step's first feature weighted by the second: 4 steps, 256 rows.
        var random = new Random(5);
        double[][] x = Enumerable.Range(0, 256).Select(_ => Enumerable.Range(0, 8).Select(_ => random.NextDouble()).ToArray()).ToArray();
        double[][] y = x.Select(r => new[] { r[0] * r[1] + r[6] * r[7] }).ToArray();
        DataSet<double> data = DataSet<double>.FromRows(x, y, 8, 1);
        (long[] Bits, TrainingHistory History, long Bytes) Train(int parallelism)
        {
            var net = new UnrolledGruNet();
            ParameterInitializer.Initialize(net, 0);
            var bytesAt = new long[40];
            int count = 0;
            var meter = new SynchronousProgress<EpochReport>(_ => bytesAt[count++] = GC.GetAllocatedBytesForCurrentThread());
            TrainingHistory history = new Trainer<UnrolledGruNet, double>(new TrainerOptions
            {
                Epochs = 40, BatchSize = 128, Optimizer = new Adam(0.02), ClipGradientNorm = 0.5, Parallelism = parallelism, Seed = 1,
            }).Fit(net, data, progress: meter);
            return (TestData.Bits(net.Parameters), history, bytesAt[39] - bytesAt[1]);
        }
        var one = Train(1);
        var two = Train(2);
        Assert.Equal(one.Bits, two.Bits);
        Assert.True(one.History.Last.TrainingLoss < 0.5 * one.History.Epochs[0].TrainingLoss,
            $"loss {one.History.Epochs[0].TrainingLoss} -> {one.History.Last.TrainingLoss}");
        Assert.Equal(0, one.Bytes);
    }

    [Fact]
    public void A_generated_per_step_softmax_head_is_scored_step_by_step()
    {
        var net = new UnrolledLstmSequenceFloatNet();
        ParameterInitializer.Initialize(net, 6, InitializationScheme.PyTorch);
        var random = new Random(2);
        float[][] x = Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, 6).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray()).ToArray();
        float[][] y = Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, 3).SelectMany(_ => random.Next(2) == 0 ? new[] { 1f, 0f } : new[] { 0f, 1f }).ToArray()).ToArray();
        DataSet<float> data = DataSet<float>.FromRows(x, y, 6, 6);

        // Step by step through Forward: argmax of each step's two outputs against its one-hot target.
        int right = 0;
        var output = new float[6];
        for (int r = 0; r < 40; r++)
        {
            net.Forward(x[r], output);
            for (int t = 0; t < 3; t++)
            {
                right += (output[2 * t + 1] > output[2 * t] ? 1 : 0) == (y[r][2 * t + 1] == 1 ? 1 : 0) ? 1 : 0;
            }
        }
        Assert.Equal(right / 120.0, Evaluate.Accuracy(net, data), 15);
        ConfusionMatrix matrix = Evaluate.ConfusionMatrix(net, data);
        Assert.Equal((2, 120, right), (matrix.ClassCount, matrix.Total, matrix.Correct));
    }
}

using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace NetGen.Onnx.Tests;

/// <summary>The network behind Fixtures/relu_sigmoid.onnx; its parameters are set by <see cref="FixtureTests.Load"/>.</summary>
[Network("3-5:relu-2", Activation.ReLU, Output = Activation.Sigmoid)]
public partial class FixtureSource { }

/// <summary>
/// A committed model compiled by the real compiler at this project's build, through an AdditionalFiles
/// item (see the project file), exactly as a user's project compiles one. Its zero biases put runs of
/// NUL bytes in the file, the content the compiler refuses to read as text.
/// </summary>
public class FixtureTests
{
    private const string AcceptVariable = "NETGEN_ACCEPT_ONNX_FIXTURES";

    /// <summary>Weights from a fixed formula, biases zero.</summary>
    public static FixtureSource Load()
    {
        var net = new FixtureSource();
        Span<double> p = net.Parameters;
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = FixtureSource.ParameterNames[i].StartsWith("b_", StringComparison.Ordinal) ? 0.0 : ((i * 7 % 11) - 5) / 8.0;
        }
        return net;
    }

    /// <summary>Rewrites the fixture from <see cref="Load"/> when asked; the next build compiles the new file.</summary>
    [Fact]
    public void The_committed_fixture_is_the_documented_network()
    {
        string path = Path.Combine(ProjectFolder(), "Fixtures", "relu_sigmoid.onnx");
        FixtureSource source = Load();
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            OnnxExporter.Save(source, path);
        }
        byte[] model = File.ReadAllBytes(path);
        Assert.True(model.AsSpan().IndexOf(new byte[] { 0, 0 }) >= 0, "the fixture should contain NUL pairs, which text decoding refuses");

        double[] batch = Agreement.RandomBatch<double>(FixtureSource.InputCount, seed: 31);
        using var runtime = new OnnxRuntimeRunner(model);
        double difference = Agreement.MaxAbsDifference(Agreement.ForwardAll(source, batch), runtime.Run(batch, FixtureSource.InputCount));
        Assert.True(difference < ExportTests.DoubleTolerance,
            $"{path} is not the network Load() describes (difference {difference:E2}); rerun with {AcceptVariable}=1 and rebuild.");
    }

    [Fact]
    public void The_compiler_built_the_fixture_into_the_same_network()
    {
        FixtureSource source = Load();
        var imported = new FixtureImported();
        Assert.Equal(FixtureSource.LayerSizes.ToArray(), FixtureImported.LayerSizes.ToArray());
        Assert.Equal(FixtureSource.LayerActivations.ToArray(), FixtureImported.LayerActivations.ToArray());
        Assert.Equal(source.Parameters.ToArray(), imported.Parameters.ToArray());
        Assert.Equal(source.Parameters.ToArray(), FixtureImported.TrainedParameters.ToArray());

        double[] batch = Agreement.RandomBatch<double>(FixtureSource.InputCount, seed: 32);
        double[] expected = Agreement.ForwardAll(source, batch);
        Assert.True(Agreement.Spread(expected) > 0.05);
        Assert.Equal(expected, Agreement.ForwardAll(imported, batch));
    }

    [Fact]
    public void A_user_declared_constructor_still_starts_from_the_trained_weights()
    {
        var imported = new FixtureImportedWithConstructor(tag: 7);
        Assert.Equal(7, imported.Tag);
        Assert.Equal(Load().Parameters.ToArray(), imported.Parameters.ToArray());
    }

    [Fact]
    public void Instances_start_independent_and_Forward_and_the_trained_weights_allocate_nothing()
    {
        var first = new FixtureImported();
        var second = new FixtureImported();
        first.Parameters[0] += 1;
        Assert.Equal(FixtureImported.TrainedParameters[0], second.Parameters[0]);
        Assert.Equal(FixtureImported.TrainedParameters[0] + 1, first.Parameters[0]);

        double[] input = { 0.5, -0.25, 1.0 }, output = new double[FixtureImported.OutputCount];
        // TrainedParameters is data in the assembly, read through RuntimeHelpers.CreateSpan. The JIT expands
        // that intrinsic only in optimised code: unoptimised (Debug) code calls the helper, which allocates.
        bool optimised = typeof(FixtureImported).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        double sum = ReadAndForward(second, input, output, 1000, optimised); // warm up: tiered compilation, static initialisation
        long before = GC.GetAllocatedBytesForCurrentThread();
        sum += ReadAndForward(second, input, output, 100_000, optimised);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sum));
    }

    private static double ReadAndForward(FixtureImported network, double[] input, double[] output, int calls, bool readTrained)
    {
        double sum = 0;
        for (int n = 0; n < calls; n++)
        {
            sum += readTrained ? FixtureImported.TrainedParameters[n % FixtureImported.ParameterCount] : 0;
            network.Forward(input, output);
            sum += output[0];
        }
        return sum;
    }

    private static string ProjectFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

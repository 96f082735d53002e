using System.Numerics;
using System.Reflection;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Export, then import with [Network(OnnxModel = ...)]: the compiled importer has the original's
/// topology, activations and parameters, and computes exactly what the original computes.
/// </summary>
public class RoundTripTests(ITestOutputHelper output)
{
    /// <summary>Every network of the export tests: each activation, precision and bias mode, both code styles.</summary>
    private static readonly Type[] Networks =
    {
        typeof(IdentityDouble), typeof(SigmoidDouble), typeof(TanhDouble), typeof(ReluDouble), typeof(LeakyDouble), typeof(SoftmaxDouble),
        typeof(IdentityDoubleShared), typeof(SigmoidDoubleShared), typeof(TanhDoubleShared), typeof(ReluDoubleShared), typeof(LeakyDoubleShared), typeof(SoftmaxDoubleShared),
        typeof(IdentitySingle), typeof(SigmoidSingle), typeof(TanhSingle), typeof(ReluSingle), typeof(LeakySingle), typeof(SoftmaxSingle),
        typeof(IdentitySingleShared), typeof(SigmoidSingleShared), typeof(TanhSingleShared), typeof(ReluSingleShared), typeof(LeakySingleShared), typeof(SoftmaxSingleShared),
        typeof(MixedDouble), typeof(MixedSingle), typeof(LoopsDouble), typeof(LoopsSingleShared),
    };

    [Fact]
    public void Every_exported_network_compiles_back_to_the_same_function()
    {
        using var harness = new ImportHarness();
        var source = new System.Text.StringBuilder();
        var originals = new Dictionary<Type, object>();
        foreach (Type type in Networks)
        {
            object network = Activator.CreateInstance(type)!;
            originals[type] = network;
            byte[] model = (byte[])Generic(nameof(RandomizeAndExport), type).Invoke(null, new[] { network })!;
            harness.AddModel($"models/{type.Name}.onnx", model);
            source.AppendLine(ImportedProbe.Declare(type.Name + "Imported", $"OnnxModel = \"models/{type.Name}.onnx\"", ElementType(type) == typeof(double) ? "double" : "float"));
        }
        Assembly assembly = harness.CompileAndLoad(source.ToString());
        foreach (Type type in Networks)
        {
            Generic(nameof(CompareWithImported), type).Invoke(this, new[] { originals[type], assembly });
        }
    }

    [Fact]
    public void A_trained_double_network_round_trips() => TrainExportImport<RoundTripDouble, double>(ExportTests.DoubleTolerance);

    [Fact]
    public void A_trained_float_network_round_trips() => TrainExportImport<RoundTripSingle, float>(ExportTests.SingleTolerance);

    /// <summary>Trains on a fixed problem, exports, imports with Loss = CrossEntropy, and checks outputs and further training.</summary>
    private void TrainExportImport<TNetwork, T>(double tolerance)
        where TNetwork : INetwork<TNetwork, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new TNetwork();
        Agreement.Randomize(network.Parameters, seed: 3, scale: 0.5);
        var data = TrainingData<T>(TNetwork.InputCount, TNetwork.OutputCount);
        T rate = T.CreateChecked(0.1);
        double firstEpoch = 0, lastEpoch = 0;
        for (int epoch = 0; epoch < 30; epoch++)
        {
            double loss = 0;
            foreach (var (input, target) in data)
            {
                loss += double.CreateChecked(network.TrainStep(input, target, rate));
            }
            (firstEpoch, lastEpoch) = (epoch == 0 ? loss : firstEpoch, loss);
        }
        Assert.True(lastEpoch < 0.5 * firstEpoch, $"training did not learn: loss {firstEpoch} -> {lastEpoch}");

        using var harness = new ImportHarness();
        byte[] model = OnnxExporter.ToBytes(network);
        harness.AddModel("trained.onnx", model);
        string type = typeof(T) == typeof(double) ? "double" : "float";
        Assembly assembly = harness.CompileAndLoad(ImportedProbe.Declare("TrainedNet", "OnnxModel = \"trained.onnx\", Loss = Loss.CrossEntropy", type));

        T[] batch = Agreement.RandomBatch<T>(TNetwork.InputCount, seed: 11);
        T[] original = Agreement.ForwardAll(network, batch);
        T[] imported = ImportedProbe.Call<T[]>(assembly, "TrainedNet", "Forward", batch);
        using var runtime = new OnnxRuntimeRunner(model);
        double vsRuntime = Agreement.MaxAbsDifference(original, runtime.Run(batch, TNetwork.InputCount));
        output.WriteLine($"{typeof(TNetwork).Name}: trained loss {firstEpoch:F3} -> {lastEpoch:F3}; max |original - imported| = {Agreement.MaxAbsDifference(original, imported):E2}; max |original - ONNX Runtime| = {vsRuntime:E2}");
        Assert.Equal(original, imported);
        Assert.True(vsRuntime < tolerance, $"ONNX Runtime differs by {vsRuntime:E3}");

        // The imported network keeps training as the original would: same loss, same step.
        var (input0, target0) = data[0];
        var expectedAfter = new TNetwork();
        network.Parameters.CopyTo(expectedAfter.Parameters);
        T expectedLoss = expectedAfter.TrainStep(input0, target0, rate);
        var after = new T[TNetwork.ParameterCount];
        T loss0 = ImportedProbe.Call<T>(assembly, "TrainedNet", "TrainStep", input0, target0, rate, after);
        Assert.Equal(expectedLoss, loss0);
        Assert.Equal(expectedAfter.Parameters.ToArray(), after);
    }

    /// <summary>Points labelled by which of their first coordinates is largest, as one-hot targets.</summary>
    private static List<(T[] Input, T[] Target)> TrainingData<T>(int inputs, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(5);
        var data = new List<(T[], T[])>();
        for (int n = 0; n < 120; n++)
        {
            var input = Enumerable.Range(0, inputs).Select(_ => T.CreateChecked(random.NextDouble() * 2 - 1)).ToArray();
            int label = Enumerable.Range(0, outputs).MaxBy(k => input[k % inputs]);
            data.Add((input, Enumerable.Range(0, outputs).Select(k => k == label ? T.One : T.Zero).ToArray()));
        }
        return data;
    }

    private static byte[] RandomizeAndExport<TNetwork, T>(TNetwork network)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Agreement.Randomize(network.Parameters, seed: typeof(TNetwork).Name.Length + 100);
        return OnnxExporter.ToBytes(network);
    }

    private void CompareWithImported<TNetwork, T>(TNetwork network, Assembly assembly)
        where TNetwork : INetwork<TNetwork, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string name = typeof(TNetwork).Name + "Imported";
        Assert.Equal(TNetwork.LayerSizes.ToArray(), ImportedProbe.Call<int[]>(assembly, name, "LayerSizes"));
        Assert.Equal(TNetwork.LayerActivations.ToArray(), ImportedProbe.Call<Activation[]>(assembly, name, "LayerActivations"));
        Assert.Equal(network.Parameters.ToArray(), ImportedProbe.Call<T[]>(assembly, name, "Parameters"));
        Assert.Equal(network.Parameters.ToArray(), ImportedProbe.Call<T[]>(assembly, name, "TrainedValues"));

        T[] batch = Agreement.RandomBatch<T>(TNetwork.InputCount, seed: 13);
        T[] original = Agreement.ForwardAll(network, batch);
        T[] imported = ImportedProbe.Call<T[]>(assembly, name, "Forward", batch);
        Assert.True(Agreement.Spread(original) > 0.05, $"{name}: the outputs barely vary");
        Assert.Equal(original, imported); // the same weights through the same generated code: bit for bit
        output.WriteLine($"{name}: imported Forward equals the original's on {Agreement.BatchSize} inputs (max difference {Agreement.MaxAbsDifference(original, imported):E1})");
    }

    private static MethodInfo Generic(string method, Type network) =>
        typeof(RoundTripTests).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)!
            .MakeGenericMethod(network, ElementType(network));

    private static Type ElementType(Type network) =>
        network.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INetwork<,>)).GetGenericArguments()[1];
}

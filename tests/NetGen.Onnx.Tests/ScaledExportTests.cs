using System.Numerics;
using System.Text;
using Xunit.Abstractions;

namespace NetGen.Onnx.Tests;

/// <summary>
/// A network exported with its <see cref="FeatureScaler"/> takes raw features: ONNX Runtime on raw rows
/// agrees with NetGen's Forward on the same rows scaled by the scaler.
/// </summary>
public class ScaledExportTests(ITestOutputHelper output)
{
    [Fact] public void Standardized_softmax_double() => Check<SoftmaxDouble, double>(ScalingMethod.Standardize, ExportTests.DoubleTolerance);
    [Fact] public void MinMax_tanh_double() => Check<TanhDouble, double>(ScalingMethod.MinMax, ExportTests.DoubleTolerance);
    [Fact] public void Standardized_softmax_single() => Check<SoftmaxSingle, float>(ScalingMethod.Standardize, ExportTests.SingleTolerance);

    [Fact]
    public void The_scaler_is_the_first_two_nodes_Sub_then_Div_before_the_first_Gemm()
    {
        var network = new SoftmaxDouble();
        FeatureScaler scaler = FeatureScaler.Create(ScalingMethod.Standardize, [1, 2, 3], [4, 5, 6]);
        string text = Encoding.ASCII.GetString(OnnxExporter.ToBytes(network, scaler));

        int sub = text.IndexOf("scaler.sub", StringComparison.Ordinal);
        int div = text.IndexOf("scaler.div", StringComparison.Ordinal);
        int gemm = text.IndexOf("layer1.gemm", StringComparison.Ordinal);
        Assert.True(sub >= 0 && sub < div && div < gemm, $"Sub at {sub}, Div at {div}, first Gemm at {gemm}");
        Assert.Contains("inputs are raw features", text);
        Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(network, FeatureScaler.Create(ScalingMethod.Standardize, [0.0], [1.0])));
    }

    private void Check<TNetwork, T>(ScalingMethod method, double tolerance)
        where TNetwork : INetwork<TNetwork, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int inputs = TNetwork.InputCount;
        var network = new TNetwork();
        Agreement.Randomize(network.Parameters, seed: 11);
        // Raw features far from the scale the network was trained on: centred near 100 + 50k, spread about 10k.
        T[] raw = Agreement.RandomBatch<T>(inputs, seed: 5);
        for (int i = 0; i < raw.Length; i++)
        {
            int feature = i % inputs;
            raw[i] = T.CreateChecked(100 + 50 * feature + 10 * (feature + 1) * double.CreateChecked(raw[i]));
        }
        int rows = raw.Length / inputs;
        DataSet<T> training = DataSet<T>.FromFlat(raw, new T[rows], inputs, 1);
        FeatureScaler scaler = FeatureScaler.Fit(training, method);
        T[] scaled = new T[raw.Length];
        for (int r = 0; r < rows; r++)
        {
            scaler.Transform<T>(raw.AsSpan(r * inputs, inputs), scaled.AsSpan(r * inputs, inputs));
        }

        using var runtime = new OnnxRuntimeRunner(OnnxExporter.ToBytes(network, scaler));
        T[] actual = runtime.Run(raw, inputs);
        T[] expected = Agreement.ForwardAll(network, scaled);

        double difference = Agreement.MaxAbsDifference(expected, actual);
        output.WriteLine($"{typeof(TNetwork).Name}, {method}: max |Forward(scaled) - ONNX Runtime(raw)| = {difference:E2} over {rows} rows");
        Assert.True(Agreement.Spread(expected) > 0.05, "the outputs barely vary; the comparison would prove little");
        Assert.True(difference < tolerance, $"max difference {difference:E3} exceeds {tolerance:E0}");

        // The comparison can fail: the model without its scaler, fed the same raw rows, is far off.
        using var unscaled = new OnnxRuntimeRunner(OnnxExporter.ToBytes(network));
        Assert.True(Agreement.MaxAbsDifference(expected, unscaled.Run(raw, inputs)) > 1e-2);
    }
}

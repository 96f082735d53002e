using System.IO;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Compiles a convolutional model with the real generator (in-process, as the compiler would) and
/// measures the largest difference between the generated Forward and ONNX Runtime on a random batch of
/// feature maps ([N, C, L] or [N, C, H, W], each sample flattened row-major for Forward).
/// </summary>
internal static class ConvAgreement
{
    private static string Arguments(string style) => "OnnxModel = \"conv.onnx\", CodeStyle = CodeStyle." + style;

    /// <summary>
    /// Max |Forward - ONNX Runtime| over <paramref name="samples"/> random inputs in [-2, 2]; a model whose
    /// batch is fixed at 1 runs in ONNX Runtime one sample at a time. Also returns the outputs' spread, so
    /// that a test can check the comparison is not between near-constant values.
    /// </summary>
    public static (double Worst, double Spread) Measure(byte[] model, string type, int[] sampleShape, string style = "Unrolled", int samples = 32, int seed = 41)
    {
        using var harness = new ImportHarness();
        harness.AddModel("conv.onnx", model);
        Assembly assembly = harness.CompileAndLoad(ImportedProbe.Declare("Conv", Arguments(style), type));
        int inputs = sampleShape.Aggregate(1, (a, b) => a * b);
        Assert.Equal(inputs, ImportedProbe.Call<int[]>(assembly, "Conv", "LayerSizes")[0]);
        double[] batch = Agreement.RandomBatch<double>(inputs, seed, samples);
        double[] expected = Runtime(model, batch, sampleShape, type);
        double[] actual = type == "double"
            ? ImportedProbe.Call<double[]>(assembly, "Conv", "Forward", batch)
            : ImportedProbe.Call<float[]>(assembly, "Conv", "Forward", batch.Select(v => (float)v).ToArray()).Select(v => (double)v).ToArray();
        return (Agreement.MaxAbsDifference(expected, actual), Agreement.Spread(expected));
    }

    /// <summary>
    /// Max |Forward - PyTorch| on the samples of a <c>*.expected.txt</c> file (inputs '|' outputs per line, written by
    /// make_conv_fixtures.py), for double models, which ONNX Runtime cannot run (it has no double Conv kernel).
    /// </summary>
    public static (double Worst, double Spread) MeasureAgainstPyTorch(byte[] model, string expectedFile, string style = "Unrolled")
    {
        var lines = File.ReadAllLines(expectedFile).Where(l => l.Length > 0).Select(l => l.Split('|')).ToArray();
        double[] Parse(string values) => values.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double[] batch = lines.SelectMany(l => Parse(l[0])).ToArray();
        double[] expected = lines.SelectMany(l => Parse(l[1])).ToArray();
        using var harness = new ImportHarness();
        harness.AddModel("conv.onnx", model);
        Assembly assembly = harness.CompileAndLoad(ImportedProbe.Declare("Conv", Arguments(style), "double"));
        Assert.Equal(Parse(lines[0][0]).Length, ImportedProbe.Call<int[]>(assembly, "Conv", "LayerSizes")[0]);
        double[] actual = ImportedProbe.Call<double[]>(assembly, "Conv", "Forward", batch);
        return (Agreement.MaxAbsDifference(expected, actual), Agreement.Spread(expected));
    }

    /// <summary>ONNX Runtime's outputs for <paramref name="batch"/>, in the model's own element type, widened to double.</summary>
    public static double[] Runtime(byte[] model, double[] batch, int[] sampleShape, string type)
    {
        using var session = new InferenceSession(model);
        string inputName = session.InputMetadata.Keys.Single();
        string outputName = session.OutputMetadata.Keys.Single();
        bool fixedBatch = session.InputMetadata[inputName].Dimensions[0] == 1;
        int inputs = sampleShape.Aggregate(1, (a, b) => a * b);
        int samples = batch.Length / inputs;
        var outputs = new List<double>();
        for (int start = 0; start < samples; start += fixedBatch ? 1 : samples)
        {
            int count = fixedBatch ? 1 : samples;
            long[] shape = new long[] { count }.Concat(sampleShape.Select(d => (long)d)).ToArray();
            using var options = new RunOptions();
            if (type == "double")
            {
                double[] slice = batch.AsSpan(start * inputs, count * inputs).ToArray();
                using var input = OrtValue.CreateTensorValueFromMemory(slice, shape);
                using var results = session.Run(options, new[] { inputName }, new[] { input }, new[] { outputName });
                outputs.AddRange(results[0].GetTensorDataAsSpan<double>().ToArray());
            }
            else
            {
                float[] slice = batch.AsSpan(start * inputs, count * inputs).ToArray().Select(v => (float)v).ToArray();
                using var input = OrtValue.CreateTensorValueFromMemory(slice, shape);
                using var results = session.Run(options, new[] { inputName }, new[] { input }, new[] { outputName });
                outputs.AddRange(results[0].GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v));
            }
        }
        return outputs.ToArray();
    }
}

using Microsoft.ML.OnnxRuntime;

namespace OnnxScorer;

internal static class Comparison
{
    /// <summary>Scores fresh points with the compiled Scorer and with ONNX Runtime, side by side.</summary>
    public static int Run(string modelPath)
    {
        Console.WriteLine($"Scorer was compiled from {Path.GetFileName(modelPath)} at build time: {string.Join("-", Scorer.LayerSizes.ToArray())}, {string.Join(", ", Scorer.LayerActivations.ToArray())}");
        Console.WriteLine();

        var scorer = new Scorer();
        using var session = new InferenceSession(modelPath);
        var points = Points.Generate(12, seed: 99);
        float[] batch = points.SelectMany(p => p.Input).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(batch, new long[] { points.Count, Scorer.InputCount });
        using var options = new RunOptions();
        using var results = session.Run(options, new[] { "input" }, new[] { input }, new[] { "output" });
        float[] runtime = results[0].GetTensorDataAsSpan<float>().ToArray();

        Console.WriteLine($"{"point",-17} {"label",5}  {"NetGen Scorer (p0, p1, p2)",-28} {"ONNX Runtime (p0, p1, p2)",-28} {"max diff",9}");
        double worst = 0;
        int correct = 0;
        Span<float> output = stackalloc float[Scorer.OutputCount];
        for (int n = 0; n < points.Count; n++)
        {
            scorer.Forward(points[n].Input, output);
            ReadOnlySpan<float> reference = runtime.AsSpan(n * Scorer.OutputCount, Scorer.OutputCount);
            double difference = 0;
            for (int k = 0; k < output.Length; k++)
            {
                difference = Math.Max(difference, Math.Abs(output[k] - reference[k]));
            }
            worst = Math.Max(worst, difference);
            int predicted = output.IndexOf(Max(output));
            correct += predicted == points[n].Label ? 1 : 0;
            Console.WriteLine($"({points[n].Input[0],6:F3}, {points[n].Input[1],6:F3})  {points[n].Label,5}  {Format(output),-28} {Format(reference),-28} {difference,9:0.0E+00}");
        }
        Console.WriteLine();
        Console.WriteLine($"{correct} of {points.Count} points classified correctly; largest difference from ONNX Runtime {worst:0.00E+00}");
        return worst < 1e-5 ? 0 : 1;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values)
        {
            max = Math.Max(max, v);
        }
        return max;
    }

    private static string Format(ReadOnlySpan<float> values) => string.Join(", ", values.ToArray().Select(v => v.ToString("F4")));
}

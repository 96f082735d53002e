using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NetGen.Onnx.Tests;

/// <summary>
/// ONNX Runtime as the judge of what a model means: whether it loads a model at all, and what the
/// model computes for a batch, whatever the model's input and output are called and typed.
/// </summary>
internal static class RuntimeOracle
{
    /// <summary>Loads and runs <paramref name="model"/> on <paramref name="rows"/> (one row per sample); null and the reason when ONNX Runtime refuses it.</summary>
    public static (double[][]? Outputs, string Error) Run(byte[] model, double[][] rows)
    {
        try
        {
            using var session = new InferenceSession(model);
            string inputName = session.InputMetadata.Keys.Single();
            string outputName = session.OutputMetadata.Keys.First();
            bool isDouble = session.InputMetadata[inputName].ElementDataType == TensorElementType.Double;
            int width = rows[0].Length;
            using var options = new RunOptions();
            var outputs = new double[rows.Length][];
            if (isDouble)
            {
                double[] batch = rows.SelectMany(r => r).ToArray();
                using var input = OrtValue.CreateTensorValueFromMemory(batch, new long[] { rows.Length, width });
                using var results = session.Run(options, new[] { inputName }, new[] { input }, new[] { outputName });
                Split(results[0].GetTensorDataAsSpan<double>().ToArray(), outputs);
            }
            else
            {
                float[] batch = rows.SelectMany(r => r).Select(v => (float)v).ToArray();
                using var input = OrtValue.CreateTensorValueFromMemory(batch, new long[] { rows.Length, width });
                using var results = session.Run(options, new[] { inputName }, new[] { input }, new[] { outputName });
                Split(results[0].GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v).ToArray(), outputs);
            }
            return (outputs, "");
        }
        catch (OnnxRuntimeException exception)
        {
            return (null, exception.Message);
        }
    }

    /// <summary>Why ONNX Runtime refuses to load <paramref name="model"/>, or null when it loads it.</summary>
    public static string? LoadError(byte[] model)
    {
        try
        {
            using var session = new InferenceSession(model);
            return null;
        }
        catch (OnnxRuntimeException exception)
        {
            return exception.Message;
        }
    }

    private static void Split(double[] flat, double[][] outputs)
    {
        int width = flat.Length / outputs.Length;
        for (int r = 0; r < outputs.Length; r++)
        {
            outputs[r] = flat.AsSpan(r * width, width).ToArray();
        }
    }
}

using Microsoft.ML.OnnxRuntime;

namespace NetGen.Onnx.Tests;

/// <summary>Runs an ONNX model in ONNX Runtime (CPU) on a batch of inputs laid out row by row.</summary>
internal sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxRuntimeRunner(byte[] model)
    {
        // Full optimisation would let ONNX Runtime fuse Gemm and activation; the default is what users get.
        _session = new InferenceSession(model);
    }

    public IReadOnlyDictionary<string, NodeMetadata> Inputs => _session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> Outputs => _session.OutputMetadata;

    public T[] Run<T>(T[] batch, int inputCount)
        where T : unmanaged =>
        Run(batch, [inputCount]);

    /// <summary>Runs rows of one sample's <paramref name="sampleShape"/> each (<c>[C, H, W]</c> for an image network).</summary>
    public T[] Run<T>(T[] batch, int[] sampleShape)
        where T : unmanaged
    {
        int inputCount = sampleShape.Aggregate(1, (a, b) => a * b);
        using var input = OrtValue.CreateTensorValueFromMemory(batch, [batch.Length / inputCount, .. sampleShape.Select(d => (long)d)]);
        using var options = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results =
            _session.Run(options, new[] { OnnxExporter.InputName }, new[] { input }, new[] { OnnxExporter.OutputName });
        return results[0].GetTensorDataAsSpan<T>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}

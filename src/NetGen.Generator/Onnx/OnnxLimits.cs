namespace NetGen.Generator.Onnx;

/// <summary>
/// The ONNX format versions and operator-set facts NetGen reads models by: the ranges ONNX Runtime 1.31.1
/// (the implementation tests/NetGen.Onnx.Tests checks NetGen against) loads, so that NetGen accepts no
/// model that ONNX Runtime refuses. docs/onnx.md lists them. The size limits are in Planning/Limits.
/// </summary>
internal static class OnnxLimits
{
    /// <summary>The newest ModelProto.ir_version ONNX Runtime 1.31.1 reads.</summary>
    public const long MaxIrVersion = 13;

    /// <summary>
    /// The oldest default-domain operator set ONNX Runtime runs these operators in: before opset 7 it
    /// has no CPU kernel for Gemm, Add or Mul ("Could not find an implementation for Gemm(6)").
    /// </summary>
    public const long MinOpset = 7;

    /// <summary>The newest released operator set ONNX Runtime 1.31.1 loads (27 and later are refused as "under development").</summary>
    public const long MaxOpset = 26;

    /// <summary>Since opset 11 Gemm's bias C is optional; before, Gemm has exactly three inputs.</summary>
    public const long GemmOptionalBiasOpset = 11;

    /// <summary>Since opset 13 Softmax's axis defaults to -1; before, to 1.</summary>
    public const long SoftmaxLastAxisOpset = 13;
}

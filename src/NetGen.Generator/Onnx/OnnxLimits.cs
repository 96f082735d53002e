namespace NetGen.Generator.Onnx;

/// <summary>
/// What NetGen reads from a model file, in numbers. The version ranges are those ONNX Runtime 1.31.1
/// (the implementation tests/NetGen.Onnx.Tests checks NetGen against) loads: NetGen accepts no model
/// that ONNX Runtime refuses. docs/onnx.md lists them.
/// </summary>
internal static class OnnxLimits
{
    /// <summary>
    /// The most parameters a network imported from ONNX may have: fewer than the 10 million of a declared
    /// network, because an imported network's trained weights become a literal array in the generated
    /// source (about 20 characters each), which the compiler parses and binds value by value. Measured
    /// with <c>/usr/bin/time -v dotnet build -m:1 -nr:false --disable-build-servers
    /// -p:UseSharedCompilation=false</c> on a 2-core machine: 500,000 parameters took 21 s of CPU and
    /// 0.88 GB, 1,000,000 took 1.68 GB; 10,000,000 would take about 16 GB.
    /// </summary>
    public const long MaxParameters = 1_000_000;

    /// <summary>
    /// The largest model file NetGen reads: 8 bytes for each of the most parameters an imported network
    /// may have (<see cref="MaxParameters"/>, as doubles) plus 16 MiB for the graph's structure. The
    /// loader checks the length before reading and reads no more than this, so a huge file, or a
    /// device that never ends, cannot exhaust the compiler's memory.
    /// </summary>
    public const long MaxModelBytes = 8 * MaxParameters + 16 * 1024 * 1024;

    /// <summary>
    /// The most nodes, initializers, graph inputs or graph outputs a graph may have (each). NetGen's
    /// deepest network, 16,384 layers, needs at most a few nodes and initializers per layer (Gemm or
    /// MatMul, Add, an activation or Mul and Max, some Identity); the limit bounds the reader's memory
    /// and time, which grow by the entry (a million Identity nodes took 19 s and 680 MB to read).
    /// </summary>
    public const int MaxGraphEntries = 200_000;

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

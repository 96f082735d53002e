namespace NetGen.Generator.Planning;

/// <summary>
/// Every size limit and code-style threshold of NetGen, with the reason for each. The validator, the
/// topology parser and the emitters read them here; the README's "Size" section and the NG0011, NG0015,
/// NG0100-NG0102 pages state the same numbers.
/// </summary>
internal static class Limits
{
    /// <summary>The widest layer accepted (NG0011); wider is certainly a typo.</summary>
    public const int MaxWidth = 16_384;

    /// <summary>Above this many parameters a network is refused (NG0015) rather than risk a hang.</summary>
    public const long MaxParameters = 10_000_000;

    /// <summary>
    /// Above this many hidden and output units a network is refused (NG0015): every entry point holds a few buffers of
    /// every layer's units, and the generated code and its buffers grow with them.
    /// </summary>
    public const int MaxUnits = 16_384;

    /// <summary>
    /// The most bytes of buffers one loop-form entry point keeps on the thread's stack (stackalloc: no call, nothing
    /// to give back); the rest come from the runtime's per-thread <c>ScratchStack</c>. Buffers grow with steps x hidden
    /// units and with feature maps, to megabytes, and a stack overflow ends the process; a secondary thread's stack is
    /// 1 to 1.5 MB by default, so 32 KiB leaves room for the caller's frames and a nested call (a batch's rows, an
    /// explanation that runs another network), while small networks keep every buffer on the stack.
    /// </summary>
    public const int LoopStackBytes = 32 * 1024;

    /// <summary>
    /// The most layers of weights (hidden plus output) a network may have (NG0015). The generated code
    /// grows with the depth (about 5 KB per layer in loop form, every layer in every entry point), and the
    /// C# compiler's flow analysis of one method grows faster than its length: 1,000 layers of width 1
    /// took 75 s and 2.7 GB of compiler memory in <c>dotnet build</c>, 2,000 layers 63 s and 7.7 GB on a
    /// quieter machine. At this limit the worst accepted declaration builds in well under a minute and
    /// 2 GB (README, "Size"); real multilayer perceptrons have a handful of layers.
    /// </summary>
    public const int MaxLayers = 100;

    /// <summary>Up to this many weights, CodeStyle.Auto unrolls (docs/jit-measurements.md).</summary>
    public const int UnrollMaxWeights = 256;

    /// <summary>
    /// Up to this many units (every layer's output values), CodeStyle.Auto may unroll a network with
    /// convolution or pooling layers: each unit is about 5 named locals in unrolled code, and the JIT stops
    /// inlining into a method at 512 locals and tracks only 1,024 (/work/shared/JIT-LIMITS.md), so 128 units
    /// keep the forward method's ~640 locals near those limits rather than far past them.
    /// </summary>
    public const int UnrollMaxUnits = 128;

    /// <summary>Past this many weights an unrolled TrainStep exceeds the JIT's optimisation limits (NG0101).</summary>
    public const int JitCliffWeights = 560;

    /// <summary>
    /// Above this many weights NetGen does not unroll even when asked (NG0102): the file would run to
    /// megabytes (about 1 KB per weight), which slows every keystroke in the IDE.
    /// </summary>
    public const int UnrollHardMaxWeights = 4_096;

    /// <summary>
    /// Up to this many weights the mini-batch entry points run in SIMD lanes, whatever the single-sample
    /// code style: the lane method is straight-line code as long as an unrolled Backward, optimised by the
    /// JIT (Tier1) at 16-16-4 (320 weights), where it trains an epoch 3-5x faster than per-sample loops
    /// (docs/benchmarks.md), and well inside the JIT's limits (<see cref="JitCliffWeights"/>).
    /// </summary>
    public const int LaneMaxWeights = 400;

    /// <summary>
    /// From this many rows, the batch entry points of a loop-style dense network above <see cref="LaneMaxWeights"/>
    /// run each layer as matrix-matrix products (NetGen.Runtime.Gemm), whose 6-row register tiles want a few rows
    /// to fill; fewer rows go through Forward or Backward one at a time.
    /// </summary>
    public const int GemmMinRows = 8;

    /// <summary>
    /// Rows per matrix-matrix pass: bounds the per-thread working memory (a chunk's sums, outputs and errors)
    /// while keeping the products large enough to run at the kernel's speed.
    /// </summary>
    public const int GemmChunkRows = 256;

    /// <summary>
    /// Rows per matrix-matrix pass of ForwardBatch: twice <see cref="GemmChunkRows"/>, because a forward chunk keeps
    /// only the hidden outputs (no sums or errors) and each chunk packs every weight matrix once more; a row's
    /// outputs do not depend on its chunk.
    /// </summary>
    public const int GemmForwardChunkRows = 512;

    // Networks imported from ONNX: read from a file, so bounded before anything is materialised.

    /// <summary>
    /// The most parameters a network imported from ONNX may have: fewer than the 10 million of a declared
    /// network, because an imported network's trained weights become a literal array in the generated
    /// source (about 20 characters each), which the compiler parses and binds value by value. Measured
    /// with <c>/usr/bin/time -v dotnet build -m:1 -nr:false --disable-build-servers
    /// -p:UseSharedCompilation=false</c> on a 2-core machine: 500,000 parameters took 21 s of CPU and
    /// 0.88 GB, 1,000,000 took 1.68 GB; 10,000,000 would take about 16 GB.
    /// </summary>
    public const long MaxImportedParameters = 1_000_000;

    /// <summary>
    /// The largest model file NetGen reads: 8 bytes for each of the most parameters an imported network
    /// may have (<see cref="MaxImportedParameters"/>, as doubles) plus 16 MiB for the graph's structure. The
    /// loader checks the length before reading and reads no more than this, so a huge file, or a
    /// device that never ends, cannot exhaust the compiler's memory.
    /// </summary>
    public const long MaxModelBytes = 8 * MaxImportedParameters + 16 * 1024 * 1024;

    /// <summary>
    /// The most nodes, initializers, graph inputs or graph outputs a graph may have (each). NetGen's
    /// deepest network, 16,384 layers, needs at most a few nodes and initializers per layer (Gemm or
    /// MatMul, Add, an activation or Mul and Max, some Identity); the limit bounds the reader's memory
    /// and time, which grow by the entry (a million Identity nodes took 19 s and 680 MB to read).
    /// </summary>
    public const int MaxGraphEntries = 200_000;
}

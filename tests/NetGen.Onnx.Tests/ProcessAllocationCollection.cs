namespace NetGen.Onnx.Tests;

/// <summary>
/// Tests that read the whole process's allocation count (<c>GC.GetTotalAllocatedBytes</c>), because the work they
/// measure may run on the compiler's threads: they run with no other test beside them, since any test running in
/// parallel allocates into the same count (a compilation next door once pushed a refusal past its 50 MB bound).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessAllocationCollection
{
    public const string Name = "Process-wide allocation counts";
}

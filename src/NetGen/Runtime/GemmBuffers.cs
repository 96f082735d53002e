using System;

namespace NetGen.Runtime;

/// <summary>
/// The packing buffers of <see cref="Gemm"/>, one pair per thread and number type: they grow to the largest
/// block a thread has needed and are then reused, so steady-state calls allocate nothing and threads never share one.
/// </summary>
internal static class GemmBuffers<T>
    where T : unmanaged
{
    [ThreadStatic]
    private static T[]? s_a;

    [ThreadStatic]
    private static T[]? s_b;

    public static Span<T> A(int length) => Grow(ref s_a, length);

    public static Span<T> B(int length) => Grow(ref s_b, length);

    private static Span<T> Grow(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<T>(length);
        }
        return buffer.AsSpan(0, length);
    }
}

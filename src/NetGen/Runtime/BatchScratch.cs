using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Working memory for the batched entry points of large networks (a layer's sums, outputs and errors for a
/// chunk of rows): one buffer per thread and number type, grown to the largest request and then reused, so
/// that BackwardBatch and ForwardBatch allocate nothing after a thread's first call and stay thread-safe.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchScratch<T>
    where T : unmanaged
{
    [ThreadStatic]
    private static T[]? s_buffer;

    /// <summary>This thread's buffer, at least <paramref name="length"/> long; its contents are undefined.</summary>
    public static Span<T> Get(int length)
    {
        T[]? buffer = s_buffer;
        if (buffer is null || buffer.Length < length)
        {
            s_buffer = buffer = GC.AllocateUninitializedArray<T>(length);
        }
        return buffer.AsSpan(0, length);
    }
}

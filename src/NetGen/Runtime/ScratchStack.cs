using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// Working memory for the buffers of a loop-form entry point that are too large for the thread's stack (a long
/// sequence's states and gates, a large feature map: megabytes, and a stack overflow ends the process). One stack of
/// bytes per thread: a call notes <see cref="Mark"/>, takes its buffers with <see cref="Take{T}"/> and gives them all
/// back with <see cref="Release"/> in a <c>finally</c>, so a call nested in it on the same thread (a batch's rows, an
/// explanation that runs another network) takes memory above its caller's and never the same bytes. The buffer grows
/// to the largest need and is then reused: nothing is allocated after a thread's first call of each size.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScratchStack
{
    [ThreadStatic]
    private static byte[]? s_buffer;

    [ThreadStatic]
    private static int s_top;

    /// <summary>Where this thread's next buffer starts; pass it to <see cref="Release"/> to give back everything taken after it.</summary>
    public static int Mark => s_top;

    /// <summary>
    /// A zeroed buffer of <paramref name="length"/> values (zeroed, as <c>stackalloc</c> is), this thread's until
    /// <see cref="Release"/> with a mark noted before it.
    /// </summary>
    public static Span<T> Take<T>(int length)
        where T : unmanaged
    {
        int bytes = checked(length * Unsafe.SizeOf<T>());
        int start = s_top;
        // Every buffer starts 8-byte aligned (array data is), so doubles are never split across cache lines.
        int end = checked(start + ((bytes + 7) & ~7));
        byte[]? buffer = s_buffer;
        if (buffer is null || buffer.Length < end)
        {
            // A fresh array: the spans already taken keep the old one alive and are never handed out again.
            int doubled = buffer is null ? 0 : (int)Math.Min(2L * buffer.Length, Array.MaxLength);
            s_buffer = buffer = new byte[Math.Max(end, doubled)];
        }
        s_top = end;
        Span<T> span = MemoryMarshal.Cast<byte, T>(buffer.AsSpan(start, bytes));
        span.Clear();
        return span;
    }

    /// <summary>Gives back every buffer this thread took since <paramref name="mark"/> (from <see cref="Mark"/>).</summary>
    public static void Release(int mark) => s_top = mark;
}

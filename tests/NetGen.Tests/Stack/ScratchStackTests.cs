using NetGen.Runtime;

namespace NetGen.Tests.Stack;

/// <summary>
/// The runtime's per-thread scratch stack on its own: zeroed buffers, nested takes that never share memory (also when
/// the buffer grows under them), release back to a mark, one stack per thread.
/// </summary>
public class ScratchStackTests
{
    [Fact]
    public void A_buffer_is_zeroed_even_where_an_earlier_one_was_written() =>
        SmallStackTests.OnThread(1 << 20, () =>
        {
            int mark = ScratchStack.Mark;
            ScratchStack.Take<double>(100).Fill(7);
            ScratchStack.Release(mark);
            Span<double> again = ScratchStack.Take<double>(100);
            Assert.All(again.ToArray(), v => Assert.Equal(0, v));
            ScratchStack.Release(mark);
            return 0;
        });

    [Fact]
    public void Nested_takes_never_share_memory_also_when_the_buffer_grows_under_them() =>
        SmallStackTests.OnThread(1 << 20, () =>
        {
            int outer = ScratchStack.Mark;
            Span<double> first = ScratchStack.Take<double>(10);
            Span<int> second = ScratchStack.Take<int>(3);
            first.Fill(1);
            second.Fill(2);
            int inner = ScratchStack.Mark;
            // Far more than the buffer holds: a new array, while first and second still point into the old one.
            Span<float> grown = ScratchStack.Take<float>(100_000);
            grown.Fill(3);
            Assert.All(first.ToArray(), v => Assert.Equal(1, v));
            Assert.All(second.ToArray(), v => Assert.Equal(2, v));
            Assert.False(System.Runtime.InteropServices.MemoryMarshal.AsBytes(grown).Overlaps(System.Runtime.InteropServices.MemoryMarshal.AsBytes(first)));
            ScratchStack.Release(inner);
            Assert.Equal(inner, ScratchStack.Mark);
            Span<double> third = ScratchStack.Take<double>(10);
            third.Fill(4);
            Assert.All(first.ToArray(), v => Assert.Equal(1, v));
            Assert.All(second.ToArray(), v => Assert.Equal(2, v));
            ScratchStack.Release(outer);
            Assert.Equal(outer, ScratchStack.Mark);
            return 0;
        });

    [Fact]
    public void Every_thread_has_its_own_stack()
    {
        int Taken() => SmallStackTests.OnThread(1 << 20, () =>
        {
            int before = ScratchStack.Mark;
            ScratchStack.Take<double>(1000);
            int after = ScratchStack.Mark;
            ScratchStack.Release(before);
            return after - before;
        });
        Assert.Equal(8000, Taken());
        int mark = ScratchStack.Mark;
        ScratchStack.Take<double>(5);
        Assert.Equal(8000, Taken());
        ScratchStack.Release(mark);
    }
}

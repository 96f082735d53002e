using System.IO;

namespace NetGen.Tests.Training;

/// <summary>
/// Loading reads the header first and then only what it declares, bounded by the network's own file size
/// (issue 12, item 11): a wrong path or an endless stream is refused after a few bytes, never buffered.
/// </summary>
public class BoundedReadTests
{
    /// <summary>The file a SigmoidNet (3-4-2, double) saves: 258 bytes.</summary>
    private static byte[] Saved()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        using var stream = new MemoryStream();
        net.WriteParameters(stream);
        return stream.ToArray();
    }

    private static (ParameterFileException Error, long BytesRead) Read(Stream stream)
    {
        var counting = new CountingStream(stream);
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 7);
        long[] before = TestData.Bits(net.Parameters);
        var error = Assert.Throws<ParameterFileException>(() => net.ReadParameters(counting));
        Assert.Equal(before, TestData.Bits(net.Parameters));
        return (error, counting.BytesRead);
    }

    [Fact]
    public void An_endless_stream_of_zeros_is_refused_after_its_first_14_bytes()
    {
        var (error, read) = Read(new EndlessStream(Array.Empty<byte>(), 0));
        Assert.Equal(ParameterFileError.NotAParameterFile, error.Error);
        Assert.Equal(14, read);
    }

    [Fact]
    public void A_header_declaring_4_GB_is_refused_without_reading_on()
    {
        byte[] header = Saved()[..14];
        BitConverter.TryWriteBytes(header.AsSpan(10), uint.MaxValue);
        var (error, read) = Read(new EndlessStream(header, 0));
        Assert.Equal(ParameterFileError.Corrupted, error.Error);
        Assert.Equal("The header declares 4294967295 bytes; SigmoidNet's parameters take 258. It holds the parameters of a much larger network, or its header is damaged; nothing more was read.", error.Message);
        Assert.Equal(14, read);
    }

    [Fact]
    public void A_whole_file_followed_by_endless_data_is_refused_after_one_byte_more()
    {
        byte[] file = Saved();
        Assert.Equal(258, file.Length);
        var (error, read) = Read(new EndlessStream(file, 0x55));
        Assert.Equal(ParameterFileError.Corrupted, error.Error);
        Assert.Equal("The data goes on past the 258 bytes its header declares.", error.Message);
        Assert.Equal(259, read);
    }

    [Fact]
    public void A_file_of_the_network_reads_back_from_a_stream_that_returns_a_byte_at_a_time()
    {
        byte[] file = Saved();
        var net = new SigmoidNet();
        net.ReadParameters(new TrickleStream(file));
        var original = new SigmoidNet();
        ParameterInitializer.Initialize(original, 1);
        Assert.Equal(TestData.Bits(original.Parameters), TestData.Bits(net.Parameters));
    }

    [Fact]
    public void Loading_dev_zero_fails_at_once_naming_the_path()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ParameterFileException>(() => new SigmoidNet().LoadParameters("/dev/zero"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ParameterFileError.NotAParameterFile, error.Error);
        Assert.StartsWith("Cannot load '/dev/zero': The data is not a NetGen parameter file", error.Message);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_file_declaring_a_length_past_its_end_is_truncated_not_buffered()
    {
        byte[] file = Saved();
        BitConverter.TryWriteBytes(file.AsSpan(10), 258u + 1000u);
        var (error, read) = Read(new MemoryStream(file));
        Assert.Equal(ParameterFileError.Truncated, error.Error);
        Assert.Equal(258, read);
        Assert.Contains("The file has 258 bytes but its header says 1258: it was cut short.", error.Message);
    }

    /// <summary>Counts what is read through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = inner.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary><paramref name="start"/>, then <paramref name="fill"/> forever; fails the test after 16 MB, as a reader that buffers would.</summary>
    private sealed class EndlessStream(byte[] start, byte fill) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            Assert.True(_position < 16 << 20, "the reader went on reading an endless stream");
            for (int k = 0; k < buffer.Length; k++, _position++)
            {
                buffer[k] = _position < start.Length ? start[_position] : fill;
            }
            return buffer.Length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Returns one byte per read, as a slow pipe may.</summary>
    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position == bytes.Length || buffer.Length == 0)
            {
                return 0;
            }
            buffer[0] = bytes[_position++];
            return 1;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

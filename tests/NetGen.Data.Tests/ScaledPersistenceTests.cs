namespace NetGen.Data.Tests;

/// <summary>A scaler saved with the parameters, in one file, and files saved without one.</summary>
public class ScaledPersistenceTests
{
    private static readonly FeatureScaler Scaler = FeatureScaler.Create(ScalingMethod.MinMax, [1.5, -2, 0.1], [3, 0.25, 1e-3]);

    private static ThreeFeatureNet Trained(int seed)
    {
        var net = new ThreeFeatureNet();
        ParameterInitializer.Initialize(net, seed);
        return net;
    }

    [Fact]
    public void Parameters_and_scaler_round_trip_through_one_file()
    {
        ThreeFeatureNet net = Trained(1);
        string path = TestFiles.Write("net.ngp", "");
        net.SaveParameters(path, Scaler);

        var loaded = new ThreeFeatureNet();
        loaded.LoadParameters(path, out FeatureScaler? scaler);

        Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
        Assert.NotNull(scaler);
        Assert.Equal(ScalingMethod.MinMax, scaler.Method);
        Assert.Equal(Scaler.Offsets, scaler.Offsets);
        Assert.Equal(Scaler.Scales, scaler.Scales);
    }

    [Fact]
    public void A_file_saved_without_a_scaler_loads_with_none()
    {
        ThreeFeatureNet net = Trained(2);
        string path = TestFiles.Write("plain.ngp", "");
        net.SaveParameters(path);

        var loaded = new ThreeFeatureNet();
        loaded.LoadParameters(path, out FeatureScaler? scaler);

        Assert.Null(scaler);
        Assert.Equal(net.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void The_parameter_block_is_the_plain_file_byte_for_byte_and_streams_work_too()
    {
        ThreeFeatureNet net = Trained(3);
        using var plain = new MemoryStream();
        net.WriteParameters(plain);
        using var both = new MemoryStream();
        net.WriteParameters(both, Scaler);

        Assert.Equal(plain.ToArray(), both.ToArray()[..(int)plain.Length]);
        Assert.Equal("NGSCALER"u8.ToArray(), both.ToArray()[(int)plain.Length..][..8]);

        both.Position = 0;
        var loaded = new ThreeFeatureNet();
        loaded.ReadParameters(both, out FeatureScaler? scaler);
        Assert.Equal(Scaler.Scales, scaler!.Scales);
    }

    [Fact]
    public void A_corrupted_or_foreign_scaler_section_is_rejected_and_the_network_is_unchanged()
    {
        ThreeFeatureNet net = Trained(4);
        using var stream = new MemoryStream();
        net.WriteParameters(stream, Scaler);
        byte[] bytes = stream.ToArray();
        var target = Trained(5);
        double[] before = target.Parameters.ToArray();

        byte[] flipped = (byte[])bytes.Clone();
        flipped[^10] ^= 0x40;   // inside the scales
        var e = Assert.Throws<ParameterFileException>(() => target.ReadParameters(new MemoryStream(flipped), out _));
        Assert.Equal(ParameterFileError.Corrupted, e.Error);
        Assert.Contains("scaler", e.Message);

        var cut = Assert.Throws<ParameterFileException>(() => target.ReadParameters(new MemoryStream(bytes[..^3]), out _));
        Assert.Equal(ParameterFileError.Truncated, cut.Error);
        Assert.Equal(before, target.Parameters.ToArray());

        Assert.Throws<ArgumentException>(() => net.WriteParameters(new MemoryStream(), FeatureScaler.Create(ScalingMethod.Standardize, [0.0], [1.0])));
    }

    [Fact]
    public void The_plain_loader_refuses_a_file_with_a_scaler_rather_than_silently_dropping_it()
    {
        ThreeFeatureNet net = Trained(6);
        string path = TestFiles.Write("scaled.ngp", "");
        net.SaveParameters(path, Scaler);

        // A network loaded without its scaler would be fed raw features: better an error than wrong answers.
        Assert.Throws<ParameterFileException>(() => new ThreeFeatureNet().LoadParameters(path));
    }

    [Fact]
    public void An_endless_stream_is_refused_after_its_header()
    {
        var zeros = new EndlessStream(Array.Empty<byte>());
        var e = Assert.Throws<ParameterFileException>(() => new ThreeFeatureNet().ReadParameters(zeros, out _));
        Assert.Equal(ParameterFileError.NotAParameterFile, e.Error);
        Assert.Equal(14, zeros.BytesRead);
    }

    [Fact]
    public void A_whole_file_and_scaler_followed_by_endless_data_is_refused_after_at_most_a_scaler_more()
    {
        ThreeFeatureNet net = Trained(7);
        using var stream = new MemoryStream();
        net.WriteParameters(stream, Scaler);
        var endless = new EndlessStream(stream.ToArray());
        var e = Assert.Throws<ParameterFileException>(() => new ThreeFeatureNet().ReadParameters(endless, out _));
        Assert.Equal(ParameterFileError.Corrupted, e.Error);
        Assert.Contains("nothing more was read", e.Message);
        Assert.True(endless.BytesRead <= 2 * stream.Length, $"read {endless.BytesRead} bytes of a {stream.Length}-byte file followed by zeros");
    }

    [Fact]
    public void The_plain_loader_says_how_to_load_a_file_that_also_holds_a_scaler()
    {
        ThreeFeatureNet net = Trained(8);
        using var stream = new MemoryStream();
        net.WriteParameters(stream, Scaler);
        stream.Position = 0;
        var e = Assert.Throws<ParameterFileException>(() => new ThreeFeatureNet().ReadParameters(stream));
        Assert.Equal(ParameterFileError.Corrupted, e.Error);
        Assert.Contains("followed by a feature scaler", e.Message);
        Assert.Contains("out FeatureScaler? scaler", e.Message);
    }

    /// <summary>The given bytes, then zeros for ever (what /dev/zero gives), counting what was read.</summary>
    private sealed class EndlessStream(byte[] start) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (int k = 0; k < count; k++)
            {
                buffer[offset + k] = BytesRead + k < start.Length ? start[BytesRead + k] : (byte)0;
            }
            BytesRead += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Tests.Training;

/// <summary>Save and load: exact round trips, and every damaged or foreign file refused with the network untouched.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netgen-persistence-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static SigmoidNet Trained(int seed)
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, seed);
        new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = 3, BatchSize = 4, Optimizer = new Adam(0.05) })
            .Fit(net, TestData.Regression(16, 3, 2, 1));
        return net;
    }

    private static byte[] Saved(SigmoidNet net)
    {
        using var stream = new MemoryStream();
        net.WriteParameters(stream);
        return stream.ToArray();
    }

    /// <summary>Loads <paramref name="bytes"/> into a network with other parameters; asserts the failure leaves them as they were.</summary>
    private static ParameterFileException Refused(byte[] bytes)
    {
        SigmoidNet target = Trained(99);
        long[] before = TestData.Bits(target.Parameters);
        var error = Assert.Throws<ParameterFileException>(() => target.ReadParameters(new MemoryStream(bytes)));
        Assert.Equal(before, TestData.Bits(target.Parameters));
        return error;
    }

    [Fact]
    public void A_file_round_trip_gives_back_every_bit()
    {
        SigmoidNet net = Trained(1);
        net.SaveParameters(PathOf("net.ngp"));
        var loaded = new SigmoidNet();
        loaded.LoadParameters(PathOf("net.ngp"));
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(loaded.Parameters));
    }

    [Fact]
    public void Float_and_loop_style_networks_round_trip_exactly()
    {
        var single = new SoftmaxFloatNet();
        ParameterInitializer.Initialize(single, 4);
        single.SaveParameters(PathOf("single.ngp"));
        var singleLoaded = new SoftmaxFloatNet();
        singleLoaded.LoadParameters(PathOf("single.ngp"));
        Assert.Equal(TestData.Bits(single.Parameters), TestData.Bits(singleLoaded.Parameters));

        var loops = new LoopsNet();
        ParameterInitializer.Initialize(loops, 4);
        var loopsLoaded = new LoopsNet();
        loopsLoaded.LoadParameterJson(loops.ToParameterJson());
        Assert.Equal(TestData.Bits(loops.Parameters), TestData.Bits(loopsLoaded.Parameters));
    }

    [Fact]
    public void The_file_records_its_size_from_the_layout()
    {
        // 8 magic + 2 version + 4 length + 1 scalar size + 1 bias mode + 4 layer count + 3 x 4 sizes
        // + 2 activations + 4 parameter count + 8 fingerprint + 26 x 8 parameters + 4 CRC.
        Assert.Equal(8 + 2 + 4 + 1 + 1 + 4 + 12 + 2 + 4 + 8 + 26 * 8 + 4, Saved(Trained(1)).Length);
        Assert.Equal(26, SigmoidNet.ParameterCount);
    }

    [Fact]
    public void The_json_round_trip_gives_back_every_bit_and_reads_by_name_in_any_culture()
    {
        SigmoidNet net = Trained(2);
        CultureInfo saved = CultureInfo.CurrentCulture;
        string json;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // decimal comma
            json = net.ToParameterJson();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        Assert.Contains("\"topology\": \"3-4:sigmoid-2:sigmoid\"", json);
        Assert.Contains("\"biases\": \"per-neuron\"", json);
        Assert.Contains($"\"w_o2_h4\": {net.Params.w_o2_h4.ToString("R", CultureInfo.InvariantCulture)}", json);
        var loaded = new SigmoidNet();
        loaded.LoadParameterJson(json);
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(loaded.Parameters));
    }

    [Fact]
    public void Every_truncation_is_detected()
    {
        byte[] bytes = Saved(Trained(1));
        for (int length = 0; length < bytes.Length; length++)
        {
            ParameterFileException error = Refused(bytes[..length]);
            Assert.Equal(ParameterFileError.Truncated, error.Error);
        }
    }

    [Fact]
    public void Every_flipped_bit_is_detected()
    {
        byte[] bytes = Saved(Trained(1));
        for (int bit = 0; bit < bytes.Length * 8; bit++)
        {
            byte[] corrupt = (byte[])bytes.Clone();
            corrupt[bit / 8] ^= (byte)(1 << (bit % 8));
            ParameterFileException error = Refused(corrupt);
            int at = bit / 8;
            // The magic, version and length are read before the checksum; everything else is covered by it.
            ParameterFileError expected = at < 8 ? ParameterFileError.NotAParameterFile
                : at < 10 ? ParameterFileError.UnsupportedVersion
                : at < 14 ? error.Error // a wrong length reads as truncated or as extra bytes
                : ParameterFileError.Corrupted;
            Assert.Equal(expected, error.Error);
            Assert.Contains(error.Error, new[] { ParameterFileError.Truncated, ParameterFileError.Corrupted, ParameterFileError.NotAParameterFile, ParameterFileError.UnsupportedVersion });
        }
    }

    [Fact]
    public void Extra_bytes_and_foreign_files_are_refused()
    {
        byte[] bytes = Saved(Trained(1));
        Assert.Equal(ParameterFileError.Corrupted, Refused(bytes.Append((byte)0).ToArray()).Error);
        Assert.Equal(ParameterFileError.NotAParameterFile, Refused(Encoding.UTF8.GetBytes("{\"weights\": [1, 2, 3]}")).Error);
    }

    [Fact]
    public void A_newer_format_version_is_refused_by_name()
    {
        byte[] bytes = Saved(Trained(1));
        bytes[8] = 2;
        ParameterFileException error = Refused(bytes);
        Assert.Equal(ParameterFileError.UnsupportedVersion, error.Error);
        Assert.Contains("version 2", error.Message);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
    }

    public static TheoryData<string, string> OtherNetworks => new()
    {
        { nameof(WiderNet), "3-5:sigmoid-2:sigmoid, per-neuron biases, double" },
        { nameof(SoftmaxNet), "3-4:tanh-2:softmax, per-neuron biases, double" },
        { nameof(SharedBiasNet), "3-4:sigmoid-2:sigmoid, shared biases, double" },
        { nameof(SoftmaxFloatNet), "3-4:tanh-2:softmax, per-neuron biases, float" },
    };

    [Theory]
    [MemberData(nameof(OtherNetworks))]
    public void A_file_from_another_network_is_refused_naming_both(string other, string otherDescription)
    {
        string path = PathOf(other + ".ngp");
        switch (other)
        {
            case nameof(WiderNet): Save(new WiderNet()); break;
            case nameof(SoftmaxNet): Save(new SoftmaxNet()); break;
            case nameof(SharedBiasNet): Save(new SharedBiasNet()); break;
            default:
                var single = new SoftmaxFloatNet();
                ParameterInitializer.Initialize(single, 1);
                single.SaveParameters(path);
                break;
        }
        SigmoidNet target = Trained(5);
        long[] before = TestData.Bits(target.Parameters);
        var error = Assert.Throws<ParameterFileException>(() => target.LoadParameters(path));
        Assert.Equal(ParameterFileError.DifferentNetwork, error.Error);
        Assert.Contains(otherDescription, error.Message);
        Assert.Contains("SigmoidNet is 3-4:sigmoid-2:sigmoid, per-neuron biases, double", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Equal(before, TestData.Bits(target.Parameters));

        void Save<TNet>(TNet net)
            where TNet : INetwork<TNet, double>
        {
            ParameterInitializer.Initialize(net, 1);
            net.SaveParameters(path);
        }
    }

    [Fact]
    public void A_crash_in_the_middle_of_a_save_keeps_the_previous_file()
    {
        string path = PathOf("net.ngp");
        Trained(1).SaveParameters(path);
        byte[] previous = File.ReadAllBytes(path);
        byte[] next = Saved(Trained(2));

        Assert.Throws<IOException>(() => AtomicFile.Replace(path, stream =>
        {
            stream.Write(next, 0, next.Length / 2);
            throw new IOException("simulated crash half-way through the write");
        }));

        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(new[] { "net.ngp" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Saving_replaces_the_file_and_refuses_non_finite_parameters()
    {
        string path = PathOf("net.ngp");
        Trained(1).SaveParameters(path);
        SigmoidNet second = Trained(2);
        second.SaveParameters(path);
        Assert.Equal(Saved(second), File.ReadAllBytes(path));

        second.Parameters[0] = double.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => second.SaveParameters(path));
        Assert.Contains(SigmoidNet.ParameterNames[0], error.Message);
        second.Parameters[0] = 0;
        var reloaded = new SigmoidNet();
        reloaded.LoadParameters(path);
        Assert.NotEqual(0, reloaded.Parameters[0]);
        Assert.Equal(new[] { "net.ngp" }, Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    public static TheoryData<string, string, ParameterFileError> JsonDamage => new()
    {
        { "\"w_h1_i1\":", "\"w_h9_i1\":", ParameterFileError.Corrupted },          // unknown name (and one missing)
        { "\"w_h1_i2\":", "\"w_h1_i1\":", ParameterFileError.Corrupted },          // a duplicate
        { "\"topology\": \"3-4:sigmoid-2:sigmoid\"", "\"topology\": \"3-5:sigmoid-2:sigmoid\"", ParameterFileError.DifferentNetwork },
        { "\"version\": 1", "\"version\": 9", ParameterFileError.UnsupportedVersion },
        { "\"format\": \"netgen-parameters\"", "\"format\": \"other\"", ParameterFileError.NotAParameterFile },
        { "\"parameters\": {", "\"parameters\": [", ParameterFileError.Corrupted },   // not JSON any more
        // Duplicate top-level keys: System.Text.Json keeps the last, so these loaded before (issue 12, item 14).
        { "\"precision\": \"double\"", "\"precision\": \"float\", \"precision\": \"double\"", ParameterFileError.Corrupted },
        { "\"format\": \"netgen-parameters\"", "\"format\": \"netgen-parameters\", \"format\": \"netgen-parameters\"", ParameterFileError.Corrupted },
        { "\"parameters\": {", "\"parameters\": {}, \"parameters\": {", ParameterFileError.Corrupted },
    };

    [Theory]
    [MemberData(nameof(JsonDamage))]
    public void Damaged_json_is_refused_with_the_network_untouched(string find, string replace, ParameterFileError expected)
    {
        string json = Trained(1).ToParameterJson();
        Assert.Contains(find, json);
        string damaged = json.Replace(find, replace);
        SigmoidNet target = Trained(7);
        long[] before = TestData.Bits(target.Parameters);
        var error = Assert.Throws<ParameterFileException>(() => target.LoadParameterJson(damaged));
        Assert.Equal(expected, error.Error);
        Assert.Equal(before, TestData.Bits(target.Parameters));
    }

    [Fact]
    public void A_json_value_that_is_not_a_finite_number_is_named()
    {
        SigmoidNet net = Trained(1);
        string json = net.ToParameterJson();
        string value = net.Params.b_o1.ToString("R", CultureInfo.InvariantCulture);
        string damaged = json.Replace($"\"b_o1\": {value}", "\"b_o1\": \"NaN\"");
        var error = Assert.Throws<ParameterFileException>(() => new SigmoidNet().LoadParameterJson(damaged));
        Assert.Contains("b_o1", error.Message);
    }
}

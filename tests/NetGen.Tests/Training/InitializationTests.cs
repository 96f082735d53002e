namespace NetGen.Tests.Training;

/// <summary>Seeded Glorot/He initialisation: per layer by activation, reproducible, frozen values kept.</summary>
public class InitializationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_bits_and_another_seed_other_values()
    {
        var a = new SigmoidNet();
        var b = new SigmoidNet();
        var c = new SigmoidNet();
        ParameterInitializer.Initialize(a, 7);
        ParameterInitializer.Initialize(b, 7);
        ParameterInitializer.Initialize(c, 8);
        Assert.Equal(TestData.Bits(a.Parameters), TestData.Bits(b.Parameters));
        Assert.NotEqual(TestData.Bits(a.Parameters), TestData.Bits(c.Parameters));
    }

    [Fact]
    public void Each_layer_gets_He_or_Glorot_by_its_activation()
    {
        var net = new MixedNet();
        ParameterInitializer.Initialize(net, 3);
        double[] p = net.Parameters.ToArray();
        // 20-50:relu-30:tanh-25:leakyrelu-10 (identity): weights, then biases, layer after layer.
        (int FanIn, int FanOut, double Limit)[] layers =
        {
            (20, 50, Math.Sqrt(6.0 / 20)),       // ReLU: He
            (50, 30, Math.Sqrt(6.0 / (50 + 30))), // tanh: Glorot
            (30, 25, Math.Sqrt(6.0 / 30)),       // LeakyReLU: He
            (25, 10, Math.Sqrt(6.0 / (25 + 10))), // identity: Glorot
        };
        int offset = 0;
        foreach (var (fanIn, fanOut, limit) in layers)
        {
            double[] weights = p[offset..(offset + fanIn * fanOut)];
            double[] biases = p[(offset + fanIn * fanOut)..(offset + fanIn * fanOut + fanOut)];
            Assert.All(weights, w => Assert.InRange(Math.Abs(w), 0, limit));
            Assert.True(weights.Max(Math.Abs) > 0.95 * limit, $"weights of the {fanIn}-{fanOut} layer should fill (-{limit}, {limit})");
            // U(-a, a) has variance a^2 / 3; with 250 to 1500 draws the sample variance is within 20%.
            double variance = weights.Select(w => w * w).Average();
            Assert.InRange(variance / (limit * limit / 3), 0.8, 1.2);
            Assert.All(biases, b => Assert.Equal(0.0, b));
            offset += fanIn * fanOut + fanOut;
        }
        Assert.Equal(MixedNet.ParameterCount, offset);
    }

    [Fact]
    public void A_scheme_can_be_forced()
    {
        var net = new MixedNet();
        ParameterInitializer.Initialize(net, 3, InitializationScheme.Glorot);
        double[] firstLayer = net.Parameters[..(20 * 50)].ToArray();
        Assert.All(firstLayer, w => Assert.InRange(Math.Abs(w), 0, Math.Sqrt(6.0 / 70)));
    }

    [Fact]
    public void Frozen_biases_keep_their_values()
    {
        var net = new FrozenBiasNet();
        for (int k = 0; k < FrozenBiasNet.ParameterCount; k++)
        {
            net.Parameters[k] = 0.3;
        }
        ParameterInitializer.Initialize(net, 1);
        for (int k = 0; k < FrozenBiasNet.ParameterCount; k++)
        {
            if (!FrozenBiasNet.ParameterIsTrainable[k])
            {
                Assert.Equal(0.3, net.Parameters[k]);
            }
            else
            {
                Assert.NotEqual(0.3, net.Parameters[k]);
            }
        }
    }

    [Fact]
    public void Float_and_double_networks_draw_the_same_numbers()
    {
        var single = new SoftmaxFloatNet();
        var twin = new SoftmaxNet();
        ParameterInitializer.Initialize(single, 11);
        ParameterInitializer.Initialize(twin, 11);
        for (int k = 0; k < SoftmaxNet.ParameterCount; k++)
        {
            Assert.Equal((float)twin.Parameters[k], single.Parameters[k]);
        }
    }
}

namespace NetGen.Tests.Training;

/// <summary>
/// <see cref="TrainerOptions.ClipGradientNorm"/> and <see cref="GradientClipping"/> against PyTorch's
/// <c>clip_grad_norm_</c>: the numbers are printed by docs/checks/pytorch-clip-check.py (Debian's python3-torch).
/// </summary>
public class GradientClippingTests
{
    // torch: a.grad = [3, -4], b.grad = [12]; clip_grad_norm_([a, b], 2.0) returns 13 and leaves these.
    [Fact]
    public void A_gradient_longer_than_the_limit_is_scaled_by_max_over_norm_plus_1e_6_as_torch_does()
    {
        double[] gradient = [3.0, -4.0, 12.0, 100.0];
        bool[] trainable = [true, true, true, false];
        double norm = GradientClipping.ClipByNorm<double>(gradient, trainable, 2.0);
        Assert.Equal(13.0, norm);
        Assert.Equal([0.46153842603550577, -0.61538456804734099, 1.8461537041420231], gradient[..3]);
        Assert.Equal(100.0, gradient[3]); // frozen: neither counted nor changed
    }

    // torch: a.grad = [0.6, -0.8] (norm exactly 1), clip_grad_norm_(.., 1.0): clamp(1 / (1 + 1e-6), max=1) still scales.
    [Fact]
    public void A_norm_equal_to_the_limit_is_scaled_by_the_clamped_coefficient_as_torch_does()
    {
        double[] gradient = [0.6, -0.8];
        Assert.Equal(1.0, GradientClipping.ClipByNorm<double>(gradient, [true, true], 1.0));
        Assert.Equal([0.59999940000060004, -0.79999920000080005], gradient);
    }

    [Fact]
    public void A_gradient_within_the_limit_is_left_bit_for_bit()
    {
        float[] gradient = [0.1f, -0.2f, 0.3f];
        float[] before = (float[])gradient.Clone();
        double norm = GradientClipping.ClipByNorm<float>(gradient, [true, true, true], 1.0);
        Assert.Equal(Math.Sqrt(0.01 + 0.04 + 0.09), norm, 1e-7);
        Assert.Equal(TestData.Bits(before), TestData.Bits(gradient));
    }

    public static TheoryData<string, double, double> PyTorchRuns => new()
    {
        { "sgd", 0.05, 0.0 },
        { "sgd_decay", 0.05, 0.1 },
        { "momentum", 0.02, 0.0 },
        { "adam", 0.05, 0.0 },
        { "sgd_unclipped", 1000.0, 0.0 },
    };

    [Theory]
    [MemberData(nameof(PyTorchRuns))]
    public void Training_with_clipping_follows_PyTorch_to_1e_12(string optimizer, double maxNorm, double weightDecay)
    {
        var net = new SigmoidNet();
        for (int k = 0; k < SigmoidNet.ParameterCount; k++)
        {
            net.Parameters[k] = 0.5 * Math.Sin(k + 1);
        }
        var trainer = new Trainer<SigmoidNet, double>(new TrainerOptions
        {
            Epochs = 4, BatchSize = 3, Shuffle = false, ClipGradientNorm = maxNorm, WeightDecay = weightDecay, Accuracy = AccuracyMode.None,
            Optimizer = optimizer switch { "momentum" => new Momentum(0.5, 0.9), "adam" => new Adam(0.01), _ => new Sgd(0.5) },
        });
        trainer.Fit(net, ClipData(), progress: null);
        double[] expected = Expected[optimizer];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - net.Parameters[k]) < 1e-12, $"{optimizer}: parameter {k} is {net.Parameters[k]:R}, torch {expected[k]:R}");
        }
    }

    [Fact]
    public void A_float_network_with_clipping_follows_PyTorch_in_float32_to_1e_6()
    {
        var net = new SoftmaxFloatNet();
        for (int k = 0; k < SoftmaxFloatNet.ParameterCount; k++)
        {
            net.Parameters[k] = (float)(0.5 * Math.Sin(k + 1));
        }
        float[][] x = Enumerable.Range(0, 6).Select(r => Enumerable.Range(0, 3).Select(c => (float)(Math.Cos(0.7 * (3 * r + c)) * 2)).ToArray()).ToArray();
        float[][] y = Enumerable.Range(0, 6).Select(r => new float[] { 1 - r % 2, r % 2 }).ToArray();
        new Trainer<SoftmaxFloatNet, float>(new TrainerOptions { Epochs = 4, BatchSize = 3, Shuffle = false, ClipGradientNorm = 0.05, Optimizer = new Adam(0.01) })
            .Fit(net, DataSet<float>.FromRows(x, y, 3, 2), progress: null);
        // docs/checks/pytorch-clip-check.py, "float_adam" (first norms 1.546 and 0.706: every step is clipped).
        float[] expected = [0.441966325f, 0.446409076f, 0.0597922318f, -0.449223161f, -0.49918142f, -0.152191192f, 0.30459398f, 0.503239155f, 0.217077389f, -0.28286314f, -0.487359703f, -0.255969435f, 0.1875083f, 0.476937979f, 0.349331677f, -0.122950539f, -0.465802073f, -0.386699349f, 0.0890173614f, 0.442417264f, 0.403431147f, 0.00678007631f, -0.437188953f, -0.438733816f, -0.0206068922f, 0.335710227f];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - net.Parameters[k]) < 1e-6, $"parameter {k} is {net.Parameters[k]:R}, torch {expected[k]:R}");
        }
    }

    [Fact]
    public void The_clipped_run_differs_from_the_unclipped_one_so_the_pinned_runs_test_clipping()
    {
        double difference = Expected["sgd"].Zip(Expected["sgd_unclipped"], (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference > 1e-3, $"largest difference {difference}");
    }

    [Fact]
    public void Clipping_is_bit_identical_whatever_the_parallelism()
    {
        DataSet<double> data = TestData.Regression(300, 3, 2, 4);
        long[] Train(int parallelism)
        {
            var net = new SigmoidNet();
            ParameterInitializer.Initialize(net, 2);
            new Trainer<SigmoidNet, double>(new TrainerOptions
            {
                Epochs = 3, BatchSize = 150, ClipGradientNorm = 0.01, Parallelism = parallelism, Optimizer = new Adam(0.01), Seed = 3,
            }).Fit(net, data, progress: null);
            return TestData.Bits(net.Parameters);
        }
        Assert.Equal(Train(1), Train(2));
    }

    [Fact]
    public void Clipping_allocates_nothing_per_epoch()
    {
        const int Epochs = 30;
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 1);
        var bytesAt = new long[Epochs];
        int count = 0;
        var meter = new SynchronousProgress<EpochReport>(_ => bytesAt[count++] = GC.GetAllocatedBytesForCurrentThread());
        new Trainer<SigmoidNet, double>(new TrainerOptions { Epochs = Epochs, BatchSize = 1, ClipGradientNorm = 0.01, Optimizer = new Sgd(0.5), WeightDecay = 1e-3 })
            .Fit(net, TestData.Regression(64, 3, 2, 1), progress: meter);
        Assert.Equal(Epochs, count);
        Assert.Equal(0, bytesAt[Epochs - 1] - bytesAt[0]);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_limit_that_is_not_a_positive_finite_number_is_refused_when_the_trainer_is_made(double maxNorm)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<SigmoidNet, double>(new TrainerOptions { ClipGradientNorm = maxNorm }));
        Assert.Equal("ClipGradientNorm", error.ParamName);
        Assert.Contains("positive finite number", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm<double>(new double[1], [true], maxNorm));
    }

    [Fact]
    public void Spans_of_different_lengths_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => GradientClipping.ClipByNorm<double>(new double[3], [true, true], 1.0));
        Assert.Contains("3 gradients and 2 trainable flags", error.Message);
    }

    /// <summary>The script's X and Y: x_rc = 2 cos(0.7 (3r + c)), y_r = [r mod 2, 1 - (r mod 2) / 2].</summary>
    private static DataSet<double> ClipData()
    {
        double[][] x = Enumerable.Range(0, 6).Select(r => Enumerable.Range(0, 3).Select(c => Math.Cos(0.7 * (3 * r + c)) * 2).ToArray()).ToArray();
        double[][] y = Enumerable.Range(0, 6).Select(r => new double[] { r % 2, 1 - (r % 2) * 0.5 }).ToArray();
        return DataSet<double>.FromRows(x, y, 3, 2);
    }

    private static readonly Dictionary<string, double[]> Expected = new()
    {
        ["sgd"] = [0.41731670068040333, 0.45098900781438628, 0.068380601283999851, -0.37957882002691778, -0.48133324368544672, -0.14139237887919234, 0.33101023696886767, 0.49627318037235091, 0.20598070918926811, -0.26923855345034586, -0.49746829522410824, -0.26719324220103391, 0.21375011654859907, 0.49337586167202863, 0.32008646535574453, -0.14731275534866423, -0.46177830532413017, -0.36334149227797985, 0.094736844526426583, 0.46443517581260541, 0.45498012948947258, 0.043317523269224452, -0.3843612990391862, -0.41410466627238451, -0.03885104063085796, 0.45664197916207344],
        ["sgd_decay"] = [0.27605335691417698, 0.29782026796191541, 0.04406475784636267, -0.25222594994635716, -0.31997426753843677, -0.094388160919521236, 0.21976678893107643, 0.3296513056250816, 0.13711655919013321, -0.1779208173655453, -0.32878365849827551, -0.17605152155681963, 0.14245139918535749, 0.32726084861429128, 0.21166021927746359, -0.098320840736000892, -0.30215291839013214, -0.23942424229661557, 0.067203204920357834, 0.30931466230784416, 0.31018702611374255, 0.038546765062906309, -0.24657809336176373, -0.26598224347701988, -0.020200503692473171, 0.31968401529677676],
        ["momentum"] = [0.41699584319128252, 0.45337150059985459, 0.072345920759574939, -0.37922536798775958, -0.48027608004982514, -0.14012870422357757, 0.33181917293508406, 0.49577588619621155, 0.20441107009224727, -0.26917292815775706, -0.49981627701075021, -0.27085053854442159, 0.21658518315373482, 0.49340078661591774, 0.31719699494761966, -0.15042816708014481, -0.46307267017839782, -0.35723525330260053, 0.092993404664734963, 0.47111722251480304, 0.47740167304253761, 0.065547439641163996, -0.36047491235291412, -0.3974196411065905, -0.034363797445876622, 0.49632778343142386],
        ["adam"] = [0.40860239774885049, 0.46083587500006867, 0.081327185002966748, -0.37711877999891785, -0.47384576803525869, -0.13224834968002006, 0.35893080005624445, 0.49099424725792901, 0.19145374210750399, -0.26597738111640451, -0.50807537718523821, -0.28060112274479443, 0.25028608167733563, 0.49358495166898086, 0.25699566947746982, -0.17834577662535536, -0.47751381852801605, -0.29694026799457029, 0.076990084261571501, 0.49493192035066202, 0.4784255632969755, 0.0751925018022708, -0.36386177791177376, -0.37505299099774519, -0.051610869233488704, 0.45529472298475249],
        ["sgd_unclipped"] = [0.41287030473300729, 0.44635100315885906, 0.065732313980657903, -0.38114630671894423, -0.48330974378738256, -0.14284831350943117, 0.33342229738526341, 0.49683252097528374, 0.2044242633532409, -0.26620627623598914, -0.49510072328401999, -0.26660388161296988, 0.21840139512474976, 0.49188771730352732, 0.31452056711724641, -0.15064768358840094, -0.43935082116975915, -0.34806026772877324, 0.11686702529362637, 0.47399760045485578, 0.49747263708098943, 0.098763530402933397, -0.33900238753568979, -0.36895850164219873, -0.0067106052517618142, 0.54448723906104524],
    };
}

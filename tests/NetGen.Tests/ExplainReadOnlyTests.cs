using System.IO;
namespace NetGen.Tests;

/// <summary>Explain inspects without changing anything; ExplainStep and the training entry points refuse bad learning rates.</summary>
public class ExplainReadOnlyTests
{
    [Fact]
    public void Explain_reports_every_term_and_leaves_the_network_unchanged()
    {
        var net = new WorkedExampleNet();
        PublishedWalkthrough.Load(net.Parameters, WorkedExampleNet.ParameterNames);
        double[] before = net.Parameters.ToArray();
        var recorder = new ExplanationRecorder<double>();
        double loss = net.Explain(PublishedWalkthrough.Input, PublishedWalkthrough.Target, recorder);

        Assert.Equal(before, net.Parameters.ToArray());
        Assert.False(recorder.TookStep);
        Assert.Equal(0.2490895, loss, 1e-6);
        Assert.Equal(0.0802031, recorder["dE_dw_o1_h1"], 1e-6);
        Assert.Equal(0.5, recorder["w_o1_h1"]);
        Assert.DoesNotContain(recorder.Entries, e => e.IsUpdate);
    }

    [Fact]
    public void Explain_of_a_loop_style_network_leaves_it_unchanged_too()
    {
        var net = new LoopedWorkedExampleNet();
        PublishedWalkthrough.Load(net.Parameters, LoopedWorkedExampleNet.ParameterNames);
        double[] before = net.Parameters.ToArray();
        var text = new StringWriter();
        net.Explain(PublishedWalkthrough.Input, PublishedWalkthrough.Target, text);
        Assert.Equal(before, net.Parameters.ToArray());
        Assert.Contains("| `dE_dw_h1_i1` |", text.ToString());
        Assert.DoesNotContain("(new)", text.ToString());
        Assert.DoesNotContain(ExplanationRecorder<double>.UpdateConvention, text.ToString());
    }

    [Fact]
    public void ExplainStep_says_which_update_convention_it_follows()
    {
        var net = new WorkedExampleNet();
        PublishedWalkthrough.Load(net.Parameters, WorkedExampleNet.ParameterNames);
        var text = new StringWriter();
        net.ExplainStep(PublishedWalkthrough.Input, PublishedWalkthrough.Target, PublishedWalkthrough.LearningRate, text);
        Assert.Contains(ExplanationRecorder<double>.UpdateConvention, text.ToString());
        Assert.Equal(0.451878125, net.Params.w_o1_h1, 1e-9);
    }

    public static IEnumerable<object[]> BadRates() =>
        new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.1 }.Select(r => new object[] { r });

    [Theory]
    [MemberData(nameof(BadRates))]
    public void Every_stepping_entry_point_refuses_a_bad_learning_rate_and_changes_nothing(double rate)
    {
        var unrolled = new WorkedExampleNet();
        var looped = new LoopedWorkedExampleNet();
        var single = new FloatNet();
        PublishedWalkthrough.Load(unrolled.Parameters, WorkedExampleNet.ParameterNames);
        PublishedWalkthrough.Load(looped.Parameters, LoopedWorkedExampleNet.ParameterNames);
        double[] before = unrolled.Parameters.ToArray();
        double[] input = PublishedWalkthrough.Input, target = PublishedWalkthrough.Target;

        Assert.Throws<ArgumentOutOfRangeException>(() => unrolled.TrainStep(input, target, rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => unrolled.TrainBatch(input, target, rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => unrolled.ExplainStep(input, target, rate, new ExplanationRecorder<double>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => looped.TrainStep(input, target, rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => looped.TrainBatch(input, target, rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => single.TrainStep(new float[3], new float[2], (float)rate));
        Assert.Equal(before, unrolled.Parameters.ToArray());
        Assert.Equal(before, looped.Parameters.ToArray());
    }
}

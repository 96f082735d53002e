namespace NetGen.Tests;

/// <summary>The published 2-2-2 worked example, reproduced by the generated code.</summary>
public class WorkedExampleTests
{
    private static readonly double[] Input = { 0.1, 0.5 };
    private static readonly double[] Target = { 0.05, 0.95 };
    private const double LearningRate = 0.6;

    /// <summary>w1..w8 of the example, in NetGen's names.</summary>
    private static readonly (string Name, double Start, double Published)[] Weights =
    {
        ("w_h1_i1", 0.1, 0.09933), ("w_h2_i1", 0.2, 0.19919), ("w_h1_i2", 0.3, 0.29667), ("w_h2_i2", 0.4, 0.39597),
        ("w_o1_h1", 0.5, 0.45187), ("w_o1_h2", 0.6, 0.55073), ("w_o2_h1", 0.7, 0.71056), ("w_o2_h2", 0.8, 0.81081),
    };

    private static WorkedExampleNet Create()
    {
        var net = new WorkedExampleNet();
        foreach (var (name, start, _) in Weights)
        {
            net.Parameters[IndexOf(name)] = start;
        }
        net.Params.b_h = 0.25;
        net.Params.b_o = 0.35;
        return net;
    }

    private static int IndexOf(string name) => WorkedExampleNet.ParameterNames.ToArray().ToList().IndexOf(name);

    [Fact]
    public void Parameter_layout_is_pytorch_order_with_one_shared_bias_per_layer()
    {
        Assert.Equal(
            new[] { "w_h1_i1", "w_h1_i2", "w_h2_i1", "w_h2_i2", "b_h", "w_o1_h1", "w_o1_h2", "w_o2_h1", "w_o2_h2", "b_o" },
            WorkedExampleNet.ParameterNames.ToArray());
        Assert.Equal(10, WorkedExampleNet.ParameterCount);
        Assert.Equal(new[] { 2, 2, 2 }, WorkedExampleNet.LayerSizes.ToArray());
    }

    [Fact]
    public void Forward_gives_the_published_outputs()
    {
        var output = new double[2];
        Create().Forward(Input, output);
        Assert.Equal(0.73492, output[0], 1e-5);
        Assert.Equal(0.77955, output[1], 1e-5);
    }

    [Fact]
    public void Explain_reports_the_published_forward_values_and_error()
    {
        var step = new ExplanationRecorder<double>();
        Create().ExplainStep(Input, Target, LearningRate, step);
        Assert.Equal(0.60108, step["out_h1"], 1e-5);
        Assert.Equal(0.61538, step["out_h2"], 1e-5);
        Assert.Equal(0.73492, step["out_o1"], 1e-5);
        Assert.Equal(0.77955, step["out_o2"], 1e-5);
        Assert.Equal(0.24908, step["E_total"], 1e-5);
        Assert.Equal(step["E_total"], step["E1"] + step["E2"], 1e-15);
    }

    [Fact]
    public void One_TrainStep_gives_the_published_new_weights_and_leaves_the_biases()
    {
        WorkedExampleNet net = Create();
        double loss = net.TrainStep(Input, Target, LearningRate);
        Assert.Equal(0.24908, loss, 1e-5);
        foreach (var (name, _, published) in Weights)
        {
            Assert.True(Math.Abs(net.Parameters[IndexOf(name)] - published) < 1e-5, $"{name} = {net.Parameters[IndexOf(name)]}, published {published}");
        }
        Assert.Equal(0.25, net.Params.b_h);
        Assert.Equal(0.35, net.Params.b_o);
    }

    [Fact]
    public void Backward_gives_the_eight_gradients_of_an_independent_implementation()
    {
        WorkedExampleNet net = Create();
        var gradient = new double[10];
        double loss = net.Backward(Input, Target, gradient);
        var reference = ReferenceMlp.Run(new[] { 2, 2, 2 }, sharedBias: true, net.Parameters.ToArray(), Input, Target);
        Assert.Equal(reference.Loss, loss, 1e-15);
        foreach (var (name, _, _) in Weights)
        {
            Assert.Equal(reference.Gradient[IndexOf(name)], gradient[IndexOf(name)], 1e-15);
        }
        // The example's w5: dE/dw5 = dE/dout_o1 * dout_o1/dsum_o1 * dsum_o1/dw5 = 0.0802031...
        Assert.Equal(0.0802031, gradient[IndexOf("w_o1_h1")], 1e-7);
        // Frozen biases receive no gradient.
        Assert.Equal(0.0, gradient[IndexOf("b_h")]);
        Assert.Equal(0.0, gradient[IndexOf("b_o")]);
    }

    [Fact]
    public void Explain_performs_the_same_step_as_TrainStep()
    {
        WorkedExampleNet explained = Create(), trained = Create();
        var step = new ExplanationRecorder<double>();
        double explainedLoss = explained.ExplainStep(Input, Target, LearningRate, step);
        double trainedLoss = trained.TrainStep(Input, Target, LearningRate);
        Assert.Equal(trainedLoss, explainedLoss);
        Assert.Equal(trained.Parameters.ToArray(), explained.Parameters.ToArray());
        Assert.Equal(0.45187, step["w_o1_h1"], 1e-5);
        Assert.Equal(0.5, step.Before("w_o1_h1"));
    }

    [Fact]
    public void Explain_writes_a_markdown_walkthrough_with_the_numbers_substituted()
    {
        var step = new ExplanationRecorder<double>();
        Create().ExplainStep(Input, Target, LearningRate, step);
        var text = new System.IO.StringWriter();
        step.WriteMarkdown(text);
        string markdown = text.ToString();
        Assert.Contains("| `sum_h1` | `w_h1_i1 * i1 + w_h1_i2 * i2 + b_h` | `0.1 * 0.1 + 0.3 * 0.5 + 0.25` | 0.41 |", markdown);
        Assert.Contains("| `dE_dw_o1_h1` | `dE_dsum_o1 * out_h1` |", markdown);
    }
}

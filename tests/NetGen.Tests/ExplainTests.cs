using System.IO;
using System.Numerics;

namespace NetGen.Tests;

/// <summary>
/// Explain exists for every network: unrolled networks report their named locals; loop-style networks
/// loop over units and report the same values, in the same order and words. Explain takes exactly the
/// step TrainStep takes.
/// </summary>
public class ExplainTests
{
    internal delegate T ExplainCall<TNet, T>(TNet net, T[] input, T[] target, T learningRate, IExplanation<T> explanation);

    private static void Fill<T>(Span<T> parameters, int seed)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = T.CreateChecked(random.NextDouble() - 0.5);
        }
    }

    private static double D<T>(T value) where T : INumberBase<T> => double.CreateChecked(value);

    /// <summary>Explains one step of each twin from the same parameters and compares every entry.</summary>
    internal static void AssertTwinsExplainAlike<TUnrolled, TLooped, T>(
        ExplainCall<TUnrolled, T> explainUnrolled, ExplainCall<TLooped, T> explainLooped, T[] input, T[] target, double tolerance)
        where TUnrolled : INetwork<TUnrolled, T>, new()
        where TLooped : INetwork<TLooped, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var unrolled = new TUnrolled();
        var looped = new TLooped();
        Fill(unrolled.Parameters, 7);
        unrolled.Parameters.CopyTo(looped.Parameters);
        Assert.Equal(TUnrolled.ParameterNames.ToArray(), TLooped.ParameterNames.ToArray());

        var expected = new ExplanationRecorder<T>();
        var actual = new ExplanationRecorder<T>();
        T learningRate = T.CreateChecked(0.1);
        T expectedLoss = explainUnrolled(unrolled, input, target, learningRate, expected);
        T actualLoss = explainLooped(looped, input, target, learningRate, actual);

        Assert.Equal(D(expectedLoss), D(actualLoss), tolerance);
        Assert.Equal(expected.Entries.Select(e => $"{e.Name} = {(e.IsUpdate ? "update" : e.Formula)}"), actual.Entries.Select(e => $"{e.Name} = {(e.IsUpdate ? "update" : e.Formula)}"));
        for (int k = 0; k < expected.Entries.Count; k++)
        {
            var (e, a) = (expected.Entries[k], actual.Entries[k]);
            double difference = Math.Abs(D(e.Value) - D(a.Value));
            Assert.True(difference <= tolerance * Math.Max(1, Math.Abs(D(e.Value))), $"{e.Name}: unrolled {e.Value}, loops {a.Value}");
        }
    }

    /// <summary>Explain, then TrainStep on a copy: the parameters must come out identical, bit for bit.</summary>
    internal static void AssertExplainStepsLikeTrainStep<TNet, T>(ExplainCall<TNet, T> explain, T[] input, T[] target)
        where TNet : INetwork<TNet, T>, new()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TNet explained = new(), trained = new();
        Fill(explained.Parameters, 11);
        explained.Parameters.CopyTo(trained.Parameters);
        T learningRate = T.CreateChecked(0.05);
        var recorder = new ExplanationRecorder<T>();
        T explainedLoss = explain(explained, input, target, learningRate, recorder);
        T trainedLoss = trained.TrainStep(input, target, learningRate);
        Assert.Equal(trainedLoss, explainedLoss);
        Assert.True(explained.Parameters.SequenceEqual(trained.Parameters), "Explain took a different step from TrainStep");
        Assert.Equal(D(explainedLoss), D(recorder["E_total"]));
        int trainable = TNet.ParameterIsTrainable.ToArray().Count(t => t);
        Assert.Equal(trainable, recorder.Entries.Count(e => e.IsUpdate));
    }

    [Fact]
    public void Loop_style_explains_the_worked_example_exactly_as_the_unrolled_code_does()
    {
        var unrolled = new WorkedExampleNet();
        var looped = new LoopedWorkedExampleNet();
        PublishedWalkthrough.Load(unrolled.Parameters, WorkedExampleNet.ParameterNames);
        PublishedWalkthrough.Load(looped.Parameters, LoopedWorkedExampleNet.ParameterNames);
        var expected = new ExplanationRecorder<double>();
        var actual = new ExplanationRecorder<double>();
        unrolled.ExplainStep(PublishedWalkthrough.Input, PublishedWalkthrough.Target, PublishedWalkthrough.LearningRate, expected);
        looped.ExplainStep(PublishedWalkthrough.Input, PublishedWalkthrough.Target, PublishedWalkthrough.LearningRate, actual);

        // Same names, formulas and numbers: the Markdown walkthroughs are identical, line for line.
        Assert.Equal(Markdown(expected), Markdown(actual));
        Assert.Equal(0.45187, actual["w_o1_h1"], 1e-5);
        Assert.Equal(0.24908, actual["E_total"], 1e-5);
    }

    private static string Markdown(ExplanationRecorder<double> recorder)
    {
        var text = new StringWriter();
        recorder.WriteMarkdown(text);
        return text.ToString();
    }

    [Fact]
    public void Loop_style_explains_deep_networks_like_the_unrolled_code() =>
        AssertTwinsExplainAlike<DeepUnrolled, DeepLooped, double>(
            (n, i, t, r, e) => n.ExplainStep(i, t, r, e), (n, i, t, r, e) => n.ExplainStep(i, t, r, e),
            new[] { 0.3, -0.7, 0.9 }, new[] { 0.2, -0.4 }, 1e-15);

    [Fact]
    public void Loop_style_explains_softmax_with_cross_entropy_and_shared_biases_like_the_unrolled_code() =>
        AssertTwinsExplainAlike<SoftmaxUnrolled, SoftmaxLooped, double>(
            (n, i, t, r, e) => n.ExplainStep(i, t, r, e), (n, i, t, r, e) => n.ExplainStep(i, t, r, e),
            new[] { 0.3, -0.7, 0.9, 0.1 }, new[] { 0.0, 1.0, 0.0 }, 1e-15);

    [Fact]
    public void Loop_style_explains_softmax_with_squared_error_like_the_unrolled_code() =>
        AssertTwinsExplainAlike<SoftmaxSquaredUnrolled, SoftmaxSquaredLooped, double>(
            (n, i, t, r, e) => n.ExplainStep(i, t, r, e), (n, i, t, r, e) => n.ExplainStep(i, t, r, e),
            new[] { 0.3, -0.7, 0.9 }, new[] { 0.2, 0.5, 0.3 }, 1e-15);

    [Fact]
    public void Loop_style_explains_single_precision_binary_cross_entropy_like_the_unrolled_code() =>
        AssertTwinsExplainAlike<BinaryUnrolled, BinaryLooped, float>(
            (n, i, t, r, e) => n.ExplainStep(i, t, r, e), (n, i, t, r, e) => n.ExplainStep(i, t, r, e),
            new[] { 0.3f, -0.7f }, new[] { 1f, 0f }, 1e-6);

    [Fact]
    public void Explain_takes_the_same_step_as_TrainStep_in_both_code_styles()
    {
        AssertExplainStepsLikeTrainStep<DeepLooped, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), new[] { 0.3, -0.7, 0.9 }, new[] { 0.2, -0.4 });
        AssertExplainStepsLikeTrainStep<DeepUnrolled, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), new[] { 0.3, -0.7, 0.9 }, new[] { 0.2, -0.4 });
        AssertExplainStepsLikeTrainStep<SoftmaxLooped, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), new[] { 0.3, -0.7, 0.9, 0.1 }, new[] { 0.0, 1.0, 0.0 });
        AssertExplainStepsLikeTrainStep<SoftmaxSquaredLooped, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), new[] { 0.3, -0.7, 0.9 }, new[] { 0.2, 0.5, 0.3 });
        AssertExplainStepsLikeTrainStep<BinaryLooped, float>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), new[] { 0.3f, -0.7f }, new[] { 1f, 0f });
    }

    [Fact]
    public void A_784_128_10_network_explains_every_unit_and_parameter_with_loops()
    {
        var random = new Random(3);
        double[] input = Enumerable.Range(0, 784).Select(_ => random.NextDouble()).ToArray();
        double[] target = new double[10];
        target[7] = 1;
        AssertExplainStepsLikeTrainStep<Mnist, double>((n, i, t, r, e) => n.ExplainStep(i, t, r, e), input, target);

        var net = new Mnist();
        Fill(net.Parameters, 5);
        var output = new double[10];
        net.Forward(input, output);
        var recorder = new ExplanationRecorder<double>();
        net.ExplainStep(input, target, 0.01, recorder);
        Assert.Equal(101_770, recorder.Entries.Count(e => e.IsUpdate));
        Assert.Equal(101_770, recorder.Entries.Count(e => e.Name.StartsWith("dE_dw_", StringComparison.Ordinal) || e.Name.StartsWith("dE_db_", StringComparison.Ordinal)));
        // Long sums are written with their first two and last terms.
        Assert.Equal("w_h1_i1 * i1 + w_h1_i2 * i2 + ... + w_h1_i784 * i784 + b_h1", recorder.Entries.First(e => e.Name == "sum_h1").Formula);
        Assert.Equal("dE_dsum_o1 * w_o1_h128 + dE_dsum_o2 * w_o2_h128 + ... + dE_dsum_o10 * w_o10_h128", recorder.Entries.First(e => e.Name == "dE_dout_h128").Formula);
        Assert.Equal("dE_dsum_h5 * i784", recorder.Entries.First(e => e.Name == "dE_dw_h5_i784").Formula);
        // The outputs are the forward pass's own (computed before the step changed the parameters).
        for (int k = 0; k < 10; k++)
        {
            Assert.Equal(output[k], recorder[$"out_o{k + 1}"]);
        }
    }

    /// <summary>The Markdown rows: name (with "(new)" for an update) to the result column.</summary>
    private static Dictionary<string, double> Rows(string markdown) =>
        markdown.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .GroupBy(cells => cells[1].Trim('`'))
            .ToDictionary(g => g.Key, g => double.Parse(g.Last()[4], System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Explain_to_a_TextWriter_writes_the_published_walkthrough_with_the_seed_examples_numbers()
    {
        foreach (bool loops in new[] { false, true })
        {
            var text = new StringWriter();
            double loss;
            if (loops)
            {
                var net = new LoopedWorkedExampleNet();
                PublishedWalkthrough.Load(net.Parameters, LoopedWorkedExampleNet.ParameterNames);
                loss = net.ExplainStep(PublishedWalkthrough.Input, PublishedWalkthrough.Target, PublishedWalkthrough.LearningRate, text);
            }
            else
            {
                var net = new WorkedExampleNet();
                PublishedWalkthrough.Load(net.Parameters, WorkedExampleNet.ParameterNames);
                loss = net.ExplainStep(PublishedWalkthrough.Input, PublishedWalkthrough.Target, PublishedWalkthrough.LearningRate, text);
            }
            string markdown = text.ToString();
            Dictionary<string, double> rows = Rows(markdown);
            foreach (var (name, printed) in PublishedWalkthrough.Printed)
            {
                Assert.True(rows.ContainsKey(name), $"no row for {name}");
                Assert.True(Math.Abs(rows[name] - printed) < 1e-5, $"{name} is {rows[name]}, the walkthrough prints {printed}");
            }
            Assert.Equal(loss, rows["E_total"], 1e-9);
            // The worked example's own lines, with the numbers substituted, in the order a person computes them.
            Assert.Contains("| `sum_h1` | `w_h1_i1 * i1 + w_h1_i2 * i2 + b_h` | `0.1 * 0.1 + 0.3 * 0.5 + 0.25` | 0.41 |", markdown);
            Assert.Contains("| `dE_dw_o1_h1` | `dE_dsum_o1 * out_h1` |", markdown);
            Assert.Contains("| `w_o1_h1 (new)` | `w_o1_h1 - 0.6 * 0.0802", markdown);
            string[] order = { "sum_h1", "out_h1", "sum_o1", "out_o1", "E_total", "dE_dout_o1", "dout_o1_dsum_o1", "dE_dsum_o1", "dE_dw_o1_h1", "dE_dout_h1", "dE_dw_h1_i1", "w_o1_h1 (new)" };
            int[] positions = order.Select(name => markdown.IndexOf("| `" + name + "` |", StringComparison.Ordinal)).ToArray();
            Assert.All(positions, p => Assert.True(p >= 0));
            Assert.Equal(positions.OrderBy(p => p), positions);
        }
    }

    [Fact]
    public void Explain_checks_its_arguments_before_writing_anything()
    {
        var net = new LoopedWorkedExampleNet();
        var text = new StringWriter();
        Assert.Throws<ArgumentException>(() => net.ExplainStep(new double[3], new double[2], 0.1, text));
        Assert.Equal("", text.ToString());
        Assert.Throws<ArgumentNullException>(() => net.ExplainStep(new double[2], new double[2], 0.1, (TextWriter)null!));
    }

    [Fact]
    public void The_walkthrough_rows_quoted_in_the_documentation_are_what_Explain_writes()
    {
        var net = new WorkedExampleNet();
        PublishedWalkthrough.Load(net.Parameters, WorkedExampleNet.ParameterNames);
        var text = new StringWriter();
        net.ExplainStep(PublishedWalkthrough.Input, PublishedWalkthrough.Target, PublishedWalkthrough.LearningRate, text);
        string page = File.ReadAllText(Path.Combine(Root(), "docs", "reading-the-generated-code.md"));
        string[] rows = page.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("| `", StringComparison.Ordinal) && l.Contains(" | `", StringComparison.Ordinal) && l.Split('|').Length == 6).ToArray();
        Assert.True(rows.Length >= 6, $"only {rows.Length} rows");
        Assert.All(rows, row => Assert.Contains(row + Environment.NewLine, text.ToString()));
    }

    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}

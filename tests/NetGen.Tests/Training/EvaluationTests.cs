namespace NetGen.Tests.Training;

/// <summary>Loss, accuracy and confusion matrices over data sets, against independent computations and hand-built predictions.</summary>
public class EvaluationTests
{
    [Fact]
    public void Loss_is_the_mean_of_the_independent_reference_loss()
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, 3);
        DataSet<double> data = TestData.Regression(9, 3, 2, 8);
        double expected = Enumerable.Range(0, data.Count)
            .Select(r => ReferenceMlp.Run(new[] { 3, 4, 2 }, false, TestData.Copy(net), data.Input(r).ToArray(), data.Target(r).ToArray()).Loss)
            .Average();
        Assert.Equal(expected, Evaluate.Loss(net, data), 1e-14);
    }

    [Fact]
    public void Loss_of_a_matrix_product_network_over_several_blocks_is_the_mean_of_its_rows_losses()
    {
        // 300 rows: BackwardBatch blocks of 128, 128 and 44 rows through the matrix products, against Backward row by row.
        var net = new NetGen.Tests.LoopsNet();
        ParameterInitializer.Initialize(net, 5);
        DataSet<double> data = TestData.Regression(300, 64, 10, 6);
        var gradient = new double[NetGen.Tests.LoopsNet.ParameterCount];
        double expected = Enumerable.Range(0, data.Count).Select(r => net.Backward(data.Input(r), data.Target(r), gradient)).Average();
        Assert.Equal(expected, Evaluate.Loss(net, data), 1e-12 * expected);
    }

    /// <summary>Identity weights: the outputs are softmax(inputs), so the prediction is the larger input.</summary>
    private static ArgMaxNet PicksTheLargerInput()
    {
        var net = new ArgMaxNet();
        ref ArgMaxNet.ParameterSet p = ref net.Params;
        (p.w_h1_i1, p.w_h2_i2, p.w_o1_h1, p.w_o2_h2) = (1, 1, 1, 1);
        return net;
    }

    // Inputs and true classes: predicted (larger input) 0, 1, 0, 1, 0, 0; actual 0, 1, 1, 0, 0, 1.
    private static readonly DataSet<double> Labelled = DataSet<double>.FromRows(
        new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 2.0, 1.0 }, new[] { 0.0, 3.0 }, new[] { 5.0, 1.0 }, new[] { 0.5, -0.5 } },
        new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 }, new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 } },
        2, 2);

    [Fact]
    public void Accuracy_counts_the_rows_whose_largest_output_is_the_true_class()
    {
        Assert.Equal(3.0 / 6, Evaluate.Accuracy(PicksTheLargerInput(), Labelled));
    }

    [Fact]
    public void The_confusion_matrix_counts_actual_against_predicted()
    {
        ConfusionMatrix matrix = Evaluate.ConfusionMatrix(PicksTheLargerInput(), Labelled);
        Assert.Equal(2, matrix.ClassCount);
        Assert.Equal((2, 1, 2, 1), (matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1]));
        Assert.Equal((6, 3), (matrix.Total, matrix.Correct));
        Assert.Equal(2.0 / 3, matrix.Recall(0));
        Assert.Equal(0.5, matrix.Precision(1));
        string table = matrix.ToString(new[] { "cat", "dog" });
        Assert.Contains("cat", table);
        Assert.Equal(3, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_single_output_is_read_as_a_binary_class_at_one_half()
    {
        var (xorNet, _) = Xor.XorTraining.Train(seed: 0);
        ConfusionMatrix matrix = Evaluate.ConfusionMatrix(xorNet, Xor.XorTraining.Data);
        var output = new double[1];
        int[] predicted = Enumerable.Range(0, 4).Select(r => { xorNet.Forward(Xor.XorTraining.Data.Input(r), output); return output[0] >= 0.5 ? 1 : 0; }).ToArray();
        int[] actual = { 0, 1, 1, 0 };
        for (int a = 0; a < 2; a++)
        {
            for (int p = 0; p < 2; p++)
            {
                Assert.Equal(Enumerable.Range(0, 4).Count(r => actual[r] == a && predicted[r] == p), matrix[a, p]);
            }
        }
        Assert.Equal(matrix.Accuracy, Evaluate.Accuracy(xorNet, Xor.XorTraining.Data));
    }

    [Fact]
    public void Accuracy_of_a_regression_is_refused()
    {
        var net = new SigmoidNet();
        Assert.Throws<ArgumentException>(() => Evaluate.Accuracy(net, TestData.Regression(5, 3, 2, 1)));
        Assert.Throws<ArgumentException>(() => Evaluate.ConfusionMatrix(net, TestData.Regression(5, 3, 2, 1)));
    }
}

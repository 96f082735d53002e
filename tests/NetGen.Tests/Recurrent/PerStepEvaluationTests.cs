using NetGen;

namespace NetGen.Tests.Recurrent;

/// <summary>
/// Accuracy and confusion matrices of a network whose head runs per time step (outputs <c>[time, units]</c>): each
/// step is one prediction. The double echoes its input, so each row's input is the prediction being scored.
/// </summary>
public class PerStepEvaluationTests
{
    private static double[] OneHot(params int[] classes) => classes.SelectMany(c => Enumerable.Range(0, 4).Select(k => k == c ? 1.0 : 0.0)).ToArray();

    [Fact]
    public void A_sequence_tagger_is_scored_per_step_by_argmax()
    {
        // Predictions (argmax per step) row 1: 0, 2, 3; row 2: 1, 1, 0. Targets row 1: 0, 2, 1; row 2: 1, 3, 0.
        double[][] predictions =
        [
            [0.9, 0.1, 0, 0, /**/ 0.1, 0.2, 0.6, 0.1, /**/ 0.2, 0.2, 0.2, 0.4],
            [0.1, 0.7, 0.1, 0.1, /**/ 0.3, 0.4, 0.1, 0.2, /**/ 0.5, 0.3, 0.1, 0.1],
        ];
        double[][] targets = [OneHot(0, 2, 1), OneHot(1, 3, 0)];
        var data = DataSet<double>.FromRows(predictions, targets, 12, 12);
        var net = new RecurrentDouble<Tagger, double>();

        Assert.Equal(4.0 / 6, Evaluate.Accuracy(net, data), 15);
        ConfusionMatrix matrix = Evaluate.ConfusionMatrix(net, data);
        Assert.Equal(4, matrix.ClassCount);
        Assert.Equal((6, 4), (matrix.Total, matrix.Correct));
        Assert.Equal(1, matrix[1, 3]); // row 1, step 3: actual 1, predicted 3
        Assert.Equal(1, matrix[3, 1]); // row 2, step 2: actual 3, predicted 1
    }

    [Fact]
    public void A_binary_per_step_head_is_thresholded_per_step()
    {
        // Inputs are 3 x 2; the echo's 3 outputs are the first three input values, one per step.
        double[][] inputs = [[0.8, 0.2, 0.6, 0, 0, 0], [0.4, 0.9, 0.1, 0, 0, 0]];
        double[][] targets = [[1, 0, 0], [0, 1, 0]];
        var data = DataSet<double>.FromRows(inputs, targets, 6, 3);
        var net = new RecurrentDouble<BinaryTagger, double>();

        // Row 1 predicts 1 0 1 against 1 0 0 (two right); row 2 predicts 0 1 0 against 0 1 0 (three right). Scored per
        // row, as before per-step heads, it would be 1 of 2.
        Assert.Equal(5.0 / 6, Evaluate.Accuracy(net, data), 15);
        ConfusionMatrix matrix = Evaluate.ConfusionMatrix(net, data);
        Assert.Equal((2, 6, 5), (matrix.ClassCount, matrix.Total, matrix.Correct));
        Assert.Equal((2, 1), (matrix[1, 1], matrix[0, 1]));
    }

    [Fact]
    public void Targets_that_are_not_labels_per_step_have_no_confusion_matrix()
    {
        double[][] rows = [Enumerable.Repeat(0.5, 12).ToArray()];
        var data = DataSet<double>.FromRows(rows, rows, 12, 12);
        var error = Assert.Throws<ArgumentException>(() => Evaluate.ConfusionMatrix(new RecurrentDouble<Tagger, double>(), data));
        Assert.Contains("one label per time step", error.Message);
    }
}

namespace NetGen.Tests;

/// <summary>Wrong span lengths throw ArgumentException naming the expected length, before anything is written.</summary>
public class SpanLengthTests
{
    private static Net3x5x2 Create()
    {
        var net = new Net3x5x2();
        RandomParameters.Fill(net, 5);
        return net;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(0)]
    public void Forward_rejects_an_input_of_the_wrong_length(int length)
    {
        var output = new double[] { 42, 42 };
        var error = Assert.Throws<ArgumentException>(() => Create().Forward(new double[length], output));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("length 3", error.Message);
        Assert.Equal(new double[] { 42, 42 }, output);
    }

    [Fact]
    public void Forward_rejects_an_output_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => Create().Forward(new double[3], new double[3]));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("length 2", error.Message);
    }

    [Fact]
    public void Backward_rejects_wrong_lengths_and_leaves_the_gradient_untouched()
    {
        Net3x5x2 net = Create();
        var gradient = new double[Net3x5x2.ParameterCount];
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => net.Backward(new double[3], new double[1], gradient)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => net.Backward(new double[5], new double[2], gradient)).ParamName);
        var wrong = Assert.Throws<ArgumentException>(() => net.Backward(new double[3], new double[2], new double[Net3x5x2.ParameterCount - 1]));
        Assert.Equal("gradient", wrong.ParamName);
        Assert.Contains($"length {Net3x5x2.ParameterCount}", wrong.Message);
        Assert.All(gradient, g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void TrainStep_rejects_wrong_lengths_and_leaves_the_parameters_untouched()
    {
        Net3x5x2 net = Create();
        double[] before = net.Parameters.ToArray();
        Assert.Throws<ArgumentException>(() => net.TrainStep(new double[3], new double[3], 0.5));
        Assert.Throws<ArgumentException>(() => net.TrainStep(new double[2], new double[2], 0.5));
        Assert.Equal(before, net.Parameters.ToArray());
    }

    [Fact]
    public void BackwardBatch_rejects_partial_rows_and_mismatched_row_counts_before_writing()
    {
        Net3x5x2 net = Create();
        var gradient = new double[Net3x5x2.ParameterCount];
        var partial = Assert.Throws<ArgumentException>(() => net.BackwardBatch(new double[7], new double[4], gradient));
        Assert.Equal("inputs", partial.ParamName);
        Assert.Contains("rows of 3", partial.Message);
        var mismatched = Assert.Throws<ArgumentException>(() => net.BackwardBatch(new double[9], new double[4], gradient));
        Assert.Equal("targets", mismatched.ParamName);
        Assert.Contains("length 6", mismatched.Message);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => net.BackwardBatch(new double[9], new double[6], new double[3])).ParamName);
        Assert.All(gradient, g => Assert.Equal(0.0, g));
        Assert.Equal(0.0, net.BackwardBatch(Array.Empty<double>(), Array.Empty<double>(), gradient));
    }

    [Fact]
    public void TrainBatch_rejects_an_empty_batch_and_wrong_lengths_and_leaves_the_parameters_untouched()
    {
        Net3x5x2 net = Create();
        double[] before = net.Parameters.ToArray();
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => net.TrainBatch(Array.Empty<double>(), Array.Empty<double>(), 0.5)).ParamName);
        Assert.Throws<ArgumentException>(() => net.TrainBatch(new double[6], new double[2], 0.5));
        Assert.Throws<ArgumentException>(() => net.TrainBatch(new double[5], new double[2], 0.5));
        Assert.Equal(before, net.Parameters.ToArray());
    }
}

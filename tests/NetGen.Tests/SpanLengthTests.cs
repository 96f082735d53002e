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
}

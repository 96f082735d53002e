using Samples.Shared;

namespace NetGen.Tests.Training;

/// <summary>What the samples print and draw (issue 16, item 10): readable exponents, enough labelled ticks.</summary>
public class SampleOutputTests
{
    [Theory]
    [InlineData(0.24072, "2.4072E-01")]          // "E4" printed 2.4072E-001
    [InlineData(2.0140e-17, "2.0140E-17")]
    [InlineData(7.3843e-28, "7.3843E-28")]
    [InlineData(12345.6, "1.2346E+04")]
    public void Scientific_numbers_have_two_digit_exponents(double value, string printed)
    {
        Assert.Equal(printed, Numbers.Scientific(value));
    }

    [Fact]
    public void The_iris_loss_range_gets_round_labelled_ticks_every_1_2_5()
    {
        // Iris, seed 0: 0.80 at epoch 1 down to 0.024 held out. Powers of ten alone labelled only 0.1 and 1.
        // (Rendered by samples/Iris with headless Chromium: the y axis reads 0.02, 0.05, 0.1, 0.2, 0.5, 1.)
        var ticks = LogTicks.For(0.024, 0.80);
        Assert.Equal(new[] { "0.02", "0.05", "0.1", "0.2", "0.5", "1" }, ticks.Select(t => t.Label));
        Assert.Equal(new[] { 0.02, 0.05, 0.1, 0.2, 0.5, 1 }, ticks.Select(t => t.Value));
        Assert.Equal(new[] { "0.05", "0.1", "0.2", "0.5", "1", "2" }, LogTicks.For(0.052, 1.1).Select(t => t.Label));
    }

    [Fact]
    public void Wide_ranges_keep_powers_of_ten_and_narrow_ones_get_every_multiple()
    {
        // XOR: 0.7 down to 2e-4, four decades and more: powers of ten suffice.
        Assert.Equal(new[] { "1e-4", "0.001", "0.01", "0.1", "1" }, LogTicks.For(2e-4, 0.7).Select(t => t.Label));
        // Less than half a decade: every multiple.
        Assert.Equal(new[] { "0.3", "0.4", "0.5", "0.6", "0.7" }, LogTicks.For(0.31, 0.65).Select(t => t.Label));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogTicks.For(0, 1));
    }
}

using static NetGen.Onnx.Tests.Crafted;

namespace NetGen.Onnx.Tests;

/// <summary>
/// ONNX names are compared by their bytes, as ONNX Runtime compares them. Names that are not valid
/// UTF-8 once decoded to the same string ("W\xFF" and "W\xFE" both to "W\uFFFD"), and a layer was
/// compiled with the other tensor's weights.
/// </summary>
public class NameBytesTests
{
    private static readonly byte[] First = { (byte)'W', 0xFF };
    private static readonly byte[] Second = { (byte)'W', 0xFE };

    private static byte[] Model(byte[] used, byte[] declaredFirst, byte[] declaredSecond) => Crafted.Model(Graph(
        new[] { Node("Gemm", new[] { Utf8("input"), used }, Utf8("output"), IntAttribute("transB", 1)) },
        new[]
        {
            Tensor(declaredFirst, new long[] { 4, 3 }, FloatType, Values(12, 1)),
            Tensor(declaredSecond, new long[] { 4, 3 }, FloatType, Values(12, 2)),
        },
        ValueInfo("input", FloatType, "N", 3), ValueInfo("output", FloatType, "N", 4)));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Names_that_differ_only_in_invalid_UTF8_bytes_are_different_tensors(int which)
    {
        byte[] model = Model(which == 0 ? First : Second, First, Second);
        double[][] rows = { new[] { 0.5, -1, 2 }, new[] { 1, 0.25, -0.5 } };
        double[][] expected = RuntimeOracle.Run(model, rows).Outputs!;
        ImporterProbe.Network network = ImporterProbe.Import(model).Network!;
        for (int r = 0; r < rows.Length; r++)
        {
            double[] actual = ImporterProbe.Forward(network, rows[r]);
            for (int k = 0; k < actual.Length; k++)
            {
                Assert.Equal(expected[r][k], actual[k], 5);
            }
        }
    }

    [Fact]
    public void A_name_with_invalid_UTF8_is_shown_escaped_in_messages()
    {
        // The Gemm names "W\xFF", which no initializer is called: the message shows the byte.
        byte[] model = Model(First, Second, Utf8("W"));
        var outcome = ImporterProbe.Import(model);
        Assert.Contains("'W\\xFF', an operand of 'Gemm -> output', is not a constant initializer", outcome.Detail);
    }

    [Fact]
    public void A_valid_UTF8_name_and_a_surrogate_escape_lookalike_stay_apart()
    {
        // U+DCFF cannot be encoded in valid UTF-8; its CESU-style bytes ED B3 BF are invalid and escape byte by byte.
        byte[] lookalike = { (byte)'W', 0xED, 0xB3, 0xBF };
        byte[] model = Model(lookalike, First, lookalike);
        ImporterProbe.Network network = ImporterProbe.Import(model).Network!;
        double[][] rows = { new[] { 0.5, -1, 2 } };
        double[] expected = RuntimeOracle.Run(model, rows).Outputs![0];
        double[] actual = ImporterProbe.Forward(network, rows[0]);
        Assert.Equal(expected[0], actual[0], 5);
    }
}

using System.Globalization;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generator runs in the user's IDE, under the user's culture. Its output must not depend on it:
/// 0.5 must never become "0,5" (German) or "٠٫٥" (Arabic), and "SIGMOID" must not lower-case to
/// "sıgmoıd" (Turkish). Every declaration below takes a path that writes a number literal.
/// </summary>
public class CultureTests
{
    private const string Source = """
        using NetGen;
        namespace Samples;
        [Network("2-3-2", Activation.LeakyReLU, LeakyReLUSlope = 0.25, Output = Activation.Sigmoid)]
        public partial class Leaky { }
        [Network("4-3:SIGMOID-3", Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError)]
        public partial class MeanSquaredThree { }
        [Network("3-4-2", Activation.LeakyReLU, Precision = Precision.Single, LeakyReLUSlope = 0.1, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
        public partial class SingleSoftmax { }
        [Network("5-4-3", Activation.Sigmoid, Output = Activation.Softmax, Loss = Loss.MeanSquaredError, CodeStyle = CodeStyle.Loops, LeakyReLUSlope = 0.3)]
        public partial class Looped { }
        [Network("30-20:leakyrelu-3", Activation.Sigmoid, Loss = Loss.MeanSquaredError, LeakyReLUSlope = 0.125)]
        public partial class LoopedByAuto { }
        [Network("2-2-2", Activation.Sigmoid, Bias = BiasMode.SharedPerLayer, TrainBiases = false)]
        public partial class SeedNet { }
        """;

    private static (string[] Files, string[] Messages) GenerateUnder(string culture)
    {
        CultureInfo before = CultureInfo.CurrentCulture, beforeUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var (run, _) = GeneratorHarness.Run(Source);
            return (run.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.HintName + "\n" + s.SourceText).ToArray(),
                    run.Diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToArray());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("fr-FR")]
    public void Generated_text_is_byte_identical_under_every_culture(string culture)
    {
        // The test means something only if the culture really formats and lower-cases differently.
        var info = new CultureInfo(culture);
        Assert.True(0.5.ToString(info) != "0.5" || "SIGMOID".ToLower(info) != "sigmoid" || (-1.5).ToString(info) != "-1.5",
            $"{culture} formats like the invariant culture here (globalization-invariant mode?)");

        var (invariantFiles, invariantMessages) = GenerateUnder("");
        var (files, messages) = GenerateUnder(culture);
        Assert.Equal(6, invariantFiles.Length);
        for (int k = 0; k < files.Length; k++)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(invariantFiles[k]), System.Text.Encoding.UTF8.GetBytes(files[k]));
        }
        Assert.Equal(invariantMessages, messages);
    }

    [Fact]
    public void The_cultures_differ_where_it_matters()
    {
        Assert.Equal("0,5", 0.5.ToString(new CultureInfo("de-DE")));
        Assert.Equal("sıgmoıd", "SIGMOID".ToLower(new CultureInfo("tr-TR")));
    }

    [Fact]
    public void The_literals_are_written_invariantly_and_round_trip()
    {
        string all = string.Join("\n", GenerateUnder("de-DE").Files);
        Assert.Contains("0.25 * sum_h1", all);                  // LeakyReLUSlope, double
        Assert.Contains("0.1f * sum_h1", all);                  // LeakyReLUSlope, float
        Assert.Contains("0.6666666666666666 * (out_o1 - target_o1)", all); // MSE 2/n for n = 3, round-trip precision
        Assert.Contains("/ 3.0;", all);                         // MSE 1/n in the loop form
        Assert.Contains("0.125 * sum", all);                    // slope in the loop form
        Assert.DoesNotContain("0,5", all);
    }

    [Fact]
    public void Two_runs_give_byte_identical_text()
    {
        var (first, firstMessages) = GenerateUnder("de-DE");
        var (second, secondMessages) = GenerateUnder("de-DE");
        Assert.Equal(first, second);
        Assert.Equal(firstMessages, secondMessages);
    }
}

using System.Globalization;
using System.IO;
using System.Xml.Linq;

namespace NetGen.Tests.Figures;

/// <summary>
/// Reads the SVG as a program would: every drawn weight has a label on its edge with its value, its dE/dw and
/// its new value; every unit is drawn with its name; wide layers say what they leave out.
/// </summary>
public class FigureContentTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    internal static XDocument Parse(string svg) => XDocument.Parse(svg);

    /// <summary>The text of each line of a group, runs joined.</summary>
    internal static IReadOnlyList<string> Lines(XElement group) =>
        group.Elements(Svg + "text").Select(t => t.Value).ToList();

    internal static IReadOnlyList<XElement> Groups(XDocument svg, string cssClass) =>
        svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == cssClass).ToList();

    private static string N(double value) => NetGen.Figures.FigureText.Number(value);

    [Theory]
    [MemberData(nameof(FigureCases.Names), MemberType = typeof(FigureCases))]
    public void Every_drawn_weight_is_labelled_on_its_edge_with_its_value_gradient_and_new_value(string name)
    {
        FigureCases.Drawn drawn = FigureCases.All[name]();
        XDocument svg = Parse(drawn.Svg);
        var labels = Groups(svg, "edge-label").ToDictionary(g => (string)g.Attribute("data-parameter")!);
        var edges = svg.Descendants(Svg + "line").Where(l => (string?)l.Attribute("class") == "edge").Select(l => (string)l.Attribute("data-parameter")!).ToList();
        Assert.Equal(edges.OrderBy(e => e, StringComparer.Ordinal), labels.Keys.OrderBy(e => e, StringComparer.Ordinal));

        bool wide = drawn.LayerSizes.Any(s => s > 8);
        var weights = drawn.ParameterNames.Where(p => p.StartsWith("w_", StringComparison.Ordinal)).ToList();
        if (!wide)
        {
            Assert.Equal(weights.Count, labels.Count);
        }
        foreach (var (parameter, label) in labels)
        {
            IReadOnlyList<string> lines = Lines(label);
            Assert.Equal($"{parameter} = {N(drawn.Before(parameter)!.Value)}", lines[0]);
            Assert.Equal($"dE/dw = {N(drawn.Value("dE_d" + parameter)!.Value)}", lines[1]);
            Assert.Equal($"new w = {N(drawn.After(parameter)!.Value)}", lines[2]);
        }
    }

    [Fact]
    public void The_worked_example_shows_the_published_numbers()
    {
        XDocument svg = Parse(FigureCases.All["WorkedExample"]().Svg);
        string Label(string parameter) => string.Join(" | ", Lines(Groups(svg, "edge-label").Single(g => (string?)g.Attribute("data-parameter") == parameter)));
        string Unit(string unit) => string.Join(" | ", Lines(Groups(svg, "unit-values").Single(g => (string?)g.Attribute("data-for") == unit)));

        // w5 of the example: 0.4 -> 0.35891648 there (0.5 here: this variant's w1..w8 are 0.1..0.8).
        Assert.Equal("w_o1_h1 = 0.5 | dE/dw = 0.0802031 | new w = 0.451878", Label("w_o1_h1"));
        Assert.Equal("w_h1_i1 = 0.1 | dE/dw = 0.00110806 | new w = 0.0993352", Label("w_h1_i1"));
        Assert.Equal("sum = 0.41 | out = 0.601088 | dE/dsum = 0.0110806", Unit("h1"));
        Assert.Equal("sum = 1.01977 | out = 0.734929 | target = 0.05 | E1 = 0.234564 | dE/dsum = 0.13343", Unit("o1"));
        Assert.Equal("0.1", Unit("i1"));
        Assert.Equal(new[] { "b_h = 0.25 (frozen)", "shared by every unit of h" }, Lines(Groups(svg, "shared-bias").Single(g => (string?)g.Attribute("data-for") == "h")));
        Assert.Equal(new[] { "b_o = 0.35 (frozen)", "shared by every unit of o" }, Lines(Groups(svg, "shared-bias").Single(g => (string?)g.Attribute("data-for") == "o")));
        string header = string.Join(" | ", Groups(svg, "header").Concat(Groups(svg, "legend")).SelectMany(Lines));
        Assert.StartsWith("WorkedExampleNet (2-2-2) | One training step at learning rate 0.6", header);
        Assert.Contains("learning rate 0.6", header);
        Assert.Contains("E_total = 0.24909 (before the step)", header);
    }

    [Theory]
    [MemberData(nameof(FigureCases.Names), MemberType = typeof(FigureCases))]
    public void Every_unit_is_drawn_with_its_name_unless_its_layer_is_elided(string name)
    {
        FigureCases.Drawn drawn = FigureCases.All[name]();
        XDocument svg = Parse(drawn.Svg);
        var units = Groups(svg, "unit").Select(g => (string)g.Attribute("data-unit")!).ToList();
        Assert.Equal(units, Groups(svg, "unit").Select(g => g.Elements(Svg + "text").Single().Value).ToList());
        Assert.Equal(units.Count, units.Distinct().Count());
        var elisions = Groups(svg, "elision").Select(g => string.Join(" ", Lines(g))).ToList();
        int hidden = drawn.LayerSizes.Count - 2;
        for (int k = 0; k < drawn.LayerSizes.Count; k++)
        {
            int width = drawn.LayerSizes[k];
            string prefix = k == 0 ? "i" : k == drawn.LayerSizes.Count - 1 ? "o" : hidden == 1 ? "h" : $"h{k}_";
            var names = Enumerable.Range(1, width).Select(j => prefix + j).ToList();
            if (width <= 8)
            {
                Assert.All(names, n => Assert.Contains(n, units));
                continue;
            }
            // Wide: the first four and last two units are drawn, and the figure says which are not.
            Assert.Equal(names.Take(4).Concat(names.TakeLast(2)), names.Where(units.Contains));
            Assert.Contains(elisions, e => e.Contains($"{width - 6} units ({names[4]}..{names[^3]}) not drawn", StringComparison.Ordinal));
        }
        string legend = string.Join(" ", Groups(svg, "legend").SelectMany(Lines));
        Assert.Equal(drawn.LayerSizes.Any(s => s > 8), legend.Contains("not drawn", StringComparison.Ordinal));
    }

    [Fact]
    public void Per_unit_biases_are_written_with_their_units_and_shared_ones_beside_their_layer()
    {
        FigureCases.Drawn perUnit = FigureCases.All["PerUnitBias"]();
        XDocument svg = Parse(perUnit.Svg);
        foreach (string bias in perUnit.ParameterNames.Where(p => p.StartsWith("b_", StringComparison.Ordinal)))
        {
            string unit = bias[2..];
            string line = Lines(Groups(svg, "unit-values").Single(g => (string?)g.Attribute("data-for") == unit)).Last();
            Assert.Equal($"{bias} = {N(perUnit.Before(bias)!.Value)} \u2192 {N(perUnit.After(bias)!.Value)}", line);
        }
        Assert.Empty(Groups(svg, "shared-bias"));

        FigureCases.Drawn shared = FigureCases.All["TwoHidden"]();
        var biases = Groups(Parse(shared.Svg), "shared-bias").ToDictionary(g => (string)g.Attribute("data-for")!, g => Lines(g));
        Assert.Equal(new[] { "h1", "h2", "o" }, biases.Keys.Order());
        Assert.Equal($"b_h2 = {N(shared.Before("b_h2")!.Value)}", biases["h2"][0]);
        Assert.Equal($"dE/db = {N(shared.Value("dE_db_h2")!.Value)}", biases["h2"][1]);
        Assert.Equal($"new b = {N(shared.After("b_h2")!.Value)}", biases["h2"][2]);
    }

    [Fact]
    public void A_recorder_without_updates_draws_the_gradients_and_no_new_weights()
    {
        FigureCases.Drawn drawn = FigureCases.Draw<FigurePerUnitBiasNet, double>(seed: 1, step: false);
        XDocument svg = Parse(drawn.Svg);
        foreach (XElement label in Groups(svg, "edge-label"))
        {
            string parameter = (string)label.Attribute("data-parameter")!;
            Assert.Equal(new[] { $"{parameter} = {N(drawn.Before(parameter)!.Value)}", $"dE/dw = {N(drawn.Value("dE_d" + parameter)!.Value)}" }, Lines(label));
        }
        Assert.DoesNotContain("\u2192", drawn.Svg);
        Assert.DoesNotContain("new w", drawn.Svg);
        Assert.Contains("no step was taken, the weights are unchanged", drawn.Svg);
        Assert.DoesNotContain("before the step)", drawn.Svg);
    }

    [Fact]
    public void The_figure_reads_the_same_in_every_culture()
    {
        CultureInfo original = CultureInfo.CurrentCulture, originalUi = CultureInfo.CurrentUICulture;
        string invariant;
        string german;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            invariant = FigureCases.Draw<FigurePerUnitBiasNet, double>(seed: 1).Svg;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            german = FigureCases.Draw<FigurePerUnitBiasNet, double>(seed: 1).Svg;
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = originalUi;
        }
        Assert.Equal(invariant, german);
        Assert.Contains("w_h1_i1 = ", german);
        // No decimal comma anywhere: not in a label, not in a coordinate.
        Assert.DoesNotMatch(@"\d,\d", german);
    }

    [Fact]
    public void Write_to_a_path_writes_the_same_document_and_leaves_a_file_alone_on_a_bad_argument()
    {
        var net = new WorkedExampleNet();
        var (input, target) = FigureCases.Prepare<WorkedExampleNet, double>(net, seed: -1);
        var recorder = new ExplanationRecorder<double>();
        net.ExplainStep(input, target, 0.6, recorder);
        var expected = new StringWriter();
        NetworkFigure.Write<WorkedExampleNet, double>(recorder, expected);

        string path = Path.Combine(Path.GetTempPath(), $"netgen-figure-{Guid.NewGuid():N}.svg");
        try
        {
            NetworkFigure.Write<WorkedExampleNet, double>(recorder, path);
            Assert.Equal(expected.ToString(), File.ReadAllText(path));
            Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // UTF-8 without a byte-order mark

            var empty = new ExplanationRecorder<double>();
            var error = Assert.Throws<ArgumentException>(() => NetworkFigure.Write<WorkedExampleNet, double>(empty, path));
            Assert.Contains("Explain", error.Message);
            Assert.Throws<ArgumentException>(() => NetworkFigure.Write<WorkedExampleNet, double>(recorder, path, new NetworkFigureOptions { MaxUnitsPerLayer = 4 }));
            Assert.Equal(expected.ToString(), File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_title_can_be_set()
    {
        var net = new WorkedExampleNet();
        var (input, target) = FigureCases.Prepare<WorkedExampleNet, double>(net, seed: -1);
        var recorder = new ExplanationRecorder<double>();
        net.ExplainStep(input, target, 0.6, recorder);
        var svg = new StringWriter();
        NetworkFigure.Write<WorkedExampleNet, double>(recorder, svg, new NetworkFigureOptions { Title = "The worked example <2-2-2> & its step" });
        Assert.Equal("The worked example <2-2-2> & its step", Lines(Groups(Parse(svg.ToString()), "header").Single()).Single());
    }
}

using NetGen.Figures;

namespace NetGen.Tests.Figures;

/// <summary>
/// The placed boxes (the same the SVG writer fills) never overlap: labels, unit values, biases, titles and
/// circles each keep their own room, and every edge label sits on its own edge.
/// </summary>
public class FigureLayoutTests
{
    [Theory]
    [MemberData(nameof(FigureCases.Names), MemberType = typeof(FigureCases))]
    public void No_two_labels_or_circles_overlap(string name)
    {
        FigureLayout layout = FigureCases.All[name]().Layout(null);
        var boxes = layout.Texts.Select(t => ($"{t.Kind} {t.Owner}", t.Box))
            .Concat(layout.Units.Select(u => ($"circle {u.Name}", u.Box))).ToList();
        for (int a = 0; a < boxes.Count; a++)
        {
            for (int b = a + 1; b < boxes.Count; b++)
            {
                Assert.False(boxes[a].Box.Overlaps(boxes[b].Box), $"{boxes[a].Item1} {boxes[a].Box} overlaps {boxes[b].Item1} {boxes[b].Box}");
            }
        }
        Assert.All(boxes, b => Assert.True(b.Box.X >= 0 && b.Box.Y >= 0 && b.Box.Right <= layout.Width && b.Box.Bottom <= layout.Height,
            $"{b.Item1} {b.Box} is outside the {layout.Width} x {layout.Height} figure"));
    }

    [Theory]
    [MemberData(nameof(FigureCases.Names), MemberType = typeof(FigureCases))]
    public void Every_edge_label_sits_on_its_own_edge_between_the_two_circles(string name)
    {
        FigureLayout layout = FigureCases.All[name]().Layout(null);
        var labels = layout.Texts.Where(t => t.Kind == TextKind.EdgeLabel).ToDictionary(t => t.Owner);
        Assert.Equal(layout.Edges.Count, labels.Count);
        foreach (PlacedEdge edge in layout.Edges)
        {
            Box box = labels[edge.Edge.Parameter].Box;
            double cx = box.X + box.Width / 2, cy = box.Y + box.Height / 2;
            double t = (cx - edge.X1) / (edge.X2 - edge.X1);
            Assert.InRange(t, 0.1, 0.9);
            Assert.Equal(edge.Y1 + t * (edge.Y2 - edge.Y1), cy, 6);
        }
    }

    [Fact]
    public void In_the_worked_example_no_label_lies_on_another_edges_line()
    {
        // As in the published figure: a label crossed only by its own edge cannot be read as another's.
        FigureLayout layout = FigureCases.All["WorkedExample"]().Layout(null);
        foreach (PlacedText label in layout.Texts.Where(t => t.Kind == TextKind.EdgeLabel))
        {
            Assert.All(layout.Edges.Where(e => e.Edge.Parameter != label.Owner),
                e => Assert.False(FigureLayoutEngine.Crosses(e, label.Box), $"{e.Edge.Parameter} crosses the label of {label.Owner}"));
        }
    }

    [Fact]
    public void The_documentation_shows_the_figure_as_it_is_drawn_today()
    {
        // docs/worked-example.png is the seed sample's figure (titled "SeedNet (2-2-2)") in a browser: a layout
        // change that alters its size means the picture in the README is out of date.
        var drawn = FigureCases.All["WorkedExample"]();
        FigureLayout layout = drawn.Layout(new NetworkFigureOptions { Title = "SeedNet (2-2-2)" });
        byte[] png = System.IO.File.ReadAllBytes(System.IO.Path.Combine(RepositoryRoot(), "docs", "worked-example.png"));
        Assert.True(((int)layout.Width, (int)layout.Height) == PngImage.ReadSize(png),
            $"docs/worked-example.png is {PngImage.ReadSize(png)}, the figure is now {layout.Width} x {layout.Height}: redraw it as docs/network-figure.md says.");
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "..", "..", ".."));

    [Fact]
    public void The_worked_example_stays_compact()
    {
        // The published figure is small; this one carries more numbers but should stay a screen's size.
        FigureLayout layout = FigureCases.All["WorkedExample"]().Layout(null);
        Assert.InRange(layout.Width, 600, 1400);
        Assert.InRange(layout.Height, 300, 800);
    }

    [Fact]
    public void Wider_layers_are_drawn_compactly()
    {
        // 20-12-3: the first four and the last two units of the two wide layers, all three outputs.
        FigureLayout compact = FigureCases.All["WideLoops"]().Layout(null);
        Assert.Equal(6 + 6 + 3, compact.Units.Count);
        Assert.Equal(6 * 6 + 3 * 6, compact.Edges.Count);
        FigureLayout roomier = FigureCases.All["WideLoops"]().Layout(new NetworkFigureOptions { MaxUnitsPerLayer = 12 });
        Assert.Equal(8 + 2 + 12 + 3, roomier.Units.Count);
    }
}

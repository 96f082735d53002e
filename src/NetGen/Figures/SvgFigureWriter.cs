using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;

namespace NetGen.Figures;

/// <summary>
/// Writes a placed figure as SVG 1.1: plain shapes and text, fonts named with fallbacks, every number
/// culture-invariant. Groups carry data-* attributes (the unit, the parameter, the placed box) so that tests
/// and readers' tools can find each label without parsing its words.
/// </summary>
internal static class SvgFigureWriter
{
    private const string Svg = "http://www.w3.org/2000/svg";

    private const string Style = """
        text { font-family: 'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif; fill: #1b1b1b; }
        .value { fill: #1b1b1b; }
        .gradient { fill: #b3261e; }
        .update { fill: #1a5fb4; font-weight: bold; }
        .note { fill: #555555; font-style: italic; }
        .header { font-weight: bold; }
        .title { font-weight: bold; fill: #333333; }
        .name { font-weight: bold; text-anchor: middle; dominant-baseline: central; }
        .edge { stroke-width: 1.4; stroke-opacity: 0.75; }
        .halo { fill: #ffffff; fill-opacity: 0.88; }
        .frame { fill: #ffffff; fill-opacity: 0.94; stroke-width: 1; }
        """;

    public static void Write(FigureLayout layout, TextWriter writer)
    {
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n" };
        using XmlWriter xml = XmlWriter.Create(writer, settings);
        xml.WriteStartElement("svg", Svg);
        xml.WriteAttributeString("version", "1.1");
        xml.WriteAttributeString("width", N(layout.Width));
        xml.WriteAttributeString("height", N(layout.Height));
        xml.WriteAttributeString("viewBox", $"0 0 {N(layout.Width)} {N(layout.Height)}");
        xml.WriteElementString("style", Svg, Style);
        Rect(xml, new Box(0, 0, layout.Width, layout.Height), null, ("fill", "#ffffff"));

        Group(xml, "edges");
        foreach (PlacedEdge edge in layout.Edges)
        {
            xml.WriteStartElement("line", Svg);
            xml.WriteAttributeString("class", "edge");
            xml.WriteAttributeString("data-parameter", edge.Edge.Parameter);
            xml.WriteAttributeString("x1", N(edge.X1));
            xml.WriteAttributeString("y1", N(edge.Y1));
            xml.WriteAttributeString("x2", N(edge.X2));
            xml.WriteAttributeString("y2", N(edge.Y2));
            xml.WriteAttributeString("stroke", edge.Color);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        Group(xml, "units");
        foreach (PlacedUnit unit in layout.Units)
        {
            Group(xml, "unit", ("data-unit", unit.Name));
            var (fill, stroke) = UnitColours(unit.Layer, layout.Units.Max(u => u.Layer));
            xml.WriteStartElement("circle", Svg);
            xml.WriteAttributeString("cx", N(unit.X));
            xml.WriteAttributeString("cy", N(unit.Y));
            xml.WriteAttributeString("r", N(unit.Radius));
            xml.WriteAttributeString("fill", fill);
            xml.WriteAttributeString("stroke", stroke);
            xml.WriteAttributeString("stroke-width", "1.5");
            xml.WriteEndElement();
            xml.WriteStartElement("text", Svg);
            xml.WriteAttributeString("class", "name");
            xml.WriteAttributeString("x", N(unit.X));
            xml.WriteAttributeString("y", N(unit.Y));
            xml.WriteAttributeString("font-size", "13");
            xml.WriteString(unit.Name);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        // Labels last, so that they lie on top of the edges that pass under them.
        foreach (IGrouping<TextKind, PlacedText> kind in layout.Texts.GroupBy(t => t.Kind))
        {
            Group(xml, ClassOf(kind.Key) + "s");
            foreach (PlacedText text in kind)
            {
                Block(xml, text);
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Block(XmlWriter xml, PlacedText text)
    {
        Group(xml, ClassOf(text.Kind), (text.Kind == TextKind.EdgeLabel ? "data-parameter" : "data-for", text.Owner),
            ("data-box", $"{N(text.Box.X)} {N(text.Box.Y)} {N(text.Box.Width)} {N(text.Box.Height)}"));
        if (text.Framed)
        {
            Rect(xml, text.Box, "frame", ("rx", "3"), ("stroke", text.Stroke ?? "#888888"));
        }
        else if (text.Kind is TextKind.UnitValues or TextKind.Elision)
        {
            Rect(xml, text.Box, "halo", ("rx", "3"));
        }
        for (int i = 0; i < text.Lines.Count; i++)
        {
            xml.WriteStartElement("text", Svg);
            xml.WriteAttributeString("x", N(text.Box.X + TextBlock.Padding));
            xml.WriteAttributeString("y", N(TextBlock.Baseline(text.Box.Y, i, text.FontSize)));
            xml.WriteAttributeString("font-size", N(text.FontSize));
            if (text.Kind is TextKind.Header or TextKind.LayerTitle)
            {
                xml.WriteAttributeString("class", text.Kind == TextKind.Header ? "header" : "title");
            }
            IReadOnlyList<Segment> segments = text.Lines[i].Segments;
            // The first run is the text element's own content: mixed content keeps the writer from indenting
            // between runs, which would put spaces into the line.
            xml.WriteString("");
            foreach (Segment segment in segments.Where(s => s.Text.Length > 0))
            {
                xml.WriteStartElement("tspan", Svg);
                xml.WriteAttributeString("class", segment.Tone.ToString().ToLowerInvariant());
                xml.WriteString(segment.Text);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static (string Fill, string Stroke) UnitColours(int layer, int last) =>
        layer == 0 ? ("#e8f0fe", "#1a5fb4") : layer == last ? ("#fde7e4", "#a51d2d") : ("#e6f4ea", "#26734d");

    private static string ClassOf(TextKind kind) => kind switch
    {
        TextKind.Header => "header",
        TextKind.LayerTitle => "layer-title",
        TextKind.UnitValues => "unit-values",
        TextKind.EdgeLabel => "edge-label",
        TextKind.SharedBias => "shared-bias",
        TextKind.Elision => "elision",
        _ => "legend",
    };

    private static void Group(XmlWriter xml, string cssClass, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement("g", Svg);
        xml.WriteAttributeString("class", cssClass);
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, value);
        }
    }

    private static void Rect(XmlWriter xml, Box box, string? cssClass, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement("rect", Svg);
        if (cssClass is not null)
        {
            xml.WriteAttributeString("class", cssClass);
        }
        xml.WriteAttributeString("x", N(box.X));
        xml.WriteAttributeString("y", N(box.Y));
        xml.WriteAttributeString("width", N(box.Width));
        xml.WriteAttributeString("height", N(box.Height));
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, value);
        }
        xml.WriteEndElement();
    }

    private static string N(double value) => FigureText.Coordinate(value);
}

using System.IO;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NetGen.Tests.Figures;

/// <summary>
/// The figure as a person sees it: opened in a real browser (headless Chromium), the screenshot has the figure's
/// size and is not blank, and every line of text the browser lays out fits the box the layout reserved for it,
/// so that boxes that do not overlap on paper do not overlap on screen either.
/// </summary>
public class FigureBrowserTests
{
    private static string Save(string content, string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), $"netgen-figure-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }

    [ChromiumFact]
    public void The_screenshot_has_the_figures_size_and_shows_it()
    {
        string svg = FigureCases.All["WorkedExample"]().Svg;
        XElement root = XDocument.Parse(svg).Root!;
        int width = (int)double.Parse((string)root.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        int height = (int)double.Parse((string)root.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        string file = Save(svg, ".svg");
        try
        {
            byte[] png = Chromium.Screenshot(file, width, height);
            Assert.Equal((width, height), PngImage.ReadSize(png));
            PngImage image = PngImage.Read(png);
            int inked = 0, coloured = 0;
            for (int y = 0; y < image.Height; y++)
            {
                for (int x = 0; x < image.Width; x++)
                {
                    var (r, g, b) = image.Pixel(x, y);
                    inked += r < 200 || g < 200 || b < 200 ? 1 : 0;
                    coloured += Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > 80 ? 1 : 0;
                }
            }
            double area = (double)width * height;
            Assert.True(inked > area * 0.01, $"Only {inked} of {area} pixels are drawn: the figure rendered blank");
            Assert.True(coloured > area * 0.001, $"Only {coloured} coloured pixels: edges and values lost their colours");
            // The white background fills the whole window, so nothing of the browser's page shows around it.
            Assert.Equal((255, 255, 255), ((int)image.Pixel(width - 1, height - 1).R, (int)image.Pixel(width - 1, height - 1).G, (int)image.Pixel(width - 1, height - 1).B));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [ChromiumFact]
    public void Every_line_the_browser_lays_out_fits_its_reserved_box()
    {
        // The page measures each text element with getBBox() and writes what does not fit into the document.
        const string script = """
            <script>
            const bad = []; let checked = 0;
            for (const g of document.querySelectorAll('g[data-box]')) {
              const [x, y, w, h] = g.getAttribute('data-box').split(' ').map(Number);
              for (const t of g.querySelectorAll('text')) {
                const b = t.getBBox(); checked++;
                if (b.x < x - 0.5 || b.y < y - 0.5 || b.x + b.width > x + w + 0.5 || b.y + b.height > y + h + 0.5)
                  bad.push(g.closest('svg').dataset.figure + ': ' + t.textContent + ' [' + [b.x, b.y, b.width, b.height].map(v => v.toFixed(1)) + '] outside [' + [x, y, w, h] + ']');
              }
            }
            for (const g of document.querySelectorAll('g.unit')) {
              const c = g.querySelector('circle').getBBox(), b = g.querySelector('text').getBBox(); checked++;
              if (b.x < c.x || b.x + b.width > c.x + c.width) bad.push(g.getAttribute('data-unit') + ' is wider than its circle');
            }
            document.body.setAttribute('data-checked', checked);
            document.body.setAttribute('data-bad', bad.join(' | '));
            </script>
            """;
        // Every figure the tests draw, on one page: one browser start for all of them.
        string figures = string.Concat(FigureCases.All.Select(c => c.Value().Svg.Replace("<svg ", $"<svg data-figure=\"{c.Key}\" ", StringComparison.Ordinal)));
        string file = Save($"<!DOCTYPE html><html><body style=\"margin:0\">{figures}{script}</body></html>", ".html");
        try
        {
            string dom = Chromium.DumpDom(file);
            Match result = Regex.Match(dom, "<body[^>]*data-checked=\"(\\d+)\"[^>]*data-bad=\"([^\"]*)\"");
            Assert.True(result.Success, "The page's measuring script did not run:\n" + dom[..Math.Min(dom.Length, 500)]);
            Assert.True(int.Parse(result.Groups[1].Value) > 1000, $"Only {result.Groups[1].Value} lines were measured");
            string bad = System.Net.WebUtility.HtmlDecode(result.Groups[2].Value);
            Assert.True(bad.Length == 0, "Text outside its reserved box: " + bad);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

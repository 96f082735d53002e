using System.Text;

namespace NetGen.Generator.Emitting;

/// <summary>A text builder that indents by four spaces per level and always writes '\n' line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
            _text.Append(line);
        }
        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="code"/> with <paramref name="comment"/> on the line above it.</summary>
    public void Commented(string code, string comment)
    {
        Line("// " + comment);
        Line(code);
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
    }

    public void Close(string closing = "}")
    {
        _indent--;
        Line(closing);
    }

    /// <summary>Where the next line starts, for <see cref="Enclose"/>.</summary>
    public int Position => _text.Length;

    /// <summary>
    /// Moves the lines written since <paramref name="start"/> one level in, under <paramref name="head"/> and an opened
    /// <paramref name="block"/> (the caller closes it): a body that turns out to need a try block once written.
    /// </summary>
    public void Enclose(int start, string block, params string[] head)
    {
        string body = _text.ToString(start, _text.Length - start);
        _text.Length = start;
        foreach (string line in head)
        {
            Line(line);
        }
        Open(block);
        string[] lines = body.Split('\n');
        // Every line ends in '\n', so the last piece is the empty rest after the final one.
        for (int k = 0; k < lines.Length - 1; k++)
        {
            if (lines[k].Length > 0)
            {
                _text.Append(' ', 4).Append(lines[k]);
            }
            _text.Append('\n');
        }
    }

    public override string ToString() => _text.ToString();
}

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

    public override string ToString() => _text.ToString();
}

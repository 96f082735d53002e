namespace NetGen.Generator.Parsing;

/// <summary>
/// The character level of a topology string: whitespace, ASCII numbers, ASCII words and punctuation, and
/// the "found X where Y was expected" error with its exact character range, so that
/// <see cref="TopologyParser"/> reads as the grammar.
/// </summary>
internal sealed class TopologyScanner
{
    private readonly string _text;

    public TopologyScanner(string text) => _text = text;

    /// <summary>The index just after the last character read (whitespace is skipped only when something follows it).</summary>
    public int Position { get; private set; }

    /// <summary>Whether only whitespace is left.</summary>
    public bool AtEnd
    {
        get => Next() >= _text.Length;
    }

    /// <summary>Skips whitespace, then consumes <paramref name="c"/> (ignoring ASCII case) if it is next.</summary>
    public bool TryConsume(char c)
    {
        int next = Next();
        if (next < _text.Length && char.ToLowerInvariant(_text[next]) == c)
        {
            Position = next + 1;
            return true;
        }
        return false;
    }

    /// <summary>Whether the next non-blank character is an ASCII digit.</summary>
    public bool AtDigit
    {
        get => Next() < _text.Length && IsDigit(_text[Next()]);
    }

    /// <summary>Whether the next non-blank character is an ASCII letter.</summary>
    public bool AtLetter
    {
        get => Next() < _text.Length && IsLetter(_text[Next()]);
    }

    /// <summary>
    /// A run of ASCII digits after whitespace, parsed by hand (int.Parse would accept culture-specific digits
    /// and overflow on long strings): the value, capped at int.MaxValue, and where it is written. Start is -1
    /// when no digit is next.
    /// </summary>
    public (int Value, int Start, int Length) Number()
    {
        SkipWhitespace();
        int start = Position;
        long value = 0;
        while (Position < _text.Length && IsDigit(_text[Position]))
        {
            value = System.Math.Min(value * 10 + (_text[Position] - '0'), (long)int.MaxValue + 1);
            Position++;
        }
        return Position == start ? (0, -1, 0) : ((int)System.Math.Min(value, int.MaxValue), start, Position - start);
    }

    /// <summary>A run of ASCII letters after whitespace and where it starts (empty when none is next).</summary>
    public (string Word, int Start) Word()
    {
        SkipWhitespace();
        int start = Position;
        while (Position < _text.Length && IsLetter(_text[Position]))
        {
            Position++;
        }
        return (_text.Substring(start, Position - start), start);
    }

    /// <summary>The characters at <paramref name="start"/>, as written.</summary>
    public string Text(int start, int length) => _text.Substring(start, length);

    /// <summary>"2--3-2": a '-' where a number belongs, followed by digits, reads as a negative number.</summary>
    public TopologyParser.Error? NegativeNumber()
    {
        SkipWhitespace();
        int end = Position + 1;
        while (end < _text.Length && IsDigit(_text[end]))
        {
            end++;
        }
        return Position < _text.Length && _text[Position] == '-' && end > Position + 1
            ? new TopologyParser.Error(TopologyParser.ErrorKind.Width, Position, end - Position, _text.Substring(Position, end - Position))
            : null;
    }

    /// <summary>The error for whatever is next when <paramref name="expected"/> was expected.</summary>
    public TopologyParser.Error Unexpected(string expected)
    {
        SkipWhitespace();
        int position = Position;
        if (position >= _text.Length)
        {
            return _text.Length == 0
                ? new TopologyParser.Error(TopologyParser.ErrorKind.Malformed, 0, 0, "it is empty")
                : new TopologyParser.Error(TopologyParser.ErrorKind.Malformed, _text.Length - 1, 1, $"it ends where {expected} was expected");
        }
        string found = char.IsSurrogate(_text[position]) && position + 1 < _text.Length
            ? _text.Substring(position, 2)
            : _text[position].ToString();
        return new TopologyParser.Error(TopologyParser.ErrorKind.Malformed, position, found.Length,
            $"'{Model.CSharpText.Comment(found)}' at position {position + 1} (counting characters from 1) where {expected} was expected");
    }

    /// <summary>Moves past whitespace: only before reading something, so that a part's span ends at its last character.</summary>
    private void SkipWhitespace() => Position = Next();

    private int Next()
    {
        int next = Position;
        while (next < _text.Length && char.IsWhiteSpace(_text[next]))
        {
            next++;
        }
        return next;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
}

using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Parses a topology string such as <c>"4-16:relu-8-3"</c>: layer widths from input to output separated
/// by dashes, whitespace allowed around every token, and an optional <c>:activation</c> after any
/// non-input layer. Errors carry the character range inside the string, so that the diagnostic can
/// underline exactly the offending characters.
/// </summary>
internal static class TopologyParser
{
    /// <summary>The widest layer accepted; the limit is <see cref="Planning.Limits.MaxWidth"/>.</summary>
    public const int MaxWidth = Planning.Limits.MaxWidth;

    /// <summary>
    /// Every activation name accepted after ':' (compared ignoring case): the one table that both
    /// <see cref="TryParseActivation"/> and NG0012's message read.
    /// </summary>
    private static readonly (string Name, ActivationKind Activation)[] ActivationNames =
    {
        ("identity", ActivationKind.Identity), ("linear", ActivationKind.Identity),
        ("sigmoid", ActivationKind.Sigmoid), ("logistic", ActivationKind.Sigmoid),
        ("tanh", ActivationKind.Tanh),
        ("relu", ActivationKind.ReLU),
        ("leakyrelu", ActivationKind.LeakyReLU),
        ("softmax", ActivationKind.Softmax),
    };

    /// <summary>"identity, linear, sigmoid, ..., softmax": the names for NG0012's message.</summary>
    public static string ActivationNamesText { get; } = string.Join(", ", System.Linq.Enumerable.Select(ActivationNames, a => a.Name));

    internal sealed record Token(int Width, ActivationKind? Activation);

    internal enum ErrorKind
    {
        /// <summary>Not the grammar; Detail says what was expected.</summary>
        Malformed,
        /// <summary>A width of 0, negative, or over <see cref="MaxWidth"/>; Detail is the width as written.</summary>
        Width,
        /// <summary>An unknown name after ':'; Detail is the name.</summary>
        UnknownActivation,
    }

    /// <summary>A parse error and the characters of the topology string it is about.</summary>
    internal sealed record Error(ErrorKind Kind, int Start, int Length, string Detail);

    public static (List<Token>? Layers, Error? Error) Parse(string topology)
    {
        var layers = new List<Token>();
        int position = 0;
        while (true)
        {
            SkipWhitespace(topology, ref position);
            int widthStart = position;
            while (position < topology.Length && char.IsDigit(topology[position]) && topology[position] < 128)
            {
                position++;
            }
            if (position == widthStart)
            {
                return (null, NegativeWidth(topology, position) ?? Unexpected(topology, position, "a layer width (a whole number)"));
            }
            string digits = topology.Substring(widthStart, position - widthStart);
            int width = ParseWidth(digits);
            if (width < 1 || width > MaxWidth)
            {
                return (null, new Error(ErrorKind.Width, widthStart, digits.Length, digits));
            }

            SkipWhitespace(topology, ref position);
            ActivationKind? activation = null;
            if (position < topology.Length && topology[position] == ':')
            {
                position++;
                SkipWhitespace(topology, ref position);
                int nameStart = position;
                while (position < topology.Length && char.IsLetter(topology[position]) && topology[position] < 128)
                {
                    position++;
                }
                string name = topology.Substring(nameStart, position - nameStart);
                if (name.Length == 0)
                {
                    return (null, Unexpected(topology, position, "an activation name after ':'"));
                }
                if (!TryParseActivation(name, out ActivationKind parsed))
                {
                    return (null, new Error(ErrorKind.UnknownActivation, nameStart, name.Length, name));
                }
                if (layers.Count == 0)
                {
                    return (null, new Error(ErrorKind.Malformed, nameStart - 1, name.Length + 1, "the input layer has no activation; remove ':" + name + "'"));
                }
                activation = parsed;
                SkipWhitespace(topology, ref position);
            }
            layers.Add(new Token(width, activation));

            if (position == topology.Length)
            {
                break;
            }
            if (topology[position] != '-')
            {
                return (null, Unexpected(topology, position, "'-' between layers"));
            }
            position++;
        }

        if (layers.Count < 2)
        {
            return (null, new Error(ErrorKind.Malformed, 0, topology.Length, "it needs at least two layers (inputs and outputs), e.g. \"3-1\""));
        }
        return (layers, null);
    }

    /// <summary>"2--3-2": a '-' where a width belongs, followed by digits, reads as the negative width -3.</summary>
    private static Error? NegativeWidth(string topology, int position)
    {
        int end = position + 1;
        while (end < topology.Length && char.IsDigit(topology[end]) && topology[end] < 128)
        {
            end++;
        }
        return position < topology.Length && topology[position] == '-' && end > position + 1
            ? new Error(ErrorKind.Width, position, end - position, topology.Substring(position, end - position))
            : null;
    }

    private static Error Unexpected(string topology, int position, string expected)
    {
        if (position >= topology.Length)
        {
            return topology.Length == 0
                ? new Error(ErrorKind.Malformed, 0, 0, "it is empty")
                : new Error(ErrorKind.Malformed, topology.Length - 1, 1, $"it ends where {expected} was expected");
        }
        string found = char.IsSurrogate(topology[position]) && position + 1 < topology.Length
            ? topology.Substring(position, 2)
            : topology[position].ToString();
        return new Error(ErrorKind.Malformed, position, found.Length, $"'{Model.CSharpText.Comment(found)}' at position {position + 1} (counting characters from 1) where {expected} was expected");
    }

    private static int ParseWidth(string digits)
    {
        // Parsed by hand: int.Parse would accept culture-specific digits and overflow on long strings.
        long value = 0;
        foreach (char c in digits)
        {
            value = value * 10 + (c - '0');
            if (value > int.MaxValue)
            {
                return int.MaxValue;
            }
        }
        return (int)value;
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    public static bool TryParseActivation(string name, out ActivationKind activation)
    {
        foreach (var (known, kind) in ActivationNames)
        {
            if (string.Equals(known, name, System.StringComparison.OrdinalIgnoreCase))
            {
                activation = kind;
                return true;
            }
        }
        activation = default;
        return false;
    }
}

using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Parses a topology string such as <c>"4-16:relu-8-3"</c> or <c>"1x8x8 - conv3x8(stride=2) - maxpool2 - 10:softmax"</c>
/// (the grammar is in docs/topology.md) into one <see cref="Token"/> per dash-separated part. Characters are
/// read by <see cref="TopologyScanner"/>; shapes are worked out from the tokens by <see cref="TopologyLayers"/>.
/// Errors carry the character range inside the string, so that the diagnostic can underline exactly the
/// offending characters.
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

    internal enum ErrorKind
    {
        /// <summary>Not the grammar; Detail says what was expected (NG0010).</summary>
        Malformed,
        /// <summary>A width of 0, negative, or over <see cref="MaxWidth"/>; Detail is the width as written (NG0011).</summary>
        Width,
        /// <summary>An unknown name after ':'; Detail is the name (NG0012).</summary>
        UnknownActivation,
        /// <summary>A layer that parses but cannot be: a bad kernel, option or window; Detail says why and how to fix it (NG0017).</summary>
        Layer,
        /// <summary>A layer where it cannot come (conv after a dense layer, flatten last); Detail says why (NG0018).</summary>
        Order,
    }

    /// <summary>A parse error and the characters of the topology string it is about.</summary>
    internal sealed record Error(ErrorKind Kind, int Start, int Length, string Detail);

    private const string LayerExpected = "a layer: a width such as 8, or conv, maxpool, avgpool, gap, flatten, rnn, gru or lstm";

    /// <summary>
    /// The parts of <paramref name="topology"/> from input to output (the grammar is in docs/topology.md), or the
    /// first error. Shapes are not worked out here: <see cref="TopologyLayers"/> does that from the tokens.
    /// </summary>
    public static (List<Token>? Layers, Error? Error) Parse(string topology)
    {
        var s = new TopologyScanner(topology);
        var tokens = new List<Token>();
        var (input, error) = Input(s);
        if (error is not null)
        {
            return (null, error);
        }
        tokens.Add(input!);
        while (!s.AtEnd)
        {
            if (!s.TryConsume('-'))
            {
                return (null, s.Unexpected("'-' between layers"));
            }
            var (layer, layerError) = Layer(s);
            if (layerError is not null)
            {
                return (null, layerError);
            }
            tokens.Add(layer!);
        }
        if (tokens.Count < 2)
        {
            return (null, new Error(ErrorKind.Malformed, 0, topology.Length, "it needs at least two layers (inputs and outputs), e.g. \"3-1\""));
        }
        return (tokens, null);
    }

    private static (Token?, Error?) Input(TopologyScanner s)
    {
        if (!s.AtDigit)
        {
            return (null, s.NegativeNumber() ?? s.Unexpected("the input's size (e.g. 4, or 1x8x8 for one 8x8 channel)"));
        }
        var (sizes, error) = Numbers(s, "the input's size", ErrorKind.Width, null);
        if (error is not null)
        {
            return (null, error);
        }
        if (sizes!.Values.Length > 3)
        {
            return (null, new Error(ErrorKind.Malformed, sizes.Start, sizes.Length,
                $"the input has {sizes.Values.Length} dimensions; write N (flat), CxL ([channels, length]; TxF, [time steps, features], before a recurrent layer) or CxHxW ([channels, height, width])"));
        }
        long count = 1;
        foreach (int d in sizes.Values)
        {
            count *= d;
        }
        if (count > MaxWidth)
        {
            return (null, new Error(ErrorKind.Layer, sizes.Start, sizes.Length,
                $"the input has {Text(count)} values; NetGen reads at most {Text(MaxWidth)}"));
        }
        if (s.TryConsume(':'))
        {
            int colon = s.Position - 1;
            var (activation, activationError) = ActivationAfterColon(s);
            return (null, activationError ?? new Error(ErrorKind.Malformed, colon, s.Position - colon,
                "the input layer has no activation; remove ':" + activation + "'"));
        }
        return (new Token((int)count, null) { Kind = TokenKind.Input, Start = sizes.Start, Length = sizes.Length, Sizes = sizes }, null);
    }

    private static (Token?, Error?) Layer(TopologyScanner s)
    {
        if (s.AtDigit)
        {
            var (width, start, length) = s.Number();
            if (width < 1 || width > MaxWidth)
            {
                return (null, new Error(ErrorKind.Width, start, length, s.Text(start, length)));
            }
            var (activation, error) = OptionalActivation(s);
            return error is not null ? (null, error) : (new Token(width, activation) { Start = start, Length = s.Position - start }, null);
        }
        if (!s.AtLetter)
        {
            return (null, s.NegativeNumber() ?? s.Unexpected(LayerExpected));
        }
        var (word, wordStart) = s.Word();
        return word.ToLowerInvariant() switch
        {
            "conv" => Spatial(s, TokenKind.Convolution, word, wordStart),
            "maxpool" => Spatial(s, TokenKind.MaxPool, word, wordStart),
            "avgpool" => Spatial(s, TokenKind.AveragePool, word, wordStart),
            "gap" or "globalavgpool" => Marker(s, TokenKind.GlobalAveragePool, word, wordStart),
            "flatten" => Marker(s, TokenKind.Flatten, word, wordStart),
            "rnn" or "simplernn" => Recurrent(s, TokenKind.SimpleRnn, word, wordStart),
            "gru" => Recurrent(s, TokenKind.Gru, word, wordStart),
            "lstm" => Recurrent(s, TokenKind.Lstm, word, wordStart),
            _ => (null, new Error(ErrorKind.Malformed, wordStart, word.Length,
                $"'{word}' at position {wordStart + 1} (counting characters from 1) where {LayerExpected} was expected")),
        };
    }

    /// <summary><c>conv K..xF (options) :activation</c> or <c>maxpool K.. (stride=S..)</c>.</summary>
    private static (Token?, Error?) Spatial(TopologyScanner s, TokenKind kind, string keyword, int start)
    {
        bool conv = kind == TokenKind.Convolution;
        if (!s.AtDigit)
        {
            return (null, s.Unexpected(conv
                ? "the kernel size and filter count after 'conv' (conv3x8: a 3-wide kernel, 3x3 on an image, with 8 filters)"
                : $"the window size after '{keyword}' (e.g. {keyword}2)"));
        }
        var (sizes, error) = Numbers(s, conv ? "a kernel size or filter count" : "a window size", ErrorKind.Layer, keyword);
        if (error is not null)
        {
            return (null, error);
        }
        if (conv && sizes!.Values.Length < 2)
        {
            return (null, new Error(ErrorKind.Layer, start, s.Position - start,
                "conv needs its kernel size and then its filter count: conv3x8 is a 3-wide kernel (3x3 on an image) with 8 filters, conv3x3x8 the same written per dimension"));
        }
        var token = new Token(0, null) { Kind = kind, Start = start, Sizes = sizes };
        if (s.TryConsume('('))
        {
            var (withOptions, optionError) = Options(s, token, keyword);
            if (optionError is not null)
            {
                return (null, optionError);
            }
            token = withOptions!;
        }
        if (s.TryConsume(':'))
        {
            int colon = s.Position - 1;
            var (activation, activationError) = ActivationAfterColon(s);
            if (activationError is not null)
            {
                return (null, activationError);
            }
            if (!conv)
            {
                return (null, new Error(ErrorKind.Layer, colon, s.Position - colon,
                    $"pooling takes no activation; remove ':{activation}' (it passes the values it picks or averages through unchanged)"));
            }
            TryParseActivation(activation, out ActivationKind parsed);
            token = token with { Activation = parsed };
        }
        return (token with { Length = s.Position - start }, null);
    }

    /// <summary>
    /// <c>gru16</c>, <c>lstm16(return=sequence)</c>, <c>rnn16:relu</c>: the hidden units, an optional <c>return=</c>
    /// (<c>last</c>, the default, or <c>sequence</c>) and, for rnn only, tanh or relu.
    /// </summary>
    private static (Token?, Error?) Recurrent(TopologyScanner s, TokenKind kind, string keyword, int start)
    {
        if (!s.AtDigit)
        {
            // "gru-4": the '-' is the next layer's dash (as for conv), not a minus sign.
            return (null, s.Unexpected($"the hidden units after '{keyword}' (e.g. {keyword}16)"));
        }
        var (units, unitsStart, unitsLength) = s.Number();
        if (units < 1 || units > MaxWidth)
        {
            return (null, new Error(ErrorKind.Width, unitsStart, unitsLength, s.Text(unitsStart, unitsLength)));
        }
        if (s.TryConsume('x'))
        {
            // Underline the whole "gru16x2", not up to the 'x'.
            while (s.AtDigit || s.TryConsume('x'))
            {
                s.Number();
            }
            return (null, new Error(ErrorKind.Layer, start, s.Position - start,
                $"{keyword} takes one number, its hidden units ({keyword}{units}); the time steps and features are the input's (e.g. 50x2)"));
        }
        var token = new Token(units, null) { Kind = kind, Start = start };
        if (s.TryConsume('('))
        {
            if (!s.AtLetter)
            {
                return (null, s.Unexpected($"an option of {keyword}: return=last or return=sequence"));
            }
            var (name, nameStart) = s.Word();
            if (!string.Equals(name, "return", System.StringComparison.OrdinalIgnoreCase))
            {
                return (null, new Error(ErrorKind.Layer, nameStart, name.Length,
                    $"'{name}' is not an option of {keyword}; write return=last (the last state, the default) or return=sequence (every step's state)"));
            }
            if (!s.TryConsume('='))
            {
                return (null, s.Unexpected($"'=' after '{name}'"));
            }
            var (value, valueStart) = s.Word();
            string lower = value.ToLowerInvariant();
            if (lower is not ("last" or "sequence"))
            {
                return (null, value.Length == 0
                    ? s.Unexpected("last or sequence after 'return='")
                    : new Error(ErrorKind.Layer, valueStart, value.Length, $"'{value}' is not a return of {keyword}; write return=last or return=sequence"));
            }
            if (!s.TryConsume(')'))
            {
                return (null, s.Unexpected($"')' after return={value} ({keyword} has no other option)"));
            }
            token = token with { Return = new TokenOption(new[] { lower == "sequence" ? 1 : 0 }, false, nameStart, valueStart + value.Length - nameStart) };
        }
        if (s.TryConsume(':'))
        {
            int colon = s.Position - 1;
            var (activation, activationError) = ActivationAfterColon(s);
            if (activationError is not null)
            {
                return (null, activationError);
            }
            TryParseActivation(activation, out ActivationKind parsed);
            if (kind != TokenKind.SimpleRnn)
            {
                return (null, new Error(ErrorKind.Layer, colon, s.Position - colon,
                    $"{keyword}'s gates use sigmoid and tanh, as PyTorch's do; remove ':{activation}'"));
            }
            if (parsed is not (ActivationKind.Tanh or ActivationKind.ReLU))
            {
                return (null, new Error(ErrorKind.Layer, colon, s.Position - colon,
                    $"rnn's activation is tanh (the default) or relu, as PyTorch's nn.RNN; ':{activation}' is neither"));
            }
            token = token with { Activation = parsed };
        }
        return (token with { Length = s.Position - start }, null);
    }

    /// <summary><c>gap</c> and <c>flatten</c>: a keyword alone.</summary>
    private static (Token?, Error?) Marker(TopologyScanner s, TokenKind kind, string keyword, int start)
    {
        int end = s.Position;
        if (s.TryConsume(':'))
        {
            int colon = s.Position - 1;
            var (activation, error) = ActivationAfterColon(s);
            return (null, error ?? new Error(ErrorKind.Layer, colon, s.Position - colon,
                $"{keyword} takes no activation; remove ':{activation}'"));
        }
        if (s.TryConsume('('))
        {
            return (null, new Error(ErrorKind.Layer, s.Position - 1, 1, $"{keyword} takes no options; remove the parentheses"));
        }
        return (new Token(0, null) { Kind = kind, Start = start, Length = end - start }, null);
    }

    /// <summary>After '(': <c>name=value</c> separated by ',' up to ')'; each at most once.</summary>
    private static (Token?, Error?) Options(TopologyScanner s, Token token, string keyword)
    {
        bool conv = token.Kind == TokenKind.Convolution;
        string allowed = conv ? "stride=, padding= or dilation=" : "stride= (pooling has no padding or dilation)";
        do
        {
            if (!s.AtLetter)
            {
                return (null, s.Unexpected($"an option of {keyword}: {allowed}"));
            }
            var (name, nameStart) = s.Word();
            string option = name.ToLowerInvariant();
            if (option is not ("stride" or "padding" or "dilation") || (!conv && option != "stride"))
            {
                return (null, new Error(ErrorKind.Layer, nameStart, name.Length, $"'{name}' is not an option of {keyword}; write {allowed}"));
            }
            TokenOption? already = option == "stride" ? token.Stride : option == "padding" ? token.Padding : token.Dilation;
            if (!s.TryConsume('='))
            {
                return (null, s.Unexpected($"'=' after '{name}'"));
            }
            var (value, error) = option == "padding" ? Padding(s, nameStart) : Numbers(s, "a " + option, ErrorKind.Layer, keyword, nameStart);
            if (error is not null)
            {
                return (null, error);
            }
            if (already is not null)
            {
                return (null, new Error(ErrorKind.Layer, nameStart, value!.Start + value.Length - nameStart, $"{option} is given twice; keep one"));
            }
            token = option switch
            {
                "stride" => token with { Stride = value },
                "padding" => token with { Padding = value },
                _ => token with { Dilation = value },
            };
        }
        while (s.TryConsume(','));
        return s.TryConsume(')') ? (token, null) : (null, s.Unexpected("',' or ')' after an option"));
    }

    /// <summary><c>valid</c>, <c>same</c> or a number of zeros on every side; the span starts at the option's name.</summary>
    private static (TokenOption?, Error?) Padding(TopologyScanner s, int nameStart)
    {
        if (s.AtDigit)
        {
            var (zeros, start, length) = s.Number();
            if (zeros > MaxWidth)
            {
                return (null, new Error(ErrorKind.Layer, start, length, $"padding is a number of zeros from 0 to {Text(MaxWidth)}"));
            }
            return (new TokenOption(new[] { zeros }, false, nameStart, start + length - nameStart), null);
        }
        var (word, wordStart) = s.Word();
        return word.ToLowerInvariant() switch
        {
            "valid" => (new TokenOption(new[] { 0 }, false, nameStart, wordStart + word.Length - nameStart), null),
            "same" => (new TokenOption(System.Array.Empty<int>(), true, nameStart, wordStart + word.Length - nameStart), null),
            "" => (null, s.Unexpected("valid, same or a number of zeros after 'padding='")),
            _ => (null, new Error(ErrorKind.Layer, wordStart, word.Length, $"'{word}' is not a padding; write padding=valid (none, the default), padding=same or padding=N (N zeros on every side)")),
        };
    }

    /// <summary>
    /// <c>N ('x' N)*</c>, each from 1 to <see cref="MaxWidth"/> (an error of <paramref name="rangeKind"/> otherwise);
    /// the span starts at <paramref name="spanStart"/> when given (an option's name), else at the first number.
    /// </summary>
    private static (TokenOption?, Error?) Numbers(TopologyScanner s, string what, ErrorKind rangeKind, string? keyword, int spanStart = -1)
    {
        var values = new List<int>();
        int first = -1;
        do
        {
            var (value, start, length) = s.Number();
            if (start < 0)
            {
                // "conv3x-10": the '-' is the next layer's dash, not a minus sign.
                return (null, s.Unexpected(values.Count == 0 ? what : $"a number after 'x' in {what}"));
            }
            if (value < 1 || value > MaxWidth)
            {
                return (null, Range(start, length, s.Text(start, length)));
            }
            first = first < 0 ? start : first;
            values.Add(value);
        }
        while (s.TryConsume('x'));
        int from = spanStart < 0 ? first : spanStart;
        return (new TokenOption(values.ToArray(), false, from, s.Position - from), null);

        Error Range(int start, int length, string written) => rangeKind == ErrorKind.Width
            ? new Error(ErrorKind.Width, start, length, written)
            : new Error(ErrorKind.Layer, start, length, $"{written} is out of range for {what} of {keyword}: a whole number from 1 to {Text(MaxWidth)}");
    }

    private static (ActivationKind?, Error?) OptionalActivation(TopologyScanner s)
    {
        if (!s.TryConsume(':'))
        {
            return (null, null);
        }
        var (name, error) = ActivationAfterColon(s);
        if (error is not null)
        {
            return (null, error);
        }
        TryParseActivation(name, out ActivationKind activation);
        return (activation, null);
    }

    /// <summary>The known activation name after ':' (an error when missing or unknown).</summary>
    private static (string, Error?) ActivationAfterColon(TopologyScanner s)
    {
        if (!s.AtLetter)
        {
            return ("", s.Unexpected("an activation name after ':'"));
        }
        var (name, start) = s.Word();
        return TryParseActivation(name, out _) ? (name, null) : (name, new Error(ErrorKind.UnknownActivation, start, name.Length, name));
    }

    private static string Text(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

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

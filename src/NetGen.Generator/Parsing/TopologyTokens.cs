using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>What one dash-separated part of a topology string declares.</summary>
internal enum TokenKind
{
    /// <summary>The first part: <c>4</c> (flat), <c>3x64</c> or <c>1x8x8</c>.</summary>
    Input,
    /// <summary><c>16</c> or <c>16:relu</c>.</summary>
    Dense,
    /// <summary><c>conv3x8</c>, <c>conv3x3x8(stride=2, padding=same):relu</c>.</summary>
    Convolution,
    /// <summary><c>maxpool2</c>, <c>maxpool3(stride=2)</c>.</summary>
    MaxPool,
    /// <summary><c>avgpool2</c>.</summary>
    AveragePool,
    /// <summary><c>gap</c> or <c>globalavgpool</c>.</summary>
    GlobalAveragePool,
    /// <summary><c>flatten</c>: a marker that produces no layer.</summary>
    Flatten,
    /// <summary><c>rnn16</c>, <c>rnn16(return=sequence):relu</c>: an Elman layer of 16 units, tanh unless written.</summary>
    SimpleRnn,
    /// <summary><c>gru16</c>, <c>gru16(return=sequence)</c>.</summary>
    Gru,
    /// <summary><c>lstm16</c>, <c>lstm16(return=sequence)</c>.</summary>
    Lstm,
}

/// <summary>
/// One part of a topology string as written, before any shape is known: its kind, numbers and options, and
/// where each sits in the string so that later checks (order, ranks, a window that does not fit) underline
/// exactly it. <see cref="Width"/> is a dense layer's units, the input's value count, else 0.
/// </summary>
internal sealed record Token(int Width, ActivationKind? Activation)
{
    public TokenKind Kind { get; init; } = TokenKind.Dense;

    /// <summary>The part's first character in the string.</summary>
    public int Start { get; init; }

    /// <summary>The part's length in the string, activation and options included.</summary>
    public int Length { get; init; }

    /// <summary>The 'x'-separated numbers: the input's dimensions; a convolution's kernel then its filter count; a pooling kernel.</summary>
    public TokenOption? Sizes { get; init; }

    /// <summary><c>stride=...</c> when written.</summary>
    public TokenOption? Stride { get; init; }

    /// <summary><c>dilation=...</c> when written.</summary>
    public TokenOption? Dilation { get; init; }

    /// <summary><c>padding=...</c> when written: <c>valid</c> is [0], <c>same</c> has <see cref="TokenOption.Same"/>.</summary>
    public TokenOption? Padding { get; init; }

    /// <summary>A recurrent layer's <c>return=...</c> when written: <c>sequence</c> is [1], <c>last</c> is [0].</summary>
    public TokenOption? Return { get; init; }

    /// <summary>A SimpleRNN, GRU or LSTM layer; <see cref="Width"/> is its hidden units.</summary>
    public bool IsRecurrent => Kind is TokenKind.SimpleRnn or TokenKind.Gru or TokenKind.Lstm;

    /// <summary>A flat input or a dense layer: what a topology without spatial layers is made of.</summary>
    public bool IsDenseOnly => Kind == TokenKind.Dense || (Kind == TokenKind.Input && (Sizes is null || Sizes.Values.Length == 1));
}

/// <summary>Numbers as written (<c>3x3</c>), or <c>same</c>, and their characters in the string.</summary>
internal sealed record TokenOption(int[] Values, bool Same, int Start, int Length);

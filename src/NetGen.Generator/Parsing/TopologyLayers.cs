using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using static NetGen.Generator.Parsing.TopologyParser;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns the parsed parts of a topology into the network's input shape and <see cref="LayerSpec"/>s: feeds
/// each layer the shape the previous one produces, builds every spatial layer through
/// <see cref="SpatialShapes"/> (the one owner of the shape arithmetic), and enforces the order rules
/// (convolution and pooling read a feature map, the last layer is dense), each error on its part's characters.
/// </summary>
internal static class TopologyLayers
{
    /// <summary>The network the tokens declare.</summary>
    internal sealed record Result(
        int InputCount,
        EquatableArray<int> InputShape,
        EquatableArray<LayerSpec> Layers,
        IReadOnlyList<Token> LayerTokens);

    /// <summary>
    /// The layers of <paramref name="tokens"/> (input first, as <see cref="TopologyParser.Parse"/> returns them);
    /// an activation not written in the topology is <paramref name="hidden"/>, or <paramref name="output"/> for the last layer.
    /// <see cref="Result.LayerTokens"/> holds the part each layer was written as (flatten makes none).
    /// </summary>
    public static (Result? Network, Error? Error) Build(IReadOnlyList<Token> tokens, ActivationKind hidden, ActivationKind output)
    {
        Token input = tokens[0];
        int[] shape = input.Sizes?.Values ?? new[] { input.Width };
        bool flat = shape.Length == 1;
        // Whether the values so far keep a time axis: a recurrent layer returning its sequence, or a per-step dense layer.
        bool sequence = false;
        var layers = new List<LayerSpec>();
        var layerTokens = new List<Token>();
        for (int i = 1; i < tokens.Count; i++)
        {
            Token token = tokens[i];
            bool isLast = i == tokens.Count - 1;
            if (isLast && token.Kind != TokenKind.Dense)
            {
                return (null, new Error(ErrorKind.Order, token.Start, token.Length,
                    $"the last layer is the output and must be dense; add one after it, e.g. \"- 10:softmax\" for 10 classes"));
            }
            if (token.Kind == TokenKind.Dense)
            {
                ActivationKind activation = token.Activation ?? (isLast ? output : hidden);
                // After a sequence a dense layer runs at every step with the same weights, as nn.Linear does on [time, features].
                LayerSpec dense = sequence ? RecurrentShapes.PerStepDense(shape, token.Width, activation) : new LayerSpec(token.Width, activation);
                if (dense.Width > MaxWidth)
                {
                    return (null, TooManyValues(token, dense));
                }
                layers.Add(dense);
                layerTokens.Add(token);
                shape = sequence ? dense.OutputShape.AsSpan().ToArray() : new[] { token.Width };
                flat = true;
                continue;
            }
            if (token.IsRecurrent)
            {
                var (recurrent, recurrentError) = Recurrent(token, tokens, i, shape, sequence || (i == 1 && shape.Length == 2));
                if (recurrentError is not null)
                {
                    return (null, recurrentError);
                }
                layers.Add(recurrent!);
                layerTokens.Add(token);
                shape = recurrent!.OutputShape.AsSpan().ToArray();
                sequence = recurrent.ReturnsSequence;
                flat = true;
                continue;
            }
            if (sequence && token.Kind == TokenKind.Flatten)
            {
                // The next dense layer reads every step's values, [time, features] row-major, rather than running per step.
                sequence = false;
                continue;
            }
            if (sequence || (layers.Count > 0 && layers[layers.Count - 1].IsRecurrent))
            {
                return (null, AfterRecurrent(token, tokens[i - 1]));
            }
            if (flat)
            {
                return (null, NeedsFeatureMap(token, tokens[i - 1], i == 1));
            }
            if (token.Kind == TokenKind.Flatten)
            {
                // A dense layer reads a feature map flattened row-major whether or not this is written.
                flat = true;
                continue;
            }
            var (layer, error) = Spatial(token, shape, hidden);
            if (error is not null)
            {
                return (null, error);
            }
            if (layer!.Width > MaxWidth)
            {
                return (null, TooManyValues(token, layer));
            }
            layers.Add(layer);
            layerTokens.Add(token);
            shape = layer.OutputShape.AsSpan().ToArray();
        }
        int[] inputShape = input.Sizes is { Values.Length: > 1 } sizes ? sizes.Values : System.Array.Empty<int>();
        return (new Result(input.Width, new EquatableArray<int>(inputShape), new EquatableArray<LayerSpec>(layers.ToArray()), layerTokens), null);
    }

    /// <summary>The validator would call it a layer width out of range; say which layer and why here.</summary>
    private static Error TooManyValues(Token token, LayerSpec layer) =>
        new(ErrorKind.Layer, token.Start, token.Length, string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "it produces {0:N0} values ({1}), and a layer has at most {2:N0}; {3}",
            (long)layer.OutputShape.AsSpan().ToArray().Aggregate(1L, (a, b) => a * b), string.Join(" x ", layer.OutputShape), MaxWidth,
            layer.IsSpatial ? "use fewer filters, a larger stride or pool first" : "use fewer units or time steps, or return=last"));

    /// <summary>
    /// A recurrent layer over <paramref name="input"/>, which must be a sequence (<paramref name="readsSequence"/>:
    /// a <c>TxF</c> input, or a layer returning its sequence). It returns its sequence when written so, or when
    /// another recurrent layer follows (which reads one); else its last state.
    /// </summary>
    private static (LayerSpec?, Error?) Recurrent(Token token, IReadOnlyList<Token> tokens, int i, int[] input, bool readsSequence)
    {
        string keyword = Name(token.Kind);
        if (!readsSequence)
        {
            Token previous = tokens[i - 1];
            string why = i == 1
                ? $"the input is {string.Join("x", input)}; a recurrent layer reads a sequence, so write the input as TxF (time steps x features), e.g. 50x2 for 50 steps of 2 features"
                : previous.IsRecurrent
                    ? $"{Name(previous.Kind)} returns its last state (return=last), and {keyword} reads a sequence; remove return=last"
                    : $"{keyword} cannot follow {(previous.Kind == TokenKind.Dense ? "a dense layer" : previous.Kind == TokenKind.Flatten ? "a flatten" : "a convolution or pooling layer")}: " +
                      "a recurrent layer reads a sequence, so it comes right after a TxF input or another recurrent (or per-step dense) layer";
            return (null, new Error(ErrorKind.Order, token.Start, token.Length, why));
        }
        bool nextIsRecurrent = i + 1 < tokens.Count && tokens[i + 1].IsRecurrent;
        bool sequence = token.Return is { } written ? written.Values[0] == 1 : nextIsRecurrent;
        if (!sequence && nextIsRecurrent)
        {
            Token next = tokens[i + 1];
            return (null, new Error(ErrorKind.Order, token.Return!.Start, token.Return.Length,
                $"{Name(next.Kind)} after this layer reads a sequence, and return=last gives one state; remove return=last"));
        }
        LayerKind kind = token.Kind switch
        {
            TokenKind.Gru => LayerKind.Gru,
            TokenKind.Lstm => LayerKind.Lstm,
            _ => LayerKind.SimpleRnn,
        };
        LayerSpec layer = RecurrentShapes.Recurrent(kind, input, token.Width, sequence, token.Activation ?? ActivationKind.Tanh);
        return layer.Width > MaxWidth ? (null, TooManyValues(token, layer)) : (layer, null);
    }

    /// <summary>Convolution, pooling or a needless flatten after a recurrent layer (or after the flatten that ends its sequence).</summary>
    private static Error AfterRecurrent(Token token, Token previous)
    {
        string why = token.Kind != TokenKind.Flatten
            ? $"{Name(token.Kind)} cannot follow a recurrent layer: convolution and pooling read a feature map, and a recurrent layer " +
              "writes one state per step; after a recurrent layer come dense layers (per step, or over every step after flatten)"
            : previous.Kind == TokenKind.Flatten
                ? "flatten is written twice; keep one"
                : $"{Name(previous.Kind)} returns its last state, which is already flat: remove flatten, or write {Name(previous.Kind)}(return=sequence) " +
                  "for a dense layer over every step's state";
        return new Error(ErrorKind.Order, token.Start, token.Length, why);
    }

    private static Error NeedsFeatureMap(Token token, Token previous, bool afterInput)
    {
        string what = token.Kind == TokenKind.Flatten ? "flatten" : Name(token.Kind);
        string why = previous.Kind == TokenKind.Flatten ? "a flatten"
            : afterInput ? "a flat input"
            : "a dense layer";
        return new Error(ErrorKind.Order, token.Start, token.Length,
            $"{what} cannot follow {why}: convolution, pooling and flatten read a feature map, so they come right after a shaped input " +
            "(CxL such as 3x64, or CxHxW such as 1x8x8) or after another convolution or pooling layer");
    }

    private static (LayerSpec?, Error?) Spatial(Token token, int[] input, ActivationKind hidden)
    {
        int rank = input.Length - 1;
        if (token.Kind == TokenKind.GlobalAveragePool)
        {
            return (SpatialShapes.GlobalAveragePool(input), null);
        }
        int[] sizes = token.Sizes!.Values;
        bool conv = token.Kind == TokenKind.Convolution;
        int[] written = conv ? sizes.Take(sizes.Length - 1).ToArray() : sizes;
        var (kernel, kernelError) = PerDimension(written, rank, token.Sizes, conv
            ? $"conv's kernel is one size for every dimension or one per dimension ({rank} here), then the filter count last: " +
              (rank == 2 ? "conv3x8 or conv3x3x8 is a 3x3 kernel with 8 filters" : "conv5x16 is a kernel of 5 with 16 filters")
            : $"{Name(token.Kind)}'s window is one size for every dimension or one per dimension ({rank} here)");
        if (kernelError is not null)
        {
            return (null, kernelError);
        }
        var (stride, strideError) = token.Stride is null
            ? ((int[]?)(conv ? Ones(rank) : kernel), (Error?)null)
            : PerDimension(token.Stride.Values, rank, token.Stride, $"stride is one number for every dimension or one per dimension ({rank} here)");
        if (strideError is not null)
        {
            return (null, strideError);
        }
        if (!conv)
        {
            var (pool, poolError) = SpatialShapes.Pool(token.Kind == TokenKind.MaxPool ? LayerKind.MaxPool : LayerKind.AveragePool, input, kernel!, stride!);
            return pool is null ? (null, DoesNotFit(token, poolError!)) : (pool, null);
        }
        var (dilation, dilationError) = token.Dilation is null
            ? ((int[]?)Ones(rank), (Error?)null)
            : PerDimension(token.Dilation.Values, rank, token.Dilation, $"dilation is one number for every dimension or one per dimension ({rank} here)");
        if (dilationError is not null)
        {
            return (null, dilationError);
        }
        int[]? pads = token.Padding switch
        {
            null => new int[2 * rank],
            { Same: true } => null,
            { Values: var zeros } => Enumerable.Repeat(zeros[0], 2 * rank).ToArray(),
        };
        var (layer, error) = SpatialShapes.Convolution(input, sizes[sizes.Length - 1], kernel!, stride!, dilation!, pads, token.Activation ?? hidden);
        return layer is null ? (null, DoesNotFit(token, error!)) : (layer, null);
    }

    /// <summary>One number for every dimension, or exactly one per dimension.</summary>
    private static (int[]?, Error?) PerDimension(int[] values, int rank, TokenOption where, string rule)
    {
        if (values.Length == 1)
        {
            return (Enumerable.Repeat(values[0], rank).ToArray(), null);
        }
        return values.Length == rank
            ? (values, null)
            : (null, new Error(ErrorKind.Layer, where.Start, where.Length,
                $"{values.Length} numbers where {(rank == 1 ? "the input is one-dimensional" : "the input is two-dimensional")}; {rule}"));
    }

    private static Error DoesNotFit(Token token, string why) =>
        new(ErrorKind.Layer, token.Start, token.Length, why + "; use a smaller window or stride, or padding");

    private static int[] Ones(int rank) => Enumerable.Repeat(1, rank).ToArray();

    private static string Name(TokenKind kind) => kind switch
    {
        TokenKind.Convolution => "conv",
        TokenKind.MaxPool => "maxpool",
        TokenKind.AveragePool => "avgpool",
        TokenKind.GlobalAveragePool => "gap",
        TokenKind.SimpleRnn => "rnn",
        TokenKind.Gru => "gru",
        TokenKind.Lstm => "lstm",
        _ => "flatten",
    };
}

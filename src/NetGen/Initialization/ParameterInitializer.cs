using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Seeded initialisation: each layer's weights from Glorot or He (by the layer's activation), biases
/// zero. The fans are PyTorch's: a dense layer's inputs and units; a convolution's channels x kernel taps
/// and filters x kernel taps; a per-step dense layer's features and units per step. A recurrent layer gets
/// Glorot (or He) input weights per gate, orthogonal hidden-to-hidden blocks per gate, zero biases and an
/// LSTM forget-gate bias of 1 (see <see cref="InitializationScheme"/>); <see cref="InitializationScheme.PyTorch"/>
/// draws PyTorch's default distributions instead. The same seed gives the same parameters, bit for bit, on
/// every runtime.
/// </summary>
public static class ParameterInitializer
{
    /// <summary>
    /// Draws every trainable weight of <paramref name="net"/> and sets every trainable bias (to zero, to 1 for an
    /// LSTM's forget gate, or drawn under <see cref="InitializationScheme.PyTorch"/>). Frozen parameters
    /// (<see cref="INetwork{TSelf, T}.ParameterIsTrainable"/> false) are left as they are.
    /// </summary>
    /// <param name="net">The network to initialise.</param>
    /// <param name="seed">Equal seeds give equal parameters.</param>
    /// <param name="scheme">Glorot, He, PyTorch's defaults, or by each layer's activation (default).</param>
    public static void Initialize<TNet, T>(INetwork<TNet, T> net, int seed, InitializationScheme scheme = InitializationScheme.Auto)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        if (!Enum.IsDefined(scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null);
        }
        NetworkLayout layout = NetworkLayout.Of<TNet, T>();
        ReadOnlySpan<bool> trainable = TNet.ParameterIsTrainable;
        Span<T> parameters = net.Parameters;
        var random = new SeededRandom(seed, RandomStreams.Initialization);
        for (int l = 0; l < layout.Layers.Length; l++)
        {
            LayerLayout layer = layout.Layers[l];
            if (layer.WeightCount == 0)
            {
                continue; // pooling: nothing to draw
            }
            if (scheme == InitializationScheme.PyTorch)
            {
                // Weights and biases alike, from one range.
                double bound = 1 / Math.Sqrt(layout.Infos[l].IsRecurrent ? layout.Infos[l].HiddenSize : layer.FanIn);
                Uniform(ref random, bound, parameters, trainable, layer.WeightOffset, layer.WeightCount + layer.BiasCount);
                continue;
            }
            if (layout.Infos[l].IsRecurrent)
            {
                RecurrentInitializer.Initialize(ref random, layout.Infos[l], Limit(layer, scheme), parameters, trainable);
                continue;
            }
            Uniform(ref random, Limit(layer, scheme), parameters, trainable, layer.WeightOffset, layer.WeightCount);
            for (int k = layer.BiasOffset; k < layer.BiasOffset + layer.BiasCount; k++)
            {
                if (trainable[k])
                {
                    parameters[k] = T.Zero;
                }
            }
        }
    }

    /// <summary>
    /// Draws <paramref name="count"/> values ~ U(-limit, limit) from <paramref name="offset"/> on; frozen ones are
    /// drawn too (and dropped), so that freezing one does not shift every later draw.
    /// </summary>
    internal static void Uniform<T>(ref SeededRandom random, double limit, Span<T> parameters, ReadOnlySpan<bool> trainable, int offset, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = offset; k < offset + count; k++)
        {
            double value = limit * (2 * random.NextDouble() - 1);
            if (trainable[k])
            {
                parameters[k] = T.CreateTruncating(value);
            }
        }
    }

    /// <summary>The half-width a of the uniform distribution U(-a, a) a layer's weights are drawn from.</summary>
    internal static double Limit(LayerLayout layer, InitializationScheme scheme)
    {
        bool he = scheme switch
        {
            InitializationScheme.He => true,
            InitializationScheme.Glorot => false,
            // A recurrent layer's activation is its cell's; its gates are sigmoid and tanh, so Glorot.
            InitializationScheme.Auto => layer.Kind is not (LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm)
                && layer.Activation is Activation.ReLU or Activation.LeakyReLU,
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
        };
        return he ? Math.Sqrt(6.0 / layer.FanIn) : Math.Sqrt(6.0 / (layer.FanIn + layer.FanOut));
    }
}

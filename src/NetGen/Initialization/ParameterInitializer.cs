using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Seeded initialisation: each layer's weights from Glorot or He (by the layer's activation), biases
/// zero. The fans are PyTorch's: a dense layer's inputs and units; a convolution's channels x kernel taps
/// and filters x kernel taps. The same seed gives the same parameters, bit for bit, on every runtime.
/// </summary>
public static class ParameterInitializer
{
    /// <summary>
    /// Draws every trainable weight of <paramref name="net"/> and sets every trainable bias to zero.
    /// Frozen parameters (<see cref="INetwork{TSelf, T}.ParameterIsTrainable"/> false) are left as they are.
    /// </summary>
    /// <param name="net">The network to initialise.</param>
    /// <param name="seed">Equal seeds give equal parameters.</param>
    /// <param name="scheme">Glorot, He, or by each layer's activation (default).</param>
    public static void Initialize<TNet, T>(INetwork<TNet, T> net, int seed, InitializationScheme scheme = InitializationScheme.Auto)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        NetworkLayout layout = NetworkLayout.Of<TNet, T>();
        ReadOnlySpan<bool> trainable = TNet.ParameterIsTrainable;
        Span<T> parameters = net.Parameters;
        var random = new SeededRandom(seed, RandomStreams.Initialization);
        foreach (LayerLayout layer in layout.Layers)
        {
            if (layer.WeightCount == 0)
            {
                continue; // pooling: nothing to draw
            }
            double limit = Limit(layer, scheme);
            for (int k = layer.WeightOffset; k < layer.BiasOffset; k++)
            {
                // Draw for frozen weights too, so that freezing one does not shift every later draw.
                double value = limit * (2 * random.NextDouble() - 1);
                if (trainable[k])
                {
                    parameters[k] = T.CreateTruncating(value);
                }
            }
            for (int k = layer.BiasOffset; k < layer.BiasOffset + layer.BiasCount; k++)
            {
                if (trainable[k])
                {
                    parameters[k] = T.Zero;
                }
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
            InitializationScheme.Auto => layer.Activation is Activation.ReLU or Activation.LeakyReLU,
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
        };
        return he ? Math.Sqrt(6.0 / layer.FanIn) : Math.Sqrt(6.0 / (layer.FanIn + layer.FanOut));
    }
}

using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// <see cref="INetwork{TSelf, T}.Layers"/> and <see cref="INetwork{TSelf, T}.InputShape"/> of a network that
/// does not describe its layers (a hand-written dense implementation of the contract), worked out once
/// per type from its layer sizes, activations and parameter count.
/// </summary>
internal static class DenseLayerInfos<TSelf, T>
    where TSelf : INetwork<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static readonly int[] InputShape = { TSelf.InputCount };

    public static readonly LayerInfo[] Layers = Describe();

    private static LayerInfo[] Describe()
    {
        ReadOnlySpan<int> sizes = TSelf.LayerSizes;
        ReadOnlySpan<Activation> activations = TSelf.LayerActivations;
        if (sizes.Length < 2 || activations.Length != sizes.Length - 1)
        {
            throw new InvalidOperationException(
                $"{typeof(TSelf).Name} reports {sizes.Length} layer sizes and {activations.Length} activations; expected one activation per layer after the input.");
        }
        int weights = 0, units = 0;
        for (int l = 1; l < sizes.Length; l++)
        {
            weights += sizes[l - 1] * sizes[l];
            units += sizes[l];
        }
        int biases = TSelf.ParameterCount - weights;
        if (biases != units && biases != sizes.Length - 1)
        {
            throw new InvalidOperationException(
                $"{typeof(TSelf).Name} has {TSelf.ParameterCount} parameters, which fits neither one bias per unit nor one per layer.");
        }
        // Per-unit biases add one parameter per unit, shared ones one per layer (when every layer has a single
        // unit the two coincide, and so do the layouts).
        bool shared = biases != units;
        var layers = new LayerInfo[sizes.Length - 1];
        int offset = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            int biasCount = shared ? 1 : sizes[l + 1];
            layers[l] = LayerInfo.Dense(sizes[l], sizes[l + 1], activations[l], offset, biasCount);
            offset += sizes[l] * sizes[l + 1] + biasCount;
        }
        return layers;
    }
}

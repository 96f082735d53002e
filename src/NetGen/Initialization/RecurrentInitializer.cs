using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// A recurrent layer's parameters in PyTorch's order (<c>weight_ih [G*H, F]</c>, <c>weight_hh [G*H, H]</c>,
/// <c>bias_ih [G*H]</c>, <c>bias_hh [G*H]</c>; gates r, z, n for GRU and i, f, g, o for LSTM): Keras's defaults,
/// which train recurrent networks better than PyTorch's uniform ones. Glorot uniform input weights per gate
/// (fan_in F, fan_out H), an orthogonal H x H hidden-to-hidden block per gate, zero biases, and an LSTM's
/// forget-gate <c>bias_ih</c> set to 1 so that the cell remembers from the first step.
/// </summary>
internal static class RecurrentInitializer
{
    /// <summary>The LSTM gate (PyTorch order i, f, g, o) whose input bias starts at 1.</summary>
    private const int ForgetGate = 1;

    public static void Initialize<T>(ref SeededRandom random, LayerInfo layer, double inputLimit, Span<T> parameters, ReadOnlySpan<bool> trainable)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int gates = layer.GateCount, hidden = layer.HiddenSize, features = layer.FanIn;
        int inputWeights = layer.ParameterOffset, recurrentWeights = inputWeights + gates * hidden * features;
        int biases = layer.ParameterOffset + layer.WeightCount; // bias_ih, then bias_hh

        // Every gate block of weight_ih has the same fans, so one run of draws covers them all.
        ParameterInitializer.Uniform(ref random, inputLimit, parameters, trainable, inputWeights, gates * hidden * features);

        // Gate g's block is rows g*H .. g*H + H - 1 of weight_hh [G*H, H], itself H x H row-major: contiguous.
        Span<double> block = new double[hidden * hidden];
        for (int g = 0; g < gates; g++)
        {
            Orthogonal.Draw(ref random, hidden, block);
            int offset = recurrentWeights + g * hidden * hidden;
            for (int k = 0; k < block.Length; k++)
            {
                if (trainable[offset + k])
                {
                    parameters[offset + k] = T.CreateTruncating(block[k]);
                }
            }
        }

        for (int k = 0; k < 2 * gates * hidden; k++)
        {
            // Only bias_ih's forget rows: PyTorch adds bias_hh to it, so the gate's total bias is 1, as in Keras.
            bool forget = layer.Kind == LayerKind.Lstm && k >= ForgetGate * hidden && k < (ForgetGate + 1) * hidden;
            if (trainable[biases + k])
            {
                parameters[biases + k] = forget ? T.One : T.Zero;
            }
        }
    }
}

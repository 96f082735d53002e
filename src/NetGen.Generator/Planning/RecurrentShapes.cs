using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Builds recurrent and per-step dense <see cref="LayerSpec"/>s from the shape they read, for the topology parser
/// and the ONNX importer alike: the one owner of their shapes. A recurrent layer reads <c>[time, features]</c> and
/// writes <c>[time, hidden]</c> (<paramref name="sequence"/>) or <c>[hidden]</c> (its last state); a per-step dense
/// layer reads <c>[time, inputs]</c> and writes <c>[time, units]</c>.
/// </summary>
internal static class RecurrentShapes
{
    /// <summary>A SimpleRNN, GRU or LSTM layer of <paramref name="hidden"/> units over <paramref name="input"/> <c>[time, features]</c>.</summary>
    public static LayerSpec Recurrent(LayerKind kind, int[] input, int hidden, bool sequence, ActivationKind activation)
    {
        int[] shape = sequence ? new[] { input[0], hidden } : new[] { hidden };
        return new LayerSpec(sequence ? input[0] * hidden : hidden, kind == LayerKind.SimpleRnn ? activation : ActivationKind.Tanh)
        {
            Kind = kind,
            OutputShape = new EquatableArray<int>(shape),
        };
    }

    /// <summary>A dense layer of <paramref name="units"/> units applied at each step of <paramref name="input"/> <c>[time, inputs]</c>.</summary>
    public static LayerSpec PerStepDense(int[] input, int units, ActivationKind activation) =>
        new(input[0] * units, activation)
        {
            Kind = LayerKind.PerStepDense,
            OutputShape = new EquatableArray<int>(new[] { input[0], units }),
        };

    /// <summary>Weights of a recurrent layer: gates x hidden x (features + hidden), PyTorch's <c>weight_ih</c> then <c>weight_hh</c>.</summary>
    public static long Weights(LayerSpec layer, int features) => (long)layer.GateCount * layer.Hidden * (features + layer.Hidden);

    /// <summary>Biases of a recurrent layer: <c>bias_ih</c> and <c>bias_hh</c>, gates x hidden each.</summary>
    public static long Biases(LayerSpec layer) => 2L * layer.GateCount * layer.Hidden;
}

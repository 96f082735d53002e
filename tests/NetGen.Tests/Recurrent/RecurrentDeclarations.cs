using NetGen;

namespace NetGen.Tests.Recurrent;

// Hand-declared recurrent layer tables; each one's comment is the topology text it should describe.

/// <summary>4x2 - gru3 - 1:identity: 3 x 3 x (2 + 3) + 18 = 63 parameters, then 3 + 1.</summary>
internal sealed class Gru4x2 : IRecurrentDeclaration
{
    public static int[] InputShape => [4, 2];

    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.Gru, Activation.Tanh, 4, 2, 3, false, 0),
        LayerInfo.Dense(3, 1, Activation.Identity, 63, 1),
    ];
}

/// <summary>5x2 - gru3 - 1:identity: Gru4x2's parameters exactly (they do not depend on the steps), one more step.</summary>
internal sealed class Gru5x2 : IRecurrentDeclaration
{
    public static int[] InputShape => [5, 2];

    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.Gru, Activation.Tanh, 5, 2, 3, false, 0),
        LayerInfo.Dense(3, 1, Activation.Identity, 63, 1),
    ];
}

/// <summary>4x2 - rnn9:tanh - 1:identity: 9 x (2 + 9) + 18 = 117 parameters, then 9 + 1.</summary>
internal sealed class Rnn4x2 : IRecurrentDeclaration
{
    public static int[] InputShape => [4, 2];

    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.SimpleRnn, Activation.Tanh, 4, 2, 9, false, 0),
        LayerInfo.Dense(9, 1, Activation.Identity, 117, 1),
    ];
}

/// <summary>6x3 - lstm4(return=sequence) - 2:identity (per step): 4 x 4 x (3 + 4) + 32 = 144, then 4 x 2 + 2.</summary>
internal sealed class LstmSequence : IRecurrentDeclaration
{
    public static int[] InputShape => [6, 3];

    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.Lstm, Activation.Tanh, 6, 3, 4, true, 0),
        LayerInfo.PerStepDense(6, 4, 2, Activation.Identity, 144, 2),
    ];
}

/// <summary>5x2 - rnn3:relu - gru2(return=sequence) - flatten - 1:sigmoid.</summary>
internal sealed class Stacked : IRecurrentDeclaration
{
    public static int[] InputShape => [5, 2];

    // rnn3: 3 x (2 + 3) + 6 = 21; gru2 over 3 features: 3 x 2 x (3 + 2) + 12 = 42; dense 10 -> 1: 11.
    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.SimpleRnn, Activation.ReLU, 5, 2, 3, true, 0),
        LayerInfo.Recurrent(LayerKind.Gru, Activation.Tanh, 5, 3, 2, true, 21),
        LayerInfo.Dense(10, 1, Activation.Sigmoid, 63, 1),
    ];
}

/// <summary>3x4 - rnn4(return=sequence):tanh - 4:softmax (per step): a sequence tagger of 4 classes over 3 steps.</summary>
internal sealed class Tagger : IRecurrentDeclaration
{
    public static int[] InputShape => [3, 4];

    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.SimpleRnn, Activation.Tanh, 3, 4, 4, true, 0),
        LayerInfo.PerStepDense(3, 4, 4, Activation.Softmax, 40, 4),
    ];
}

/// <summary>3x2 - rnn2(return=sequence):tanh - 1:sigmoid (per step): one 0/1 label per step.</summary>
internal sealed class BinaryTagger : IRecurrentDeclaration
{
    public static int[] InputShape => [3, 2];

    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.SimpleRnn, Activation.Tanh, 3, 2, 2, true, 0),
        LayerInfo.PerStepDense(3, 2, 1, Activation.Sigmoid, 12, 1),
    ];
}

/// <summary>A 16-unit LSTM over 2 features with frozen biases: orthogonality at a realistic size, and frozen values kept.</summary>
internal sealed class WideLstm : IRecurrentDeclaration
{
    public static int[] InputShape => [10, 2];

    // 4 x 16 x (2 + 16) = 1152 weights, 128 biases; dense 16 -> 1: 17.
    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.Lstm, Activation.Tanh, 10, 2, 16, false, 0),
        LayerInfo.Dense(16, 1, Activation.Identity, 1280, 1),
    ];

    public static bool[]? Trainable => [.. Enumerable.Repeat(true, 1152), .. Enumerable.Repeat(false, 128), .. Enumerable.Repeat(true, 17)];
}

/// <summary>5x2 - lstm3(return=sequence) - 8:relu - gru2 - 1:identity: a per-step dense layer between two recurrent ones.</summary>
internal sealed class Interleaved : IRecurrentDeclaration
{
    public static int[] InputShape => [5, 2];

    // lstm3: 4 x 3 x (2 + 3) + 24 = 84; per step 3 -> 8: 32; gru2 over 8: 3 x 2 x (8 + 2) + 12 = 72; dense 2 -> 1: 3.
    public static LayerInfo[] Declare() =>
    [
        LayerInfo.Recurrent(LayerKind.Lstm, Activation.Tanh, 5, 2, 3, true, 0),
        LayerInfo.PerStepDense(5, 3, 8, Activation.ReLU, 84, 8),
        LayerInfo.Recurrent(LayerKind.Gru, Activation.Tanh, 5, 8, 2, false, 116),
        LayerInfo.Dense(2, 1, Activation.Identity, 188, 1),
    ];
}

using NetGen.Tests.Convolution;

namespace NetGen.Onnx.Tests.Recurrent;

// Hand-declared recurrent networks covering each cell, last-state and sequence outputs, stacking and per-step heads.

/// <summary>5x3 - gru4 - 2:identity</summary>
internal sealed class GruLastDense : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 5, 3);
        return s.Raw(LayerInfo.Recurrent(LayerKind.Gru, Activation.Tanh, 5, 3, 4, false, s.ParameterCount)).Dense(2, Activation.Identity);
    }
}

/// <summary>6x3 - lstm4 - 2:sigmoid</summary>
internal sealed class LstmLastDense : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 6, 3);
        return s.Raw(LayerInfo.Recurrent(LayerKind.Lstm, Activation.Tanh, 6, 3, 4, false, s.ParameterCount)).Dense(2, Activation.Sigmoid);
    }
}

/// <summary>5x2 - rnn3:relu - rnn2 - 1:identity (the first layer returns its sequence to the second)</summary>
internal sealed class RnnStacked : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 5, 2);
        s.Raw(LayerInfo.Recurrent(LayerKind.SimpleRnn, Activation.ReLU, 5, 2, 3, true, s.ParameterCount));
        return s.Raw(LayerInfo.Recurrent(LayerKind.SimpleRnn, Activation.Tanh, 5, 3, 2, false, s.ParameterCount)).Dense(1, Activation.Identity);
    }
}

/// <summary>6x3 - lstm4(return=sequence) - 2:tanh (a dense layer at every step)</summary>
internal sealed class LstmSequencePerStep : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 6, 3);
        s.Raw(LayerInfo.Recurrent(LayerKind.Lstm, Activation.Tanh, 6, 3, 4, true, s.ParameterCount));
        return s.Raw(LayerInfo.PerStepDense(6, 4, 2, Activation.Tanh, s.ParameterCount, 2));
    }
}

/// <summary>4x2 - gru3(return=sequence) - rnn3 - flatten-free: gru3(return=sequence) - flatten - 3:softmax over all 4 x 3 values</summary>
internal sealed class GruSequenceFlattened : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 4, 2);
        return s.Raw(LayerInfo.Recurrent(LayerKind.Gru, Activation.Tanh, 4, 2, 3, true, s.ParameterCount)).Dense(3, Activation.Softmax);
    }
}

/// <summary>5x2 - gru3(return=sequence) - lstm2(return=sequence) - 1:identity, one bias for the per-step head</summary>
internal sealed class GruLstmPerStepShared : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 5, 2);
        s.Raw(LayerInfo.Recurrent(LayerKind.Gru, Activation.Tanh, 5, 2, 3, true, s.ParameterCount));
        s.Raw(LayerInfo.Recurrent(LayerKind.Lstm, Activation.Tanh, 5, 3, 2, true, s.ParameterCount));
        return s.Raw(LayerInfo.PerStepDense(5, 2, 1, Activation.Identity, s.ParameterCount, 1));
    }
}

using NetGen.Tests.Convolution;

namespace NetGen.Onnx.Tests.Convolution;

// Hand-declared convolutional networks covering every operator and attribute the exporter writes.

/// <summary>1x8x8 - conv3x4:relu - maxpool2 - 3:softmax</summary>
internal sealed class ValidMaxSoftmax : ILayerDeclaration
{
    public static LayerStack Declare() =>
        new LayerStack(false, 1, 8, 8).Conv(4, [3, 3], Activation.ReLU).Pool(LayerKind.MaxPool, [2, 2]).Dense(3, Activation.Softmax);
}

/// <summary>2x8x8 - conv3x3(stride=2, padding=same):sigmoid - avgpool2(stride=1) - 4:tanh (same at stride 2 on 8: pads 0 before, 1 after)</summary>
internal sealed class SameStridedAverage : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 2, 8, 8);
        return s.Conv(3, [3, 3], Activation.Sigmoid, stride: [2, 2], pads: s.Same([3, 3], [2, 2])).Pool(LayerKind.AveragePool, [2, 2], [1, 1]).Dense(4, Activation.Tanh);
    }
}

/// <summary>1x9x9 - conv3x2(stride=2, padding=2, dilation=2):leakyrelu - gap - 2:identity</summary>
internal sealed class DilatedGlobal : ILayerDeclaration
{
    public static LayerStack Declare() =>
        new LayerStack(false, 1, 9, 9).Conv(2, [3, 3], Activation.LeakyReLU, stride: [2, 2], dilation: [2, 2], pads: [2, 2, 2, 2])
            .GlobalAveragePool().Dense(2, Activation.Identity);
}

/// <summary>3x20 - conv5x4(padding=same):tanh - maxpool3(stride=2) - conv3x2(dilation=2):relu - avgpool2 - 6:sigmoid - 3:softmax</summary>
internal sealed class Signal1D : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 3, 20);
        s.Conv(4, [5], Activation.Tanh, pads: s.Same([5], [1])).Pool(LayerKind.MaxPool, [3], [2]);
        return s.Conv(2, [3], Activation.ReLU, dilation: [2]).Pool(LayerKind.AveragePool, [2]).Dense(6, Activation.Sigmoid).Dense(3, Activation.Softmax);
    }
}

/// <summary>2x12 - conv3x3(stride=2, padding=1):identity - gap - 2:leakyrelu, one bias per layer</summary>
internal sealed class SharedSignal1D : ILayerDeclaration
{
    public static LayerStack Declare() =>
        new LayerStack(true, 2, 12).Conv(3, [3], Activation.Identity, stride: [2], pads: [1, 1]).GlobalAveragePool().Dense(2, Activation.LeakyReLU);
}

/// <summary>1x6x9 - conv2x3x3(stride=1x2):relu - maxpool2x3(stride=1x2) - 5:sigmoid, one bias per layer: uneven windows</summary>
internal sealed class UnevenShared2D : ILayerDeclaration
{
    public static LayerStack Declare() =>
        new LayerStack(true, 1, 6, 9).Conv(3, [2, 3], Activation.ReLU, stride: [1, 2]).Pool(LayerKind.MaxPool, [2, 3], [1, 2]).Dense(5, Activation.Sigmoid);
}

/// <summary>1x5x5 - conv3x2:tanh - 2:identity: a dense layer straight after a convolution</summary>
internal sealed class ConvThenDense : ILayerDeclaration
{
    public static LayerStack Declare() => new LayerStack(false, 1, 5, 5).Conv(2, [3, 3], Activation.Tanh).Dense(2, Activation.Identity);
}

/// <summary>1x4x4 - conv3x2:softmax - 2: softmax over a feature map, which the exporter refuses</summary>
internal sealed class SoftmaxFeatureMap : ILayerDeclaration
{
    public static LayerStack Declare() => new LayerStack(false, 1, 4, 4).Conv(2, [3, 3], Activation.Softmax).Dense(2, Activation.Identity);
}

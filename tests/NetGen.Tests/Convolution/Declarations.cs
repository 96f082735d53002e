using NetGen;

namespace NetGen.Tests.Convolution;

// Hand-declared layer tables for the runtime's tests; each one's comment is the topology text it should describe.

/// <summary>1x6x6 - conv3x4(padding=1):relu - maxpool2 - 3:softmax</summary>
internal sealed class Image2D : ILayerDeclaration
{
    public static LayerStack Declare() =>
        new LayerStack(false, 1, 6, 6).Conv(4, [3, 3], Activation.ReLU, pads: [1, 1, 1, 1]).Pool(LayerKind.MaxPool, [2, 2]).Dense(3, Activation.Softmax);
}

/// <summary>3x16 - conv5x4(stride=2, padding=[2,1], dilation=2):tanh - avgpool3(stride=2) - gap - 2:sigmoid, one bias per layer</summary>
internal sealed class Signal1D : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(true, 3, 16);
        return s.Conv(4, [5], Activation.Tanh, stride: [2], dilation: [2], pads: [2, 1]).Pool(LayerKind.AveragePool, [3], [2]).GlobalAveragePool().Dense(2, Activation.Sigmoid);
    }
}

/// <summary>1x4x4 - conv3x2:relu (2x2 out) - 2:identity: 20 + 18 = 38 parameters, sizes 16-8-2.</summary>
internal sealed class Valid3x3 : ILayerDeclaration
{
    public static LayerStack Declare() => new LayerStack(false, 1, 4, 4).Conv(2, [3, 3], Activation.ReLU).Dense(2, Activation.Identity);
}

/// <summary>1x4x4 - conv3x2(stride=2, padding=1):relu - 2:identity: the same sizes, count and names as <see cref="Valid3x3"/>, another function.</summary>
internal sealed class Strided3x3 : ILayerDeclaration
{
    public static LayerStack Declare() =>
        new LayerStack(false, 1, 4, 4).Conv(2, [3, 3], Activation.ReLU, stride: [2, 2], pads: [1, 1, 1, 1]).Dense(2, Activation.Identity);
}

/// <summary>18-2:relu, a dense network of 38 parameters like <see cref="Valid3x3"/>.</summary>
internal sealed class Dense38 : ILayerDeclaration
{
    public static LayerStack Declare() => new LayerStack(false, 18).Dense(2, Activation.ReLU);
}

/// <summary>4x8x8 - conv3x32:relu - conv3x16:tanh - 2: the fans of two convolutions, with thousands of draws each.</summary>
internal sealed class Wide2D : ILayerDeclaration
{
    public static LayerStack Declare() =>
        new LayerStack(false, 4, 8, 8).Conv(32, [3, 3], Activation.ReLU).Conv(16, [3, 3], Activation.Tanh).Dense(2, Activation.Identity);
}

/// <summary>2x8x8 - conv3x3(stride=2, padding=same):sigmoid - 4:tanh: same at stride 2 on 8 pads 0 before and 1 after</summary>
internal sealed class SameStrided : ILayerDeclaration
{
    public static LayerStack Declare()
    {
        var s = new LayerStack(false, 2, 8, 8);
        return s.Conv(3, [3, 3], Activation.Sigmoid, stride: [2, 2], pads: s.Same([3, 3], [2, 2])).Dense(4, Activation.Tanh);
    }
}

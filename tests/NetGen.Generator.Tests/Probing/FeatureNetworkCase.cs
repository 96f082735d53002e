using System.Globalization;

namespace NetGen.Generator.Tests.Probing;

/// <summary>A layer of a drawn convolutional network, as the test writes it in the topology grammar.</summary>
public abstract record FeatureLayer
{
    protected static string Dims(int[] values) => string.Join("x", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

/// <summary><c>conv{kernel}x{filters}(stride=, padding=, dilation=)[:activation]</c>; Padding is "valid", "same" or a number.</summary>
public sealed record ConvLayer(int Filters, int[] Kernel, int[] Stride, int[] Dilation, string Padding, Activation? Activation) : FeatureLayer
{
    public override string ToString() =>
        $"conv{Dims(Kernel)}x{Filters}(stride={Dims(Stride)}, padding={Padding}, dilation={Dims(Dilation)})" +
        (Activation is { } a ? ":" + a.ToString().ToLowerInvariant() : "");
}

/// <summary><c>maxpool{kernel}(stride=)</c> or <c>avgpool{kernel}(stride=)</c>.</summary>
public sealed record PoolLayer(bool Max, int[] Kernel, int[] Stride) : FeatureLayer
{
    public override string ToString() => $"{(Max ? "maxpool" : "avgpool")}{Dims(Kernel)}(stride={Dims(Stride)})";
}

/// <summary><c>gap</c>: the mean of each channel.</summary>
public sealed record GapLayer : FeatureLayer
{
    public override string ToString() => "gap";
}

/// <summary>A hidden dense layer, <c>{width}[:activation]</c>.</summary>
public sealed record DenseLayer(int Width, Activation? Activation) : FeatureLayer
{
    public override string ToString() => Width.ToString(CultureInfo.InvariantCulture) + (Activation is { } a ? ":" + a.ToString().ToLowerInvariant() : "");
}

/// <summary>One randomly drawn convolutional network: an input shape, its layers, and a dense output layer.</summary>
public sealed record FeatureNetworkCase(
    int[] InputShape,
    FeatureLayer[] Layers,
    int Outputs,
    Activation Hidden,
    Activation Output,
    Loss Loss,
    bool Single,
    bool SharedBias,
    bool TrainBiases,
    CodeStyle Style,
    int Seed) : ISweepCase
{
    public string Topology => string.Join(" - ", new[] { string.Join("x", InputShape) }
        .Concat(Layers.Select(l => l.ToString()))
        .Append(Outputs.ToString(CultureInfo.InvariantCulture)));

    public string Attribute =>
        $"Network(\"{Topology}\", Activation.{Hidden}, Output = Activation.{Output}, Loss = Loss.{Loss}, " +
        $"Precision = Precision.{(Single ? "Single" : "Double")}, Bias = BiasMode.{(SharedBias ? "SharedPerLayer" : "PerNeuron")}, " +
        $"TrainBiases = {(TrainBiases ? "true" : "false")}, CodeStyle = CodeStyle.{Style})";

    public (double[] Output, double Loss) Reference(double[] parameters, double[] input, double[] target, out double kinkDistance) =>
        ReferenceFeatureNetwork.Run(this, parameters, input, target, out kinkDistance);

    public override string ToString() => Attribute;
}

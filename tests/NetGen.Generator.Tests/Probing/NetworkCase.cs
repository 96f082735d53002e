using System.Globalization;

namespace NetGen.Generator.Tests.Probing;

/// <summary>One randomly drawn network declaration, with everything needed to write and check it.</summary>
public sealed record NetworkCase(
    int[] Sizes,
    Activation Hidden,
    Activation?[] HiddenOverrides,
    Activation Output,
    Loss Loss,
    bool Single,
    bool SharedBias,
    bool TrainBiases,
    CodeStyle Style,
    int Seed) : ISweepCase
{
    public (double[] Output, double Loss) Reference(double[] parameters, double[] input, double[] target, out double kinkDistance) =>
        ReferenceNetwork.Run(this, parameters, input, target, out kinkDistance);

    /// <summary>The activation each weight layer ends up with.</summary>
    public Activation ActivationOf(int layer) =>
        layer == Sizes.Length - 2 ? Output : HiddenOverrides[layer] ?? Hidden;

    public string Topology => string.Join("-", Sizes.Select((size, i) =>
        i == 0 || i == Sizes.Length - 1 || HiddenOverrides[i - 1] is null
            ? size.ToString(CultureInfo.InvariantCulture)
            : size.ToString(CultureInfo.InvariantCulture) + ":" + HiddenOverrides[i - 1]!.Value.ToString().ToLowerInvariant()));

    public string Attribute =>
        $"Network(\"{Topology}\", Activation.{Hidden}, Output = Activation.{Output}, Loss = Loss.{Loss}, " +
        $"Precision = Precision.{(Single ? "Single" : "Double")}, Bias = BiasMode.{(SharedBias ? "SharedPerLayer" : "PerNeuron")}, " +
        $"TrainBiases = {(TrainBiases ? "true" : "false")}, CodeStyle = CodeStyle.{Style})";

    public override string ToString() => Attribute;
}

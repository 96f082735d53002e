using System.Globalization;

namespace NetGen.Generator.Tests.Probing;

/// <summary>The cells a drawn recurrent network can stack, as the topology grammar spells them.</summary>
public enum Cell
{
    Rnn,
    Gru,
    Lstm,
}

/// <summary>What reads the last recurrent layer: its last state, every step's state one step at a time, or all steps flattened.</summary>
public enum RecurrentHead
{
    /// <summary>The last recurrent layer returns its last state; dense layers follow.</summary>
    LastState,

    /// <summary>It returns its sequence; dense layers run at every step with shared weights (outputs [T, units]).</summary>
    PerStep,

    /// <summary>It returns its sequence; <c>flatten</c>, then dense layers over all T x H values.</summary>
    Flatten,
}

/// <summary>One recurrent layer: its cell, hidden units and, for SimpleRNN, ReLU instead of tanh.</summary>
public sealed record RecurrentLayer(Cell Cell, int Hidden, bool Relu = false)
{
    public string Keyword => Cell switch
    {
        Cell.Gru => "gru",
        Cell.Lstm => "lstm",
        _ => "rnn",
    };
}

/// <summary>
/// One randomly drawn recurrent network: a <c>[Steps, Features]</c> input, stacked recurrent layers (each but the
/// last returns its sequence because another follows), a head (<see cref="RecurrentHead"/>) with an optional hidden
/// dense layer, and a dense output layer; as <see cref="FeatureNetworkCase"/>, with everything needed to write and check it.
/// </summary>
public sealed record RecurrentNetworkCase(
    int Steps,
    int Features,
    RecurrentLayer[] Layers,
    RecurrentHead Head,
    int? HiddenDense,
    Activation? HiddenDenseActivation,
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
    /// <summary>Whether the last recurrent layer returns its whole sequence.</summary>
    public bool Sequence => Head != RecurrentHead.LastState;

    /// <summary>Values the network writes: <c>[Steps, Outputs]</c> for a per-step head, else <c>Outputs</c>.</summary>
    public int OutputCount => Head == RecurrentHead.PerStep ? Steps * Outputs : Outputs;

    public string Topology
    {
        get
        {
            var parts = new List<string> { N(Steps) + "x" + N(Features) };
            for (int k = 0; k < Layers.Length; k++)
            {
                RecurrentLayer layer = Layers[k];
                bool last = k == Layers.Length - 1;
                parts.Add(layer.Keyword + N(layer.Hidden) + (last && Sequence ? "(return=sequence)" : "") + (layer.Relu ? ":relu" : ""));
            }
            if (Head == RecurrentHead.Flatten)
            {
                parts.Add("flatten");
            }
            if (HiddenDense is { } width)
            {
                parts.Add(N(width) + (HiddenDenseActivation is { } a ? ":" + a.ToString().ToLowerInvariant() : ""));
            }
            parts.Add(N(Outputs));
            return string.Join(" - ", parts);
        }
    }

    public string Attribute =>
        $"Network(\"{Topology}\", Activation.{Hidden}, Output = Activation.{Output}, Loss = Loss.{Loss}, " +
        $"Precision = Precision.{(Single ? "Single" : "Double")}, Bias = BiasMode.{(SharedBias ? "SharedPerLayer" : "PerNeuron")}, " +
        $"TrainBiases = {(TrainBiases ? "true" : "false")}, CodeStyle = CodeStyle.{Style})";

    public (double[] Output, double Loss) Reference(double[] parameters, double[] input, double[] target, out double kinkDistance) =>
        ReferenceRecurrentNetwork.Run(this, parameters, input, target, out kinkDistance);

    public override string ToString() => Attribute;

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}

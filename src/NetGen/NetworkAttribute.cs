using System;

namespace NetGen;

/// <summary>
/// Declares a fully connected feed-forward network whose Forward, Backward and TrainStep
/// NetGen generates at compile time into the (partial) class it decorates.
/// </summary>
/// <example>
/// <code>
/// [Network("2-2-2", Activation.Sigmoid)]
/// public partial class SeedNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network.</summary>
    /// <param name="topology">
    /// Layer widths from input to output separated by dashes, for example <c>"2-2-2"</c> or
    /// <c>"8-32-16-4"</c>. A hidden layer may name its own activation after a colon:
    /// <c>"4-16:relu-8:tanh-3"</c>.
    /// </param>
    /// <param name="activation">The activation of every layer that does not name its own.</param>
    public NetworkAttribute(string topology, Activation activation)
    {
        Topology = topology;
        Activation = activation;
    }

    /// <summary>
    /// Declares a network compiled from a trained ONNX model: set <see cref="OnnxModel"/>. The topology,
    /// activations, bias layout and initial parameters come from the model.
    /// </summary>
    /// <example>
    /// <code>
    /// [Network(OnnxModel = "scorer.onnx")] // an AdditionalFiles item of the project
    /// public partial class Scorer { }
    /// </code>
    /// </example>
    public NetworkAttribute()
    {
        Topology = "";
    }

    /// <summary>Layer widths from input to output, e.g. <c>"2-2-2"</c>; empty when read from <see cref="OnnxModel"/>.</summary>
    public string Topology { get; }

    /// <summary>
    /// The path, relative to the project, of a trained ONNX model that the project lists as an
    /// <c>AdditionalFiles</c> item. NetGen reads its layers and weights at compile time and generates the
    /// network with the trained weights as its initial parameters (see docs/onnx.md for the supported
    /// operators). A topology or activation given as well must agree with the model.
    /// </summary>
    public string? OnnxModel { get; set; }

    /// <summary>The activation of every layer that does not name its own.</summary>
    public Activation Activation { get; }

    private Activation? _output;

    /// <summary>The activation of the output layer; <see cref="Activation"/> unless set.</summary>
    public Activation Output
    {
        get => _output ?? Activation;
        set => _output = value;
    }

    /// <summary>One bias per unit (default) or one per layer.</summary>
    public BiasMode Bias { get; set; } = BiasMode.PerNeuron;

    /// <summary>Whether training updates the biases (default true). Frozen biases get no gradient.</summary>
    public bool TrainBiases { get; set; } = true;

    /// <summary>The error function (default <see cref="Loss.HalfSquaredError"/>).</summary>
    public Loss Loss { get; set; } = Loss.HalfSquaredError;

    /// <summary>double (default) or float.</summary>
    public Precision Precision { get; set; } = Precision.Double;

    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> for negative sums (default 0.01).</summary>
    public double LeakyReLUSlope { get; set; } = 0.01;

    /// <summary>Straight-line code, loops, or let the generator choose by size (default).</summary>
    public CodeStyle CodeStyle { get; set; } = CodeStyle.Auto;
}

using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The terms of one layer, as <see cref="DerivationBuilder"/> asks for them: its forward terms; what it
/// passes back to each unit of the layer before it (that unit's share of dE/dout); and dE/dparameter of
/// its own parameters. Dense, convolution and pooling layers are builders of this shape; the dialects and
/// writers never learn which kind they spell.
/// </summary>
internal abstract class LayerTerms
{
    protected LayerTerms(PlannedLayer layer, double leakySlope)
    {
        Layer = layer;
        Slope = leakySlope;
    }

    public PlannedLayer Layer { get; }

    protected double Slope { get; }

    /// <summary>The builder of <paramref name="layer"/>'s kind.</summary>
    public static LayerTerms For(PlannedLayer layer, double leakySlope) => layer.Kind switch
    {
        LayerKind.Convolution => new ConvolutionTerms(layer, leakySlope),
        LayerKind.MaxPool => new MaxPoolTerms(layer, leakySlope),
        LayerKind.AveragePool or LayerKind.GlobalAveragePool => new AveragePoolTerms(layer, leakySlope),
        LayerKind.SimpleRnn => new SimpleRnnTerms(layer, leakySlope),
        LayerKind.Gru => new GruTerms(layer, leakySlope),
        LayerKind.Lstm => new LstmTerms(layer, leakySlope),
        LayerKind.PerStepDense => new PerStepDenseTerms(layer, leakySlope),
        _ => new DenseLayerTerms(layer, leakySlope),
    };

    /// <summary>The value a layer reads from source unit <paramref name="source"/>: an input itself, or a unit's out_.</summary>
    public static Expr SourceValue(PlannedLayer layer, int source) =>
        new Ref(layer.SourceIsInput ? layer.Sources[source] : "out_" + layer.Sources[source]);

    /// <summary>Whether each unit has a sum and an activation, so dE/dsum follows dE/dout (pooling passes dE/dout straight on).</summary>
    public virtual bool HasActivation => true;

    public abstract void Forward(List<DerivationStep> steps);

    /// <summary>
    /// The heading of the section where the layer before this one receives its dE/dout, and any term this
    /// layer must compute first (a max pool's winners).
    /// </summary>
    public abstract void BeginSourceDeltas(List<DerivationStep> steps, PlannedLayer source);

    /// <summary>
    /// This layer's contributions to dE/dout of its source unit <paramref name="source"/>, each with its
    /// chain-rule factor in words (summed left to right, in the order returned); empty when no unit reads it.
    /// </summary>
    public abstract IReadOnlyList<(Expr Term, string Words)> SourceDelta(int source);

    /// <summary>
    /// dE/dparameter of every trainable parameter of the layer; nothing for pooling. A recurrent layer first carries
    /// dE/dout of its <see cref="PlannedLayer.Units"/> back through its cell and through time (backpropagation through time).
    /// </summary>
    public virtual void Gradients(List<DerivationStep> steps)
    {
    }

    /// <summary>dout/dsum and dE/dsum for the units of an element-wise layer whose dE/dout are known.</summary>
    public void ActivationChain(List<DerivationStep> steps)
    {
        foreach (string u in Layer.Units)
        {
            steps.Add(new Term($"dout_{u}_dsum_{u}",
                ActivationTerms.Derivative(Layer.Activation, new Ref("sum_" + u), new Ref("out_" + u), Slope),
                $"dout_{u}/dsum_{u}: {ActivationTerms.DerivativeInWords(Layer.Activation, "out_" + u)}"));
            steps.Add(new Term($"dE_dsum_{u}", new Ref($"dE_dout_{u}") * new Ref($"dout_{u}_dsum_{u}"),
                $"dE/dsum_{u} = dE/dout_{u} * dout_{u}/dsum_{u}"));
        }
    }

    /// <summary>"3x3": a shape's numbers joined by x.</summary>
    protected static string Dimensions(IEnumerable<int> values) => string.Join("x", System.Linq.Enumerable.Select(values, CSharpText.Number));
}

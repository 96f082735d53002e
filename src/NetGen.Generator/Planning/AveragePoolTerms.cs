using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Planning;

/// <summary>
/// The average of each window (average pooling) or of each whole channel (global average pooling): every
/// value of a window receives dE/dout of the window's output divided by the window's size.
/// </summary>
internal sealed class AveragePoolTerms : LayerTerms
{
    private readonly List<int>[] _windows;
    private readonly List<(int Unit, int Place)>[] _holders;

    public AveragePoolTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
        (_windows, _holders) = PoolWindows.Of(layer);
    }

    public override bool HasActivation => false;

    /// <summary>The divisor: the full window (no padding, so every window is full).</summary>
    private int Size => Layer.KernelTaps;

    public override void Forward(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        steps.Add(new Section(layer.Kind == Model.LayerKind.GlobalAveragePool
            ? $"Layer {layer.Number} ({layer.Name}): global average pooling: out = the mean of each channel's {Size.ToString(CultureInfo.InvariantCulture)} values."
            : $"Layer {layer.Number} ({layer.Name}): average pooling over windows of {Dimensions(layer.Spec.Kernel)}, stride {Dimensions(layer.Spec.Stride)}: out = the mean of each window, channel by channel."));
        for (int j = 0; j < layer.Units.Count; j++)
        {
            steps.Add(new Term("out_" + layer.Units[j], E.Sum(_windows[j].Select(s => SourceValue(layer, s)).ToList()) / new Lit(Size), null));
        }
    }

    public override void BeginSourceDeltas(List<DerivationStep> steps, PlannedLayer source) =>
        steps.Add(new Section($"Backward through layer {source.Number} ({source.Name}): a mean of n values passes dE/dout / n to each of them."));

    public override IReadOnlyList<(Expr Term, string Words)> SourceDelta(int source) =>
        _holders[source].Select(h =>
        {
            string unit = Layer.Units[h.Unit];
            return ((Expr)(new Ref("dE_dout_" + unit) / new Lit(Size)), $"dE/dout_{unit} / {Size.ToString(CultureInfo.InvariantCulture)}");
        }).ToList();
}

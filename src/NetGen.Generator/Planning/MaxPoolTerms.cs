using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Planning;

/// <summary>
/// The terms of max pooling: each output is the largest value of its window, channel by channel. Coming
/// back, the gradient goes only to the value that won, the first largest in row-major order, as PyTorch
/// chooses: <c>argmax_p2_...</c> records its place in the window.
/// </summary>
internal sealed class MaxPoolTerms : LayerTerms
{
    private readonly List<int>[] _windows;

    /// <summary>For each source unit, the windows that hold it: (output unit, place in that window).</summary>
    private readonly List<(int Unit, int Place)>[] _holders;

    public MaxPoolTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
        (_windows, _holders) = PoolWindows.Of(layer);
    }

    public override bool HasActivation => false;

    public override void Forward(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        steps.Add(new Section($"Layer {layer.Number} ({layer.Name}): max pooling over windows of {Dimensions(layer.Spec.Kernel)}, stride {Dimensions(layer.Spec.Stride)}: out = the largest value of each window, channel by channel."));
        for (int j = 0; j < layer.Units.Count; j++)
        {
            steps.Add(new Term("out_" + layer.Units[j], E.MaxOf(_windows[j].Select(s => SourceValue(layer, s)).ToList()), null));
        }
    }

    public override void BeginSourceDeltas(List<DerivationStep> steps, PlannedLayer source)
    {
        PlannedLayer layer = Layer;
        steps.Add(new Section($"Backward through layer {source.Number} ({source.Name}): a max passes its gradient only to the value that won. argmax_{layer.Name}_... is the place in its window (from 0, row by row) of the first largest value, as PyTorch chooses."));
        for (int j = 0; j < layer.Units.Count; j++)
        {
            Expr max = new Ref("out_" + layer.Units[j]);
            List<int> window = _windows[j];
            Expr place = new Lit(window.Count - 1);
            for (int k = window.Count - 2; k >= 0; k--)
            {
                place = new WhereEqual(SourceValue(layer, window[k]), max, new Lit(k), place);
            }
            steps.Add(new Term("argmax_" + layer.Units[j], place, null));
        }
    }

    public override IReadOnlyList<(Expr Term, string Words)> SourceDelta(int source) =>
        _holders[source].Select(h =>
        {
            string unit = Layer.Units[h.Unit];
            string place = h.Place.ToString(CultureInfo.InvariantCulture);
            return ((Expr)new WhereEqual(new Ref("argmax_" + unit), new Lit(h.Place), new Ref("dE_dout_" + unit), new Lit(0)),
                $"(argmax_{unit} == {place} ? dE/dout_{unit} : 0)");
        }).ToList();
}

using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>
/// One layer as the chain walk finds it: which tensors hold its weights and bias, how to read them
/// (transposed or not, scaled by Gemm's alpha and beta), and its activation. Only shapes are known
/// here; the values are decoded later, once the whole network is known to fit NetGen's limits.
/// </summary>
internal sealed class OnnxLayerPlan
{
    public OnnxLayerPlan(OnnxNode node, OnnxTensor weight, bool transposed, double alpha, int fanIn, int width)
    {
        Node = node;
        Weight = weight;
        Transposed = transposed;
        Alpha = alpha;
        FanIn = fanIn;
        Width = width;
    }

    /// <summary>The Gemm or MatMul node.</summary>
    public OnnxNode Node { get; }

    /// <summary>[out, in] when <see cref="Transposed"/> (Gemm with transB), [in, out] otherwise.</summary>
    public OnnxTensor Weight { get; }

    public bool Transposed { get; }

    public double Alpha { get; }

    public int FanIn { get; }

    public int Width { get; }

    /// <summary>Gemm's C (scaled by beta) and the tensors of Add nodes after it; each is one value or one per unit, and they add up.</summary>
    public List<BiasTerm> Bias { get; } = new();

    /// <summary>How many bias values the layer has: 0, 1 (one value for every unit) or <see cref="Width"/>.</summary>
    public int BiasCount
    {
        get
        {
            int count = 0;
            foreach (BiasTerm term in Bias)
            {
                count = System.Math.Max(count, term.Tensor.ElementCount == 1 ? 1 : Width);
            }
            return count;
        }
    }

    public ActivationKind Activation { get; set; }
}

/// <summary>A tensor added to a layer's sums, times <see cref="Scale"/>, by <see cref="Node"/>.</summary>
internal sealed record BiasTerm(OnnxTensor Tensor, double Scale, OnnxNode Node);

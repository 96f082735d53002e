using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>
/// One layer as the chain walk finds it: which tensors hold its weights and bias, how to read them
/// (transposed or not, scaled by Gemm's alpha and beta, a BatchNormalization folded in), and its
/// activation. Only shapes are known here; the values are decoded later, once the whole network is
/// known to fit NetGen's limits.
/// </summary>
internal sealed class OnnxLayerPlan
{
    /// <summary>A dense layer: a Gemm or MatMul of <paramref name="fanIn"/> inputs and <paramref name="width"/> units.</summary>
    public OnnxLayerPlan(OnnxNode node, OnnxTensor weight, bool transposed, double alpha, int fanIn, int width)
    {
        Node = node;
        Weight = weight;
        Transposed = transposed;
        Alpha = alpha;
        FanIn = fanIn;
        Width = width;
        Units = width;
    }

    /// <summary>
    /// A convolution or pooling layer, its shapes resolved in <paramref name="spatial"/>; a convolution's
    /// <paramref name="weight"/> is <c>[filters, channels, kernel...]</c>, NetGen's own order.
    /// </summary>
    public OnnxLayerPlan(OnnxNode node, LayerSpec spatial, OnnxTensor? weight, int fanIn)
    {
        Node = node;
        Spatial = spatial;
        Weight = weight;
        Transposed = true;
        Alpha = 1.0;
        FanIn = fanIn;
        Width = spatial.Width;
        Units = spatial.Kind == LayerKind.Convolution ? spatial.Filters : 0;
    }

    /// <summary>
    /// A recurrent layer (ONNX RNN, GRU, LSTM) over <paramref name="steps"/> steps of <paramref name="features"/> values:
    /// <paramref name="weight"/> is W <c>[1, gates x hidden, features]</c>, <paramref name="recurrence"/> R
    /// <c>[1, gates x hidden, hidden]</c>, <paramref name="bias"/> B <c>[1, 2 x gates x hidden]</c> or null (zeros), all in
    /// ONNX's gate order, which <see cref="OnnxWeights"/> maps back to PyTorch's.
    /// </summary>
    public OnnxLayerPlan(OnnxNode node, LayerKind kind, int steps, int features, int hidden, ActivationKind cell,
        OnnxTensor weight, OnnxTensor recurrence, OnnxTensor? bias)
    {
        Node = node;
        RecurrentKind = kind;
        Steps = steps;
        Weight = weight;
        Recurrence = recurrence;
        RecurrentBias = bias;
        Transposed = true;
        Alpha = 1.0;
        FanIn = features;
        Units = hidden;
        Width = hidden;
        Activation = cell;
        ReturnsSequence = true;
    }

    /// <summary>A dense layer of <paramref name="units"/> applied at each of <paramref name="steps"/> steps (a MatMul on <c>[N, T, inputs]</c>); weight <c>[inputs, units]</c>.</summary>
    public static OnnxLayerPlan PerStep(OnnxNode node, OnnxTensor weight, int steps, int inputs, int units) =>
        new(node, weight, transposed: false, alpha: 1.0, inputs, units) { Steps = steps, PerStepDense = true };

    /// <summary>SimpleRnn, Gru or Lstm for a recurrent layer; null otherwise.</summary>
    public LayerKind? RecurrentKind { get; }

    /// <summary>A dense layer run at every time step with shared weights (<see cref="LayerKind.PerStepDense"/>).</summary>
    public bool PerStepDense { get; private init; }

    /// <summary>Time steps of a recurrent or per-step dense layer.</summary>
    public int Steps { get; private init; }

    /// <summary>ONNX R of a recurrent layer.</summary>
    public OnnxTensor? Recurrence { get; }

    /// <summary>ONNX B of a recurrent layer (<c>[Wb, Rb]</c>), or null for zeros.</summary>
    public OnnxTensor? RecurrentBias { get; }

    /// <summary>Whether a recurrent layer gives its whole sequence; cleared when the chain takes its last step.</summary>
    public bool ReturnsSequence { get; set; }

    /// <summary>Rows of gates per hidden unit of a recurrent layer: 1, 3 or 4.</summary>
    public int Gates => RecurrentKind switch { LayerKind.Gru => 3, LayerKind.Lstm => 4, _ => 1 };

    /// <summary>The Gemm, MatMul, Conv or pooling node.</summary>
    public OnnxNode Node { get; }

    /// <summary>The resolved window and shapes of a convolution or pooling layer; null for dense.</summary>
    public LayerSpec? Spatial { get; }

    public LayerKind Kind => RecurrentKind ?? (PerStepDense ? LayerKind.PerStepDense : Spatial?.Kind ?? LayerKind.Dense);

    public bool IsRecurrent => RecurrentKind is not null;

    /// <summary>Dense: [out, in] when <see cref="Transposed"/> (Gemm with transB), [in, out] otherwise; convolution: [filters, channels, kernel...]; null for pooling.</summary>
    public OnnxTensor? Weight { get; }

    public bool Transposed { get; }

    public double Alpha { get; }

    /// <summary>Values feeding one unit: the inputs of a dense layer, channels x kernel taps of a convolution, 0 for pooling.</summary>
    public int FanIn { get; }

    /// <summary>Output values: units of a dense layer, channels x positions of a spatial one.</summary>
    public int Width { get; }

    /// <summary>What biases and a folded BatchNormalization are per: units of a dense layer, filters of a convolution, none for pooling.</summary>
    public int Units { get; }

    public bool HasParameters => Weight is not null;

    public long WeightCount => IsRecurrent ? (long)Gates * Units * (FanIn + Units) : (long)Units * FanIn;

    /// <summary>Gemm's C (scaled by beta), Conv's B and the tensors of Add nodes after a Gemm or MatMul; each is one value or one per unit, and they add up.</summary>
    public List<BiasTerm> Bias { get; } = new();

    /// <summary>BatchNormalization nodes right after the layer, folded into its weights and biases in order.</summary>
    public List<BatchNormTerm> BatchNorms { get; } = new();

    /// <summary>How many bias values the layer has: 0, 1 (one value for every unit) or <see cref="Units"/>; a folded BatchNormalization gives each unit its own.</summary>
    public int BiasCount
    {
        get
        {
            if (IsRecurrent)
            {
                return 2 * Gates * Units; // bias_ih and bias_hh, always per unit
            }
            int count = BatchNorms.Count > 0 ? Units : 0;
            foreach (BiasTerm term in Bias)
            {
                count = System.Math.Max(count, term.Tensor.ElementCount == 1 ? 1 : Units);
            }
            return count;
        }
    }

    public ActivationKind Activation { get; set; }

    /// <summary>The layer as NetGen declares it.</summary>
    public LayerSpec ToLayerSpec() =>
        IsRecurrent ? Planning.RecurrentShapes.Recurrent(RecurrentKind!.Value, new[] { Steps, FanIn }, Units, ReturnsSequence, Activation)
        : PerStepDense ? Planning.RecurrentShapes.PerStepDense(new[] { Steps, FanIn }, Units, Activation)
        : Spatial is null ? new LayerSpec(Width, Activation) : Spatial with { Activation = Activation };
}

/// <summary>A tensor added to a layer's sums, times <see cref="Scale"/>, by <see cref="Node"/>.</summary>
internal sealed record BiasTerm(OnnxTensor Tensor, double Scale, OnnxNode Node);

/// <summary>
/// An inference-mode BatchNormalization after a layer: y = (x - mean) * scale / sqrt(var + epsilon) + B
/// per unit or channel, which NetGen folds into the layer's weights and biases.
/// </summary>
internal sealed record BatchNormTerm(OnnxNode Node, OnnxTensor Scale, OnnxTensor B, OnnxTensor Mean, OnnxTensor Variance, double Epsilon);

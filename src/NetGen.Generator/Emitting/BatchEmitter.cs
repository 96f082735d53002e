using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes the mini-batch entry points, BackwardBatch and TrainBatch. Small unrolled networks run whole
/// blocks of samples in SIMD lanes (<see cref="LaneEmitter"/>, .NET 9 and later, where
/// <c>Vector256.Exp</c> exists); every other sample, and every sample of a larger network, goes
/// through Backward one at a time.
/// </summary>
internal sealed class BatchEmitter
{
    private const string Guard = "global::NetGen.Runtime.Guard";
    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    private readonly NetworkPlan _plan;
    private readonly Numeric _n;
    private readonly SourceWriter _w;
    private readonly bool _unrolled;

    public BatchEmitter(NetworkPlan plan, SourceWriter writer, bool unrolled)
    {
        _plan = plan;
        _n = Numeric.For(plan.Spec.Precision);
        _w = writer;
        _unrolled = unrolled;
    }

    /// <summary>
    /// Up to this many weights the batch runs in SIMD lanes, whatever the single-sample code style: the lane
    /// method is straight-line code as long as an unrolled Backward, optimised by the JIT (Tier1) at 16-16-4
    /// (320 weights), where it trains an epoch 3-5x faster than per-sample loops (docs/benchmarks.md), and
    /// well inside the JIT's limits (JitCliffWeights). Past it, every sample goes through Backward.
    /// </summary>
    public const int LaneMaxWeights = 400;

    /// <summary>Whether the batch runs in SIMD lanes.</summary>
    public static bool UsesLanes(NetworkPlan plan) => plan.WeightCount <= LaneMaxWeights;

    private string T => _n.Type;

    private int Inputs => _plan.Spec.InputCount;

    private int Outputs => _plan.Output.Units.Count;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public void Emit()
    {
        bool lanes = UsesLanes(_plan);
        EmitBackwardBatch(lanes);
        if (lanes)
        {
            _w.Line();
            EmitBackwardLanes();
        }
        _w.Line();
        EmitTrainBatch();
    }

    private void EmitBackwardBatch(bool lanes)
    {
        string readOnly = $"global::System.ReadOnlySpan<{T}>";
        int width = new LaneEmitter(_plan, _w, _unrolled).Lanes;
        _w.Line("/// <summary>");
        _w.Line("/// Backward over a mini-batch: one row of inputs and one row of targets per sample (row-major). Returns the");
        _w.Line("/// summed loss and adds the summed dE/dparameter into <paramref name=\"gradient\"/>.");
        _w.Line("/// </summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public {T} BackwardBatch({readOnly} inputs, {readOnly} targets, global::System.Span<{T}> gradient)");
        _w.Line($"int samples = {Guard}.BatchSize(inputs.Length, targets.Length, {Number(Inputs)}, {Number(Outputs)});");
        _w.Line($"if (gradient.Length != {Number(_plan.ParameterCount)}) {Guard}.ThrowWrongLength(nameof(gradient), {Number(_plan.ParameterCount)}, gradient.Length);");
        _w.Line($"{T} E_sum = {_n.Literal(0)};");
        _w.Line("int s = 0;");
        if (lanes)
        {
            _w.Line("#if NET9_0_OR_GREATER");
            _w.Open($"if ({LaneEmitter.Vector}.IsHardwareAccelerated)");
            _w.Line($"// Whole blocks of {Number(width)} samples run together, one sample per SIMD lane.");
            _w.Line($"s = samples - samples % {Number(width)};");
            _w.Line("GradientLanes gradientSum = default;");
            _w.Line($"E_sum = BackwardLanes(inputs.Slice(0, s * {Number(Inputs)}), targets.Slice(0, s * {Number(Outputs)}), gradient, ref gradientSum);");
            _w.Close();
            _w.Line("#endif");
            _w.Line("// The samples left over, one at a time.");
        }
        _w.Open("for (; s < samples; s++)");
        _w.Line($"E_sum += Backward(inputs.Slice(s * {Number(Inputs)}, {Number(Inputs)}), targets.Slice(s * {Number(Outputs)}, {Number(Outputs)}), gradient);");
        _w.Close();
        _w.Line("return E_sum;");
        _w.Close();
    }

    private void EmitBackwardLanes()
    {
        var lanes = new LaneEmitter(_plan, _w, _unrolled);
        string v = lanes.VectorType, readOnly = $"global::System.ReadOnlySpan<{T}>";
        int inputBlock = lanes.Lanes * Inputs, targetBlock = lanes.Lanes * Outputs;
        IReadOnlyList<string> gradients = LaneEmitter.TrainableParameters(_plan);

        _w.Line("#if NET9_0_OR_GREATER");
        _w.Line("/// <summary>");
        _w.Line($"/// Backward for whole blocks of {Number(lanes.Lanes)} samples at once. Every local is a {v.Replace("global::System.Runtime.Intrinsics.", "").Replace("<", "&lt;").Replace(">", "&gt;")} whose lane k holds");
        _w.Line($"/// the value for sample k of the block, so one instruction (and one Exp) serves {Number(lanes.Lanes)} samples. It reads as");
        _w.Line("/// Backward does, term for term; Vector256.Exp may differ from Math.Exp in the last bit.");
        _w.Line("/// </summary>");
        _w.Line("/// <param name=\"gradientSum\">");
        _w.Line("/// Zeroed running sums, one lane per sample position; passed by reference (not a local of this method) so that");
        _w.Line("/// the JIT keeps it as one block of memory instead of promoting every field to a local of its own.");
        _w.Line("/// </param>");
        _w.Open($"private {T} BackwardLanes({readOnly} inputs, {readOnly} targets, global::System.Span<{T}> gradient, ref GradientLanes gradientSum)");
        _w.Line(_unrolled
            ? "ref readonly ParameterSet p = ref _parameters;"
            : $"{readOnly} p = _parameters; // p[k] is parameter k, named ParameterNames[k]");
        _w.Line($"var one = {v}.One;");
        _w.Line($"var two = {LaneEmitter.Vector}.Create({_n.Literal(2)});");
        _w.Line($"var zero = {v}.Zero;");
        _w.Line("var E_sum = zero;");
        _w.Open($"for (int block = 0; block < inputs.Length / {Number(inputBlock)}; block++)");
        _w.Line($"{readOnly} input = inputs.Slice(block * {Number(inputBlock)}, {Number(inputBlock)});");
        _w.Line($"{readOnly} target = targets.Slice(block * {Number(targetBlock)}, {Number(targetBlock)});");
        _w.Line();
        lanes.EmitBlock();
        _w.Line();
        _w.Line("E_sum += E_total;");
        _w.Close();
        _w.Line();
        if (_unrolled)
        {
            _w.Line("// Add each sum, across its lanes, to its place in the gradient (parameter order, named by ParameterSet).");
            _w.Line($"ref ParameterSet g = ref {Marshal}.AsRef<ParameterSet>({Marshal}.AsBytes(gradient));");
            foreach (string parameter in gradients)
            {
                _w.Line($"g.{parameter} += {LaneEmitter.Vector}.Sum(gradientSum.{parameter});");
            }
        }
        else
        {
            _w.Line("// Add each sum, across its lanes, to its place in the gradient (parameter order).");
            var index = _plan.ParameterNames().Select((name, k) => (name, k)).ToDictionary(x => x.name, x => x.k);
            foreach (string parameter in gradients)
            {
                _w.Line($"gradient[{Number(index[parameter])}] += {LaneEmitter.Vector}.Sum(gradientSum.{parameter});");
            }
        }
        _w.Line($"return {LaneEmitter.Vector}.Sum(E_sum);");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>The running sum of each trainable parameter's dE/dparameter, one lane per sample position of a block.</summary>");
        _w.Open("private struct GradientLanes");
        foreach (string parameter in gradients)
        {
            _w.Line($"public {v} {parameter};");
        }
        _w.Close();
        _w.Line("#endif");
    }

    private void EmitTrainBatch()
    {
        string readOnly = $"global::System.ReadOnlySpan<{T}>";
        int count = _plan.ParameterCount;
        if (!_unrolled)
        {
            _w.Line("// The batch's summed gradient, allocated once with the network so that TrainBatch allocates nothing.");
            _w.Line($"private readonly {T}[] _batchGradient = new {T}[{Number(count)}];");
            _w.Line();
        }
        _w.Line("/// <summary>");
        _w.Line("/// One mini-batch gradient-descent step: every parameter moves by -learningRate times its mean dE/dparameter over");
        _w.Line("/// the batch, all computed from the parameters before the step. Returns the mean loss before the update.");
        _w.Line("/// </summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">The batch is empty or a span has the wrong length.</exception>");
        _w.Open($"public {T} TrainBatch({readOnly} inputs, {readOnly} targets, {T} learningRate)");
        _w.Line($"int samples = {Guard}.BatchSize(inputs.Length, targets.Length, {Number(Inputs)}, {Number(Outputs)});");
        _w.Line($"if (samples == 0) {Guard}.ThrowEmptyBatch(nameof(inputs));");
        if (_unrolled)
        {
            _w.Line($"global::System.Span<{T}> gradient = stackalloc {T}[{Number(count)}];");
        }
        else
        {
            _w.Line($"global::System.Span<{T}> gradient = _batchGradient;");
        }
        _w.Line("gradient.Clear();");
        _w.Line($"{T} E_sum = BackwardBatch(inputs, targets, gradient);");
        _w.Line();
        _w.Line("// Gradient descent on the mean gradient: p -= learningRate / samples * (sum of dE/dp over the batch).");
        _w.Line($"{T} rate = learningRate / samples;");
        if (_unrolled)
        {
            _w.Line("ref ParameterSet p = ref _parameters;");
            _w.Line($"ref ParameterSet g = ref {Marshal}.AsRef<ParameterSet>({Marshal}.AsBytes(gradient));");
            foreach (string parameter in LaneEmitter.TrainableParameters(_plan))
            {
                _w.Line($"p.{parameter} -= rate * g.{parameter};");
            }
        }
        else
        {
            _w.Line("global::NetGen.Runtime.Kernels.AddScaled(-rate, gradient, _parameters);");
        }
        _w.Line("return E_sum / samples;");
        _w.Close();
    }
}

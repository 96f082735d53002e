using NetGen.Generator.Emitting.Dialects;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes the batch entry points, ForwardBatch, BackwardBatch and TrainBatch. Small networks run whole blocks of
/// samples in SIMD lanes (the derivation in the <see cref="LaneDialect"/>, .NET 9 and later, where
/// <c>Vector256.Exp</c> exists); larger loop-style dense networks run chunks of rows as matrix-matrix products
/// (<see cref="LoopEmitter.EmitGemmMethods"/>); every other sample goes through Forward or Backward one at a time.
/// </summary>
internal sealed class BatchEmitter
{
    private const string Guard = "global::NetGen.Runtime.Guard";
    private const string Vector = LaneDialect.Vector;

    private readonly NetworkPlan _plan;
    private readonly Numeric _n;
    private readonly SourceWriter _w;
    private readonly ParameterStorage _storage;
    private readonly Derivation? _derivation;
    private readonly LaneDialect _lanes;
    private readonly LoopEmitter? _gemm;

    /// <param name="derivation">The network's derivation; null when the batch does not run in lanes.</param>
    /// <param name="loops">The loop-style bodies, which also write the matrix-product batch; null for unrolled networks.</param>
    public BatchEmitter(NetworkPlan plan, ParameterStorage storage, Derivation? derivation, SourceWriter writer, LoopEmitter? loops = null)
    {
        _gemm = loops is not null && UsesGemm(plan) ? loops : null;
        _plan = plan;
        _n = Numeric.For(plan.Spec.Precision);
        _w = writer;
        _storage = storage;
        _derivation = derivation;
        _lanes = new LaneDialect(_n, storage, plan.Spec.InputCount, plan.Output.Units.Count);
    }

    /// <summary>Whether the batch runs in SIMD lanes.</summary>
    public static bool UsesLanes(NetworkPlan plan) =>
        (plan.Spec.IsDenseOnly ? plan.WeightCount : plan.MultiplyAdds) <= Limits.LaneMaxWeights
        // A loop-style recurrent network runs its rows through Backward, on the recurrent kernels.
        && !(plan.Spec.HasRecurrentLayers && plan.Spec.CodeStyle != CodeStyleKind.Unrolled);

    /// <summary>
    /// Whether a loop-style network's batches run as matrix-matrix products: dense layers only (convolution and
    /// pooling and recurrent layers have no such path yet) and too many weights for the lanes.
    /// </summary>
    public static bool UsesGemm(NetworkPlan plan) => !UsesLanes(plan) && plan.Spec.IsDenseOnly;

    /// <summary>Whether ForwardBatch runs in lanes: the lanes' forward reads dense layers only.</summary>
    private bool ForwardUsesLanes => UsesLanes(_plan) && _plan.Spec.IsDenseOnly && _derivation is not null;

    private string T => _n.Type;

    private string ReadOnly => $"global::System.ReadOnlySpan<{T}>";

    private int Inputs => _plan.Spec.InputCount;

    private int Outputs => _plan.Output.Units.Count;

    public void Emit()
    {
        bool lanes = UsesLanes(_plan);
        EmitForwardBatch();
        _w.Line();
        if (ForwardUsesLanes)
        {
            EmitForwardLanes(_derivation!);
            _w.Line();
        }
        EmitBackwardBatch(lanes);
        if (lanes)
        {
            _w.Line();
            EmitBackwardLanes(_derivation ?? throw new System.InvalidOperationException("The lanes need the derivation."));
        }
        if (_gemm is not null)
        {
            _w.Line();
            _gemm.EmitGemmMethods();
        }
        _w.Line();
        EmitTrainBatch();
    }

    private void EmitBackwardBatch(bool lanes)
    {
        int width = _lanes.Lanes;
        _w.Line("/// <summary>");
        _w.Line("/// Backward over a mini-batch: one row of inputs and one row of targets per sample (row-major). Returns the");
        _w.Line("/// summed loss and adds the summed dE/dparameter into <paramref name=\"gradient\"/>.");
        _w.Line("/// </summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public {T} BackwardBatch({ReadOnly} inputs, {ReadOnly} targets, global::System.Span<{T}> gradient)");
        _w.Line($"int samples = {Guard}.BatchSize(inputs.Length, targets.Length, {CSharpText.Number(Inputs)}, {CSharpText.Number(Outputs)});");
        _w.Line($"if (gradient.Length != {CSharpText.Number(_plan.ParameterCount)}) {Guard}.ThrowWrongLength(nameof(gradient), {CSharpText.Number(_plan.ParameterCount)}, gradient.Length);");
        _w.Line($"{T} E_sum = {_n.Literal(0)};");
        _w.Line("int s = 0;");
        if (_gemm is not null)
        {
            EmitGemmChunks($"E_sum += {GeneratedMembers.BackwardGemm}(inputs.Slice(first * {CSharpText.Number(Inputs)}, rows * {CSharpText.Number(Inputs)}), targets.Slice(first * {CSharpText.Number(Outputs)}, rows * {CSharpText.Number(Outputs)}), gradient, rows);", "return E_sum;", Limits.GemmChunkRows);
        }
        if (lanes)
        {
            _w.Line("#if NET9_0_OR_GREATER");
            _w.Open($"if ({Vector}.IsHardwareAccelerated)");
            _w.Line($"// Whole blocks of {CSharpText.Number(width)} samples run together, one sample per SIMD lane.");
            _w.Line($"s = samples - samples % {CSharpText.Number(width)};");
            _w.Line("GradientLanes gradientSum = default;");
            _w.Line($"E_sum = BackwardLanes(inputs.Slice(0, s * {CSharpText.Number(Inputs)}), targets.Slice(0, s * {CSharpText.Number(Outputs)}), gradient, ref gradientSum);");
            _w.Close();
            _w.Line("#endif");
            _w.Line("// The samples left over, one at a time.");
        }
        _w.Open("for (; s < samples; s++)");
        _w.Line($"E_sum += Backward(inputs.Slice(s * {CSharpText.Number(Inputs)}, {CSharpText.Number(Inputs)}), targets.Slice(s * {CSharpText.Number(Outputs)}, {CSharpText.Number(Outputs)}), gradient);");
        _w.Close();
        _w.Line("return E_sum;");
        _w.Close();
    }

    /// <summary>From <see cref="Limits.GemmMinRows"/> rows, the whole batch in chunks of <paramref name="chunk"/> rows through <paramref name="call"/>.</summary>
    private void EmitGemmChunks(string call, string done, int chunk)
    {
        _w.Open($"if (samples >= {CSharpText.Number(Limits.GemmMinRows)})");
        _w.Line($"// Chunks of up to {CSharpText.Number(chunk)} rows, each layer as matrix-matrix products.");
        _w.Open($"for (int first = 0; first < samples; first += {CSharpText.Number(chunk)})");
        _w.Line($"int rows = global::System.Math.Min({CSharpText.Number(chunk)}, samples - first);");
        _w.Line(call);
        _w.Close();
        _w.Line(done);
        _w.Close();
    }

    private void EmitForwardBatch()
    {
        _w.Line("/// <summary>");
        _w.Line("/// Forward for many rows: one row of inputs per sample in, one row of outputs per sample out (row-major).");
        _w.Line("/// Pure, thread-safe, allocation-free.");
        _w.Line("/// </summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public void ForwardBatch({ReadOnly} inputs, global::System.Span<{T}> outputs)");
        _w.Line($"int samples = {Guard}.BatchSize(inputs.Length, outputs.Length, {CSharpText.Number(Inputs)}, {CSharpText.Number(Outputs)}, nameof(outputs));");
        _w.Line("int s = 0;");
        if (_gemm is not null)
        {
            EmitGemmChunks($"{GeneratedMembers.ForwardGemm}(inputs.Slice(first * {CSharpText.Number(Inputs)}, rows * {CSharpText.Number(Inputs)}), outputs.Slice(first * {CSharpText.Number(Outputs)}, rows * {CSharpText.Number(Outputs)}), rows);", "return;", Limits.GemmForwardChunkRows);
        }
        if (ForwardUsesLanes)
        {
            _w.Line("#if NET9_0_OR_GREATER");
            _w.Open($"if ({Vector}.IsHardwareAccelerated)");
            _w.Line($"// Whole blocks of {CSharpText.Number(_lanes.Lanes)} rows run together, one row per SIMD lane.");
            _w.Line($"s = samples - samples % {CSharpText.Number(_lanes.Lanes)};");
            _w.Line($"{GeneratedMembers.ForwardLanes}(inputs.Slice(0, s * {CSharpText.Number(Inputs)}), outputs.Slice(0, s * {CSharpText.Number(Outputs)}));");
            _w.Close();
            _w.Line("#endif");
        }
        _w.Line(_plan.Spec.HasSpatialLayers
            ? "// Convolution and pooling layers have no batched form yet: every row goes through Forward."
            : _plan.Spec.HasRecurrentLayers
            ? "// Recurrent layers have no batched forward yet: every row goes through Forward."
            : "// The rows left over (or every row of a small batch), one at a time.");
        _w.Open("for (; s < samples; s++)");
        _w.Line($"Forward(inputs.Slice(s * {CSharpText.Number(Inputs)}, {CSharpText.Number(Inputs)}), outputs.Slice(s * {CSharpText.Number(Outputs)}, {CSharpText.Number(Outputs)}));");
        _w.Close();
        _w.Close();
    }

    private void EmitForwardLanes(Derivation derivation)
    {
        int lanes = _lanes.Lanes, inputBlock = lanes * Inputs, outputBlock = lanes * Outputs;
        _w.Line("#if NET9_0_OR_GREATER");
        _w.Line($"/// <summary>Forward for whole blocks of {CSharpText.Number(lanes)} rows, lane k of every local holding row k's value (as BackwardLanes).</summary>");
        _w.Open($"private void {GeneratedMembers.ForwardLanes}({ReadOnly} inputs, global::System.Span<{T}> outputs)");
        _w.Line(_storage.ReadOnlyView());
        _w.Line($"var one = {_lanes.VectorType}.One;");
        _w.Line($"var two = {Vector}.Create({_n.Literal(2)});");
        _w.Line($"var zero = {_lanes.VectorType}.Zero;");
        _w.Open($"for (int block = 0; block < inputs.Length / {CSharpText.Number(inputBlock)}; block++)");
        _w.Line($"{ReadOnly} input = inputs.Slice(block * {CSharpText.Number(inputBlock)}, {CSharpText.Number(inputBlock)});");
        _w.Line($"global::System.Span<{T}> output = outputs.Slice(block * {CSharpText.Number(outputBlock)}, {CSharpText.Number(outputBlock)});");
        new DerivationWriter(_lanes, _w).Write(derivation.Forward);
        _w.Line();
        _w.Line("// Lane k of each output to row k.");
        for (int j = 0; j < derivation.Outputs.Count; j++)
        {
            for (int k = 0; k < lanes; k++)
            {
                _w.Line($"output[{CSharpText.Number(k * Outputs + j)}] = {Vector}.GetElement({derivation.Outputs[j]}, {CSharpText.Number(k)});");
            }
        }
        _w.Close();
        _w.Close();
        _w.Line("#endif");
    }

    private void EmitBackwardLanes(Derivation derivation)
    {
        string v = _lanes.VectorType;
        int lanes = _lanes.Lanes, inputBlock = lanes * Inputs, targetBlock = lanes * Outputs;

        _w.Line("#if NET9_0_OR_GREATER");
        _w.Line("/// <summary>");
        _w.Line($"/// Backward for whole blocks of {CSharpText.Number(lanes)} samples at once. Every local is a Vector256&lt;{T}&gt; whose lane k holds");
        _w.Line($"/// the value for sample k of the block, so one instruction (and one Exp) serves {CSharpText.Number(lanes)} samples. It reads as");
        _w.Line("/// Backward does, term for term; Vector256.Exp may differ from Math.Exp in the last bit.");
        _w.Line("/// </summary>");
        _w.Line("/// <param name=\"gradientSum\">");
        _w.Line("/// Zeroed running sums, one lane per sample position; passed by reference (not a local of this method) so that");
        _w.Line("/// the JIT keeps it as one block of memory instead of promoting every field to a local of its own.");
        _w.Line("/// </param>");
        _w.Open($"private {T} BackwardLanes({ReadOnly} inputs, {ReadOnly} targets, global::System.Span<{T}> gradient, ref GradientLanes gradientSum)");
        _w.Line(_storage.ReadOnlyView());
        _w.Line($"var one = {v}.One;");
        _w.Line($"var two = {Vector}.Create({_n.Literal(2)});");
        _w.Line($"var zero = {v}.Zero;");
        _w.Line("var E_sum = zero;");
        _w.Open($"for (int block = 0; block < inputs.Length / {CSharpText.Number(inputBlock)}; block++)");
        _w.Line($"{ReadOnly} input = inputs.Slice(block * {CSharpText.Number(inputBlock)}, {CSharpText.Number(inputBlock)});");
        _w.Line($"{ReadOnly} target = targets.Slice(block * {CSharpText.Number(targetBlock)}, {CSharpText.Number(targetBlock)});");
        var writer = new DerivationWriter(_lanes, _w);
        writer.Write(derivation.Forward);
        // One local per weight gradient would push a network of a few hundred weights past the 512 locals
        // beyond which the JIT stops inlining (Vector256.Exp among others): add each to its running sum in place.
        writer.Write(derivation.Backward, (gradient, value) =>
            _w.Line($"gradientSum.{gradient.Parameter.Name} += {value}; // {gradient.Comment}"));
        _w.Line();
        _w.Line("E_sum += E_total;");
        _w.Close();
        _w.Line();
        _w.Line(_storage.IsNamed
            ? "// Add each sum, across its lanes, to its place in the gradient (parameter order, named by ParameterSet)."
            : "// Add each sum, across its lanes, to its place in the gradient (parameter order).");
        _storage.WriteGradientView(_w);
        foreach (GradientTerm gradient in derivation.Gradients)
        {
            _w.Line($"{_storage.GradientSlot(gradient.Parameter)} += {Vector}.Sum(gradientSum.{gradient.Parameter.Name});");
        }
        _w.Line($"return {Vector}.Sum(E_sum);");
        _w.Close();
        _w.Line();
        _w.Line("/// <summary>The running sum of each trainable parameter's dE/dparameter, one lane per sample position of a block.</summary>");
        _w.Open("private struct GradientLanes");
        foreach (GradientTerm gradient in derivation.Gradients)
        {
            _w.Line($"public {v} {gradient.Parameter.Name};");
        }
        _w.Close();
        if (UsesTanh())
        {
            _w.Line();
            LaneFunctions.WriteTanh(_w, _n);
        }
        _w.Line("#endif");
    }

    private bool UsesTanh()
    {
        foreach (PlannedLayer layer in _plan.Layers)
        {
            if (layer.Activation == ActivationKind.Tanh)
            {
                return true;
            }
        }
        return false;
    }

    private void EmitTrainBatch()
    {
        int count = _plan.ParameterCount;
        if (!_storage.IsNamed)
        {
            _w.Line("// The batch's summed gradient, allocated once with the network so that TrainBatch allocates nothing.");
            _w.Line($"private readonly {T}[] _batchGradient = new {T}[{CSharpText.Number(count)}];");
            _w.Line();
        }
        _w.Line("/// <summary>");
        _w.Line("/// One mini-batch gradient-descent step: every parameter moves by -learningRate times its mean dE/dparameter over");
        _w.Line("/// the batch, all computed from the parameters before the step. Returns the mean loss before the update.");
        _w.Line("/// </summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">The batch is empty or a span has the wrong length.</exception>");
        _w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is negative, infinite or NaN.</exception>");
        _w.Open($"public {T} TrainBatch({ReadOnly} inputs, {ReadOnly} targets, {T} learningRate)");
        _w.Line($"int samples = {Guard}.BatchSize(inputs.Length, targets.Length, {CSharpText.Number(Inputs)}, {CSharpText.Number(Outputs)});");
        _w.Line($"if (samples == 0) {Guard}.ThrowEmptyBatch(nameof(inputs));");
        EntryPointWriter.CheckLearningRate(_w, T);
        _w.Line(_storage.IsNamed
            ? $"global::System.Span<{T}> gradient = stackalloc {T}[{CSharpText.Number(count)}];"
            : $"global::System.Span<{T}> gradient = _batchGradient;");
        _w.Line("gradient.Clear();");
        _w.Line($"{T} E_sum = BackwardBatch(inputs, targets, gradient);");
        _w.Line();
        _w.Line("// Gradient descent on the mean gradient: p -= learningRate / samples * (sum of dE/dp over the batch).");
        _w.Line($"{T} rate = learningRate / samples;");
        if (_storage.IsNamed)
        {
            _w.Line(_storage.MutableView());
            _storage.WriteGradientView(_w);
            foreach (PlannedParameter parameter in _plan.TrainableParameters)
            {
                _w.Line($"{_storage.Read(parameter)} -= rate * {_storage.GradientSlot(parameter)};");
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

using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The batched bodies of a loop-style dense network: each layer over a chunk of rows as matrix-matrix products
/// (<c>NetGen.Runtime.Gemm</c>: sums = X W^T, errors sent back = dE/dsum W, weight gradient += dE/dsum^T X), so
/// that each block of weights is loaded once per tile of rows instead of once per row. Biases, activations and the
/// loss stay row by row, in the single-sample bodies' own words and order (the loss is the same writer's), so a
/// row's values differ from Backward's only by the order of the dot products' additions.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string Gemm = "global::NetGen.Runtime.Gemm";

    /// <summary>Values per row of the chunk's working memory: every layer's outputs and errors, and the output sums.</summary>
    private int ScratchPerRow
    {
        get
        {
            int total = _plan.Output.Units.Count;
            foreach (PlannedLayer layer in _plan.Layers)
            {
                total += 2 * layer.Units.Count;
            }
            return total;
        }
    }

    /// <summary>
    /// Writes <c>ForwardGemm</c> and <c>BackwardGemm</c>, which run one chunk of rows; the entry points split the
    /// batch into chunks of <see cref="Limits.GemmForwardChunkRows"/> and <see cref="Limits.GemmChunkRows"/>.
    /// </summary>
    public void EmitGemmMethods()
    {
        string span = $"global::System.Span<{T}>", readOnly = $"global::System.ReadOnlySpan<{T}>";
        _w.Line($"/// <summary>Forward for <paramref name=\"rows\"/> rows (at most {Limits.GemmForwardChunkRows}) at once, each layer as one matrix product.</summary>");
        _w.Open($"private void {GeneratedMembers.ForwardGemm}({readOnly} inputs, {span} outputs, int rows)");
        _w.Line($"{readOnly} p = _parameters;");
        EmitScratch(forwardOnly: true);
        EmitGemmHiddenLayers();
        PlannedLayer output = _plan.Output;
        int n = output.Units.Count;
        EmitGemmSums(output, "outputs");
        if (output.Activation == ActivationKind.Sigmoid && !output.SharedBias)
        {
            _w.Line($"{Kernels}.AddBiasSigmoid(outputs, p.Slice({output.BiasOffset}, {n}));");
        }
        else
        {
            _w.Open("for (int s = 0; s < rows; s++)");
            _w.Line($"{span} out_{output.Name} = outputs.Slice(s * {n}, {n});");
            EmitOutputRowActivation(output, sums: "out_" + output.Name);
            _w.Close();
        }
        _w.Close();
        _w.Line();

        _w.Line($"/// <summary>Backward for <paramref name=\"rows\"/> rows (at most {Limits.GemmChunkRows}) at once; adds their summed gradient and returns their summed loss.</summary>");
        _w.Open($"private {T} {GeneratedMembers.BackwardGemm}({readOnly} inputs, {readOnly} targets, {span} gradient, int rows)");
        _w.Line($"{readOnly} p = _parameters;");
        EmitScratch(forwardOnly: false);
        EmitGemmHiddenLayers();
        EmitGemmSums(output, "sums_" + output.Name);
        _w.Line();
        _w.Line("// Row by row: the output layer's bias and activation, the loss and dE/dsum of the outputs.");
        _w.Line($"{T} E_sum = {_n.Literal(0)};");
        _w.Open("for (int s = 0; s < rows; s++)");
        _w.Line($"{readOnly} target = targets.Slice(s * {n}, {n});");
        _w.Line($"{span} sum_{output.Name} = sums_{output.Name}.Slice(s * {n}, {n});");
        _w.Line($"{span} out_{output.Name} = outs_{output.Name}.Slice(s * {n}, {n});");
        _w.Line($"{span} dE_dsum_{output.Name} = deltas_{output.Name}.Slice(s * {n}, {n});");
        EmitOutputRowActivation(output, sums: "sum_" + output.Name);
        EmitOutputLoss(declareDeltas: false);
        _w.Line("E_sum += E_total;");
        _w.Close();
        for (int k = _plan.Layers.Count - 2; k >= 0; k--)
        {
            PlannedLayer layer = _plan.Layers[k], next = _plan.Layers[k + 1];
            int units = layer.Units.Count;
            _w.Line();
            _w.Line($"// Layer {layer.Number} ({layer.Name}): dE/dout = dE/dsum of {next.Name} times its weights, then times dout/dsum.");
            _w.Line($"{Gemm}.Multiply(deltas_{next.Name}, p.Slice({next.WeightOffset}, {next.Units.Count * next.FanIn}), deltas_{layer.Name}, rows, {next.Units.Count}, {next.FanIn});");
            _w.Line($"for (int i = 0; i < rows * {units}; i++) deltas_{layer.Name}[i] *= {Derivative(layer.Activation, $"outs_{layer.Name}[i]")};");
        }
        _w.Line();
        _w.Line("// dE/dw summed over the rows = dE/dsum^T times each layer's inputs; dE/db = dE/dsum, row after row.");
        foreach (PlannedLayer layer in _plan.Layers)
        {
            int units = layer.Units.Count;
            _w.Line($"{Gemm}.AddTransposedProduct(deltas_{layer.Name}, {BatchSource(layer)}, gradient.Slice({layer.WeightOffset}, {units * layer.FanIn}), rows, {units}, {layer.FanIn});");
            if (!layer.BiasTrainable)
            {
                continue;
            }
            _w.Line(layer.SharedBias
                ? $"for (int i = 0; i < rows * {units}; i++) gradient[{layer.BiasOffset}] += deltas_{layer.Name}[i];"
                : $"for (int s = 0; s < rows; s++) {Kernels}.AddScaled({_n.Literal(1)}, deltas_{layer.Name}.Slice(s * {units}, {units}), gradient.Slice({layer.BiasOffset}, {units}));");
        }
        _w.Line("return E_sum;");
        _w.Close();
    }

    /// <summary>Slices this thread's working memory into the chunk's per-layer buffers.</summary>
    private void EmitScratch(bool forwardOnly)
    {
        int perRow = forwardOnly ? HiddenUnits() : ScratchPerRow;
        int chunk = forwardOnly ? Limits.GemmForwardChunkRows : Limits.GemmChunkRows;
        if (perRow == 0)
        {
            return;
        }
        _w.Line($"// This thread's working memory (allocated on its first call only), sized for a whole chunk so that it never grows again.");
        _w.Line($"global::System.Span<{T}> scratch = global::NetGen.Runtime.BatchScratch<{T}>.Get({chunk * perRow});");
        int offset = 0;
        foreach (PlannedLayer layer in _plan.Layers)
        {
            if (forwardOnly && layer.IsOutput)
            {
                continue;
            }
            Declare("outs_" + layer.Name, layer.Units.Count, ref offset);
            if (!forwardOnly)
            {
                Declare("deltas_" + layer.Name, layer.Units.Count, ref offset);
            }
        }
        if (!forwardOnly)
        {
            Declare("sums_" + _plan.Output.Name, _plan.Output.Units.Count, ref offset);
        }
    }

    private void Declare(string name, int units, ref int offset)
    {
        _w.Line($"global::System.Span<{T}> {name} = scratch.Slice(rows * {offset}, rows * {units});");
        offset += units;
    }

    private int HiddenUnits()
    {
        int total = 0;
        foreach (PlannedLayer layer in _plan.Layers)
        {
            total += layer.IsOutput ? 0 : layer.Units.Count;
        }
        return total;
    }

    /// <summary>Every hidden layer over the chunk: sums = inputs times weights^T, then bias and activation in place (fused into the product for sigmoid).</summary>
    private void EmitGemmHiddenLayers()
    {
        foreach (PlannedLayer layer in _plan.Layers)
        {
            if (layer.IsOutput)
            {
                continue;
            }
            int units = layer.Units.Count;
            string outs = "outs_" + layer.Name;
            if (layer.Activation == ActivationKind.Sigmoid)
            {
                // The product's tiles add the bias and take the sigmoid while the sums are in registers: no second pass.
                _w.Line();
                _w.Line($"// Layer {layer.Number} ({layer.Name}): {units} sigmoid units; the chunk's sigmoid(w_j . {Source(layer, _plan)} + b_j) at once.");
                _w.Line($"{Gemm}.MultiplyTransposedBiasSigmoid({BatchSource(layer)}, p.Slice({layer.WeightOffset}, {units * layer.FanIn}), p.Slice({layer.BiasOffset}, {(layer.SharedBias ? 1 : units)}), {outs}, rows, {units}, {layer.FanIn});");
                continue;
            }
            EmitGemmSums(layer, outs);
            string bias = layer.SharedBias ? $"p[{layer.BiasOffset}]" : $"p[{layer.BiasOffset} + j]";
            _w.Open("for (int s = 0; s < rows; s++)");
            _w.Open($"for (int j = 0; j < {units}; j++)");
            _w.Line($"{T} sum = {outs}[s * {units} + j] + {bias};");
            _w.Line($"{outs}[s * {units} + j] = {Apply(layer.Activation, "sum")};");
            _w.Close();
            _w.Close();
        }
    }

    private void EmitGemmSums(PlannedLayer layer, string target)
    {
        int units = layer.Units.Count;
        _w.Line();
        _w.Line($"// Layer {layer.Number} ({layer.Name}): {units} {ActivationTerms.Name(layer.Activation)} units; the chunk's sums w_j . {Source(layer, _plan)} at once.");
        _w.Line($"{Gemm}.MultiplyTransposed({BatchSource(layer)}, p.Slice({layer.WeightOffset}, {units * layer.FanIn}), {target}, rows, {units}, {layer.FanIn});");
    }

    /// <summary>One row of the output layer: bias, then out from the sums in <paramref name="sums"/> (which may be out_ itself).</summary>
    private void EmitOutputRowActivation(PlannedLayer output, string sums)
    {
        string o = "out_" + output.Name;
        string bias = output.SharedBias ? $"p[{output.BiasOffset}]" : $"p[{output.BiasOffset} + j]";
        bool wholeLayer = output.Activation is ActivationKind.Softmax or ActivationKind.Sigmoid;
        _w.Open($"for (int j = 0; j < {output.Units.Count}; j++)");
        _w.Line($"{T} sum = {sums}[j] + {bias};");
        if (sums != o)
        {
            _w.Line($"{sums}[j] = sum;");
        }
        _w.Line(wholeLayer ? $"{o}[j] = sum;" : $"{o}[j] = {Apply(output.Activation, "sum")};");
        _w.Close();
        if (output.Activation == ActivationKind.Softmax)
        {
            EmitSoftmax(output);
        }
        else if (output.Activation == ActivationKind.Sigmoid)
        {
            _w.Line($"{Kernels}.Sigmoid({o});");
        }
    }

    private string BatchSource(PlannedLayer layer) => layer.Number == 1 ? "inputs" : "outs_" + _plan.Layers[layer.Number - 2].Name;
}

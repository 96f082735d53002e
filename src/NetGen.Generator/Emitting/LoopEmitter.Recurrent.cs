using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The loop back end's recurrent and per-step dense layers. A recurrent layer is calls of
/// <c>NetGen.Runtime.RecurrentKernels</c> with the layer's constant <c>RecurrentShape</c>: Forward keeps every step's
/// state (<c>seq_h1</c>, [T, H]) and gates (<c>cache_h1</c>), Backward turns dE/dh of every step (<c>dE_dh_h1</c>)
/// into dE/d(gate sums) (<c>dE_dgates_h1</c>) and dE/dx, and the parameter update sums each shared weight's
/// gradient over the steps. A per-step dense layer is the dense loop run at every step with the same weights.
/// Every buffer has a size fixed by the plan, from the layer's <c>RecurrentShape</c>; small ones are stack-allocated,
/// large ones (steps x hidden units grow to megabytes) come from the scratch stack (<c>LoopEmitter.Buffers.cs</c>).
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string Recurrent = "global::NetGen.Runtime.RecurrentKernels";

    /// <summary>The layer as the kernels see it: the runtime's own <c>RecurrentShape</c>, linked into the generator, owns every size.</summary>
    private static RecurrentShape Shape(PlannedLayer layer) => new(CellOf(layer), layer.Steps, layer.Features, layer.Hidden);

    private static RecurrentCell CellOf(PlannedLayer layer) => layer.Kind switch
    {
        LayerKind.Gru => RecurrentCell.Gru,
        LayerKind.Lstm => RecurrentCell.Lstm,
        _ => layer.Activation == ActivationKind.ReLU ? RecurrentCell.ReluRnn : RecurrentCell.TanhRnn,
    };

    private static string Cell(PlannedLayer layer) => "global::NetGen.Runtime.RecurrentCell." + CellOf(layer);

    private static string CellName(PlannedLayer layer) => layer.Kind switch
    {
        LayerKind.Gru => "GRU",
        LayerKind.Lstm => "LSTM",
        _ => "SimpleRNN (" + ActivationTerms.Name(layer.Activation) + ")",
    };

    private static string Params(PlannedLayer layer, string target) => $"{target}.Slice({layer.WeightOffset}, {layer.WeightCount + layer.BiasCount})";

    private void EmitRecurrentForward(PlannedLayer layer, string source)
    {
        if (layer.Kind == LayerKind.PerStepDense)
        {
            EmitPerStepForward(layer, source);
            return;
        }
        if (_stepping)
        {
            EmitRecurrentStep(layer, source);
            return;
        }
        string n = layer.Name, shape = ShapeName(layer);
        int steps = layer.Steps, hidden = layer.Hidden;
        _w.Line();
        _w.Line($"// Layer {layer.Number} ({n}): {CellName(layer)}, {hidden} units over {steps} steps of {layer.Features} values from a zero state; seq_{n} keeps h after every step, cache_{n} the gates backward needs.");
        _w.Line($"global::NetGen.Runtime.RecurrentShape {shape} = new({Cell(layer)}, {steps}, {layer.Features}, {hidden});");
        RecurrentShape sizes = Shape(layer);
        _w.Line($"global::System.Span<{T}> seq_{n} = {Buffer(T, steps * hidden)};");
        _w.Line(sizes.CachePerStep == 0
            ? $"global::System.Span<{T}> cache_{n} = default;"
            : $"global::System.Span<{T}> cache_{n} = {Buffer(T, steps * sizes.CachePerStep)};");
        _w.Line($"global::System.Span<{T}> work_{n} = {Buffer(T, sizes.WorkSize, shape + ".WorkSize")};");
        _w.Line($"{Recurrent}.Forward(in {shape}, {Params(layer, "p")}, {source}, seq_{n}, cache_{n}, work_{n});");
        _w.Line(layer.Spec.ReturnsSequence
            ? $"global::System.Span<{T}> out_{n} = seq_{n};"
            : $"global::System.Span<{T}> out_{n} = seq_{n}.Slice({(steps - 1) * hidden}, {hidden}); // the last state");
        if (_explaining)
        {
            ReportRecurrentForward(layer);
        }
    }

    /// <summary>sum = w_j . x_t + b_j at every step t with the same weights, then the activation.</summary>
    private void EmitPerStepForward(PlannedLayer layer, string source)
    {
        string n = layer.Name, o = "out_" + n;
        int steps = _stepping ? 1 : layer.Steps, units = layer.Hidden, f = layer.Features;
        _w.Line();
        _w.Line($"// Layer {layer.Number} ({n}): {units} {ActivationTerms.Name(layer.Activation)} units at each of {steps} steps, the same weights at every step: sum_t_j = w_j . {source}_t + b_j.");
        bool keepSums = layer.IsOutput || _explaining;
        if (keepSums)
        {
            _w.Line($"global::System.Span<{T}> sum_{n} = {Buffer(T, steps * units)};");
        }
        _w.Line($"global::System.Span<{T}> {o} = {Buffer(T, steps * units)};");
        _w.Open($"for (int t = 0; t < {steps}; t++)");
        _w.Open($"for (int j = 0; j < {units}; j++)");
        string bias = layer.SharedBias ? $"p[{layer.BiasOffset}]" : $"p[{layer.BiasOffset} + j]";
        _w.Line($"{T} sum = {Kernels}.Dot(p.Slice({layer.WeightOffset} + j * {f}, {f}), {source}.Slice(t * {f}, {f})) + {bias};");
        if (keepSums)
        {
            _w.Line($"sum_{n}[t * {units} + j] = sum;");
        }
        bool sigmoid = layer.Activation == ActivationKind.Sigmoid, softmax = layer.Activation == ActivationKind.Softmax;
        _w.Line(sigmoid || softmax ? $"{o}[t * {units} + j] = sum;" : $"{o}[t * {units} + j] = {Apply(layer.Activation, "sum")};");
        _w.Close();
        if (softmax)
        {
            _w.Line($"// Softmax over this step's {units} outputs (PyTorch's dim = -1), the largest sum subtracted first so that Exp never overflows.");
            _w.Line($"global::System.Span<{T}> row = {o}.Slice(t * {units}, {units});");
            _w.Line($"{T} max = row[0];");
            _w.Line($"for (int j = 1; j < {units}; j++) max = {_n.Math}.Max(max, row[j]);");
            _w.Line($"{T} expSum = {_n.Literal(0)};");
            _w.Line($"for (int j = 0; j < {units}; j++) {{ row[j] = {_n.Math}.Exp(row[j] - max); expSum += row[j]; }}");
            _w.Line($"for (int j = 0; j < {units}; j++) row[j] /= expSum;");
        }
        _w.Close();
        if (sigmoid)
        {
            _w.Line($"{Kernels}.Sigmoid({o});");
        }
        if (_explaining)
        {
            ReportPerStepForward(layer);
        }
    }

    /// <summary>
    /// dE/dout of <paramref name="layer"/> from the layer after it when either runs per step; a recurrent layer then runs
    /// backward through time, a per-step dense one multiplies by dout/dsum.
    /// </summary>
    private void EmitRecurrentSourceDelta(PlannedLayer layer, PlannedLayer next)
    {
        string n = layer.Name;
        string d = layer.IsRecurrent ? "dE_dh_" + n : "dE_dsum_" + n;
        int size = layer.IsRecurrent ? layer.Steps * layer.Hidden : layer.Units.Count;
        _w.Line();
        if (next.IsRecurrent)
        {
            _w.Line($"// Layer {layer.Number} ({n}): dE/dout of every step is what layer {next.Name}'s backward pass sent to its inputs.");
            _w.Line($"global::System.Span<{T}> {d} = dE_dx_{next.Name};");
        }
        else
        {
            _w.Line($"// Layer {layer.Number} ({n}): dE/dout from layer {next.Name}, dE/dout_j = sum_k dE/dsum_k * w_kj{(next.Kind == LayerKind.PerStepDense ? " at each step" : "")}.");
            _w.Line($"global::System.Span<{T}> {d} = {Buffer(T, size)};");
            string dn = "dE_dsum_" + next.Name;
            if (next.Kind == LayerKind.PerStepDense)
            {
                int f = next.Features, u = next.Hidden;
                _w.Line($"for (int t = 0; t < {next.Steps}; t++) for (int k = 0; k < {u}; k++) {Kernels}.AddScaled({dn}[t * {u} + k], p.Slice({next.WeightOffset} + k * {f}, {f}), {d}.Slice(t * {f}, {f}));");
            }
            else
            {
                // A dense layer reads the last state, or the whole sequence flattened.
                string target = next.FanIn == size ? d : $"{d}.Slice({size - next.FanIn}, {next.FanIn})";
                _w.Line($"for (int k = 0; k < {next.Units.Count}; k++) {Kernels}.AddScaled({dn}[k], p.Slice({next.WeightOffset} + k * {next.FanIn}, {next.FanIn}), {target});");
            }
        }
        if (layer.IsRecurrent)
        {
            EmitThroughTime(layer);
            return;
        }
        if (_explaining)
        {
            ReportPerStepDeltas(layer);
        }
        else if (layer.Activation != ActivationKind.Identity)
        {
            _w.Line($"for (int j = 0; j < {size}; j++) {d}[j] *= {Derivative(layer.Activation, $"out_{n}[j]")};");
        }
    }

    /// <summary>Backpropagation through time of one recurrent layer, from dE/dh of every step in dE_dh_.</summary>
    private void EmitThroughTime(PlannedLayer layer)
    {
        string n = layer.Name;
        bool below = layer.Number > 1;
        _w.Line($"// Backpropagation through time: from the last step to the first, dE/dh_t = from above + from h_t+1 through every gate;");
        _w.Line($"// dE_dgates_{n} keeps dE/d(gate sum) of every step for the weights, shared by all steps.");
        if (_explaining)
        {
            ReportStateGradients(layer, "dE_dh_" + n, "from above");
        }
        _w.Line($"global::System.Span<{T}> dE_dgates_{n} = {Buffer(T, layer.Steps * Shape(layer).GateGradientPerStep)};");
        if (below)
        {
            _w.Line($"global::System.Span<{T}> dE_dx_{n} = {Buffer(T, layer.Steps * layer.Features)};");
        }
        _w.Line($"{Recurrent}.Backward(in {ShapeName(layer)}, {Params(layer, "p")}, {Source(layer, _plan)}, seq_{n}, cache_{n}, dE_dh_{n}, dE_dgates_{n}, {(below ? "dE_dx_" + n : "default")}, work_{n});");
        if (_explaining)
        {
            ReportGateGradients(layer);
        }
    }

    /// <summary>Adds scale * dE/dp of a recurrent or per-step dense layer: each weight's gradient summed over the steps.</summary>
    private void EmitRecurrentUpdate(PlannedLayer layer, string target, string scale)
    {
        string n = layer.Name, source = Source(layer, _plan);
        if (layer.IsRecurrent)
        {
            _w.Line($"// Layer {n}: every weight is shared by all steps, so dE/dw sums dE/d(gate sum) * (the value it read) over the steps.");
            _w.Line($"{Recurrent}.AddParameterGradient({scale}, in {ShapeName(layer)}, {source}, seq_{n}, dE_dgates_{n}, {Params(layer, target)}, {(layer.BiasTrainable ? "true" : "false")});");
            return;
        }
        int steps = layer.Steps, u = layer.Hidden, f = layer.Features;
        string d = "dE_dsum_" + n, lr = scale == _n.Literal(1) ? "" : $"{scale} * ";
        _w.Line($"// Layer {n}: the same weights at every step, so dE/dw and dE/db sum over the steps.");
        _w.Line($"for (int t = 0; t < {steps}; t++) for (int j = 0; j < {u}; j++) {Kernels}.AddScaled({lr}{d}[t * {u} + j], {source}.Slice(t * {f}, {f}), {target}.Slice({layer.WeightOffset} + j * {f}, {f}));");
        if (layer.BiasTrainable)
        {
            _w.Line(layer.SharedBias
                ? $"for (int k = 0; k < {steps * u}; k++) {target}[{layer.BiasOffset}] += {lr}{d}[k];"
                : $"for (int t = 0; t < {steps}; t++) for (int j = 0; j < {u}; j++) {target}[{layer.BiasOffset} + j] += {lr}{d}[t * {u} + j];");
        }
    }

    /// <summary>
    /// E_total and dE/dsum of a per-step softmax output: each step's outputs are one distribution, so the softmax
    /// Jacobian (or, with cross-entropy, the fused out * (sum of targets) - target) works within a step.
    /// </summary>
    private void EmitPerStepSoftmaxLoss(PlannedLayer output)
    {
        string o = "out_" + output.Name, s = "sum_" + output.Name, d = "dE_dsum_" + output.Name;
        int units = output.Hidden, n = output.Units.Count;
        bool crossEntropy = _plan.Spec.Loss == LossKind.CrossEntropy;
        _w.Line();
        _w.Line($"// Error E_total and dE/dsum for each output unit, step by step: each step's softmax is its own.");
        _w.Line($"global::System.Span<{T}> {d} = {Buffer(T, n)};");
        _w.Line($"{T} E_total = {_n.Literal(0)};");
        _w.Open($"for (int t = 0; t < {output.Steps}; t++)");
        _w.Line($"int at = t * {units};");
        if (crossEntropy)
        {
            _w.Line($"{T} max = {s}[at], expSum = {_n.Literal(0)}, targetSum = {_n.Literal(0)};");
            _w.Line($"for (int k = 1; k < {units}; k++) max = {_n.Math}.Max(max, {s}[at + k]);");
            _w.Line($"for (int k = 0; k < {units}; k++) {{ expSum += {_n.Math}.Exp({s}[at + k] - max); targetSum += target[at + k]; }}");
            _w.Line($"{T} logExpSum = {_n.Math}.Log(expSum);");
            _w.Line($"for (int k = 0; k < {units}; k++) E_total -= target[at + k] * ({s}[at + k] - max - logExpSum); // -target_k log(out_k), never log(0)");
            _w.Line($"for (int k = 0; k < {units}; k++) {d}[at + k] = {o}[at + k] * targetSum - target[at + k]; // the log and the softmax cancel");
        }
        else
        {
            _w.Line($"{T} dot = {_n.Literal(0)};");
            _w.Open($"for (int k = at; k < at + {units}; k++)");
            _w.Line($"{T} diff = target[k] - {o}[k];");
            _w.Line(_plan.Spec.Loss == LossKind.HalfSquaredError
                ? $"E_total += {_n.Literal(0.5)} * diff * diff; // E_k = 1/2 (target_k - out_k)^2"
                : $"E_total += diff * diff / {_n.Literal(n)}; // E_k = (target_k - out_k)^2 / n");
            _w.Line(_plan.Spec.Loss == LossKind.HalfSquaredError
                ? $"{d}[k] = -diff; // dE/dout_k for now"
                : $"{d}[k] = {_n.Literal(-2.0 / n)} * diff; // dE/dout_k for now");
            _w.Line($"dot += {d}[k] * {o}[k];");
            _w.Close();
            _w.Line($"// Softmax within the step: dE/dsum_k = out_k (dE/dout_k - sum_j dE/dout_j out_j).");
            _w.Line($"for (int k = at; k < at + {units}; k++) {d}[k] = {o}[k] * ({d}[k] - dot);");
        }
        _w.Close();
        if (_explaining)
        {
            _w.Line($"explanation.Step(\"E_total\", E_total, \"the sum of every step's error\");");
            _w.Line($"for (int j = 0; j < {n}; j++) explanation.Step(\"dE_dsum_\" + {Names(output)}[j], {d}[j], \"out - target, within the step's softmax\");");
            ReportPerStepGradients(output);
        }
    }
}

using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes Forward, Backward and TrainStep for networks too large to unroll well: one compact loop per
/// layer over its weight rows, with the inner dot products and scaled adds vectorised by
/// <c>NetGen.Runtime.Kernels</c>. Per-layer buffers are stack-allocated, so nothing is allocated.
/// The vocabulary stays the worked example's: out_h, dE_dsum_h, ... are now spans over a layer's units.
/// </summary>
internal sealed class LoopEmitter
{
    private const string Kernels = "global::NetGen.Runtime.Kernels";
    private readonly NetworkPlan _plan;
    private readonly Numeric _n;
    private readonly SourceWriter _w;
    private readonly double _slope;

    public LoopEmitter(NetworkPlan plan, SourceWriter writer)
    {
        _plan = plan;
        _n = Numeric.For(plan.Spec.Precision);
        _w = writer;
        _slope = plan.Spec.LeakyReLUSlope;
    }

    private string T => _n.Type;

    public void EmitForwardBody()
    {
        _w.Line($"global::System.ReadOnlySpan<{T}> p = _parameters;");
        EmitForwardLayers();
        _w.Line($"out_{_plan.Output.Name}.CopyTo(output);");
    }

    public void EmitBackwardBody()
    {
        _w.Line($"global::System.ReadOnlySpan<{T}> p = _parameters;");
        EmitForwardLayers();
        EmitLossAndDeltas();
        _w.Line();
        _w.Line("// Add dE/dw = dE/dsum * (the weight's input) and dE/db = dE/dsum to the gradient.");
        foreach (PlannedLayer layer in _plan.Layers)
        {
            EmitParameterUpdate(layer, target: "gradient", scale: "");
        }
        _w.Line("return E_total;");
    }

    public void EmitTrainStepBody()
    {
        _w.Line($"global::System.Span<{T}> p = _parameters;");
        EmitForwardLayers();
        EmitLossAndDeltas();
        _w.Line();
        _w.Line("// Gradient descent, after every dE/dsum was computed from the old weights: p -= learningRate * dE/dp.");
        foreach (PlannedLayer layer in _plan.Layers)
        {
            EmitParameterUpdate(layer, target: "p", scale: "-learningRate * ");
        }
        _w.Line("return E_total;");
    }

    private static string Source(PlannedLayer layer, NetworkPlan plan) =>
        layer.Number == 1 ? "input" : "out_" + plan.Layers[layer.Number - 2].Name;

    private void EmitForwardLayers()
    {
        foreach (PlannedLayer layer in _plan.Layers)
        {
            int width = layer.Units.Count;
            string source = Source(layer, _plan);
            string outName = "out_" + layer.Name;
            _w.Line();
            _w.Line($"// Layer {layer.Number} ({layer.Name}): {width} {ActivationText.Name(layer.Activation)} units, sum_j = w_j . {source} + b_j.");
            bool keepSums = layer.IsOutput;
            if (keepSums)
            {
                _w.Line($"global::System.Span<{T}> sum_{layer.Name} = stackalloc {T}[{width}];");
            }
            _w.Line($"global::System.Span<{T}> {outName} = stackalloc {T}[{width}];");
            _w.Open($"for (int j = 0; j < {width}; j++)");
            string bias = layer.SharedBias ? $"p[{layer.BiasOffset}]" : $"p[{layer.BiasOffset} + j]";
            _w.Line($"{T} sum = {Kernels}.Dot(p.Slice({layer.WeightOffset} + j * {layer.FanIn}, {layer.FanIn}), {source}) + {bias};");
            if (keepSums)
            {
                _w.Line($"sum_{layer.Name}[j] = sum;");
            }
            bool wholeLayer = layer.Activation is ActivationKind.Softmax or ActivationKind.Sigmoid;
            _w.Line(wholeLayer
                ? $"{outName}[j] = sum;"
                : $"{outName}[j] = {ActivationText.Apply(layer.Activation, "sum", _n, _slope)};");
            _w.Close();
            if (layer.Activation == ActivationKind.Softmax)
            {
                EmitSoftmax(layer);
            }
            else if (layer.Activation == ActivationKind.Sigmoid)
            {
                _w.Line($"// Sigmoid over the whole layer at once: out = 1 / (1 + e^-sum), vectorised.");
                _w.Line($"{Kernels}.Sigmoid({outName});");
            }
        }
    }

    private void EmitSoftmax(PlannedLayer layer)
    {
        string o = "out_" + layer.Name;
        _w.Line("// Softmax: subtract the largest sum first so that Exp never overflows.");
        _w.Line($"{T} max_{layer.Name} = {o}[0];");
        _w.Line($"for (int j = 1; j < {o}.Length; j++) max_{layer.Name} = {_n.Math}.Max(max_{layer.Name}, {o}[j]);");
        _w.Line($"{T} expSum_{layer.Name} = {_n.Literal(0)};");
        _w.Open($"for (int j = 0; j < {o}.Length; j++)");
        _w.Line($"{o}[j] = {_n.Math}.Exp({o}[j] - max_{layer.Name});");
        _w.Line($"expSum_{layer.Name} += {o}[j];");
        _w.Close();
        _w.Line($"for (int j = 0; j < {o}.Length; j++) {o}[j] /= expSum_{layer.Name};");
    }

    private void EmitLossAndDeltas()
    {
        PlannedLayer output = _plan.Output;
        string o = "out_" + output.Name, s = "sum_" + output.Name, d = "dE_dsum_" + output.Name;
        int n = output.Units.Count;
        _w.Line();
        _w.Line($"// Error E_total and dE/dsum for each output unit.");
        _w.Line($"global::System.Span<{T}> {d} = stackalloc {T}[{n}];");
        _w.Line($"{T} E_total = {_n.Literal(0)};");
        if (_plan.Spec.Loss == LossKind.CrossEntropy && output.Activation == ActivationKind.Softmax)
        {
            _w.Line($"{T} logExpSum_{output.Name} = {_n.Math}.Log(expSum_{output.Name});");
        }
        if (output.Activation == ActivationKind.Softmax && _plan.Spec.Loss != LossKind.CrossEntropy)
        {
            _w.Line($"{T} dE_dout_dot_out_{output.Name} = {_n.Literal(0)};");
        }
        _w.Open($"for (int k = 0; k < {n}; k++)");
        _w.Line($"{T} diff = target[k] - {o}[k];");
        switch (_plan.Spec.Loss)
        {
            case LossKind.HalfSquaredError:
                _w.Line($"E_total += {_n.Literal(0.5)} * diff * diff; // E_k = 1/2 (target_k - out_k)^2");
                _w.Line($"{T} dE_dout = -diff; // dE/dout_k = -(target_k - out_k)");
                break;
            case LossKind.MeanSquaredError:
                _w.Line($"E_total += diff * diff / {_n.Literal(n)}; // E_k = (target_k - out_k)^2 / n");
                _w.Line($"{T} dE_dout = {_n.Literal(-2.0 / n)} * diff; // dE/dout_k = 2/n (out_k - target_k)");
                break;
            case LossKind.CrossEntropy when output.Activation == ActivationKind.Softmax:
                _w.Line($"E_total -= target[k] * ({s}[k] - max_{output.Name} - logExpSum_{output.Name}); // -target_k log(out_k), never log(0)");
                break;
            default:
                _w.Line($"E_total += {_n.Math}.Max({s}[k], {_n.Literal(0)}) - target[k] * {s}[k] + {_n.Math}.Log({_n.Literal(1)} + {_n.Math}.Exp(-{_n.Math}.Abs({s}[k]))); // binary cross-entropy, never log(0)");
                break;
        }
        if (_plan.Spec.Loss == LossKind.CrossEntropy)
        {
            _w.Line($"{d}[k] = -diff; // dE/dsum_k = out_k - target_k (the activation's derivative cancels)");
        }
        else if (output.Activation == ActivationKind.Softmax)
        {
            _w.Line($"{d}[k] = dE_dout; // dE/dout_k for now; the softmax Jacobian is applied below");
            _w.Line($"dE_dout_dot_out_{output.Name} += dE_dout * {o}[k];");
        }
        else
        {
            _w.Line($"{d}[k] = dE_dout * ({ActivationText.Derivative(output.Activation, $"{o}[k]", $"{o}[k]", _n, _slope)}); // dE/dsum_k = dE/dout_k * dout_k/dsum_k");
        }
        _w.Close();
        if (output.Activation == ActivationKind.Softmax && _plan.Spec.Loss != LossKind.CrossEntropy)
        {
            _w.Line($"// Softmax: dE/dsum_k = out_k (dE/dout_k - sum_j dE/dout_j out_j).");
            _w.Line($"for (int k = 0; k < {n}; k++) {d}[k] = {o}[k] * ({d}[k] - dE_dout_dot_out_{output.Name});");
        }

        for (int k = _plan.Layers.Count - 2; k >= 0; k--)
        {
            PlannedLayer layer = _plan.Layers[k], next = _plan.Layers[k + 1];
            string dl = "dE_dsum_" + layer.Name, dn = "dE_dsum_" + next.Name, ol = "out_" + layer.Name;
            _w.Line();
            _w.Line($"// Layer {layer.Number} ({layer.Name}): dE/dout_j = sum_k dE/dsum_k * w_kj over layer {next.Name}, then times dout_j/dsum_j.");
            _w.Line($"global::System.Span<{T}> {dl} = stackalloc {T}[{layer.Units.Count}];");
            _w.Line($"for (int k = 0; k < {next.Units.Count}; k++) {Kernels}.AddScaled({dn}[k], p.Slice({next.WeightOffset} + k * {next.FanIn}, {next.FanIn}), {dl});");
            _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) {dl}[j] *= {ActivationText.Derivative(layer.Activation, $"{ol}[j]", $"{ol}[j]", _n, _slope)};");
        }
    }

    private void EmitParameterUpdate(PlannedLayer layer, string target, string scale)
    {
        string d = "dE_dsum_" + layer.Name;
        string source = Source(layer, _plan);
        _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) {Kernels}.AddScaled({scale}{d}[j], {source}, {target}.Slice({layer.WeightOffset} + j * {layer.FanIn}, {layer.FanIn}));");
        if (!layer.BiasTrainable)
        {
            return;
        }
        string op = scale.Length == 0 ? "+=" : "-=";
        string lr = scale.Length == 0 ? "" : "learningRate * ";
        _w.Line(layer.SharedBias
            ? $"for (int j = 0; j < {layer.Units.Count}; j++) {target}[{layer.BiasOffset}] {op} {lr}{d}[j];"
            : $"for (int j = 0; j < {layer.Units.Count}; j++) {target}[{layer.BiasOffset} + j] {op} {lr}{d}[j];");
    }
}

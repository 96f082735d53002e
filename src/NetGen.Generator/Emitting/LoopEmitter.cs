using NetGen.Generator.Emitting.Dialects;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes Forward, Backward and TrainStep for networks too large to unroll well: one compact loop per
/// layer over its weight rows, with the inner dot products and scaled adds vectorised by
/// <c>NetGen.Runtime.Kernels</c>. Per-layer buffers are stack-allocated up to a budget and taken from a per-thread
/// scratch stack beyond it (<c>LoopEmitter.Buffers.cs</c>), so nothing is allocated after a thread's first call.
/// The vocabulary stays the worked example's: out_h, dE_dsum_h, ... are now spans over a layer's units.
/// A separate back end (its program has another shape), it takes its activations, derivatives and Explain
/// formulas from the same term builders as the derivation, spelled by the same dialects.
/// </summary>
internal sealed partial class LoopEmitter : IBodyWriter
{
    private const string Kernels = "global::NetGen.Runtime.Kernels";
    private const string Text = "global::NetGen.Runtime.ExplainText";
    private readonly NetworkPlan _plan;
    private readonly Numeric _n;
    private readonly SourceWriter _w;
    private readonly double _slope;
    private readonly ParameterStorage _storage;
    private readonly LossTerms _loss;
    private readonly ScalarDialect _scalar;
    private readonly FormulaDialect _formulas;

    public LoopEmitter(NetworkPlan plan, ParameterStorage storage, SourceWriter writer)
    {
        _plan = plan;
        _n = Numeric.For(plan.Spec.Precision);
        _w = writer;
        _slope = plan.Spec.LeakyReLUSlope;
        _storage = storage;
        _loss = new LossTerms(plan);
        _scalar = new ScalarDialect(_n, _storage);
        _formulas = new FormulaDialect(_n, _scalar);
    }

    void IBodyWriter.Forward() => WriteBody(EmitForwardBody);

    void IBodyWriter.Backward() => WriteBody(EmitBackwardBody);

    void IBodyWriter.TrainStep() => WriteBody(EmitTrainStepBody);

    void IBodyWriter.Explain() => WriteBody(EmitExplainBody);

    /// <summary>f(sum) for a unit's sum named <paramref name="sum"/>, as C#.</summary>
    private string Apply(ActivationKind activation, string sum) => _scalar.Render(ActivationTerms.Apply(activation, new Ref(sum), _slope));

    /// <summary>dout/dsum as C#, from the unit's output alone (its sign is the sum's wherever only the sign matters).</summary>
    private string Derivative(ActivationKind activation, string output) =>
        _scalar.Render(ActivationTerms.Derivative(activation, new Ref(output), new Ref(output), _slope));

    /// <summary>The readable formula of an expression over pattern names, for Explain.</summary>
    private string Formula(Expr expression) => _formulas.Render(expression);

    private string T => _n.Type;

    /// <summary>
    /// When set, the bodies also report every value to an <c>IExplanation</c> named <c>explanation</c>, in
    /// the unrolled code's order and words, by looping over units (the generated Explain).
    /// </summary>
    private bool _explaining;

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

    /// <summary>
    /// TrainStep's body, also reporting every value, unit by unit, and (where <c>step</c> is true) taking the
    /// step and reporting every update. The arithmetic is TrainStep's own, so the step taken is the same to the
    /// last bit; values are reported after each phase so that their order is the unrolled Explain's.
    /// </summary>
    public void EmitExplainBody()
    {
        _explaining = true;
        _storage.WriteReportParameters(_w);
        _w.Line($"global::System.Span<{T}> p = _parameters;");
        _w.Line();
        _w.Line("// Inputs.");
        if (UsesNameTables)
        {
            DeclareNameTables();
        }
        _w.Line(UsesNameTables
            ? $"for (int k = 0; k < {_plan.Spec.InputCount}; k++) explanation.Step(names_i[k], input[k], {Text}.Fill(\"input[{{k}}]\", k));"
            : $"for (int k = 0; k < {_plan.Spec.InputCount}; k++) explanation.Step({Text}.Fill(\"i{{#}}\", k), input[k], {Text}.Fill(\"input[{{k}}]\", k));");
        EmitForwardLayers();
        EmitLossAndDeltas();
        _w.Line();
        _w.Open("if (step)");
        _w.Line("// Gradient descent as TrainStep does it, then each update reported with its gradient.");
        _w.Line($"{T}[] before = p.ToArray();");
        foreach (PlannedLayer layer in _plan.Layers)
        {
            EmitParameterUpdate(layer, target: "p", scale: "-learningRate * ");
        }
        foreach (PlannedLayer layer in _plan.Layers)
        {
            if (layer.IsPerStep)
            {
                ReportPerStepUpdates(layer);
                continue;
            }
            if (layer.Kind != LayerKind.Dense)
            {
                if (layer.Kind == LayerKind.Convolution)
                {
                    ReportConvolutionUpdates(layer);
                }
                continue;
            }
            string d = "dE_dsum_" + layer.Name, source = Source(layer, _plan);
            _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) for (int i = 0; i < {layer.FanIn}; i++) {{ int k = {layer.WeightOffset} + j * {layer.FanIn} + i; explanation.Update(s_parameterNames[k], before[k], learningRate, {d}[j] * {source}[i], p[k]); }}");
            if (!layer.BiasTrainable)
            {
                continue;
            }
            _w.Line(layer.SharedBias
                ? $"explanation.Update(s_parameterNames[{layer.BiasOffset}], before[{layer.BiasOffset}], learningRate, dE_d{layer.BiasName(0)}, p[{layer.BiasOffset}]);"
                : $"for (int j = 0; j < {layer.Units.Count}; j++) explanation.Update(s_parameterNames[{layer.BiasOffset} + j], before[{layer.BiasOffset} + j], learningRate, {d}[j], p[{layer.BiasOffset} + j]);");
        }
        _w.Close();
        _w.Line("return E_total;");
    }

    /// <summary>The unit-name pattern of a layer: "h{#}", "h2_{#}", "o{#}".</summary>
    private static string UnitPattern(PlannedLayer layer) => layer.UnitPrefix + "{#}";

    /// <summary>The pattern of the value a layer's term {@} reads: an input "i{@}" or "out_h{@}".</summary>
    private string SourceValuePattern(PlannedLayer layer) => layer.Number == 1
        ? "i{@}"
        : "out_" + UnitPattern(_plan.Layers[layer.Number - 2]).Replace("{#}", "{@}");

    /// <summary>A C# string literal of a formula pattern, as the unrolled Explain writes formulas.</summary>
    private static string Quote(string pattern) => "\"" + pattern + "\"";

    /// <summary>Reports <c>name</c> = value for every unit j of a layer (loop variable j).</summary>
    private void Report(int count, string namePattern, string value, string formula) =>
        _w.Line($"for (int j = 0; j < {count}; j++) explanation.Step({Text}.Fill({Quote(namePattern)}, j), {value}, {formula});");

    private static string Source(PlannedLayer layer, NetworkPlan plan) =>
        layer.Number == 1 ? "input" : "out_" + plan.Layers[layer.Number - 2].Name;

    private void EmitForwardLayers()
    {
        foreach (PlannedLayer layer in _plan.Layers)
        {
            int width = layer.Units.Count;
            string source = Source(layer, _plan);
            string outName = "out_" + layer.Name;
            if (layer.Spec.IsSpatial)
            {
                EmitSpatialForward(layer, source);
                continue;
            }
            if (layer.IsPerStep)
            {
                EmitRecurrentForward(layer, source);
                continue;
            }
            _w.Line();
            _w.Line($"// Layer {layer.Number} ({layer.Name}): {width} {ActivationTerms.Name(layer.Activation)} units, sum_j = w_j . {source} + b_j.");
            bool keepSums = layer.IsOutput || _explaining;
            if (keepSums)
            {
                _w.Line($"global::System.Span<{T}> sum_{layer.Name} = {Buffer(T, width)};");
            }
            _w.Line($"global::System.Span<{T}> {outName} = {Buffer(T, width)};");
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
                : $"{outName}[j] = {Apply(layer.Activation, "sum")};");
            _w.Close();
            string u = UnitPattern(layer);
            if (_explaining && UsesNameTables)
            {
                string biasText = layer.SharedBias ? $"s_parameterNames[{layer.BiasOffset}]" : $"s_parameterNames[{layer.BiasOffset} + j]";
                _w.Line($"for (int j = 0; j < {width}; j++) explanation.Step(\"sum_\" + {Names(layer)}[j], sum_{layer.Name}[j], {Spatial}.Terms({layer.FanIn}, i => s_parameterNames[{layer.WeightOffset} + j * {layer.FanIn} + i] + \" * \" + {SourceValues(layer)}[i]) + \" + \" + {biasText});");
            }
            else if (_explaining)
            {
                string biasName = layer.SharedBias ? layer.BiasName(0) : "b_" + u;
                Report(width, "sum_" + u, $"sum_{layer.Name}[j]",
                    $"{Text}.Sum({Quote($"w_{u}_{SourceValuePattern(layer).Replace("out_", "")} * {SourceValuePattern(layer)}")}, j, {layer.FanIn}) + \" + \" + {Text}.Fill({Quote(biasName)}, j)");
            }
            if (layer.Activation == ActivationKind.Softmax)
            {
                EmitSoftmax(layer);
            }
            else if (layer.Activation == ActivationKind.Sigmoid)
            {
                _w.Line($"// Sigmoid over the whole layer at once: out = 1 / (1 + e^-sum), vectorised.");
                _w.Line($"{Kernels}.Sigmoid({outName});");
            }
            if (_explaining && layer.Activation != ActivationKind.Softmax)
            {
                Report(width, "out_" + u, $"{outName}[j]", $"{Text}.Fill({Quote(Formula(ActivationTerms.Apply(layer.Activation, new Ref("sum_" + u), _slope)))}, j)");
            }
        }
    }

    private void EmitSoftmax(PlannedLayer layer)
    {
        string o = "out_" + layer.Name;
        _w.Line("// Softmax: subtract the largest sum first so that Exp never overflows.");
        _w.Line($"{T} max_{layer.Name} = {o}[0];");
        _w.Line($"for (int j = 1; j < {o}.Length; j++) max_{layer.Name} = {_n.Math}.Max(max_{layer.Name}, {o}[j]);");
        string u = UnitPattern(layer);
        if (_explaining)
        {
            _w.Line($"explanation.Step(\"max_{layer.Name}\", max_{layer.Name}, {Text}.Max({Quote("sum_" + u.Replace("{#}", "{@}"))}, {layer.Units.Count}));");
        }
        _w.Line($"{T} expSum_{layer.Name} = {_n.Literal(0)};");
        _w.Open($"for (int j = 0; j < {o}.Length; j++)");
        _w.Line($"{o}[j] = {_n.Math}.Exp({o}[j] - max_{layer.Name});");
        if (_explaining)
        {
            _w.Line($"explanation.Step({Text}.Fill({Quote("exp_" + u)}, j), {o}[j], {Text}.Fill({Quote(Formula(E.Exp(new Ref("sum_" + u) - new Ref("max_" + layer.Name))))}, j));");
        }
        _w.Line($"expSum_{layer.Name} += {o}[j];");
        _w.Close();
        if (_explaining)
        {
            _w.Line($"explanation.Step(\"expSum_{layer.Name}\", expSum_{layer.Name}, {Text}.Sum({Quote("exp_" + u.Replace("{#}", "{@}"))}, 0, {layer.Units.Count}));");
        }
        _w.Line($"for (int j = 0; j < {o}.Length; j++) {o}[j] /= expSum_{layer.Name};");
        if (_explaining)
        {
            Report(layer.Units.Count, "out_" + u, $"{o}[j]", $"{Text}.Fill({Quote($"exp_{u} / expSum_{layer.Name}")}, j)");
        }
    }

    private void EmitLossAndDeltas()
    {
        EmitOutputLoss(declareDeltas: true);
        EmitHiddenDeltas();
    }

    /// <summary>E_total and dE/dsum of the output units, from out_, sum_ and target; the batch body declares dE_dsum itself.</summary>
    private void EmitOutputLoss(bool declareDeltas)
    {
        PlannedLayer output = _plan.Output;
        string o = "out_" + output.Name, s = "sum_" + output.Name, d = "dE_dsum_" + output.Name;
        string u = UnitPattern(output);
        int n = output.Units.Count;
        bool softmaxCrossEntropy = _plan.Spec.Loss == LossKind.CrossEntropy && output.Activation == ActivationKind.Softmax;
        if (output.IsPerStep && output.Activation == ActivationKind.Softmax)
        {
            EmitPerStepSoftmaxLoss(output);
            return;
        }
        _w.Line();
        _w.Line($"// Error E_total and dE/dsum for each output unit.");
        if (declareDeltas)
        {
            _w.Line($"global::System.Span<{T}> {d} = {Buffer(T, n)};");
        }
        _w.Line($"{T} E_total = {_n.Literal(0)};");
        if (_explaining)
        {
            Report(n, $"target_{u}", "target[j]", $"{Text}.Fill(\"target[{{k}}]\", j)");
            _w.Line($"{T}[] dE_dout_{output.Name} = new {T}[{n}], dout_dsum_{output.Name} = new {T}[{n}];");
        }
        if (softmaxCrossEntropy)
        {
            _w.Line($"{T} logExpSum_{output.Name} = {_n.Math}.Log(expSum_{output.Name});");
            if (_explaining)
            {
                _w.Line($"explanation.Step(\"logExpSum_{output.Name}\", logExpSum_{output.Name}, \"Log(expSum_{output.Name})\");");
            }
        }
        if (output.Activation == ActivationKind.Softmax && _plan.Spec.Loss != LossKind.CrossEntropy)
        {
            _w.Line($"{T} dE_dout_dot_out_{output.Name} = {_n.Literal(0)};");
        }
        string targetSum = _loss.TargetSumName;
        if (softmaxCrossEntropy)
        {
            _w.Line($"// The targets' sum: 1 for a probability distribution, but any targets are allowed.");
            _w.Line($"{T} {targetSum} = {_n.Literal(0)};");
            _w.Line($"for (int k = 0; k < {n}; k++) {targetSum} += target[k];");
        }
        _w.Open($"for (int k = 0; k < {n}; k++)");
        _w.Line($"{T} diff = target[k] - {o}[k];");
        string errorFormula = Formula(_loss.Error(u));
        var (error, comment) = _plan.Spec.Loss switch
        {
            LossKind.HalfSquaredError => ($"{_n.Literal(0.5)} * diff * diff", "E_k = 1/2 (target_k - out_k)^2"),
            LossKind.MeanSquaredError => ($"diff * diff / {_n.Literal(n)}", "E_k = (target_k - out_k)^2 / n"),
            LossKind.CrossEntropy when softmaxCrossEntropy => ($"target[k] * ({s}[k] - max_{output.Name} - logExpSum_{output.Name})", "-target_k log(out_k), never log(0)"),
            _ => ($"{_n.Math}.Max({s}[k], {_n.Literal(0)}) - target[k] * {s}[k] + {_n.Math}.Log({_n.Literal(1)} + {_n.Math}.Exp(-{_n.Math}.Abs({s}[k])))",
                "binary cross-entropy, never log(0)"),
        };
        if (_explaining)
        {
            // E_total += e and E_total -= x equal TrainStep's sums to the bit (a - x == a + (-x)).
            _w.Line($"{T} E_k = {(softmaxCrossEntropy ? "-" : "")}{error}; // {comment}");
            _w.Line($"explanation.Step({Text}.Fill(\"E{{#}}\", k), E_k, {Text}.Fill({Quote(errorFormula)}, k));");
            _w.Line("E_total += E_k;");
        }
        else
        {
            _w.Line($"E_total {(softmaxCrossEntropy ? "-=" : "+=")} {error}; // {comment}");
        }
        if (_plan.Spec.Loss == LossKind.HalfSquaredError)
        {
            _w.Line($"{T} dE_dout = -diff; // dE/dout_k = -(target_k - out_k)");
        }
        else if (_plan.Spec.Loss == LossKind.MeanSquaredError)
        {
            _w.Line($"{T} dE_dout = {_n.Literal(-2.0 / n)} * diff; // dE/dout_k = 2/n (out_k - target_k)");
        }
        if (_explaining && _plan.Spec.Loss != LossKind.CrossEntropy)
        {
            _w.Line($"dE_dout_{output.Name}[k] = dE_dout;");
        }
        if (softmaxCrossEntropy)
        {
            _w.Line($"{d}[k] = {o}[k] * {targetSum} - target[k]; // dE/dsum_k = out_k * {targetSum} - target_k (the log and the softmax cancel)");
        }
        else if (_plan.Spec.Loss == LossKind.CrossEntropy)
        {
            _w.Line($"{d}[k] = -diff; // dE/dsum_k = out_k - target_k (the activation's derivative cancels)");
        }
        else if (output.Activation == ActivationKind.Softmax)
        {
            _w.Line($"{d}[k] = dE_dout; // dE/dout_k for now; the softmax Jacobian is applied below");
            _w.Line($"dE_dout_dot_out_{output.Name} += dE_dout * {o}[k];");
        }
        else if (_explaining)
        {
            _w.Line($"dout_dsum_{output.Name}[k] = {Derivative(output.Activation, $"{o}[k]")};");
            _w.Line($"{d}[k] = dE_dout * dout_dsum_{output.Name}[k]; // dE/dsum_k = dE/dout_k * dout_k/dsum_k");
        }
        else
        {
            _w.Line($"{d}[k] = dE_dout * ({Derivative(output.Activation, $"{o}[k]")}); // dE/dsum_k = dE/dout_k * dout_k/dsum_k");
        }
        _w.Close();
        if (output.Activation == ActivationKind.Softmax && _plan.Spec.Loss != LossKind.CrossEntropy)
        {
            _w.Line($"// Softmax: dE/dsum_k = out_k (dE/dout_k - sum_j dE/dout_j out_j).");
            _w.Line($"for (int k = 0; k < {n}; k++) {d}[k] = {o}[k] * ({d}[k] - dE_dout_dot_out_{output.Name});");
        }
        if (_explaining)
        {
            _w.Line($"explanation.Step(\"E_total\", E_total, {Text}.Sum(\"E{{@}}\", 0, {n}));");
            ReportOutputDeltas(output);
            ReportGradients(output);
        }
    }

    private void EmitHiddenDeltas()
    {
        // Deltas down to the first layer with parameters: nothing below it learns (pooling straight after the inputs).
        int first = 0;
        while (first < _plan.Layers.Count - 1 && !_plan.Layers[first].HasParameters)
        {
            first++;
        }
        for (int k = _plan.Layers.Count - 2; k >= first; k--)
        {
            PlannedLayer layer = _plan.Layers[k], next = _plan.Layers[k + 1];
            if (layer.IsPerStep || next.IsPerStep)
            {
                EmitRecurrentSourceDelta(layer, next);
                continue;
            }
            string dl = Delta(layer), dn = Delta(next), ol = "out_" + layer.Name;
            _w.Line();
            if (next.Kind != LayerKind.Dense)
            {
                _w.Line($"// Layer {layer.Number} ({layer.Name}): dE/dout from layer {next.Name}{(IsPooling(layer) ? "" : ", then times dout/dsum")}.");
                _w.Line($"global::System.Span<{T}> {dl} = {Buffer(T, layer.Units.Count)};");
                EmitSpatialSourceDelta(layer, next);
            }
            else
            {
                _w.Line($"// Layer {layer.Number} ({layer.Name}): dE/dout_j = sum_k dE/dsum_k * w_kj over layer {next.Name}{(IsPooling(layer) ? "" : ", then times dout_j/dsum_j")}.");
                _w.Line($"global::System.Span<{T}> {dl} = {Buffer(T, layer.Units.Count)};");
                _w.Line($"for (int k = 0; k < {next.Units.Count}; k++) {Kernels}.AddScaled({dn}[k], p.Slice({next.WeightOffset} + k * {next.FanIn}, {next.FanIn}), {dl});");
            }
            if (layer.Spec.IsSpatial || next.Spec.IsSpatial)
            {
                EmitSpatialActivationChain(layer, next);
                continue;
            }
            string derivative = Derivative(layer.Activation, $"{ol}[j]");
            if (_explaining)
            {
                string lu = UnitPattern(layer), nu = UnitPattern(next).Replace("{#}", "{@}");
                Report(layer.Units.Count, "dE_dout_" + lu, $"{dl}[j]", $"{Text}.Sum({Quote($"dE_dsum_{nu} * w_{nu}_{lu}")}, j, {next.Units.Count})");
                _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++)");
                _w.Line("{");
                _w.Line($"    {T} dout_dsum = {derivative};");
                _w.Line($"    explanation.Step({Text}.Fill({Quote($"dout_{lu}_dsum_{lu}")}, j), dout_dsum, {Text}.Fill({Quote(Formula(ActivationTerms.Derivative(layer.Activation, new Ref("sum_" + lu), new Ref("out_" + lu), _slope)))}, j));");
                _w.Line($"    {dl}[j] *= dout_dsum;");
                _w.Line($"    explanation.Step({Text}.Fill({Quote($"dE_dsum_{lu}")}, j), {dl}[j], {Text}.Fill({Quote($"dE_dout_{lu} * dout_{lu}_dsum_{lu}")}, j));");
                _w.Line("}");
                ReportGradients(layer);
            }
            else
            {
                _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) {dl}[j] *= {derivative};");
            }
        }
    }

    private void EmitParameterUpdate(PlannedLayer layer, string target, string scale)
    {
        if (layer.IsPerStep)
        {
            EmitRecurrentUpdate(layer, target, scale.Length == 0 ? _n.Literal(1) : "-learningRate");
            return;
        }
        if (layer.Kind != LayerKind.Dense)
        {
            if (layer.Kind == LayerKind.Convolution)
            {
                EmitConvolutionUpdate(layer, target, scale.Length == 0 ? _n.Literal(1) : "-learningRate");
            }
            return;
        }
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

using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Where the batch and time axes of the current tensor are, around recurrent operators. ONNX's RNN, GRU and LSTM
/// read X <c>[T, N, F]</c> and write Y <c>[T, 1, N, H]</c> and Y_h <c>[1, N, H]</c>; PyTorch's batch_first models hold
/// <c>[N, T, F]</c>; NetGen's sample is <c>[T, F]</c> row-major, the batch-major layout.
/// </summary>
internal enum SequenceLayout
{
    /// <summary>A flat tensor or a feature map: no time axis.</summary>
    None,
    /// <summary><c>[N, T, X]</c>: the input of a recurrent model, PyTorch's batch_first tensors.</summary>
    BatchMajor,
    /// <summary><c>[T, N, X]</c>: what the recurrent operators read.</summary>
    TimeMajor,
    /// <summary><c>[T, 1, N, H]</c>: Y, with its direction axis.</summary>
    Directions,
    /// <summary><c>[1, N, H]</c>: Y_h, or one step kept of a time-major sequence.</summary>
    LastState,
    /// <summary><c>[N, 1, H]</c>: one step kept of a batch-major sequence.</summary>
    OneStep,
}

/// <summary>
/// The recurrent part of the chain walk: an <c>RNN</c>, <c>GRU</c> or <c>LSTM</c> node becomes a layer in PyTorch's
/// semantics (forward direction, zero initial state, default activations, GRU with <c>linear_before_reset = 1</c>),
/// and the glue PyTorch 1.13 writes around it is followed by layout (<see cref="SequenceLayout"/>): <c>Transpose</c>
/// <c>[1, 0, 2]</c>, <c>Squeeze</c> of the direction axis, and the last step taken by <c>Gather</c> or
/// <c>Slice</c> + <c>Squeeze</c> (<c>output[:, -1, :]</c>, <c>h_n[-1]</c>). A <c>MatMul</c> on a sequence is a dense
/// layer at every step. Anything else is refused with the node, the attribute and its value.
/// </summary>
internal sealed partial class OnnxChainWalk
{
    /// <summary>More nodes than PyTorch writes to build one zero state; bounds the walk of a hostile graph.</summary>
    private const int MaxStateGlue = 32;

    private SequenceLayout _layout;

    private static bool IsRecurrentOperator(OnnxNode node) => node.OpType is "RNN" or "GRU" or "LSTM";

    /// <summary>
    /// A node that reads only the shape of its input: Shape, or a Transpose whose outputs only Shape nodes read
    /// (PyTorch leaves one behind between stacked layers, read only for the next layer's zero state).
    /// </summary>
    private bool ReadsShapeOnly(OnnxNode node) =>
        node.OpType == "Shape"
        || (node.OpType == "Transpose" && node.Outputs.Count == 1 && !_graph.Outputs.Any(o => o.Name == node.Outputs[0])
            && _consumers.TryGetValue(node.Outputs[0], out List<OnnxNode>? readers) && readers.All(r => r.OpType == "Shape"));

    /// <summary>Plans one recurrent layer and returns the output the chain continues from (Y or Y_h).</summary>
    private string PlanRecurrent(OnnxNode node, string current)
    {
        FinishPending();
        string op = node.OpType;
        if (Int(node, "layout", 0) != 0)
        {
            throw Structure($"'{node.DisplayName}' ({op}) has layout = {Text(Int(node, "layout", 0))} (batch-major X); NetGen reads the default layout 0 with PyTorch's Transpose before it");
        }
        if (node.Inputs.Count < 3 || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' ({op}) must take the previous tensor as X and its weights W and R as constants");
        }
        if (_layout != SequenceLayout.TimeMajor || _shape.Length != 2)
        {
            string seen = _layout == SequenceLayout.BatchMajor ? $"[N, {_shape[0]}, {_shape[1]}] (batch-major)" : Describe();
            throw Structure($"'{node.DisplayName}' ({op}) reads {seen}; ONNX's {op} reads X [time, batch, features], which NetGen follows from a batch-first input through a Transpose with perm [1, 0, 2], as PyTorch exports batch_first=True");
        }
        string direction = node.Attributes.TryGetValue("direction", out OnnxAttribute? d) ? d.String : "forward";
        if (direction != "forward")
        {
            throw Structure($"'{node.DisplayName}' ({op}) has direction = \"{direction}\"; NetGen compiles forward recurrent layers only (bidirectional and reverse are not supported)");
        }
        if (node.Attributes.ContainsKey("clip"))
        {
            throw Structure($"'{node.DisplayName}' ({op}) has clip = {Text(node.Attributes["clip"].Float)}; NetGen's cells do not clip their gates' inputs");
        }
        foreach (string name in new[] { "activation_alpha", "activation_beta" })
        {
            if (node.Attributes.ContainsKey(name))
            {
                throw Structure($"'{node.DisplayName}' ({op}) has attribute {name}; NetGen's cells use activations without parameters");
            }
        }
        LayerKind kind = op == "GRU" ? LayerKind.Gru : op == "LSTM" ? LayerKind.Lstm : LayerKind.SimpleRnn;
        ActivationKind cell = CellActivation(node, kind);
        if (kind == LayerKind.Gru && Int(node, "linear_before_reset", 0) != 1)
        {
            throw Structure($"'{node.DisplayName}' (GRU) has linear_before_reset = {Text(Int(node, "linear_before_reset", 0))}{(node.Attributes.ContainsKey("linear_before_reset") ? "" : " (the default)")}; NetGen's GRU is PyTorch's, which applies the reset gate after the hidden matmul (linear_before_reset = 1)");
        }
        if (kind == LayerKind.Lstm && Int(node, "input_forget", 0) != 0)
        {
            throw Structure($"'{node.DisplayName}' (LSTM) has input_forget = {Text(Int(node, "input_forget", 0))} (coupled input and forget gates); NetGen's LSTM is PyTorch's, with both gates free");
        }
        if (!node.Attributes.ContainsKey("hidden_size"))
        {
            throw Malformed($"'{node.DisplayName}' ({op}) has no hidden_size attribute");
        }
        long hiddenSize = Int(node, "hidden_size", 0);
        int gates = kind == LayerKind.Gru ? 3 : kind == LayerKind.Lstm ? 4 : 1;
        int steps = _shape[0], features = _shape[1];
        if (hiddenSize < 1 || hiddenSize > Limits.MaxWidth)
        {
            throw Structure($"'{node.DisplayName}' ({op}) has hidden_size = {Text(hiddenSize)}; a NetGen layer has 1 to {Text(Limits.MaxWidth)} units");
        }
        int hidden = (int)hiddenSize;
        OnnxTensor w = Constant(node.Inputs[1], node), r = Constant(node.Inputs[2], node);
        RequireDims(node, w, "W", 1, gates * hidden, features);
        RequireDims(node, r, "R", 1, gates * hidden, hidden);
        OnnxTensor? b = null;
        if (node.Inputs.Count > 3 && node.Inputs[3].Length > 0)
        {
            b = Constant(node.Inputs[3], node);
            RequireDims(node, b, "B", 1, 2 * gates * hidden);
        }
        if (node.Inputs.Count > 4 && node.Inputs[4].Length > 0)
        {
            throw Structure($"'{node.DisplayName}' ({op}) has sequence_lens '{node.Inputs[4]}'; NetGen runs every sequence over all {Text(steps)} steps");
        }
        RequireZeroState(node, 5, "initial_h");
        if (kind == LayerKind.Lstm)
        {
            RequireZeroState(node, 6, "initial_c");
            if (node.Inputs.Count > 7 && node.Inputs[7].Length > 0)
            {
                throw Structure($"'{node.DisplayName}' (LSTM) has peephole weights P '{node.Inputs[7]}'; NetGen's LSTM is PyTorch's, without peepholes");
            }
        }
        long weights = (long)gates * hidden * (features + hidden);
        if (weights > Limits.MaxImportedParameters - _weights)
        {
            throw OnnxNetworkImporter.TooLarge((decimal)_weights + weights);
        }
        _weights += weights;
        var layer = new OnnxLayerPlan(node, kind, steps, features, hidden, cell, w, r, b);
        _layers.Add(layer);
        return FollowedOutput(node, layer, steps, hidden);
    }

    /// <summary>Y or Y_h, whichever the chain reads (one of them); Y_c is refused when anything reads it.</summary>
    private string FollowedOutput(OnnxNode node, OnnxLayerPlan layer, int steps, int hidden)
    {
        bool Read(int k) => node.Outputs.Count > k && node.Outputs[k].Length > 0
            && ((_consumers.TryGetValue(node.Outputs[k], out List<OnnxNode>? readers) && readers.Any(n => !ReadsShapeOnly(n)))
                || _graph.Outputs.Any(o => o.Name == node.Outputs[k]));
        if (Read(2))
        {
            throw Structure($"'{node.DisplayName}' (LSTM) has its cell state Y_c '{node.Outputs[2]}' read; NetGen's layers pass on the hidden state only");
        }
        bool sequence = Read(0), last = Read(1);
        if (sequence == last)
        {
            throw Structure(sequence
                ? $"both outputs of '{node.DisplayName}' ({node.OpType}), Y '{node.Outputs[0]}' and Y_h '{node.Outputs[1]}', are read; NetGen compiles a chain, which reads one"
                : $"no output of '{node.DisplayName}' ({node.OpType}) is read");
        }
        if (sequence)
        {
            _layout = SequenceLayout.Directions;
            _shape = new[] { steps, hidden };
            return node.Outputs[0];
        }
        layer.ReturnsSequence = false;
        _layout = SequenceLayout.LastState;
        _shape = new[] { hidden };
        return node.Outputs[1];
    }

    /// <summary>The cell's activation from <c>activations</c>: only ONNX's defaults, and Relu for RNN (PyTorch's nonlinearity='relu').</summary>
    private static ActivationKind CellActivation(OnnxNode node, LayerKind kind)
    {
        string[] expected = kind switch
        {
            LayerKind.Gru => new[] { "Sigmoid", "Tanh" },
            LayerKind.Lstm => new[] { "Sigmoid", "Tanh", "Tanh" },
            _ => new[] { "Tanh" },
        };
        if (!node.Attributes.TryGetValue("activations", out OnnxAttribute? attribute))
        {
            return kind == LayerKind.SimpleRnn ? ActivationKind.Tanh : ActivationKind.Tanh;
        }
        List<string> given = attribute.Strings;
        if (kind == LayerKind.SimpleRnn && given.Count == 1 && string.Equals(given[0], "Relu", StringComparison.OrdinalIgnoreCase))
        {
            return ActivationKind.ReLU;
        }
        if (given.Count != expected.Length || given.Where((a, i) => !string.Equals(a, expected[i], StringComparison.OrdinalIgnoreCase)).Any())
        {
            string allowed = kind == LayerKind.SimpleRnn ? "[\"Tanh\"] or [\"Relu\"]" : "[\"" + string.Join("\", \"", expected) + "\"]";
            throw Structure($"'{node.DisplayName}' ({node.OpType}) has activations = [\"{string.Join("\", \"", given)}\"]; NetGen's {node.OpType} uses {allowed}");
        }
        return ActivationKind.Tanh;
    }

    private static void RequireDims(OnnxNode node, OnnxTensor tensor, string role, params long[] dims)
    {
        if (!tensor.Dims.SequenceEqual(dims))
        {
            string expected = "[" + string.Join(", ", dims.Select(Text)) + "]";
            throw Structure($"{role} '{tensor.Name}' of '{node.DisplayName}' ({node.OpType}) has shape {tensor.Shape}; a forward layer of hidden_size {Text(Int(node, "hidden_size", 0))} reading {Text(dims[dims.Length - 1])} values takes {expected}");
        }
    }

    /// <summary>
    /// An initial state must be absent or zero: an initializer of zeros, or ConstantOfShape of zero (PyTorch builds
    /// <c>[1, N, H]</c> zeros from the batch size: Shape, Gather, Unsqueeze, Concat, which are marked used).
    /// </summary>
    private void RequireZeroState(OnnxNode node, int index, string role)
    {
        if (node.Inputs.Count <= index || node.Inputs[index].Length == 0)
        {
            return;
        }
        string name = node.Inputs[index];
        if (_graph.Initializers.TryGetValue(name, out OnnxTensor? tensor))
        {
            double[]? values = tensor.DataType is OnnxElementType.Float or OnnxElementType.Double ? tensor.Values : null;
            if (values is null || values.Any(v => v != 0))
            {
                throw Structure($"{role} '{name}' of '{node.DisplayName}' ({node.OpType}) is not all zeros; NetGen's recurrent layers start from a zero state");
            }
            return;
        }
        if (!_producers.TryGetValue(name, out OnnxNode? producer) || producer.OpType != "ConstantOfShape")
        {
            throw Structure($"{role} '{name}' of '{node.DisplayName}' ({node.OpType}) is {(producer is null ? "a graph input" : $"computed by '{producer.DisplayName}' ({producer.OpType})")}; NetGen's recurrent layers start from a zero state (no input, zeros, or ConstantOfShape of 0)");
        }
        if (producer.Attributes.TryGetValue("value", out OnnxAttribute? value)
            && (value.Tensor?.Values is not { } fill || fill.Any(v => v != 0)))
        {
            throw Structure($"{role} '{name}' of '{node.DisplayName}' ({node.OpType}) is filled by '{producer.DisplayName}' with a value other than 0; NetGen's recurrent layers start from a zero state");
        }
        if (_used.Add(producer))
        {
            int visited = 0;
            MarkShapeGlue(producer, node, role, ref visited);
        }
    }

    /// <summary>Marks the nodes that compute a zero state's shape used: constants and the shape of the network's tensors.</summary>
    private void MarkShapeGlue(OnnxNode glue, OnnxNode cell, string role, ref int visited)
    {
        foreach (string input in glue.Inputs)
        {
            if (input.Length == 0 || !_producers.TryGetValue(input, out OnnxNode? producer) || _used.Contains(producer))
            {
                continue;
            }
            if (++visited > MaxStateGlue || producer.OpType is not ("Shape" or "Gather" or "Unsqueeze" or "Concat" or "Constant" or "Slice" or "Cast" or "Squeeze"))
            {
                throw Structure($"{role} of '{cell.DisplayName}' ({cell.OpType}) has its shape computed by '{producer.DisplayName}' ({producer.OpType}); NetGen reads a zero state shaped from constants and the batch size");
            }
            _used.Add(producer);
            if (producer.OpType == "Shape")
            {
                // Shape reads a network tensor; a Transpose left behind for it alone (stacked layers) goes with it.
                if (producer.Inputs.Count == 1 && _producers.TryGetValue(producer.Inputs[0], out OnnxNode? source) && ReadsShapeOnly(source))
                {
                    _used.Add(source);
                }
                continue;
            }
            MarkShapeGlue(producer, cell, role, ref visited);
        }
    }

    /// <summary>Transpose, Squeeze, Gather and Slice on the network's values: layout changes and taking the last step.</summary>
    private void SequenceGlue(OnnxNode node, string current)
    {
        if (node.Inputs.Count == 0 || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' ({node.OpType}) must take the previous tensor as its first input");
        }
        switch (node.OpType)
        {
            case "Transpose":
                long[] perm = node.Attributes.TryGetValue("perm", out OnnxAttribute? p) ? p.Ints.ToArray() : new long[0];
                if (!perm.SequenceEqual(new long[] { 1, 0, 2 }) || _layout is not (SequenceLayout.BatchMajor or SequenceLayout.TimeMajor))
                {
                    throw Structure($"'{node.DisplayName}' transposes {Describe()} with perm [{string.Join(", ", perm.Select(Text))}]; NetGen reads Transpose only as the swap of the batch and time axes of a sequence (perm [1, 0, 2]) around RNN, GRU and LSTM");
                }
                _layout = _layout == SequenceLayout.BatchMajor ? SequenceLayout.TimeMajor : SequenceLayout.BatchMajor;
                break;
            case "Squeeze":
                Squeeze(node, current);
                break;
            case "Gather":
                Gather(node);
                break;
            default:
                Slice(node);
                break;
        }
    }

    private void Squeeze(OnnxNode node, string current)
    {
        long[] axes = node.Inputs.Count > 1 && node.Inputs[1].Length > 0
            ? OnnxShapeGlue.ConstantInts(_graph, _producers, _used, node, node.Inputs[1])
            : node.Attributes.TryGetValue("axes", out OnnxAttribute? a) ? a.Ints.ToArray() : new long[0];
        int rank = _layout switch { SequenceLayout.Directions => 4, SequenceLayout.None => _shape.Length + 1, _ => 3 };
        long axis = axes.Length == 1 ? (axes[0] < 0 ? axes[0] + rank : axes[0]) : -1;
        (long expected, SequenceLayout to) = _layout switch
        {
            SequenceLayout.Directions => (1L, SequenceLayout.TimeMajor),
            SequenceLayout.LastState => (0L, SequenceLayout.None),
            SequenceLayout.OneStep => (1L, SequenceLayout.None),
            _ => (-2L, SequenceLayout.None),
        };
        if (axis != expected)
        {
            throw Structure($"'{node.DisplayName}' squeezes axes [{string.Join(", ", axes.Select(Text))}] of {Describe()}; NetGen reads Squeeze only where it removes a recurrent layer's direction axis or the one step taken from a sequence");
        }
        _layout = to;
        if (to == SequenceLayout.None)
        {
            _shape = new[] { _shape[_shape.Length - 1] };
        }
    }

    /// <summary>The last step: <c>Gather</c> index −1 (or T − 1) on the time axis, or index 0 / −1 of Y_h's direction axis.</summary>
    private void Gather(OnnxNode node)
    {
        if (node.Inputs.Count != 2)
        {
            throw Structure($"'{node.DisplayName}' (Gather) must take the previous tensor and a constant index");
        }
        long[] index = OnnxShapeGlue.ConstantInts(_graph, _producers, _used, node, node.Inputs[1]);
        bool scalar = IsScalar(node.Inputs[1]);
        long axis = Int(node, "axis", 0);
        switch (_layout)
        {
            case SequenceLayout.BatchMajor when axis is 1 or -2:
            case SequenceLayout.TimeMajor when axis is 0 or -3:
                RequireLastStep(node, index, _shape[0]);
                _layout = scalar ? SequenceLayout.None : _layout == SequenceLayout.BatchMajor ? SequenceLayout.OneStep : SequenceLayout.LastState;
                break;
            case SequenceLayout.LastState when axis is 0 or -3:
                RequireLastStep(node, index, 1);
                _layout = scalar ? SequenceLayout.None : SequenceLayout.LastState;
                break;
            default:
                throw Structure($"'{node.DisplayName}' gathers along axis {Text(axis)} of {Describe()}; NetGen reads Gather on a network's values only as the last step of a recurrent layer (output[:, -1] or h_n[-1])");
        }
        if (_layout == SequenceLayout.None)
        {
            _shape = new[] { _shape[_shape.Length - 1] };
        }
    }

    /// <summary>The last step kept: <c>Slice</c> of the time axis from −1 (or T − 1) to the end, step 1.</summary>
    private void Slice(OnnxNode node)
    {
        long[] Input(int k, string attribute) =>
            node.Inputs.Count > k && node.Inputs[k].Length > 0 ? OnnxShapeGlue.ConstantInts(_graph, _producers, _used, node, node.Inputs[k])
            : node.Attributes.TryGetValue(attribute, out OnnxAttribute? a) ? a.Ints.ToArray() : new long[0];
        long[] starts = Input(1, "starts"), ends = Input(2, "ends"), axes = Input(3, "axes"), stepsBy = Input(4, "");
        long timeAxis = _layout == SequenceLayout.BatchMajor ? 1 : _layout == SequenceLayout.TimeMajor ? 0 : -1;
        long axis = axes.Length == 0 ? 0 : axes[0] < 0 ? axes[0] + 3 : axes[0];
        int steps = _shape.Length == 2 ? _shape[0] : 0;
        bool last = timeAxis >= 0 && starts.Length == 1 && ends.Length == 1 && axes.Length <= 1 && axis == timeAxis
            && (starts[0] == -1 || starts[0] == steps - 1) && ends[0] >= steps && (stepsBy.Length == 0 || stepsBy.SequenceEqual(new long[] { 1 }));
        if (!last)
        {
            throw Structure($"'{node.DisplayName}' slices {Describe()} (starts [{string.Join(", ", starts.Select(Text))}], ends [{string.Join(", ", ends.Select(Text))}], axes [{string.Join(", ", axes.Select(Text))}]); NetGen reads Slice on a network's values only as the last step of a recurrent layer (output[:, -1:])");
        }
        TakeLastStep(node);
        _layout = _layout == SequenceLayout.BatchMajor ? SequenceLayout.OneStep : SequenceLayout.LastState;
    }

    private void RequireLastStep(OnnxNode node, long[] index, int steps)
    {
        if (index.Length != 1 || (index[0] != -1 && index[0] != steps - 1))
        {
            throw Structure($"'{node.DisplayName}' takes step [{string.Join(", ", index.Select(Text))}] of {Text(steps)}; NetGen reads only the last step of a recurrent layer (index -1)");
        }
        if (_layout != SequenceLayout.LastState)
        {
            TakeLastStep(node);
        }
    }

    /// <summary>Turns the recurrent layer that gave the sequence into one that gives its last state.</summary>
    private void TakeLastStep(OnnxNode node)
    {
        if (_pending is not null || _layers.Count == 0 || _layers[_layers.Count - 1] is not { IsRecurrent: true, ReturnsSequence: true } layer)
        {
            throw Structure($"'{node.DisplayName}' ({node.OpType}) takes the last step of a sequence that is not a recurrent layer's output; NetGen's last step is a recurrent layer's last state: apply the per-step layer after taking it");
        }
        layer.ReturnsSequence = false;
    }

    /// <summary>A MatMul on <c>[N, T, inputs]</c> by a constant <c>[inputs, units]</c>: a dense layer at every step.</summary>
    private void PlanPerStep(OnnxNode node, string current)
    {
        if (_layout != SequenceLayout.BatchMajor || _shape.Length != 2)
        {
            throw Structure($"'{node.DisplayName}' (MatMul) reads {Describe()}; NetGen reads a MatMul on a sequence as a dense layer at every step of a batch-major [N, T, features] tensor");
        }
        if (node.Inputs.Count != 2 || node.Inputs[0] != current)
        {
            throw Structure($"'{node.DisplayName}' must take the previous layer's output as its first input");
        }
        OnnxTensor weight = Constant(node.Inputs[1], node);
        int inputs = _shape[1];
        if (weight.Dims.Count != 2 || weight.Dims[0] != inputs || weight.Dims[1] < 1 || weight.Dims[1] > Limits.MaxWidth)
        {
            throw Structure($"weight '{weight.Name}' of '{node.DisplayName}' has shape {weight.Shape} but each step has {Text(inputs)} values ([{Text(inputs)}, units] expected)");
        }
        int units = (int)weight.Dims[1];
        if ((long)units * inputs > Limits.MaxImportedParameters - _weights)
        {
            throw OnnxNetworkImporter.TooLarge((decimal)_weights + (decimal)units * inputs);
        }
        _weights += (long)units * inputs;
        _pending = OnnxLayerPlan.PerStep(node, weight, _shape[0], inputs, units);
        _shape = new[] { _shape[0], units };
    }

    /// <summary>Only the glue reads a tensor with its batch axis elsewhere than first (time-major, Y, a kept step).</summary>
    private void RequireBatchFirst(OnnxNode node)
    {
        if (_layout is not (SequenceLayout.None or SequenceLayout.BatchMajor) && node.OpType is not ("Transpose" or "Squeeze" or "Gather" or "Slice" or "Identity"))
        {
            throw Structure($"'{node.DisplayName}' ({node.OpType}) reads {Describe()}; NetGen reads a recurrent layer's output through PyTorch's glue (Squeeze, Transpose back to [N, T, H], or the last step by Gather or Slice) first");
        }
    }

    /// <summary>Flatten and Reshape read a sample row-major: a sequence must be batch-major ([N, T, H]) first.</summary>
    private void RequireBatchMajor(OnnxNode node)
    {
        if (_layout is not (SequenceLayout.None or SequenceLayout.BatchMajor))
        {
            throw Structure($"'{node.DisplayName}' ({node.OpType}) reads {Describe()}; NetGen flattens a sequence only when it is batch-major [N, T, H] (transpose it back first)");
        }
    }

    /// <summary>The graph's output is a flat [N, units] or a batch-major sequence [N, T, units], NetGen's output layouts.</summary>
    private void RequireBatchMajorOutput(string outputName)
    {
        if (_layout is not (SequenceLayout.None or SequenceLayout.BatchMajor))
        {
            throw Structure($"the graph's output '{outputName}' is {Describe()}; NetGen's outputs are [N, units] or a batch-major sequence [N, T, units]");
        }
    }

    private bool IsScalar(string name) =>
        _graph.Initializers.TryGetValue(name, out OnnxTensor? tensor) ? tensor.Dims.Count == 0
        : _producers.TryGetValue(name, out OnnxNode? producer) && producer.Attributes.TryGetValue("value", out OnnxAttribute? value)
            ? value.Tensor?.Dims.Count == 0
            : producer?.Attributes.ContainsKey("value_int") == true;

    /// <summary>The current tensor's shape in words, with its batch axis.</summary>
    private string Describe()
    {
        string Dims(params string[] dims) => "[" + string.Join(", ", dims) + "]";
        string last = Text(_shape[_shape.Length - 1]);
        return _layout switch
        {
            SequenceLayout.BatchMajor => Dims("N", Text(_shape[0]), last) + " (batch-major)",
            SequenceLayout.TimeMajor => Dims(Text(_shape[0]), "N", last) + " (time-major)",
            SequenceLayout.Directions => Dims(Text(_shape[0]), "1", "N", last) + " (a recurrent layer's Y)",
            SequenceLayout.LastState => Dims("1", "N", last) + " (a last state)",
            SequenceLayout.OneStep => Dims("N", "1", last) + " (one step)",
            _ => Dims(new[] { "N" }.Concat(_shape.Select(v => Text(v))).ToArray()),
        };
    }
}

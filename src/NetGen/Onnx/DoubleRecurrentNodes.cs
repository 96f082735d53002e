using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Onnx;

/// <summary>
/// SimpleRNN, GRU and LSTM layers of DOUBLE models written out step by step in operators ONNX Runtime runs in
/// double: its CPU provider 1.31.1 has no double <c>RNN</c> kernel ("Could not find an implementation for RNN(14)")
/// and loads double <c>GRU</c> and <c>LSTM</c> but fails when they run ("GRU operator does not support double yet").
/// Each step <c>Gather</c>s x_t <c>[N, F]</c> from <c>[N, T, F]</c>; each gate is <c>Gemm</c>(x_t, W_i·, b_i·) plus
/// <c>Gemm</c>(h, W_h·, b_h·) (just b_h· at the first step, whose state is zero), then PyTorch's cell equations in
/// <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c>, <c>Mul</c>, <c>Add</c> and <c>Sub</c>; a sequence is the states
/// <c>Unsqueeze</c>d and <c>Concat</c>enated on axis 1. The arithmetic stays in double, so ONNX Runtime agrees with
/// Forward to 1e-12, as for the other layers. Float models use the recurrent operators themselves.
/// </summary>
internal sealed class DoubleRecurrentNodes(List<ProtoWriter> nodes, List<ProtoWriter> initializers)
{
    private readonly RecurrentNodes _constants = new(nodes, initializers, OnnxMessages.ElementDouble);

    public void Recurrent<T>(LayerInfo info, string layer, string input, string output, ReadOnlySpan<T> weights, ReadOnlySpan<T> biases)
        where T : unmanaged
    {
        int hidden = info.HiddenSize, features = info.InputShape[1], steps = info.Steps, gates = info.GateCount;
        // Per PyTorch gate g: weight_ih rows g H.., weight_hh rows after all of weight_ih, bias_ih then bias_hh.
        for (int g = 0; g < gates; g++)
        {
            Tensor(layer + ".w_i" + g, [hidden, features], weights.Slice(g * hidden * features, hidden * features));
            Tensor(layer + ".w_h" + g, [hidden, hidden], weights.Slice(gates * hidden * features + g * hidden * hidden, hidden * hidden));
            Tensor(layer + ".b_i" + g, [hidden], biases.Slice(g * hidden, hidden));
            Tensor(layer + ".b_h" + g, [hidden], biases.Slice((gates + g) * hidden, hidden));
        }
        string one = layer + ".one";
        initializers.Add(OnnxMessages.Tensor(one, [], OnnxMessages.ElementDouble, OnnxExporter.LittleEndianBytes<double>([1.0])));
        string axis = _constants.Int64(layer + ".time_axis", 1);
        string h = "", c = "";
        var states = new string[steps];
        for (int t = 0; t < steps; t++)
        {
            string step = layer + ".t" + (t + 1).ToString(CultureInfo.InvariantCulture);
            string x = step + ".x";
            nodes.Add(OnnxMessages.Node("Gather", x, [input, _constants.Int64(step + ".index", t, scalar: true)], [x], OnnxMessages.IntAttribute("axis", 1)));
            string FromInput(int g) => Gemm(step + ".i" + g, x, layer + ".w_i" + g, layer + ".b_i" + g);
            // At the first step the state is zero: its contribution is the recurrent bias alone.
            string FromState(int g) => t == 0 ? layer + ".b_h" + g : Gemm(step + ".h" + g, h, layer + ".w_h" + g, layer + ".b_h" + g);
            string Gate(int g, string op) => Unary(op, step + ".g" + g, Binary("Add", step + ".s" + g, FromInput(g), FromState(g)));
            string last = t == steps - 1 && !info.ReturnsSequence ? output : step + ".h";
            switch (info.Kind)
            {
                case LayerKind.SimpleRnn:
                    h = Unary(info.Activation == Activation.ReLU ? "Relu" : "Tanh", last, Binary("Add", step + ".s0", FromInput(0), FromState(0)));
                    break;
                case LayerKind.Gru:
                    // r, z, n; n = tanh(W_in x + b_in + r (W_hn h + b_hn)); h' = (1 - z) n + z h.
                    string r = Gate(0, "Sigmoid"), z = Gate(1, "Sigmoid");
                    string n = Unary("Tanh", step + ".n", Binary("Add", step + ".s2", FromInput(2), Binary("Mul", step + ".reset", r, FromState(2))));
                    string kept = Binary("Mul", step + ".new", Binary("Sub", step + ".update", one, z), n);
                    h = t == 0 ? Unary("Identity", last, kept) : Binary("Add", last, kept, Binary("Mul", step + ".old", z, h));
                    break;
                default:
                    // i, f, g, o; c' = f c + i g; h' = o tanh(c').
                    string i = Gate(0, "Sigmoid"), f = Gate(1, "Sigmoid"), cell = Gate(2, "Tanh"), o = Gate(3, "Sigmoid");
                    string written = Binary("Mul", step + ".written", i, cell);
                    c = t == 0 ? written : Binary("Add", step + ".c", Binary("Mul", step + ".forget", f, c), written);
                    h = Binary("Mul", last, o, Unary("Tanh", step + ".tanh_c", c));
                    break;
            }
            if (info.ReturnsSequence)
            {
                states[t] = step + ".h_step";
                nodes.Add(OnnxMessages.Node("Unsqueeze", states[t], [h, axis], [states[t]]));
            }
        }
        if (info.ReturnsSequence)
        {
            nodes.Add(OnnxMessages.Node("Concat", layer + ".concat", states, [output], OnnxMessages.IntAttribute("axis", 1)));
        }
    }

    private string Gemm(string name, string x, string w, string b)
    {
        nodes.Add(OnnxMessages.Node("Gemm", name, [x, w, b], [name], OnnxMessages.IntAttribute("transB", 1)));
        return name;
    }

    private string Unary(string op, string name, string x)
    {
        nodes.Add(OnnxMessages.Node(op, name, [x], [name]));
        return name;
    }

    private string Binary(string op, string name, string a, string b)
    {
        nodes.Add(OnnxMessages.Node(op, name, [a, b], [name]));
        return name;
    }

    private void Tensor<T>(string name, long[] dims, ReadOnlySpan<T> values)
        where T : unmanaged =>
        initializers.Add(OnnxMessages.Tensor(name, dims, OnnxMessages.ElementDouble, OnnxExporter.LittleEndianBytes(values)));
}

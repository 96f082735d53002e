using System.Runtime.InteropServices;

namespace NetGen.Benchmarks;

/// <summary>
/// The ONNX model of the recurrent benchmark network (opset 14, batch of 1): a forward GRU (<c>linear_before_reset=1</c>,
/// PyTorch's form) or LSTM over <c>x [T, 1, F]</c>, its last state <c>Y_h [1, 1, H]</c> flattened to <c>[1, H]</c>, then
/// Gemm to <c>y [1, O]</c>. Built from the parameters in PyTorch's layout, reordered to ONNX's gates: GRU z, r, h
/// (PyTorch r, z, n), LSTM i, o, f, c (PyTorch i, f, g, o); <c>B</c> is <c>bias_ih</c> then <c>bias_hh</c>.
/// </summary>
public static class RecurrentOnnxModel
{
    public static byte[] Build(string cell, double[] parameters, bool isDouble)
    {
        const int F = RecurrentWorkload<double>.Features, H = RecurrentWorkload<double>.Hidden, O = RecurrentWorkload<double>.Outputs, T = RecurrentWorkload<double>.Steps;
        bool gru = cell == "gru";
        int gates = gru ? 3 : 4;
        // ONNX gate k is PyTorch gate order[k].
        int[] order = gru ? new[] { 1, 0, 2 } : new[] { 0, 3, 1, 2 };
        int whh = gates * H * F, bih = whh + gates * H * H, bhh = bih + gates * H, headW = bhh + gates * H, headB = headW + O * H;
        double[] Rows(int offset, int width) => order.SelectMany(g => parameters.AsSpan(offset + g * H * width, H * width).ToArray()).ToArray();
        int elementType = isDouble ? 11 : 1;
        var graph = new OnnxModel.Message();
        graph.Bytes(5, Tensor("W", new long[] { 1, gates * H, F }, Rows(0, F), elementType, isDouble));
        graph.Bytes(5, Tensor("R", new long[] { 1, gates * H, H }, Rows(whh, H), elementType, isDouble));
        graph.Bytes(5, Tensor("B", new long[] { 1, 2 * gates * H }, Rows(bih, 1).Concat(Rows(bhh, 1)).ToArray(), elementType, isDouble));
        graph.Bytes(5, Tensor("Wy", new long[] { O, H }, parameters.AsSpan(headW, O * H).ToArray(), elementType, isDouble));
        graph.Bytes(5, Tensor("By", new long[] { O }, parameters.AsSpan(headB, O).ToArray(), elementType, isDouble));
        var attributes = new List<byte[]> { Int("hidden_size", H) };
        if (gru)
        {
            attributes.Add(Int("linear_before_reset", 1));
        }
        graph.Bytes(1, Node(gru ? "GRU" : "LSTM", "cell", new[] { OnnxModel.Input, "W", "R", "B" }, new[] { "", "Y_h" }, attributes.ToArray()));
        graph.Bytes(1, Node("Flatten", "flatten", new[] { "Y_h" }, new[] { "h" }, Int("axis", 2)));
        graph.Bytes(1, Node("Gemm", "head", new[] { "h", "Wy", "By" }, new[] { OnnxModel.Output }, Int("transB", 1)));
        graph.String(2, cell);
        graph.Bytes(11, ValueInfo(OnnxModel.Input, new long[] { T, 1, F }, elementType));
        graph.Bytes(12, ValueInfo(OnnxModel.Output, new long[] { 1, O }, elementType));
        return new OnnxModel.Message()
            .Varint(1, 8)                                                    // ir_version
            .String(2, "NetGen.Benchmarks")                                  // producer_name
            .Bytes(7, graph.ToArray())                                       // graph
            .Bytes(8, new OnnxModel.Message().String(1, "").Varint(2, 14).ToArray()) // opset_import: ai.onnx 14
            .ToArray();
    }

    private static byte[] Tensor(string name, long[] dims, double[] values, int elementType, bool isDouble) =>
        OnnxModel.Tensor(name, dims, elementType, isDouble
            ? MemoryMarshal.AsBytes(values.AsSpan()).ToArray()
            : MemoryMarshal.AsBytes(values.Select(v => (float)v).ToArray().AsSpan()).ToArray());

    /// <summary>NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.</summary>
    private static byte[] Node(string op, string name, string[] inputs, string[] outputs, params byte[][] attributes)
    {
        var node = new OnnxModel.Message();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }
        foreach (string output in outputs)
        {
            node.String(2, output);
        }
        node.String(3, name).String(4, op);
        foreach (byte[] attribute in attributes)
        {
            node.Bytes(5, attribute);
        }
        return node.ToArray();
    }

    /// <summary>AttributeProto of type INT (2): name = 1, i = 3, type = 20.</summary>
    private static byte[] Int(string name, long value) =>
        new OnnxModel.Message().String(1, name).Varint(3, value).Varint(20, 2).ToArray();

    private static byte[] ValueInfo(string name, long[] dims, int elementType)
    {
        var shape = new OnnxModel.Message();
        foreach (long dim in dims)
        {
            shape.Bytes(1, new OnnxModel.Message().Varint(1, dim).ToArray());
        }
        var tensorType = new OnnxModel.Message().Varint(1, elementType).Bytes(2, shape.ToArray());
        return new OnnxModel.Message().String(1, name).Bytes(2, new OnnxModel.Message().Bytes(1, tensorType.ToArray()).ToArray()).ToArray();
    }
}

using System.IO;
using System.Text;

namespace NetGen.Benchmarks;

/// <summary>
/// Writes the ONNX model of a sigmoid MLP (Gemm + Sigmoid per layer, batch of 1) with the given
/// parameters in NetGen's layout, as protobuf bytes, without a protobuf library: the handful of
/// ModelProto fields this needs are written by hand (field numbers from onnx.proto).
/// </summary>
public static class OnnxModel
{
    public const string Input = "x";
    public const string Output = "y";

    /// <param name="sizes">Layer widths from input to output.</param>
    /// <param name="parameters">Per layer: weights [out, in] row-major, then biases [out].</param>
    /// <param name="elementType">1 for float, 11 for double (TensorProto.DataType).</param>
    /// <param name="batch">Rows per run: the first dimension of the input and output.</param>
    public static byte[] Build(int[] sizes, ReadOnlySpan<byte> parameters, int elementSize, int elementType, int batch = 1)
    {
        var graph = new Message();
        int offset = 0;
        string previous = Input;
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int fanIn = sizes[l], width = sizes[l + 1];
            string w = $"W{l}", b = $"B{l}", sum = $"sum{l}", activation = l == sizes.Length - 2 ? Output : $"out{l}";
            graph.Bytes(5, Tensor(w, new long[] { width, fanIn }, elementType, parameters.Slice(offset * elementSize, fanIn * width * elementSize)));
            offset += fanIn * width;
            graph.Bytes(5, Tensor(b, new long[] { width }, elementType, parameters.Slice(offset * elementSize, width * elementSize)));
            offset += width;
            // Gemm: sum = previous * W^T + B (transB = 1), then Sigmoid.
            var gemm = new Message().String(1, previous).String(1, w).String(1, b).String(2, sum).String(3, "gemm" + l).String(4, "Gemm")
                .Bytes(5, new Message().String(1, "transB").Varint(3, 1).Varint(20, 2).ToArray());
            graph.Bytes(1, gemm.ToArray());
            graph.Bytes(1, new Message().String(1, sum).String(2, activation).String(3, "sigmoid" + l).String(4, "Sigmoid").ToArray());
            previous = activation;
        }
        graph.String(2, "mlp");
        graph.Bytes(11, ValueInfo(Input, sizes[0], elementType, batch));
        graph.Bytes(12, ValueInfo(Output, sizes[^1], elementType, batch));

        var model = new Message()
            .Varint(1, 8)                                                    // ir_version
            .String(2, "NetGen.Benchmarks")                                  // producer_name
            .Bytes(7, graph.ToArray())                                       // graph
            .Bytes(8, new Message().String(1, "").Varint(2, 13).ToArray()); // opset_import: ai.onnx 13
        return model.ToArray();
    }

    internal static byte[] Tensor(string name, long[] dims, int elementType, ReadOnlySpan<byte> raw)
    {
        var tensor = new Message();
        foreach (long dim in dims)
        {
            tensor.Varint(1, dim);
        }
        return tensor.Varint(2, elementType).String(8, name).Bytes(9, raw).ToArray();
    }

    /// <summary>A [batch, width] tensor input or output.</summary>
    private static byte[] ValueInfo(string name, int width, int elementType, int batch)
    {
        var shape = new Message()
            .Bytes(1, new Message().Varint(1, batch).ToArray())
            .Bytes(1, new Message().Varint(1, width).ToArray());
        var tensorType = new Message().Varint(1, elementType).Bytes(2, shape.ToArray());
        return new Message().String(1, name).Bytes(2, new Message().Bytes(1, tensorType.ToArray()).ToArray()).ToArray();
    }

    /// <summary>Protobuf wire format: varint (type 0) and length-delimited (type 2) fields.</summary>
    internal sealed class Message
    {
        private readonly MemoryStream _bytes = new();

        public Message Varint(int field, long value)
        {
            WriteVarint((ulong)(field << 3));
            WriteVarint((ulong)value);
            return this;
        }

        public Message Bytes(int field, ReadOnlySpan<byte> value)
        {
            WriteVarint((ulong)((field << 3) | 2));
            WriteVarint((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        public Message String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public byte[] ToArray() => _bytes.ToArray();

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _bytes.WriteByte((byte)value);
        }
    }
}

namespace NetGen.Onnx.Tests;

/// <summary>
/// Hand-built convolutional models for shapes PyTorch does not export (auto_pad, asymmetric pads, a
/// constant-initializer Reshape) and for the refusals: a Conv of <c>K</c> <c>[2, C, k...]</c> with bias
/// <c>KB</c> writing <c>"c"</c>, a tail the test writes, and a Gemm head from the tail's flat tensor to 2 outputs.
/// </summary>
internal static class ConvModels
{
    public static readonly object[] Image = { "N", 1, 5, 5 };

    /// <summary>The input <c>"input"</c> through a Conv of 2 filters of <paramref name="kernel"/> (default 3x3) over <paramref name="channels"/> channels.</summary>
    public static ModelBuilder Conv(long[]? kernel = null, int channels = 1, int type = ModelBuilder.Float, params ProtoWriter[] attributes)
    {
        kernel ??= new long[] { 3, 3 };
        long taps = kernel.Aggregate(1L, (a, b) => a * b);
        return new ModelBuilder(type)
            .Tensor("K", new long[] { 2, channels }.Concat(kernel).ToArray(), Crafted.Values((int)(2 * channels * taps), 51))
            .Tensor("KB", new long[] { 2 }, Crafted.Values(2, 52))
            .Node("Conv", new[] { "input", "K", "KB" }, "c", attributes);
    }

    /// <summary>A Gemm from <paramref name="from"/> (<paramref name="width"/> values per sample) to 2 outputs, and the model's bytes.</summary>
    public static byte[] Head(ModelBuilder builder, string from, int width, object[]? inputDims = null) => builder
        .Tensor("W2", new long[] { 2, width }, Crafted.Values(2 * width, 53))
        .Tensor("B2", new long[] { 2 }, Crafted.Values(2, 54))
        .Node("Gemm", new[] { from, "W2", "B2" }, "output", OnnxMessages.IntAttribute("transB", 1))
        .Build(inputDims ?? Image, new object[] { "N", 2 });

    /// <summary>Conv, then <paramref name="tail"/> from "c" to "t", Flatten to "flat", and the head.</summary>
    public static byte[] Model(Action<ModelBuilder> tail, int width, long[]? kernel = null, int channels = 1, object[]? inputDims = null, params ProtoWriter[] convAttributes)
    {
        ModelBuilder builder = Conv(kernel, channels, ModelBuilder.Float, convAttributes);
        tail(builder);
        builder.Node("Flatten", new[] { "t" }, "flat");
        return Head(builder, "flat", width, inputDims);
    }
}

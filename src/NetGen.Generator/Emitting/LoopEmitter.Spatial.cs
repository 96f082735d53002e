using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The loop back end's convolution and pooling layers: each a call of a runtime kernel
/// (<c>ConvolutionKernels</c>, <c>PoolingKernels</c>) with the layer's constant <c>WindowShape</c>, on the
/// same spans as the dense layers (<c>LoopEmitter.Buffers.cs</c>); a dense layer after them reads the map as a flat vector.
/// </summary>
internal sealed partial class LoopEmitter
{
    private const string Convolution = "global::NetGen.Runtime.ConvolutionKernels";
    private const string Pooling = "global::NetGen.Runtime.PoolingKernels";

    /// <summary>The span of dE/dsum of a layer with sums; of dE/dout of a pooling layer (its output is not an activation of a sum).</summary>
    private static string Delta(PlannedLayer layer) => (IsPooling(layer) ? "dE_dout_" : "dE_dsum_") + layer.Name;

    private static bool IsPooling(PlannedLayer layer) => layer.Kind is LayerKind.MaxPool or LayerKind.AveragePool or LayerKind.GlobalAveragePool;

    private static string ShapeName(PlannedLayer layer) => "shape_" + layer.Name;

    /// <summary>Values per channel of the layer's input (global average pooling's divisor).</summary>
    private static int InputPositions(PlannedLayer layer) => layer.InputShape.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>The layer's geometry as the kernels read it, a one-dimensional layer as one row.</summary>
    private void DeclareShape(PlannedLayer layer)
    {
        int[] input = layer.InputShape, output = layer.OutputShape;
        LayerSpec spec = layer.Spec;
        bool rows = output.Length == 3;
        int rank = output.Length - 1;
        int[] kernel = spec.Kernel.AsSpan().ToArray(), stride = spec.Stride.AsSpan().ToArray();
        int[] dilation = spec.Dilation.Count == 0 ? Enumerable.Repeat(1, rank).ToArray() : spec.Dilation.AsSpan().ToArray();
        int[] pads = spec.Pads.Count == 0 ? new int[2 * rank] : spec.Pads.AsSpan().ToArray();
        int[] values =
        {
            input[0], rows ? input[1] : 1, input[rank], output[0], rows ? output[1] : 1, output[rank],
            rows ? kernel[0] : 1, kernel[rank - 1], rows ? stride[0] : 1, stride[rank - 1],
            rows ? dilation[0] : 1, dilation[rank - 1], rows ? pads[0] : 0, pads[rank - 1],
        };
        _w.Line($"global::NetGen.Runtime.WindowShape {ShapeName(layer)} = new({string.Join(", ", values.Select(CSharpText.Number))});");
    }

    private void EmitSpatialForward(PlannedLayer layer, string source)
    {
        int width = layer.Units.Count;
        string o = "out_" + layer.Name, shape = ShapeName(layer);
        _w.Line();
        LayerSpec spec = layer.Spec;
        switch (layer.Kind)
        {
            case LayerKind.Convolution:
                _w.Line($"// Layer {layer.Number} ({layer.Name}): convolution, {Count(spec.Filters, "filter")} of {Dims(spec.Kernel)} over {Count(layer.InputShape[0], "channel")}, output {Dims(layer.OutputShape)}: sum = the kernel's weights . the inputs under it + b, then {ActivationTerms.Name(layer.Activation)}.");
                DeclareShape(layer);
                _w.Line($"global::System.Span<{T}> {o} = {Buffer(T, width)};");
                string sums = o;
                if (_explaining)
                {
                    sums = "sum_" + layer.Name;
                    _w.Line($"global::System.Span<{T}> {sums} = {Buffer(T, width)};");
                }
                _w.Line($"{Convolution}.Forward(in {shape}, {source}, p.Slice({layer.WeightOffset}, {layer.WeightCount}), p.Slice({layer.BiasOffset}, {layer.BiasCount}), {sums});");
                if (_explaining)
                {
                    ReportConvolutionSums(layer);
                    _w.Line($"{sums}.CopyTo({o});");
                }
                if (layer.Activation == ActivationKind.Sigmoid)
                {
                    _w.Line($"{Kernels}.Sigmoid({o});");
                }
                else if (layer.Activation != ActivationKind.Identity)
                {
                    _w.Line($"for (int j = 0; j < {width}; j++) {o}[j] = {Apply(layer.Activation, $"{o}[j]")};");
                }
                if (_explaining)
                {
                    ReportMap(layer, "out_", $"{o}[j]", Formula(ActivationTerms.Apply(layer.Activation, new Ref("sum_{u}"), _slope)));
                }
                return;
            case LayerKind.MaxPool:
                _w.Line($"// Layer {layer.Number} ({layer.Name}): max pooling, {Dims(spec.Kernel)} windows, stride {Dims(spec.Stride)}: out = the largest value of each window; argmax_{layer.Name} keeps where it was (the first largest, as PyTorch).");
                DeclareShape(layer);
                _w.Line($"global::System.Span<{T}> {o} = {Buffer(T, width)};");
                _w.Line($"global::System.Span<int> argmax_{layer.Name} = {Buffer("int", width)};");
                _w.Line($"{Pooling}.MaxForward(in {shape}, {source}, {o}, argmax_{layer.Name});");
                break;
            case LayerKind.AveragePool:
                _w.Line($"// Layer {layer.Number} ({layer.Name}): average pooling, {Dims(spec.Kernel)} windows, stride {Dims(spec.Stride)}: out = the mean of each window.");
                DeclareShape(layer);
                _w.Line($"global::System.Span<{T}> {o} = {Buffer(T, width)};");
                _w.Line($"{Pooling}.AverageForward(in {shape}, {source}, {o});");
                break;
            default:
                _w.Line($"// Layer {layer.Number} ({layer.Name}): global average pooling: out = the mean of each channel's {InputPositions(layer)} values.");
                _w.Line($"global::System.Span<{T}> {o} = {Buffer(T, width)};");
                _w.Line($"{Pooling}.GlobalAverageForward({InputPositions(layer)}, {source}, {o});");
                break;
        }
        if (_explaining)
        {
            ReportPoolOutputs(layer);
        }
    }

    /// <summary>dE/dout of <paramref name="layer"/> (into its delta span) from dE/dsum of the spatial layer <paramref name="next"/> that reads it.</summary>
    private void EmitSpatialSourceDelta(PlannedLayer layer, PlannedLayer next)
    {
        string d = Delta(layer), dn = Delta(next), shape = ShapeName(next);
        switch (next.Kind)
        {
            case LayerKind.Convolution:
                _w.Line($"// Each value feeds every position of {next.Name} whose window covers it: dE/dout gathers dE/dsum * w from them (the full correlation with the flipped kernel).");
                _w.Line($"{Convolution}.InputGradient(in {shape}, {dn}, p.Slice({next.WeightOffset}, {next.WeightCount}), {d});");
                break;
            case LayerKind.MaxPool:
                _w.Line($"// A max passes its gradient only to the value that won (argmax_{next.Name}); every other value gets 0.");
                _w.Line($"{Pooling}.MaxBackward({dn}, argmax_{next.Name}, {d});");
                break;
            case LayerKind.AveragePool:
                _w.Line($"// A mean of n values passes dE/dout / n to each of them.");
                _w.Line($"{Pooling}.AverageBackward(in {shape}, {dn}, {d});");
                break;
            default:
                _w.Line($"// A channel's mean passes dE/dout / {InputPositions(next)} to each of its values.");
                _w.Line($"{Pooling}.GlobalAverageBackward({InputPositions(next)}, {dn}, {d});");
                break;
        }
    }

    /// <summary>
    /// Adds scale * dE/dw and dE/db of a convolution to the target: a kernel weight is shared by every output position,
    /// so its gradient is the sum over the positions it touched (the kernel sums them).
    /// </summary>
    private void EmitConvolutionUpdate(PlannedLayer layer, string target, string scale)
    {
        string bias = layer.BiasTrainable ? $"{target}.Slice({layer.BiasOffset}, {layer.BiasCount})" : "default";
        _w.Line($"// Layer {layer.Name}: a kernel weight is shared by every position, so dE/dw is the sum over the positions it touched of dE/dsum * (the input under it); dE/db sums dE/dsum over the filter's positions.");
        _w.Line($"{Convolution}.AddParameterGradient({scale}, in {ShapeName(layer)}, {Delta(layer)}, {Source(layer, _plan)}, {target}.Slice({layer.WeightOffset}, {layer.WeightCount}), {bias});");
    }

    /// <summary>dE/dsum = dE/dout * dout/dsum for a layer next to a spatial one (pooling has no sums: its dE/dout is its delta).</summary>
    private void EmitSpatialActivationChain(PlannedLayer layer, PlannedLayer next)
    {
        string d = Delta(layer), o = "out_" + layer.Name;
        if (_explaining)
        {
            ReportSpatialDeltas(layer, next);
        }
        if (!IsPooling(layer) && layer.Activation != ActivationKind.Identity && !_explaining)
        {
            _w.Line($"for (int j = 0; j < {layer.Units.Count}; j++) {d}[j] *= {Derivative(layer.Activation, $"{o}[j]")};");
        }
    }

    private static string Count(int count, string noun) => CSharpText.Number(count) + " " + noun + (count == 1 ? "" : "s");

    private static string Dims(System.Collections.Generic.IEnumerable<int> values) => string.Join("x", values.Select(CSharpText.Number));
}

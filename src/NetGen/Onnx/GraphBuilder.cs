using System;
using System.Collections.Generic;

namespace NetGen.Onnx;

/// <summary>
/// The nodes and initializers of one layer at a time: the operator of its kind with its parameters, then its
/// activation. Tensor names start with the layer's name (<c>layer2.weight</c>, <c>layer2.sum</c>). Double models
/// write convolution and average pooling as <see cref="DoubleWindowNodes"/>, which ONNX Runtime can run in double;
/// recurrent and per-step dense layers are <see cref="RecurrentNodes"/>.
/// </summary>
internal sealed class GraphBuilder(List<ProtoWriter> nodes, List<ProtoWriter> initializers, int elementType, double leakySlope)
{
    private readonly DoubleWindowNodes _double = new(nodes, initializers);
    private readonly RecurrentNodes _recurrent = new(nodes, initializers, elementType);

    /// <summary>Adds one layer reading <paramref name="input"/>; returns the name of the tensor it produces.</summary>
    public string AddLayer<T>(LayerInfo info, string layer, bool isLast, string input, ReadOnlySpan<T> weights, ReadOnlySpan<T> biases)
        where T : unmanaged
    {
        if (info.Kind != LayerKind.Dense && info.Activation == Activation.Softmax)
        {
            throw new NotSupportedException($"Layer {layer} is a {info.Kind} layer with softmax; ONNX export writes softmax only on dense layers.");
        }
        // The network's output must be named "output": the last node writes it directly.
        string sum = isLast && info.Activation == Activation.Identity ? OnnxExporter.OutputName : layer + ".sum";
        switch (info.Kind)
        {
            case LayerKind.Dense:
                initializers.Add(OnnxMessages.Tensor(layer + ".weight", [info.OutputSize, info.InputSize], elementType, OnnxExporter.LittleEndianBytes(weights)));
                initializers.Add(OnnxMessages.Tensor(layer + ".bias", [biases.Length], elementType, OnnxExporter.LittleEndianBytes(biases)));
                // y = x W^T + b: W is stored [out, in] as in the parameter vector, so transB = 1.
                nodes.Add(OnnxMessages.Node("Gemm", layer + ".gemm", [input, layer + ".weight", layer + ".bias"], [sum],
                    OnnxMessages.IntAttribute("transB", 1)));
                break;
            case LayerKind.Convolution when elementType == OnnxMessages.ElementDouble:
                _double.Convolution(info, layer, input, sum, OnnxExporter.LittleEndianBytes(weights), OnnxExporter.LittleEndianBytes<T>(PerFilter(info, biases)));
                break;
            case LayerKind.Convolution:
                AddConvolution(info, layer, input, sum, weights, biases);
                break;
            case LayerKind.AveragePool when elementType == OnnxMessages.ElementDouble:
                _double.AveragePool(info, layer, input, sum);
                break;
            case LayerKind.GlobalAveragePool when elementType == OnnxMessages.ElementDouble:
                _double.GlobalAveragePool(info, layer, input, sum);
                break;
            case LayerKind.MaxPool or LayerKind.AveragePool:
                nodes.Add(OnnxMessages.Node(info.Kind == LayerKind.MaxPool ? "MaxPool" : "AveragePool", layer + ".pool", [input], [sum],
                    OnnxMessages.IntsAttribute("kernel_shape", info.Kernel.AsSpan()),
                    OnnxMessages.IntsAttribute("strides", info.Stride.AsSpan())));
                break;
            case LayerKind.GlobalAveragePool:
                nodes.Add(OnnxMessages.Node("GlobalAveragePool", layer + ".pool", [input], [sum]));
                break;
            case LayerKind.SimpleRnn or LayerKind.Gru or LayerKind.Lstm:
                // The cell's activation is inside the operator: the layer's output is the operator's.
                _recurrent.Recurrent(info, layer, input, isLast ? OnnxExporter.OutputName : layer + ".out", weights, biases);
                return isLast ? OnnxExporter.OutputName : layer + ".out";
            case LayerKind.PerStepDense:
                _recurrent.PerStepDense(info, layer, input, sum, weights, biases);
                break;
            default:
                throw new NotSupportedException($"Layer {layer} is a {info.Kind} layer, which has no ONNX export.");
        }
        return AddActivation(info.Activation, layer, sum, isLast ? OnnxExporter.OutputName : layer + ".out");
    }

    /// <summary>
    /// ONNX Conv with the layer's window: its weights are the parameter block as it is (<c>[F, C, k...]</c>, PyTorch order).
    /// </summary>
    private void AddConvolution<T>(LayerInfo info, string layer, string input, string output, ReadOnlySpan<T> weights, ReadOnlySpan<T> biases)
        where T : unmanaged
    {
        int filters = info.OutputShape[0];
        long[] weightDims = new long[2 + info.Kernel.Length];
        weightDims[0] = filters;
        weightDims[1] = info.InputShape[0];
        for (int d = 0; d < info.Kernel.Length; d++)
        {
            weightDims[2 + d] = info.Kernel[d];
        }
        initializers.Add(OnnxMessages.Tensor(layer + ".weight", weightDims, elementType, OnnxExporter.LittleEndianBytes(weights)));
        initializers.Add(OnnxMessages.Tensor(layer + ".bias", [filters], elementType, OnnxExporter.LittleEndianBytes<T>(PerFilter(info, biases))));
        nodes.Add(OnnxMessages.Node("Conv", layer + ".conv", [input, layer + ".weight", layer + ".bias"], [output],
            OnnxMessages.IntsAttribute("kernel_shape", info.Kernel.AsSpan()),
            OnnxMessages.IntsAttribute("strides", info.Stride.AsSpan()),
            OnnxMessages.IntsAttribute("dilations", info.Dilation.AsSpan()),
            OnnxMessages.IntsAttribute("pads", info.Pads.AsSpan())));
    }

    /// <summary>One bias per filter: a bias shared by the layer repeated, since Conv's bias input must be <c>[F]</c>.</summary>
    private static T[] PerFilter<T>(LayerInfo info, ReadOnlySpan<T> biases)
    {
        T[] bias = new T[info.OutputShape[0]];
        for (int f = 0; f < bias.Length; f++)
        {
            bias[f] = biases[biases.Length == 1 ? 0 : f];
        }
        return bias;
    }

    /// <summary>
    /// Adds the nodes of one activation and returns the name of the tensor they produce. Identity adds
    /// nothing. LeakyReLU in double is written as Max(x, slope * x), which equals it for slopes in
    /// [0, 1): ONNX's LeakyRelu takes its slope as a float attribute, and rounding a double network's
    /// slope of 0.1 to float moved ONNX Runtime's outputs by 5e-9 in a test, over the 1e-9 NetGen promises.
    /// </summary>
    private string AddActivation(Activation activation, string layer, string sum, string output)
    {
        string node = layer + "." + activation.ToString().ToLowerInvariant();
        switch (activation)
        {
            case Activation.Identity:
                return sum;
            case Activation.Sigmoid:
                nodes.Add(OnnxMessages.Node("Sigmoid", node, [sum], [output]));
                return output;
            case Activation.Tanh:
                nodes.Add(OnnxMessages.Node("Tanh", node, [sum], [output]));
                return output;
            case Activation.ReLU:
                nodes.Add(OnnxMessages.Node("Relu", node, [sum], [output]));
                return output;
            case Activation.LeakyReLU when elementType == OnnxMessages.ElementFloat:
                nodes.Add(OnnxMessages.Node("LeakyRelu", node, [sum], [output], OnnxMessages.FloatAttribute("alpha", (float)leakySlope)));
                return output;
            case Activation.LeakyReLU:
                string slopeName = layer + ".leaky_slope", scaled = layer + ".scaled";
                initializers.Add(OnnxMessages.Tensor(slopeName, [], elementType, OnnxExporter.LittleEndianBytes<double>([leakySlope])));
                nodes.Add(OnnxMessages.Node("Mul", node + ".mul", [sum, slopeName], [scaled]));
                nodes.Add(OnnxMessages.Node("Max", node + ".max", [sum, scaled], [output]));
                return output;
            case Activation.Softmax:
                nodes.Add(OnnxMessages.Node("Softmax", node, [sum], [output], OnnxMessages.IntAttribute("axis", -1)));
                return output;
            default:
                throw new NotSupportedException($"Activation {activation} has no ONNX export.");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Onnx;

/// <summary>
/// The checks ONNX Runtime makes when it loads a graph, for the operators NetGen compiles: the operator
/// exists (NG0201), the operator set is one ONNX Runtime runs (NG0202), each attribute is one the
/// operator defines, with its type (ONNX Runtime: "Unrecognized attribute", "Mismatched attribute
/// type", "Field 'type' of 'attr' is required"), each tensor is produced once, and Gemm has the inputs
/// its opset requires (NG0203). A model ONNX Runtime refuses is refused here with the reason, rather
/// than compiled into a network whose meaning nobody defined.
/// </summary>
internal static class OnnxOperatorRules
{
    public static readonly string[] SupportedOperators =
    {
        "Gemm", "MatMul", "Add", "Sigmoid", "Tanh", "Relu", "LeakyRelu", "Softmax", "Identity", "Mul", "Max",
        "Conv", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization", "Flatten", "Reshape", "Pad",
        // Only as the glue that computes a Reshape's shape (PyTorch's x.view(x.size(0), -1)).
        "Shape", "Gather", "Unsqueeze", "Concat", "Constant",
        // Recurrent layers, with the glue PyTorch writes around them: layout changes, the last step, a zero state.
        "RNN", "GRU", "LSTM", "Transpose", "Squeeze", "Slice", "ConstantOfShape",
    };

    private const long Float = OnnxAttribute.TypeFloat, Int = OnnxAttribute.TypeInt, Ints = OnnxAttribute.TypeInts, Str = OnnxAttribute.TypeString,
        Floats = OnnxAttribute.TypeFloats, Strs = OnnxAttribute.TypeStrings;

    /// <summary>
    /// The attributes each operator defines from opset 7 on (NetGen's oldest), with their types: the union
    /// over the opsets NetGen reads. What NetGen does not compile (group, ceil_mode, ...) is refused by value.
    /// </summary>
    private static readonly Dictionary<string, (string Name, long Type)[]> Attributes = new()
    {
        ["Gemm"] = new[] { ("alpha", Float), ("beta", Float), ("transA", Int), ("transB", Int) },
        ["LeakyRelu"] = new[] { ("alpha", Float) },
        ["Softmax"] = new[] { ("axis", Int) },
        ["Conv"] = new[] { ("auto_pad", Str), ("dilations", Ints), ("group", Int), ("kernel_shape", Ints), ("pads", Ints), ("strides", Ints) },
        ["MaxPool"] = new[] { ("auto_pad", Str), ("ceil_mode", Int), ("dilations", Ints), ("kernel_shape", Ints), ("pads", Ints), ("storage_order", Int), ("strides", Ints) },
        ["AveragePool"] = new[] { ("auto_pad", Str), ("ceil_mode", Int), ("count_include_pad", Int), ("dilations", Ints), ("kernel_shape", Ints), ("pads", Ints), ("strides", Ints) },
        ["BatchNormalization"] = new[] { ("epsilon", Float), ("momentum", Float), ("spatial", Int), ("training_mode", Int) },
        ["Flatten"] = new[] { ("axis", Int) },
        ["Reshape"] = new[] { ("allowzero", Int) },
        ["Pad"] = new[] { ("mode", Str), ("pads", Ints), ("value", Float) },
        ["Shape"] = new[] { ("start", Int), ("end", Int) },
        ["Gather"] = new[] { ("axis", Int) },
        ["Unsqueeze"] = new[] { ("axes", Ints) },
        ["Concat"] = new[] { ("axis", Int) },
        ["RNN"] = new[] { ("activation_alpha", Floats), ("activation_beta", Floats), ("activations", Strs), ("clip", Float), ("direction", Str), ("hidden_size", Int), ("layout", Int) },
        ["GRU"] = new[] { ("activation_alpha", Floats), ("activation_beta", Floats), ("activations", Strs), ("clip", Float), ("direction", Str), ("hidden_size", Int), ("layout", Int), ("linear_before_reset", Int) },
        ["LSTM"] = new[] { ("activation_alpha", Floats), ("activation_beta", Floats), ("activations", Strs), ("clip", Float), ("direction", Str), ("hidden_size", Int), ("input_forget", Int), ("layout", Int) },
        ["Transpose"] = new[] { ("perm", Ints) },
        ["Squeeze"] = new[] { ("axes", Ints) },
        ["Slice"] = new[] { ("axes", Ints), ("ends", Ints), ("starts", Ints) },
        ["ConstantOfShape"] = new[] { ("value", (long)OnnxAttribute.TypeTensor) },
        ["Constant"] = new[]
        {
            ("value", (long)OnnxAttribute.TypeTensor), ("value_int", Int), ("value_ints", Ints), ("value_float", Float),
            ("value_floats", 6L), ("value_string", Str), ("value_strings", 8L), ("sparse_value", 11L),
        },
    };

    public static void Check(OnnxGraph graph)
    {
        foreach (OnnxNode node in graph.Nodes)
        {
            bool defaultDomain = node.Domain is "" or "ai.onnx";
            if (!defaultDomain || Array.IndexOf(SupportedOperators, node.OpType) < 0)
            {
                string op = defaultDomain ? node.OpType : node.Domain + "." + node.OpType;
                throw new OnnxImportException(new ImportError(ImportErrorKind.UnsupportedOperator, "", op, node.DisplayName));
            }
        }
        if (graph.Opset is < OnnxLimits.MinOpset or > OnnxLimits.MaxOpset)
        {
            throw new OnnxImportException(new ImportError(ImportErrorKind.UnsupportedStructure,
                $"it imports ONNX operator set {Text(graph.Opset)}; NetGen reads operator sets {OnnxLimits.MinOpset} to {OnnxLimits.MaxOpset}, those ONNX Runtime 1.31.1 runs these operators in; export the model again with an opset in that range"));
        }
        if (graph.IrVersion < 4)
        {
            CheckInitializersAreInputs(graph);
        }
        var produced = new HashSet<string>(graph.Initializers.Keys);
        produced.UnionWith(graph.Inputs.Select(i => i.Name));
        foreach (OnnxNode node in graph.Nodes)
        {
            CheckAttributes(node);
            if (node.OpType == "Gemm" && graph.Opset < OnnxLimits.GemmOptionalBiasOpset && node.Inputs.Count != 3)
            {
                throw Malformed($"'{node.DisplayName}' has {node.Inputs.Count} inputs; before opset {OnnxLimits.GemmOptionalBiasOpset} Gemm takes exactly three (A, B and C), and the model imports opset {Text(graph.Opset)}");
            }
            foreach (string output in node.Outputs)
            {
                // ONNX Runtime: "Duplicate definition of name"; a second definition would make the chain ambiguous.
                if (output.Length > 0 && !produced.Add(output))
                {
                    throw Malformed($"tensor '{output}', an output of '{node.DisplayName}', is already defined by another node, an initializer or a graph input");
                }
            }
        }
    }

    /// <summary>
    /// Before IR version 4 initializers are default values of graph inputs; ONNX Runtime refuses one that
    /// is neither a graph input nor read by a node ("Graph ctor should have created NodeArg for initializer").
    /// </summary>
    private static void CheckInitializersAreInputs(OnnxGraph graph)
    {
        var known = new HashSet<string>(graph.Inputs.Select(i => i.Name));
        foreach (OnnxNode node in graph.Nodes)
        {
            known.UnionWith(node.Inputs);
        }
        foreach (string name in graph.Initializers.Keys)
        {
            if (!known.Contains(name))
            {
                throw Malformed($"initializer '{name}' is neither a graph input nor read by any node, which models of IR version {Text(graph.IrVersion)} (before 4) do not allow");
            }
        }
    }

    private static void CheckAttributes(OnnxNode node)
    {
        Attributes.TryGetValue(node.OpType, out (string Name, long Type)[]? defined);
        foreach (KeyValuePair<string, OnnxAttribute> attribute in node.Attributes)
        {
            int k = defined is null ? -1 : Array.FindIndex(defined, d => d.Name == attribute.Key);
            if (k < 0)
            {
                string known = defined is null ? "none" : string.Join(", ", defined.Select(d => d.Name));
                throw Malformed($"'{node.DisplayName}' has attribute '{attribute.Key}', which {node.OpType} does not define (its attributes: {known})");
            }
            long expected = defined![k].Type;
            if (attribute.Value.Type != expected)
            {
                throw Malformed($"attribute '{attribute.Key}' of '{node.DisplayName}' has {OnnxAttribute.TypeName(attribute.Value.Type)} where {node.OpType} defines {OnnxAttribute.TypeName(expected)} (AttributeProto.type must say which value the attribute holds)");
            }
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static OnnxImportException Malformed(string detail) => new(new ImportError(ImportErrorKind.Malformed, detail));
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic NetGen reports, one descriptor per ID. IDs are stable: never reuse or renumber one.
/// Each message says how to fix the problem; each has a page in docs/diagnostics/.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Usage = "NetGen.Usage";
    private const string Topology = "NetGen.Topology";
    private const string CodeGeneration = "NetGen.CodeGeneration";
    private const string Onnx = "NetGen.Onnx";

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static string HelpLink(string id) =>
        $"https://github.com/netgen/netgen/blob/main/docs/diagnostics/{id}.md";

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        DiagnosticIds.ClassNotPartial, "Network class must be partial",
        "Class '{0}' has [Network] but is not partial; add the 'partial' modifier so that NetGen can add Forward, Backward and TrainStep to it",
        Usage);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        DiagnosticIds.ContainingTypeNotPartial, "Enclosing type must be partial",
        "Class '{0}' is nested in '{1}', which is not partial; add the 'partial' modifier to '{1}' (and to every type that encloses it)",
        Usage);

    public static readonly DiagnosticDescriptor GenericClass = Error(
        DiagnosticIds.GenericClass, "Network class cannot be generic",
        "Class '{0}' has type parameters; a network's shape is fixed at compile time, so declare it on a non-generic class",
        Usage);

    public static readonly DiagnosticDescriptor StaticClass = Error(
        DiagnosticIds.StaticClass, "Network class cannot be static",
        "Class '{0}' is static; a network holds its parameters in an instance, so remove the 'static' modifier",
        Usage);

    public static readonly DiagnosticDescriptor MemberAlreadyDeclared = Error(
        DiagnosticIds.MemberAlreadyDeclared, "Member name is reserved by NetGen",
        "Class '{0}' already declares '{1}', which NetGen generates; rename or remove your '{1}'",
        Usage);

    public static readonly DiagnosticDescriptor ClassNamedLikeMember = Error(
        DiagnosticIds.ClassNamedLikeMember, "Class name is a member NetGen generates",
        "Class '{0}' has the name of a member NetGen generates, and a member cannot have its class's name (CS0542); rename the class",
        Usage);

    public static readonly DiagnosticDescriptor NotAClass = Error(
        DiagnosticIds.NotAClass, "Network type must be a class",
        "'{0}' is a record; NetGen generates networks into classes only (record equality and printing do not fit a parameter store), so declare it as 'partial class {0}'",
        Usage);

    public static readonly DiagnosticDescriptor FileLocalClass = Error(
        DiagnosticIds.FileLocalClass, "Network class cannot be file-local",
        "Class '{0}' is file-local ('{1}' is declared 'file'), but NetGen adds its members in a file of its own; remove the 'file' modifier (use 'internal' to keep it out of the public API)",
        Usage);

    public static readonly DiagnosticDescriptor MalformedTopology = Error(
        DiagnosticIds.MalformedTopology, "Malformed topology",
        "Topology {0} is malformed: {1}. Write layer widths from input to output separated by dashes, e.g. \"2-2-2\" or \"4-16:relu-3\".",
        Topology);

    public static readonly DiagnosticDescriptor InvalidLayerWidth = Error(
        DiagnosticIds.InvalidLayerWidth, "Layer width out of range",
        "Layer width '{0}' is out of range; a layer's width is a positive whole number of units, from 1 to {1}, and layers are separated by single dashes (e.g. \"2-3-2\")",
        Topology);

    public static readonly DiagnosticDescriptor UnknownActivation = Error(
        DiagnosticIds.UnknownActivation, "Unknown activation in topology",
        "'{0}' is not an activation; after ':' write one of {1}",
        Topology);

    public static readonly DiagnosticDescriptor InvalidLayer = Error(
        DiagnosticIds.InvalidLayer, "Invalid convolution, pooling or input layer",
        "Layer {0} in the topology cannot be built: {1}",
        Topology);

    public static readonly DiagnosticDescriptor LayerOutOfOrder = Error(
        DiagnosticIds.LayerOutOfOrder, "Layer out of order in topology",
        "Layer {0} cannot come there: {1}",
        Topology);

    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Error(
        DiagnosticIds.SoftmaxOnHiddenLayer, "Softmax on a hidden layer",
        "Softmax is only supported on the output layer; give hidden layer {0} (counting hidden layers from 1) another activation (e.g. \"{1}:tanh\" in the topology, or set Output = Activation.Softmax and another activation for the rest)",
        Topology);

    public static readonly DiagnosticDescriptor UnsupportedLossPairing = Error(
        DiagnosticIds.UnsupportedLossPairing, "Loss has no correct gradient with this output activation",
        "Loss.CrossEntropy needs a Softmax (multi-class) or Sigmoid (binary/multi-label) output layer, but the output is {0}; set Output = Activation.Softmax or Activation.Sigmoid, or use another Loss",
        Usage);

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        DiagnosticIds.NetworkTooLarge, "Network too large",
        "The network has {0}; NetGen supports at most {1}. Reduce the layer widths or the number of layers.",
        CodeGeneration);

    public static readonly DiagnosticDescriptor InvalidArgument = Error(
        DiagnosticIds.InvalidArgument, "Invalid [Network] argument",
        "{0}",
        Usage);

    /// <summary>
    /// Reported only where NetGen chose (CodeStyle.Auto), and Hidden: it is a fact to look up in the IDE,
    /// not news for every build; the generated class's remarks say the same, including why an explicit
    /// CodeStyle was honoured or not (NG0102).
    /// </summary>
    public static readonly DiagnosticDescriptor CodeStyleChosen = new(
        DiagnosticIds.CodeStyleChosen, "Code style chosen for the network",
        "Network '{0}' ({1}) is generated as {2}: {3}. Set CodeStyle on [Network] to choose yourself.",
        CodeGeneration, DiagnosticSeverity.Hidden, isEnabledByDefault: true, helpLinkUri: HelpLink(DiagnosticIds.CodeStyleChosen));

    public static readonly DiagnosticDescriptor UnrolledTooLarge = new(
        DiagnosticIds.UnrolledTooLarge, "Unrolled network is too large for the JIT to optimise",
        "Network '{0}' has {1}; unrolled, its methods exceed what the .NET JIT optimises (they run unoptimised and slower than loops). Remove CodeStyle = CodeStyle.Unrolled or use CodeStyle.Loops.",
        CodeGeneration, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(DiagnosticIds.UnrolledTooLarge));

    public static readonly DiagnosticDescriptor UnrolledRefused = new(
        DiagnosticIds.UnrolledRefused, "Network too large to unroll",
        "Network '{0}' has {1}; unrolled, its generated file would run to megabytes and slow the editor, so NetGen generates loops instead (it unrolls at most {2}). Remove CodeStyle = CodeStyle.Unrolled or use CodeStyle.Loops.",
        CodeGeneration, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(DiagnosticIds.UnrolledRefused));

    public static readonly DiagnosticDescriptor OnnxModelNotFound = Error(
        DiagnosticIds.OnnxModelNotFound, "ONNX model not found",
        "The ONNX model '{0}' {1}",
        Onnx);

    public static readonly DiagnosticDescriptor UnsupportedOnnxOperator = Error(
        DiagnosticIds.UnsupportedOnnxOperator, "ONNX operator not supported",
        "The ONNX model '{0}' uses operator '{1}' (node '{2}'), which NetGen cannot compile; NetGen compiles chains of Gemm, MatMul, Add, Conv, MaxPool, AveragePool, GlobalAveragePool, BatchNormalization (folded), Flatten, Reshape, Sigmoid, Tanh, Relu, LeakyRelu, Softmax and Identity",
        Onnx);

    public static readonly DiagnosticDescriptor UnsupportedOnnxStructure = Error(
        DiagnosticIds.UnsupportedOnnxStructure, "ONNX model shape not supported",
        "The ONNX model '{0}' cannot be compiled: {1}",
        Onnx);

    public static readonly DiagnosticDescriptor MalformedOnnxModel = Error(
        DiagnosticIds.MalformedOnnxModel, "Malformed ONNX model",
        "'{0}' is not a valid ONNX model: {1}",
        Onnx);

    public static readonly DiagnosticDescriptor OnnxModelContradictsAttribute = Error(
        DiagnosticIds.OnnxModelContradictsAttribute, "[Network] argument contradicts the ONNX model",
        "[Network] gives {1}, but the ONNX model '{0}' has {2}; remove the argument (the model decides) or make it agree",
        Onnx);

    public static readonly DiagnosticDescriptor NonFiniteOnnxWeight = Error(
        DiagnosticIds.NonFiniteOnnxWeight, "ONNX weight is not a finite number",
        "The ONNX model '{0}' cannot be compiled: {1}; NetGen compiles finite weights only, so fix or retrain the model (or keep its own precision)",
        Onnx);

    /// <summary>Every descriptor, for the tests that check each has a help page and a release entry.</summary>
    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        ClassNotPartial, ContainingTypeNotPartial, GenericClass, StaticClass, MemberAlreadyDeclared, ClassNamedLikeMember,
        NotAClass, FileLocalClass, MalformedTopology, InvalidLayerWidth, UnknownActivation, SoftmaxOnHiddenLayer,
        UnsupportedLossPairing, NetworkTooLarge, InvalidArgument, InvalidLayer, LayerOutOfOrder, CodeStyleChosen, UnrolledTooLarge, UnrolledRefused,
        OnnxModelNotFound, UnsupportedOnnxOperator, UnsupportedOnnxStructure, MalformedOnnxModel, OnnxModelContradictsAttribute,
        NonFiniteOnnxWeight,
    };
}

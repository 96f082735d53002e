using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Onnx;

/// <summary>Reads a <c>[Network(OnnxModel = "...")]</c> attribute into an <see cref="OnnxImportRequest"/>.</summary>
internal static class OnnxImportParser
{
    private static readonly string[] NamedArguments = { "OnnxModel", "Output", "Bias", "LeakyReLUSlope", "Precision", "Loss", "CodeStyle", "TrainBiases" };

    public static bool NamesModel(AttributeData attribute) =>
        attribute.NamedArguments.Any(pair => pair.Key == "OnnxModel");

    public static ParsedDeclaration Parse(NetworkDeclaration declaration, List<DiagnosticInfo> diagnostics)
    {
        INamedTypeSymbol classSymbol = declaration.Class;
        AttributeData attribute = declaration.Attribute;
        var arguments = new AttributeArguments(attribute, declaration.Syntax);
        var locations = new List<ArgumentLocation>
        {
            new("topology", LocationInfo.From(arguments.Constructor(0))),
            new("activation", LocationInfo.From(arguments.Constructor(1))),
        };
        locations.AddRange(NamedArguments.Select(name => new ArgumentLocation(name, LocationInfo.From(arguments.NamedLocation(name)))));

        string? path = arguments.Named("OnnxModel")?.Value as string;
        if (string.IsNullOrWhiteSpace(path))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, arguments.NamedLocation("OnnxModel"),
                "OnnxModel is empty; name the model file as the project lists it, e.g. OnnxModel = \"model.onnx\"."));
        }
        bool positional = attribute.ConstructorArguments.Length == 2;
        string? topology = positional ? attribute.ConstructorArguments[0].Value as string : null;
        ActivationKind? activation = positional ? arguments.ReadEnum<ActivationKind>(1, "activation", diagnostics) : null;
        ActivationKind? output = Optional(arguments, "Output", ActivationKind.Identity, diagnostics);
        BiasKind? bias = Optional(arguments, "Bias", BiasKind.PerNeuron, diagnostics);
        PrecisionKind? precision = Optional(arguments, "Precision", PrecisionKind.Double, diagnostics);
        LossKind loss = arguments.ReadNamedEnum("Loss", LossKind.HalfSquaredError, diagnostics);
        CodeStyleKind codeStyle = arguments.ReadNamedEnum("CodeStyle", CodeStyleKind.Auto, diagnostics);
        bool trainBiases = arguments.Named("TrainBiases")?.Value is bool b ? b : true;
        double? slope = arguments.Named("LeakyReLUSlope")?.Value is double s ? s : null;

        if (diagnostics.Any(d => d.IsError))
        {
            return new ParsedDeclaration.Rejected(diagnostics.ToEquatableArray());
        }
        var request = new OnnxImportRequest(
            TypeShapeReader.Read(classSymbol), LocationInfo.From(classSymbol.Locations.FirstOrDefault()), path!.Trim(),
            topology, activation, output, bias, slope, precision, loss, trainBiases, codeStyle, locations.ToEquatableArray());
        return new ParsedDeclaration.OnnxRequest(request, diagnostics.ToEquatableArray());
    }

    private static TEnum? Optional<TEnum>(AttributeArguments arguments, string name, TEnum fallback, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, System.Enum =>
        arguments.Named(name) is null ? null : arguments.ReadNamedEnum(name, fallback, diagnostics);
}

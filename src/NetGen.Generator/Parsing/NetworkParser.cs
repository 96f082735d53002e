using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Parsing;

/// <summary>One <c>[Network]</c> application: the class, the attribute's data and its syntax.</summary>
internal sealed record NetworkDeclaration(INamedTypeSymbol Class, AttributeData Attribute, AttributeSyntax? Syntax);

/// <summary>
/// Turns one <c>[Network]</c> class into a <see cref="ParsedDeclaration"/>. Everything that needs Roslyn
/// symbols or syntax happens here (and in Onnx/OnnxImportParser for declarations naming a model), once;
/// what leaves is plain data. The checks every network gets are <see cref="NetworkValidator"/>'s.
/// </summary>
internal static class NetworkParser
{
    /// <summary>Kept for the ONNX importer; the limit is <see cref="Limits.MaxParameters"/>.</summary>
    public const long MaxParameters = Limits.MaxParameters;

    /// <summary>Kept for the ONNX importer; the limit is <see cref="Limits.MaxUnits"/>.</summary>
    public const int MaxUnits = Limits.MaxUnits;

    /// <summary>
    /// The class-level checks every declaration gets (partial, not static, not generic, no generated member
    /// already declared, ...). Returns the declaration to read further, or null when there is nothing to
    /// read: a record, or the second part of a class that has [Network] on two parts (CS0579).
    /// </summary>
    public static NetworkDeclaration? ReadClass(GeneratorAttributeSyntaxContext context, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var classSymbol = (INamedTypeSymbol)context.TargetSymbol;
        var classSyntax = (TypeDeclarationSyntax)context.TargetNode;
        AttributeData attribute = context.Attributes[0];
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        if (!IsFirstApplication(classSymbol, attribute, classSyntax))
        {
            // [Network] on two parts of one class: the compiler reports CS0579; one file is generated, for the first.
            return null;
        }
        if (classSymbol.IsRecord)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, classSyntax.Identifier.GetLocation(), classSymbol.Name));
            return null;
        }
        ClassShapeChecks.Check(classSymbol, classSyntax, diagnostics, cancellationToken);
        return new NetworkDeclaration(classSymbol, attribute, attributeSyntax);
    }

    /// <summary>Reads a declaration by topology: <c>[Network("4-8-3", Activation.Tanh, ...)]</c>.</summary>
    public static ParsedDeclaration ReadNetwork(NetworkDeclaration declaration, List<DiagnosticInfo> diagnostics)
    {
        NetworkSpec? spec = declaration.Attribute.AttributeConstructor is null
            ? null // The arguments do not bind (the compiler reports why); there is nothing to read.
            : ReadAttribute(declaration, diagnostics);
        EquatableArray<DiagnosticInfo> reported = diagnostics.ToEquatableArray();
        return spec is not null && !diagnostics.Any(d => d.IsError)
            ? new ParsedDeclaration.Network(spec, reported)
            : new ParsedDeclaration.Rejected(reported);
    }

    /// <summary>Whether the first [Network] of the class (of all its parts) is written on this declaration.</summary>
    private static bool IsFirstApplication(INamedTypeSymbol classSymbol, AttributeData attribute, SyntaxNode declaration)
    {
        SyntaxReference? first = classSymbol.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute.AttributeClass))?.ApplicationSyntaxReference;
        return first is null || (first.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(first.Span));
    }

    private static NetworkSpec? ReadAttribute(NetworkDeclaration declaration, List<DiagnosticInfo> diagnostics)
    {
        AttributeData attribute = declaration.Attribute;
        var arguments = new AttributeArguments(attribute, declaration.Syntax);
        int errorsBefore = diagnostics.Count(d => d.IsError);

        string? topology = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        if (topology is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, arguments.Constructor(0),
                "The topology is missing; write layer widths from input to output, e.g. \"2-2-2\", or name a trained model with OnnxModel = \"model.onnx\"."));
            return null;
        }

        ActivationKind activation = arguments.ReadEnum<ActivationKind>(1, "activation", diagnostics);
        ActivationKind output = arguments.ReadNamedEnum("Output", activation, diagnostics);
        BiasKind bias = arguments.ReadNamedEnum("Bias", BiasKind.PerNeuron, diagnostics);
        LossKind loss = arguments.ReadNamedEnum("Loss", LossKind.HalfSquaredError, diagnostics);
        PrecisionKind precision = arguments.ReadNamedEnum("Precision", PrecisionKind.Double, diagnostics);
        CodeStyleKind codeStyle = arguments.ReadNamedEnum("CodeStyle", CodeStyleKind.Auto, diagnostics);
        bool trainBiases = arguments.Named("TrainBiases")?.Value is bool b ? b : true;
        double slope = arguments.Named("LeakyReLUSlope")?.Value is double s ? s : 0.01;
        if (double.IsNaN(slope) || double.IsInfinity(slope) || slope < 0 || slope >= 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, arguments.NamedLocation("LeakyReLUSlope"),
                "LeakyReLUSlope must be at least 0 and less than 1 (the default is 0.01)."));
        }

        var (tokens, error) = TopologyParser.Parse(topology);
        if (error is not null)
        {
            diagnostics.Add(TopologyError(topology, error, arguments));
            return null;
        }

        var (network, layerError) = TopologyLayers.Build(tokens!, activation, output);
        if (layerError is not null)
        {
            diagnostics.Add(TopologyError(topology, layerError, arguments));
            return null;
        }
        var draft = new NetworkSpec(
            TypeShapeReader.Read(declaration.Class), topology, network!.InputCount, network.Layers,
            bias, trainBiases, loss, precision, slope, codeStyle) { InputShape = network.InputShape };
        NetworkSpec? spec = NetworkValidator.Validate(draft, new AttributeLocator(declaration, arguments, network.LayerTokens), diagnostics);
        return diagnostics.Count(d => d.IsError) > errorsBefore ? null : spec;
    }

    private static DiagnosticInfo TopologyError(string topology, TopologyParser.Error error, AttributeArguments arguments)
    {
        Location? where = arguments.InsideStringLiteral(0, error.Start, error.Length);
        return error.Kind switch
        {
            TopologyParser.ErrorKind.Width => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerWidth, where,
                error.Detail, Limits.MaxWidth.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            TopologyParser.ErrorKind.UnknownActivation => DiagnosticInfo.Create(DiagnosticDescriptors.UnknownActivation, where,
                error.Detail, TopologyParser.ActivationNamesText),
            TopologyParser.ErrorKind.Layer => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayer, where,
                CSharpText.StringLiteral(topology.Substring(error.Start, error.Length)), error.Detail),
            TopologyParser.ErrorKind.Order => DiagnosticInfo.Create(DiagnosticDescriptors.LayerOutOfOrder, where,
                CSharpText.StringLiteral(topology.Substring(error.Start, error.Length)), error.Detail),
            _ => DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTopology, where, CSharpText.StringLiteral(topology), error.Detail),
        };
    }

    /// <summary>Where each part of a <c>[Network("...", ...)]</c> attribute is written.</summary>
    private sealed class AttributeLocator : ArgumentLocator
    {
        private readonly NetworkDeclaration _declaration;
        private readonly AttributeArguments _arguments;
        private readonly IReadOnlyList<Token> _layerTokens;

        public AttributeLocator(NetworkDeclaration declaration, AttributeArguments arguments, IReadOnlyList<Token> layerTokens)
        {
            _declaration = declaration;
            _arguments = arguments;
            _layerTokens = layerTokens;
        }

        public override LocationInfo? Class => LocationInfo.From(_declaration.Class.Locations.FirstOrDefault());

        public override LocationInfo? Layers => LocationInfo.From(_arguments.Constructor(0));

        /// <summary>In the topology when the layer names its activation there ("3:softmax"), else the activation argument.</summary>
        public override LocationInfo? LayerActivation(int layer) =>
            LocationInfo.From(_layerTokens[layer].Activation is null ? _arguments.Constructor(1) : _arguments.Constructor(0));

        public override LocationInfo? Named(string name) => LocationInfo.From(_arguments.NamedLocation(name));
    }
}

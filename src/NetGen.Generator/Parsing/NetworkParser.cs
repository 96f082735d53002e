using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns one <c>[Network]</c> class into a <see cref="NetworkSpec"/> plus diagnostics. Everything that
/// needs Roslyn symbols or syntax happens here, once; what leaves is plain data.
/// </summary>
internal static class NetworkParser
{
    /// <summary>Above this many parameters a network is refused (NG0015) rather than risk a hang.</summary>
    public const long MaxParameters = 10_000_000;

    /// <summary>Above this many hidden and output units the loop form's stack buffers would be too large.</summary>
    public const int MaxUnits = 16_384;

    /// <summary>The members NetGen generates; a user declaration of one of them is NG0005.</summary>
    public static readonly string[] ReservedMemberNames =
    {
        "InputCount", "OutputCount", "ParameterCount", "LayerSizes", "ParameterNames", "ParameterIsTrainable",
        "LayerActivations", "LeakyReLUSlope", "TrainedParameters",
        "Parameters", "Params", "ParameterSet", "Forward", "Backward", "TrainStep", "Explain", "ExplainStep",
        "BackwardBatch", "TrainBatch", "BackwardLanes", "GradientLanes",
        // Private members of the generated part.
        "_parameters", "s_parameterNames", "s_parameterIsTrainable", "BuildParameterNames", "BuildParameterIsTrainable",
        "s_layerActivations", "CreateTrainedParameterSet", "_batchGradient", "TanhLanes",
    };

    public sealed record Result(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>Set when the attribute names an ONNX model: the network is built later, once the model is read.</summary>
        public Onnx.OnnxImportRequest? OnnxImport { get; init; }
    }

    public static Result Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var classSymbol = (INamedTypeSymbol)context.TargetSymbol;
        var classSyntax = (TypeDeclarationSyntax)context.TargetNode;
        AttributeData attribute = context.Attributes[0];
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        if (!IsFirstApplication(classSymbol, attribute, classSyntax))
        {
            // [Network] on two parts of one class: the compiler reports CS0579; one file is generated, for the first.
            return new Result(null, default);
        }
        if (classSymbol.IsRecord)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAClass, classSyntax.Identifier.GetLocation(), classSymbol.Name));
            return new Result(null, diagnostics.ToEquatableArray());
        }

        CheckClassShape(classSymbol, classSyntax, diagnostics, cancellationToken);
        if (Onnx.OnnxImportParser.NamesModel(attribute))
        {
            return Onnx.OnnxImportParser.Parse(classSymbol, attribute, attributeSyntax, diagnostics);
        }

        NetworkSpec? spec = attribute.AttributeConstructor is null
            ? null // The arguments do not bind (the compiler reports why); there is nothing to read.
            : ReadAttribute(classSymbol, attribute, attributeSyntax, diagnostics);

        bool hasErrors = diagnostics.Any(d => DiagnosticDescriptors.ById[d.Id].DefaultSeverity == DiagnosticSeverity.Error);
        return new Result(hasErrors ? null : spec, diagnostics.ToEquatableArray());
    }

    /// <summary>Whether the first [Network] of the class (of all its parts) is written on this declaration.</summary>
    private static bool IsFirstApplication(INamedTypeSymbol classSymbol, AttributeData attribute, SyntaxNode declaration)
    {
        SyntaxReference? first = classSymbol.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute.AttributeClass))?.ApplicationSyntaxReference;
        return first is null || (first.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(first.Span));
    }

    private static void CheckClassShape(
        INamedTypeSymbol classSymbol, TypeDeclarationSyntax classSyntax, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        Location nameLocation = classSyntax.Identifier.GetLocation();
        for (INamedTypeSymbol? type = classSymbol; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                // The generated part lives in another file, and every part of a file-local type must be in one file.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalClass, nameLocation, classSymbol.Name, type.Name));
                break;
            }
        }
        if (ReservedMemberNames.Contains(classSymbol.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNamedLikeMember, nameLocation, classSymbol.Name));
        }
        if (!classSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, nameLocation, classSymbol.Name));
        }
        if (classSymbol.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticClass, nameLocation, classSymbol.Name));
        }
        if (classSymbol.TypeParameters.Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericClass, nameLocation, classSymbol.Name));
        }
        for (INamedTypeSymbol? outer = classSymbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            bool isPartial = outer.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken))
                .OfType<TypeDeclarationSyntax>()
                .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, nameLocation, classSymbol.Name, outer.Name));
            }
        }
        foreach (ISymbol member in classSymbol.GetMembers())
        {
            if (!member.IsImplicitlyDeclared && ReservedMemberNames.Contains(member.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberAlreadyDeclared, member.Locations.FirstOrDefault() ?? nameLocation, classSymbol.Name, member.Name));
            }
        }
    }

    private static NetworkSpec? ReadAttribute(
        INamedTypeSymbol classSymbol, AttributeData attribute, AttributeSyntax? attributeSyntax, List<DiagnosticInfo> diagnostics)
    {
        var arguments = new AttributeArguments(attribute, attributeSyntax);
        int errorsBefore = diagnostics.Count;

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

        var layers = new List<LayerSpec>();
        for (int i = 1; i < tokens!.Count; i++)
        {
            bool isOutput = i == tokens.Count - 1;
            ActivationKind layerActivation = tokens[i].Activation ?? (isOutput ? output : activation);
            if (!isOutput && layerActivation == ActivationKind.Softmax)
            {
                Location? where = tokens[i].Activation is null ? arguments.Constructor(1) : arguments.Constructor(0);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, where,
                    i.ToString(System.Globalization.CultureInfo.InvariantCulture), tokens[i].Width.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            layers.Add(new LayerSpec(tokens[i].Width, layerActivation));
        }

        ActivationKind outputActivation = layers[layers.Count - 1].Activation;
        if (loss == LossKind.CrossEntropy && outputActivation is not (ActivationKind.Softmax or ActivationKind.Sigmoid))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedLossPairing,
                arguments.NamedLocation("Loss"), outputActivation.ToString()));
        }

        CheckSize(tokens[0].Width, layers, bias, arguments, diagnostics);

        if (diagnostics.Count > errorsBefore)
        {
            return null;
        }
        int weights = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            weights += layers[i].Width * (i == 0 ? tokens[0].Width : layers[i - 1].Width);
        }
        var (style, reason) = CodeStylePolicy.Resolve(codeStyle, weights);
        string weightText = weights.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Location classLocation = classSymbol.Locations.FirstOrDefault() ?? Location.None;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CodeStyleChosen, classLocation,
            classSymbol.Name, weightText, style == CodeStyleKind.Unrolled ? "unrolled code" : "loops", reason));
        if (codeStyle == CodeStyleKind.Unrolled && style == CodeStyleKind.Loops)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnrolledRefused, arguments.NamedLocation("CodeStyle"), classSymbol.Name, weightText,
                CodeStylePolicy.UnrollHardMaxWeights.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
        }
        else if (style == CodeStyleKind.Unrolled && weights > CodeStylePolicy.JitCliffWeights)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnrolledTooLarge, arguments.NamedLocation("CodeStyle"), classSymbol.Name, weightText));
        }
        return new NetworkSpec(
            TypeShapeReader.Read(classSymbol), topology, tokens[0].Width, layers.ToEquatableArray(),
            bias, trainBiases, loss, precision, slope, style);
    }

    private static void CheckSize(int inputs, List<LayerSpec> layers, BiasKind bias, AttributeArguments arguments, List<DiagnosticInfo> diagnostics)
    {
        long parameters = 0;
        long units = 0;
        int fanIn = inputs;
        foreach (LayerSpec layer in layers)
        {
            parameters += (long)layer.Width * fanIn + (bias == BiasKind.PerNeuron ? layer.Width : 1);
            units += layer.Width;
            fanIn = layer.Width;
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (parameters > MaxParameters)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, arguments.Constructor(0),
                parameters.ToString("N0", invariant) + " parameters", MaxParameters.ToString("N0", invariant) + " parameters"));
        }
        else if (units > MaxUnits)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkTooLarge, arguments.Constructor(0),
                units.ToString("N0", invariant) + " hidden and output units", MaxUnits.ToString("N0", invariant) + " hidden and output units"));
        }
    }

    private static DiagnosticInfo TopologyError(string topology, TopologyParser.Error error, AttributeArguments arguments)
    {
        Location? where = arguments.InsideStringLiteral(0, error.Start, error.Length);
        return error.Kind switch
        {
            TopologyParser.ErrorKind.Width => DiagnosticInfo.Create(DiagnosticDescriptors.InvalidLayerWidth, where,
                error.Detail, TopologyParser.MaxWidth.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            TopologyParser.ErrorKind.UnknownActivation => DiagnosticInfo.Create(DiagnosticDescriptors.UnknownActivation, where, error.Detail),
            _ => DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTopology, where, topology, error.Detail),
        };
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;
using NetGen.Generator.Onnx;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;

namespace NetGen.Generator;

/// <summary>
/// Generates Forward, Backward and TrainStep for every class marked <c>[NetGen.Network]</c>.
/// Parse (symbols to a plain model) and emit (model to text) are separate steps, so that an edit
/// that does not change a network's model re-emits nothing. This method owns the whole graph: both
/// paths (by topology, and by ONNX model) end in specs and diagnostics that it emits and reports.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    private const string AttributeName = "NetGen.NetworkAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParsedDeclaration> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (ctx, ct) => ParseSafely(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (declaration, _) => declaration.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        IncrementalValuesProvider<NetworkSpec> specs = parsed
            .Where(static declaration => declaration is ParsedDeclaration.Network)
            .Select(static (declaration, _) => declaration.SpecOrNull!)
            .WithTrackingName(TrackingNames.Specs);

        // Declarations that name an ONNX model wait for the model files.
        IncrementalValuesProvider<OnnxImportRequest> requests = parsed
            .Where(static declaration => declaration is ParsedDeclaration.OnnxRequest)
            .Select(static (declaration, _) => declaration.RequestOrNull!)
            .WithTrackingName(TrackingNames.OnnxRequests);
        IncrementalValuesProvider<ParsedDeclaration> imports = OnnxImportPipeline.Resolve(context, requests);
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> onnxDiagnostics = imports
            .Select(static (declaration, _) => declaration.Diagnostics)
            .WithTrackingName(TrackingNames.OnnxDiagnostics);
        IncrementalValuesProvider<NetworkSpec> onnxSpecs = imports
            .Where(static declaration => declaration is ParsedDeclaration.Network)
            .Select(static (declaration, _) => declaration.SpecOrNull!)
            .WithTrackingName(TrackingNames.OnnxSpecs);

        // File names must be unique ignoring case across both paths, so each network's name is checked
        // against every other's: only the names are collected, so an edit to one network re-emits only it.
        IncrementalValueProvider<EquatableArray<string>> hintNames = specs.Select(static (spec, _) => spec.Type.HintName).Collect()
            .Combine(onnxSpecs.Select(static (spec, _) => spec.Type.HintName).Collect())
            .Select(static (pair, _) => pair.Left.Concat(pair.Right).ToEquatableArray())
            .WithTrackingName(TrackingNames.HintNames);
        RegisterOutputs(context, specs, hintNames, TrackingNames.Outputs);
        RegisterOutputs(context, onnxSpecs, hintNames, TrackingNames.OnnxOutputs);

        context.RegisterSourceOutput(
            diagnostics.Collect().Combine(onnxDiagnostics.Collect()).Combine(context.CompilationProvider).WithTrackingName(TrackingNames.ReportDiagnostics),
            static (spc, input) => Report(spc, input.Left.Left.Concat(input.Left.Right), input.Right));
    }

    private static void RegisterOutputs(
        IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<NetworkSpec> specs,
        IncrementalValueProvider<EquatableArray<string>> hintNames, string trackingName)
    {
        IncrementalValuesProvider<GeneratedNetwork> networks = specs
            .Combine(hintNames)
            .Select(static (pair, _) => new GeneratedNetwork(pair.Left, HintNames.Unique(pair.Left.Type.HintName, pair.Right)))
            .WithTrackingName(trackingName);
        context.RegisterSourceOutput(networks, static (spc, network) =>
            spc.AddSource(network.HintName + ".NetGen.g.cs", SourceText.From(NetworkEmitter.Emit(network.Spec), System.Text.Encoding.UTF8)));
    }

    /// <summary>
    /// A generator that throws takes the user's whole build down (CS8785). Parsing is written not to
    /// throw; this is the last line of defence, reported as a diagnostic instead.
    /// </summary>
    private static ParsedDeclaration ParseSafely(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            var diagnostics = new List<DiagnosticInfo>();
            NetworkDeclaration? declaration = NetworkParser.ReadClass(context, diagnostics, cancellationToken);
            if (declaration is null)
            {
                return new ParsedDeclaration.Rejected(diagnostics.ToEquatableArray());
            }
            return OnnxImportParser.NamesModel(declaration.Attribute)
                ? OnnxImportParser.Parse(declaration, diagnostics)
                : NetworkParser.ReadNetwork(declaration, diagnostics);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var info = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, context.TargetNode.GetLocation(),
                $"NetGen could not read this [Network] attribute ({exception.GetType().Name}); please report it with the attribute's text.");
            return new ParsedDeclaration.Rejected(new EquatableArray<DiagnosticInfo>(new[] { info }));
        }
    }

    /// <summary>
    /// Reports diagnostics against the compilation's syntax trees so that their locations are in source
    /// (suppressible by #pragma, shown on the code). Only this step sees the Compilation: it re-runs on
    /// every edit, but it only maps a few spans to trees, and the per-class steps before it stay cached.
    /// </summary>
    private static void Report(SourceProductionContext context, IEnumerable<EquatableArray<DiagnosticInfo>> lists, Compilation compilation)
    {
        Dictionary<string, SyntaxTree>? treesByPath = null;
        foreach (EquatableArray<DiagnosticInfo> list in lists)
        {
            foreach (DiagnosticInfo info in list)
            {
                treesByPath ??= TreesByPath(compilation);
                context.ReportDiagnostic(info.ToDiagnostic(treesByPath));
            }
        }
    }

    /// <summary>The compilation's trees by file path; a path shared by several trees maps to none.</summary>
    private static Dictionary<string, SyntaxTree> TreesByPath(Compilation compilation)
    {
        var trees = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (!ambiguous.Contains(tree.FilePath) && !trees.ContainsKey(tree.FilePath))
            {
                trees.Add(tree.FilePath, tree);
            }
            else
            {
                trees.Remove(tree.FilePath);
                ambiguous.Add(tree.FilePath);
            }
        }
        return trees;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// Generates Forward, Backward and TrainStep for every class marked <c>[NetGen.Network]</c>.
/// Parse (symbols to a plain model) and emit (model to text) are separate steps, so that an edit
/// that does not change a network's model re-emits nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    private const string AttributeName = "NetGen.NetworkAttribute";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkParser.Result> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (ctx, ct) => ParseSafely(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        ReportInSource(context, diagnostics);

        IncrementalValuesProvider<NetworkSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Specs);
        context.RegisterSourceOutput(specs, static (spc, spec) => AddSource(spc, spec));

        Onnx.OnnxImportPipeline.Register(context, parsed);
    }

    internal static void AddSource(SourceProductionContext context, NetworkSpec spec) =>
        context.AddSource(HintName(spec), SourceText.From(NetworkEmitter.Emit(spec), System.Text.Encoding.UTF8));

    /// <summary>
    /// A generator that throws takes the user's whole build down (CS8785). Parsing is written not to
    /// throw; this is the last line of defence, reported as a diagnostic instead.
    /// </summary>
    private static NetworkParser.Result ParseSafely(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return NetworkParser.Parse(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var info = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, context.TargetNode.GetLocation(),
                $"NetGen could not read this [Network] attribute ({exception.GetType().Name}); please report it with the attribute's text.");
            return new NetworkParser.Result(null, new EquatableArray<DiagnosticInfo>(new[] { info }));
        }
    }

    /// <summary>
    /// Reports diagnostics against the compilation's syntax trees so that their locations are in source
    /// (suppressible by #pragma, shown on the code). Only this step sees the Compilation: it re-runs on
    /// every edit, but it only maps a few spans to trees, and the per-class steps before it stay cached.
    /// </summary>
    internal static void ReportInSource(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics) =>
        context.RegisterSourceOutput(
            diagnostics.Collect().Combine(context.CompilationProvider).WithTrackingName(TrackingNames.ReportDiagnostics),
            static (spc, pair) => Report(spc, pair.Left, pair.Right));

    private static void Report(SourceProductionContext context, ImmutableArray<EquatableArray<DiagnosticInfo>> lists, Compilation compilation)
    {
        Dictionary<string, SyntaxTree>? treesByPath = null;
        foreach (EquatableArray<DiagnosticInfo> list in lists)
        {
            foreach (DiagnosticInfo info in list)
            {
                treesByPath ??= TreesByPath(compilation);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ById[info.Id],
                    info.Location?.ToLocation(treesByPath),
                    messageArgs: System.Linq.Enumerable.ToArray<object>(info.Arguments)));
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

    private static string HintName(NetworkSpec spec) =>
        spec.Type.HintName + ".NetGen.g.cs";
}

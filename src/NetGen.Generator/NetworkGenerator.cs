using System;
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
                predicate: static (node, _) => node is ClassDeclarationSyntax,
                transform: static (ctx, ct) => ParseSafely(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo info in list)
            {
                spc.ReportDiagnostic(ToDiagnostic(info));
            }
        });

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

    internal static Diagnostic ToDiagnostic(DiagnosticInfo info) =>
        Diagnostic.Create(
            DiagnosticDescriptors.ById[info.Id],
            info.Location?.ToLocation(),
            messageArgs: System.Linq.Enumerable.ToArray<object>(info.Arguments));

    private static string HintName(NetworkSpec spec) =>
        spec.Type.FullyQualifiedName.Replace('<', '{').Replace('>', '}').Replace(", ", ",") + ".NetGen.g.cs";
}

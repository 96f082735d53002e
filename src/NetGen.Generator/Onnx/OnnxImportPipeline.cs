using System;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Onnx;

/// <summary>
/// The steps that compile <c>[Network(OnnxModel = "...")]</c> declarations: each <c>.onnx</c>
/// AdditionalFiles item is read once into an equatable <see cref="OnnxModelFile"/> (compared by content
/// hash), each declaration is joined with the models and resolved to a spec, and the spec is emitted
/// like any other network.
/// </summary>
internal static class OnnxImportPipeline
{
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<NetworkParser.Result> parsed)
    {
        IncrementalValuesProvider<OnnxImportRequest> requests = parsed
            .Where(static result => result.OnnxImport is not null)
            .Select(static (result, _) => result.OnnxImport!)
            .WithTrackingName(TrackingNames.OnnxRequests);

        IncrementalValueProvider<System.Collections.Immutable.ImmutableArray<OnnxModelFile>> models = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => OnnxModelLoader.Load(text.Path, cancellationToken))
            .WithTrackingName(TrackingNames.OnnxModels)
            .Collect();

        IncrementalValuesProvider<NetworkParser.Result> imports = requests
            .Combine(models)
            .Select(static (pair, _) => OnnxImportResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.OnnxImports);

        NetworkGenerator.ReportInSource(context, imports.Select(static (result, _) => result.Diagnostics));
        context.RegisterSourceOutput(
            imports.Where(static result => result.Spec is not null).Select(static (result, _) => result.Spec!),
            static (spc, spec) => NetworkGenerator.AddSource(spc, spec));
    }
}

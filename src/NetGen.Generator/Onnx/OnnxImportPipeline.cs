using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>
/// The steps that compile <c>[Network(OnnxModel = "...")]</c> declarations: each <c>.onnx</c>
/// AdditionalFiles item is read once into an equatable <see cref="OnnxModelFile"/> (compared by content
/// hash), and each request is joined with the models and resolved to a spec or the diagnostics that say
/// why not. <see cref="NetworkGenerator"/> emits and reports them with the attribute path's.
/// </summary>
internal static class OnnxImportPipeline
{
    public static IncrementalValuesProvider<ParsedDeclaration> Resolve(
        IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<OnnxImportRequest> requests)
    {
        IncrementalValueProvider<ImmutableArray<OnnxModelFile>> models = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => OnnxModelLoader.Load(text.Path, cancellationToken))
            .WithTrackingName(TrackingNames.OnnxModels)
            .Collect();

        return requests
            .Combine(models)
            .Select(static (pair, _) => OnnxImportResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.OnnxImports);
    }
}

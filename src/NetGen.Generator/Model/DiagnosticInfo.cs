using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Model;

/// <summary>A location as plain data (a Roslyn <see cref="Location"/> holds the syntax tree alive).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>
    /// The location in the compilation's own syntax tree of that path, so that the diagnostic is in
    /// source: <c>#pragma warning disable</c> and .editorconfig severities apply to it, and the IDE shows
    /// it on the code. Falls back to an external (file + line) location only when no tree matches.
    /// </summary>
    public Location ToLocation(IReadOnlyDictionary<string, SyntaxTree> treesByPath) =>
        treesByPath.TryGetValue(FilePath, out SyntaxTree? tree) && tree is not null && Span.End <= tree.Length
            ? Location.Create(tree, Span)
            : Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>
/// A diagnostic as plain equatable data: its descriptor (an equatable, immutable object that holds no
/// compilation, as the runtime's generators keep it), where, and the message arguments.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public string Id => Descriptor.Id;

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, LocationInfo.From(location), new EquatableArray<string>(arguments));

    public static DiagnosticInfo At(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic(IReadOnlyDictionary<string, SyntaxTree> treesByPath) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(treesByPath), messageArgs: System.Linq.Enumerable.ToArray<object>(Arguments));
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads where a class lives (namespace and enclosing types) into a <see cref="TypeShape"/>.</summary>
internal static class TypeShapeReader
{
    public static TypeShape Read(INamedTypeSymbol classSymbol)
    {
        var containing = new List<string>();
        for (INamedTypeSymbol? outer = classSymbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            containing.Insert(0, $"partial {Keyword(outer)} {outer.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}");
        }
        string? ns = classSymbol.ContainingNamespace.IsGlobalNamespace ? null : classSymbol.ContainingNamespace.ToDisplayString();
        string fullName = classSymbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        return new TypeShape(ns, containing.ToEquatableArray(), classSymbol.Name, fullName);
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}

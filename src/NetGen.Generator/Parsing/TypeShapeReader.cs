using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Reads where a class lives (namespace and enclosing types) into a <see cref="TypeShape"/>.</summary>
internal static class TypeShapeReader
{
    public static TypeShape Read(INamedTypeSymbol classSymbol)
    {
        var containing = new List<string>();
        var hint = new List<string>();
        for (INamedTypeSymbol? outer = classSymbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            string typeParameters = outer.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", outer.TypeParameters.Select(t => Identifier(t.Name))) + ">";
            containing.Insert(0, $"partial {Keyword(outer)} {Identifier(outer.Name)}{typeParameters}");
            hint.Insert(0, outer.TypeParameters.Length == 0 ? outer.Name : $"{outer.Name}{{{string.Join(",", outer.TypeParameters.Select(t => t.Name))}}}");
        }
        var namespaces = new List<string>();
        for (INamespaceSymbol? ns = classSymbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            namespaces.Insert(0, ns.Name);
        }
        string? namespaceName = namespaces.Count == 0 ? null : string.Join(".", namespaces.Select(Identifier));
        string hintName = HintSafe(string.Join(".", namespaces.Concat(hint).Append(classSymbol.Name)));
        // Inside a generic container, a type parameter of the same name hides the class's simple name (C#
        // looks at the enclosing type's type parameters before its members); the full name still means it.
        bool hidden = classSymbol.ContainingType?.TypeParameters.Any(t => t.Name == classSymbol.Name) == true;
        string self = hidden ? FullName(classSymbol) : Identifier(classSymbol.Name);
        return new TypeShape(namespaceName, containing.ToEquatableArray(), Identifier(classSymbol.Name), self, hintName);
    }

    /// <summary>
    /// global::Namespace.Outer&lt;T&gt;.Class with every part escaped (SymbolDisplayFormat.FullyQualifiedFormat
    /// leaves a keyword such as 'event' bare).
    /// </summary>
    private static string FullName(INamedTypeSymbol type)
    {
        string name = Identifier(type.Name) + (type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(t => Identifier(t.Name))) + ">");
        if (type.ContainingType is not null)
        {
            return FullName(type.ContainingType) + "." + name;
        }
        var namespaces = new List<string>();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            namespaces.Insert(0, Identifier(ns.Name));
        }
        return "global::" + string.Join(".", namespaces.Append(name));
    }

    /// <summary>The name as C# can write it: keywords (class) and contextual keywords (record) get an '@'.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>
    /// Hint names allow only a few characters: ASCII letters, digits, '.', '{', '}' and ',' stay; '_' becomes
    /// "__" and every other character "_xxxx" (its UTF-16 code in hex), so that distinct names stay distinct.
    /// </summary>
    private static string HintSafe(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c < 128 && (char.IsLetterOrDigit(c) || c is '.' or '{' or '}' or ','))
            {
                text.Append(c);
            }
            else if (c == '_')
            {
                text.Append("__");
            }
            else
            {
                text.Append('_').Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return text.ToString();
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

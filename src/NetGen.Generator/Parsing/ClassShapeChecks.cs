using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// What the class must be for NetGen to add a part to it: partial (and its containers), not static,
/// not generic, not file-local, without a member or a name that NetGen generates (NG0001-NG0008).
/// </summary>
internal static class ClassShapeChecks
{
    public static void Check(INamedTypeSymbol classSymbol, TypeDeclarationSyntax classSyntax, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
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
        if (GeneratedMembers.IsReserved(classSymbol.Name))
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
            if (!member.IsImplicitlyDeclared && GeneratedMembers.IsReserved(member.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberAlreadyDeclared, member.Locations.FirstOrDefault() ?? nameLocation, classSymbol.Name, member.Name));
            }
        }
    }
}

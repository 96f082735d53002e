using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using NetGen.Generator.Diagnostics;

namespace NetGen.CodeFixes;

/// <summary>
/// Adds the <c>partial</c> modifier that NetGen needs: to the [Network] class (NG0001), or to the types
/// that enclose it (NG0002). The diagnostics come from the generator; they point at the class's name.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <summary>NG0001: the class is not partial. NG0002: an enclosing type is not partial.</summary>
    public const string ClassNotPartial = DiagnosticIds.ClassNotPartial, ContainingTypeNotPartial = DiagnosticIds.ContainingTypeNotPartial;

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(ClassNotPartial, ContainingTypeNotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            TypeDeclarationSyntax? declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null)
            {
                continue;
            }
            var targets = diagnostic.Id == ClassNotPartial
                ? new[] { declaration }
                : declaration.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToArray();
            if (targets.Length == 0)
            {
                continue;
            }
            string title = diagnostic.Id == ClassNotPartial
                ? $"Make '{declaration.Identifier.ValueText}' partial"
                : $"Make {string.Join(", ", targets.Select(t => "'" + t.Identifier.ValueText + "'"))} partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddPartialAsync(context.Document, targets, ct), equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax[] declarations, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (TypeDeclarationSyntax declaration in declarations)
        {
            // SyntaxGenerator puts 'partial' last among the modifiers (where C# requires it) and keeps the trivia.
            editor.SetModifiers(declaration, editor.Generator.GetModifiers(declaration).WithPartial(true));
        }
        return editor.GetChangedDocument();
    }
}

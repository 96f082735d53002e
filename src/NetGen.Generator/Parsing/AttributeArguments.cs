using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads the values of one <c>[Network(...)]</c> application and finds where each argument is written,
/// so that a diagnostic points at the argument at fault rather than at the whole attribute.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData _attribute;
    private readonly AttributeSyntax? _syntax;

    public AttributeArguments(AttributeData attribute, AttributeSyntax? syntax)
    {
        _attribute = attribute;
        _syntax = syntax;
    }

    private Location? Whole => _syntax?.GetLocation();

    /// <summary>The location of the constructor argument at <paramref name="index"/>, else the whole attribute.</summary>
    public Location? Constructor(int index)
    {
        var positional = _syntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null).ToList();
        if (positional is null)
        {
            return Whole;
        }
        string parameterName = index == 0 ? "topology" : "activation";
        AttributeArgumentSyntax? argument =
            positional.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName)
            ?? (index < positional.Count && positional[index].NameColon is null ? positional[index] : null);
        return argument?.Expression.GetLocation() ?? Whole;
    }

    /// <summary>The location of a named property argument, else the whole attribute.</summary>
    public Location? NamedLocation(string name) =>
        _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression.GetLocation()
        ?? Whole;

    public TypedConstant? Named(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> pair in _attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value;
            }
        }
        return null;
    }

    /// <summary>
    /// The characters [start, start + length) of the string constant in constructor argument
    /// <paramref name="index"/>, when it is written as a plain literal without escapes; otherwise the
    /// whole argument.
    /// </summary>
    public Location? InsideStringLiteral(int index, int start, int length)
    {
        Location? argument = Constructor(index);
        if (argument?.SourceTree is null)
        {
            return argument;
        }
        SyntaxNode node = argument.SourceTree.GetRoot().FindNode(argument.SourceSpan, getInnermostNodeForTie: true);
        if (node is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken))
        {
            string text = literal.Token.Text;
            int quote = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : text.StartsWith("\"", StringComparison.Ordinal) ? 1 : -1;
            bool oneToOne = quote > 0 && text.Length == literal.Token.ValueText.Length + quote + 1 && text.IndexOf('\\') < 0;
            if (oneToOne)
            {
                var span = new TextSpan(literal.Token.SpanStart + quote + start, length);
                return Location.Create(argument.SourceTree, span);
            }
        }
        return argument;
    }

    public TEnum ReadEnum<TEnum>(int index, string name, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum
    {
        object? value = _attribute.ConstructorArguments.Length > index ? _attribute.ConstructorArguments[index].Value : null;
        return ToEnum<TEnum>(value, default, Constructor(index), name, diagnostics);
    }

    public TEnum ReadNamedEnum<TEnum>(string name, TEnum fallback, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum =>
        Named(name) is { } constant ? ToEnum(constant.Value, fallback, NamedLocation(name), name, diagnostics) : fallback;

    private static TEnum ToEnum<TEnum>(object? value, TEnum fallback, Location? location, string name, List<DiagnosticInfo> diagnostics)
        where TEnum : struct, Enum
    {
        if (value is int number && Enum.IsDefined(typeof(TEnum), number))
        {
            return (TEnum)Enum.ToObject(typeof(TEnum), number);
        }
        string names = string.Join(", ", Enum.GetNames(typeof(TEnum)));
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidArgument, location,
            $"'{value}' is not a valid value for {name}; use one of {names}."));
        return fallback;
    }
}

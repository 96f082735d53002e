using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>One step of the derivation: a section heading or a named term.</summary>
internal abstract record DerivationStep;

/// <summary>What a section holds, so that a dialect can describe it in its own words (lanes: "lane k of i1 is ...").</summary>
internal enum SectionKind
{
    Inputs,
    Targets,
    Other,
}

/// <summary>A heading comment (one or more lines) before a group of terms, after a blank line.</summary>
internal sealed record Section(SectionKind Kind, IReadOnlyList<string> Lines) : DerivationStep
{
    public Section(string line)
        : this(SectionKind.Other, new[] { line })
    {
    }
}

/// <summary>
/// A named local: <c>Name = Value</c>, with the one chain-rule comment that says what it is (null where
/// the name says it all, as for <c>sum_h1</c>).
/// </summary>
internal record Term(string Name, Expr Value, string? Comment) : DerivationStep;

/// <summary>dE/dparameter for one trainable parameter: a term whose value a gradient sink also consumes.</summary>
internal sealed record GradientTerm(PlannedParameter Parameter, Expr Value, string Comment)
    : Term("dE_d" + Parameter.Name, Value, Comment);

/// <summary>
/// The chain rule of one network as data, built once by <see cref="DerivationBuilder"/>: the forward terms,
/// then the loss, the deltas and the gradients, each a named term with its comment. The scalar, SIMD-lane and
/// formula dialects spell the same steps, so the comments and the arithmetic cannot drift apart.
/// </summary>
internal sealed class Derivation
{
    public Derivation(IReadOnlyList<DerivationStep> forward, IReadOnlyList<DerivationStep> backward,
        IReadOnlyList<string> outputs, IReadOnlyList<GradientTerm> gradients)
    {
        Forward = forward;
        Backward = backward;
        Outputs = outputs;
        Gradients = gradients;
    }

    /// <summary>Inputs, weighted sums and activations, up to the outputs.</summary>
    public IReadOnlyList<DerivationStep> Forward { get; }

    /// <summary>After <see cref="Forward"/>: targets, errors, E_total, then every delta and gradient, output layer first.</summary>
    public IReadOnlyList<DerivationStep> Backward { get; }

    /// <summary>The terms that are the network's outputs, in output order.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The gradient of every trainable parameter, in parameter order.</summary>
    public IReadOnlyList<GradientTerm> Gradients { get; }
}

using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>
/// A small expression tree: the right-hand side of one term of the derivation. Its shape is the
/// evaluation order (left-associative, as written), so every dialect that spells it computes the same
/// value in the same order: a dialect chooses words and parentheses, never the order of operations.
/// </summary>
internal abstract record Expr
{
    public static Expr operator +(Expr a, Expr b) => new Add(new[] { a, b });

    public static Expr operator -(Expr a, Expr b) => new Sub(a, b);

    public static Expr operator *(Expr a, Expr b) => new Mul(a, b);

    public static Expr operator /(Expr a, Expr b) => new Div(a, b);

    public static Expr operator -(Expr a) => new Neg(a);

    public static implicit operator Expr(double value) => new Lit(value);
}

/// <summary>Another term of the derivation, by name: <c>out_h1</c>, <c>dE_dsum_o1</c>.</summary>
internal sealed record Ref(string Name) : Expr;

/// <summary>A parameter of the network; the parameter storage decides how it is read.</summary>
internal sealed record Param(PlannedParameter Parameter) : Expr;

/// <summary>Value <see cref="Index"/> of one sample's input row.</summary>
internal sealed record Input(int Index) : Expr;

/// <summary>Value <see cref="Index"/> of one sample's target row.</summary>
internal sealed record Target(int Index) : Expr;

/// <summary>A number, written in the network's precision.</summary>
internal sealed record Lit(double Value) : Expr;

/// <summary>Terms added left to right: <c>a + b + c</c> is <c>(a + b) + c</c>.</summary>
internal sealed record Add(IReadOnlyList<Expr> Terms) : Expr;

internal sealed record Sub(Expr Left, Expr Right) : Expr;

internal sealed record Mul(Expr Left, Expr Right) : Expr;

internal sealed record Div(Expr Left, Expr Right) : Expr;

internal sealed record Neg(Expr Operand) : Expr;

/// <summary>A function of the math library: Exp, Log, Tanh, Abs, Max.</summary>
internal sealed record Call(MathFunction Function, IReadOnlyList<Expr> Arguments) : Expr;

/// <summary><c>IfPositive</c> where <c>Condition</c> &gt; 0, else <c>Otherwise</c> (ReLU and its kin).</summary>
internal sealed record WherePositive(Expr Condition, Expr IfPositive, Expr Otherwise) : Expr;

/// <summary>
/// <c>Then</c> where <c>Left == Right</c>, else <c>Otherwise</c>: which value of a pooling window was the
/// largest, and where a max pool sends its gradient.
/// </summary>
internal sealed record WhereEqual(Expr Left, Expr Right, Expr Then, Expr Otherwise) : Expr;

internal enum MathFunction
{
    Exp,
    Log,
    Tanh,
    Abs,
    Max,
}

/// <summary>Shorthands that keep the builders reading like the formulas they write.</summary>
internal static class E
{
    public static Expr Exp(Expr x) => new Call(MathFunction.Exp, new[] { x });

    public static Expr Log(Expr x) => new Call(MathFunction.Log, new[] { x });

    public static Expr Tanh(Expr x) => new Call(MathFunction.Tanh, new[] { x });

    public static Expr Abs(Expr x) => new Call(MathFunction.Abs, new[] { x });

    public static Expr Max(Expr a, Expr b) => new Call(MathFunction.Max, new[] { a, b });

    public static Expr Sum(IReadOnlyList<Expr> terms) => terms.Count == 1 ? terms[0] : new Add(terms);

    /// <summary>Max(Max(a, b), c): the items folded from the left.</summary>
    public static Expr MaxOf(IReadOnlyList<Expr> items)
    {
        Expr result = items[0];
        for (int k = 1; k < items.Count; k++)
        {
            result = Max(result, items[k]);
        }
        return result;
    }
}

using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting.Dialects;

/// <summary>
/// Spells the derivation's expressions in one language: scalar C#, C# over SIMD lanes, or the readable
/// formulas of Explain. The printer here owns precedence and parentheses, so every dialect keeps the
/// tree's evaluation order; a dialect only chooses how leaves, literals and functions are written.
/// </summary>
internal abstract class Dialect
{
    private const int Conditional = 0, Additive = 1, Multiplicative = 2, Unary = 3, Primary = 4;

    /// <summary>
    /// Where an expression stands. Lanes care: an operand of + or - (or a function's argument) must be a
    /// vector, while a factor of * (or a divisor) may stay a scalar, such as a weight or a literal.
    /// </summary>
    protected enum Slot
    {
        Operand,
        Factor,
    }

    /// <summary>The text of <paramref name="expression"/>.</summary>
    public string Render(Expr expression) => Print(expression, Slot.Operand);

    /// <summary>The declaration of a local named <paramref name="name"/> holding <paramref name="value"/>.</summary>
    public abstract string Declare(string name, string value);

    /// <summary>The comment lines of a section heading; lanes say what a lane holds.</summary>
    public virtual IReadOnlyList<string> Heading(Section section) => section.Lines;

    protected abstract string Reference(string name);

    protected abstract string Parameter(PlannedParameter parameter, Slot slot);

    protected abstract string InputValue(int index);

    protected abstract string TargetValue(int index);

    protected abstract string Literal(double value, Slot slot);

    protected abstract string Function(MathFunction function, IReadOnlyList<string> arguments);

    /// <summary>Whether the dialect writes <see cref="WherePositive"/> as a call (lanes) rather than <c>c &gt; 0 ? a : b</c>.</summary>
    protected virtual bool SelectIsCall => false;

    protected virtual string SelectCall(string condition, string ifPositive, string otherwise) =>
        throw new System.NotSupportedException();

    /// <summary><see cref="WhereEqual"/> as a call, for dialects that write <see cref="WherePositive"/> as one.</summary>
    protected virtual string EqualSelectCall(string left, string right, string then, string otherwise) =>
        throw new System.NotSupportedException();

    /// <summary>The literal 0 as the right side of the comparison in <c>c &gt; 0 ? a : b</c>.</summary>
    protected virtual string Zero => Literal(0, Slot.Factor);

    private string Print(Expr e, Slot slot) => e switch
    {
        Ref r => Reference(r.Name),
        Param p => Parameter(p.Parameter, slot),
        Input i => InputValue(i.Index),
        Target t => TargetValue(t.Index),
        Lit l => Literal(l.Value, slot),
        Add a => string.Join(" + ", a.Terms.Select((term, k) => Wrap(term, k == 0 ? Additive : Additive + 1, Slot.Operand))),
        Sub s => Wrap(s.Left, Additive, Slot.Operand) + " - " + Wrap(s.Right, Additive + 1, Slot.Operand),
        Mul m => Wrap(m.Left, Multiplicative, Slot.Factor) + " * " + Wrap(m.Right, Multiplicative + 1, Slot.Factor),
        Div d => Wrap(d.Left, Multiplicative, Slot.Operand) + " / " + Wrap(d.Right, Multiplicative + 1, Slot.Factor),
        Neg n => "-" + Wrap(n.Operand, Unary, slot),
        Call c => Function(c.Function, c.Arguments.Select(argument => Print(argument, Slot.Operand)).ToList()),
        WherePositive w when SelectIsCall => SelectCall(Print(w.Condition, Slot.Operand), Print(w.IfPositive, Slot.Operand), Print(w.Otherwise, Slot.Operand)),
        WherePositive w => $"{Wrap(w.Condition, Additive, Slot.Operand)} > {Zero} ? {Wrap(w.IfPositive, Additive, slot)} : {Wrap(w.Otherwise, Additive, slot)}",
        WhereEqual q when SelectIsCall => EqualSelectCall(Print(q.Left, Slot.Operand), Print(q.Right, Slot.Operand), Print(q.Then, Slot.Operand), Print(q.Otherwise, Slot.Operand)),
        WhereEqual q => $"{Wrap(q.Left, Additive, Slot.Operand)} == {Wrap(q.Right, Additive, Slot.Operand)} ? {Wrap(q.Then, Additive, slot)} : {Wrap(q.Otherwise, Additive, slot)}",
        _ => throw new System.ArgumentOutOfRangeException(nameof(e), e, "Unknown expression."),
    };

    private string Wrap(Expr e, int minimum, Slot slot)
    {
        string text = Print(e, slot);
        return Precedence(e) < minimum ? "(" + text + ")" : text;
    }

    private int Precedence(Expr e) => e switch
    {
        Add or Sub => Additive,
        Mul or Div => Multiplicative,
        Neg => Unary,
        Lit l when l.Value < 0 => Unary,
        WherePositive or WhereEqual => SelectIsCall ? Primary : Conditional,
        _ => Primary,
    };
}

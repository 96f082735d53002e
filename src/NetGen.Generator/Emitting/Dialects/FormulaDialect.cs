using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting.Dialects;

/// <summary>
/// The formulas Explain reports, as a person writes them: <c>w_h1_i1 * i1 + w_h1_i2 * i2 + b_h</c>,
/// <c>1.0 / (1.0 + Exp(-sum_h1))</c>. In template form every name is a hole (<c>{0} * {1} + ...</c>)
/// that the generated code fills with the value it computed with, so the numbers are substituted from
/// the same tree, not recovered from text.
/// </summary>
internal sealed class FormulaDialect : Dialect
{
    private readonly Numeric _n;
    private readonly Dialect _values;
    private List<string>? _holes;

    /// <param name="values">The dialect that spells, in the generated code, the value behind each name.</param>
    public FormulaDialect(Numeric numeric, Dialect values)
    {
        _n = numeric;
        _values = values;
    }

    /// <summary>
    /// The formula with a hole <c>{k}</c> for each name, and the generated code's expression for the value of
    /// each hole, in order.
    /// </summary>
    public (string Template, IReadOnlyList<string> Values) Template(Expr expression)
    {
        _holes = new List<string>();
        try
        {
            string template = Render(expression);
            return (template, _holes);
        }
        finally
        {
            _holes = null;
        }
    }

    public override string Declare(string name, string value) => $"{name} = {value}";

    protected override string Reference(string name) => Hole(name, name);

    protected override string Parameter(PlannedParameter parameter, Slot slot) =>
        Hole(parameter.Name, _values.Render(new Param(parameter)));

    protected override string InputValue(int index) => $"input[{CSharpText.Number(index)}]";

    protected override string TargetValue(int index) => $"target[{CSharpText.Number(index)}]";

    protected override string Literal(double value, Slot slot) => _n.Literal(value);

    protected override string Function(MathFunction function, IReadOnlyList<string> arguments) =>
        $"{function}({string.Join(", ", arguments)})";

    private string Hole(string name, string value)
    {
        if (_holes is null)
        {
            return name;
        }
        _holes.Add(value);
        return "{" + CSharpText.Number(_holes.Count - 1) + "}";
    }
}

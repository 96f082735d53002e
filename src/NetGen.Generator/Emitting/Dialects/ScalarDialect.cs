using System.Collections.Generic;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting.Dialects;

/// <summary>Straight-line C# over <c>double</c> or <c>float</c> locals: what Forward, Backward and TrainStep run.</summary>
internal sealed class ScalarDialect : Dialect
{
    private readonly Numeric _n;
    private readonly ParameterStorage _storage;

    public ScalarDialect(Numeric numeric, ParameterStorage storage)
    {
        _n = numeric;
        _storage = storage;
    }

    public override string Declare(string name, string value) => $"{_n.Type} {name} = {value};";

    protected override string Reference(string name) => name;

    protected override string Parameter(PlannedParameter parameter, Slot slot) => _storage.Read(parameter);

    protected override string InputValue(int index) => $"input[{CSharpText.Number(index)}]";

    protected override string TargetValue(int index) => $"target[{CSharpText.Number(index)}]";

    protected override string Literal(double value, Slot slot) => _n.Literal(value);

    protected override string Function(MathFunction function, IReadOnlyList<string> arguments) =>
        $"{_n.Math}.{function}({string.Join(", ", arguments)})";
}

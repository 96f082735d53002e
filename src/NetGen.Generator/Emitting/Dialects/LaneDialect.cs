using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting.Dialects;

/// <summary>
/// The same terms over <c>Vector256</c> locals whose lane k holds the value for sample k of a block (4 doubles
/// or 8 floats), so one <c>Vector256.Exp</c> serves every sample of the block. Parameters and literals stay
/// scalars where they scale a vector (<c>p.w_o1_h1 * out_h1</c>) and become vectors where they are added
/// (<c>Vector256.Create(p.b_h)</c>; 0, 1 and 2 are the locals <c>zero</c>, <c>one</c> and <c>two</c>).
/// </summary>
internal sealed class LaneDialect : Dialect
{
    public const string Vector = "global::System.Runtime.Intrinsics.Vector256";

    private readonly Numeric _n;
    private readonly ParameterStorage _storage;
    private readonly int _inputCount;
    private readonly int _outputCount;

    public LaneDialect(Numeric numeric, ParameterStorage storage, int inputCount, int outputCount)
    {
        _n = numeric;
        _storage = storage;
        _inputCount = inputCount;
        _outputCount = outputCount;
    }

    /// <summary>Samples per block: the lanes of a 256-bit vector.</summary>
    public int Lanes => _n.IsSingle ? 8 : 4;

    /// <summary>Vector256&lt;double&gt; or Vector256&lt;float&gt;.</summary>
    public string VectorType => $"{Vector}<{_n.Type}>";

    public override string Declare(string name, string value) => $"var {name} = {value};";

    public override IReadOnlyList<string> Heading(Section section) => section.Kind switch
    {
        SectionKind.Inputs => new[] { "Inputs: lane k of i1 is input 1 of sample k of the block." },
        SectionKind.Targets => new[] { "Targets: lane k of target_o1 is target 1 of sample k." },
        _ => section.Lines,
    };

    protected override string Reference(string name) => name;

    protected override string Parameter(PlannedParameter parameter, Slot slot) =>
        slot == Slot.Factor ? _storage.Read(parameter) : $"{Vector}.Create({_storage.Read(parameter)})";

    protected override string InputValue(int index) => Gather("input", index, _inputCount);

    protected override string TargetValue(int index) => Gather("target", index, _outputCount);

    protected override string Literal(double value, Slot slot) => (value, slot) switch
    {
        (_, Slot.Factor) => _n.Literal(value),
        (0.0, _) => "zero",
        (1.0, _) => "one",
        (2.0, _) => "two",
        _ => $"{Vector}.Create({_n.Literal(value)})",
    };

    protected override string Function(MathFunction function, IReadOnlyList<string> arguments) => function == MathFunction.Tanh
        ? $"{GeneratedMembers.TanhLanes}({arguments[0]})" // Vector256 has no Tanh of its own: LaneFunctions writes it
        : $"{Vector}.{function}({string.Join(", ", arguments)})";

    protected override bool SelectIsCall => true;

    protected override string SelectCall(string condition, string ifPositive, string otherwise) =>
        $"{Vector}.ConditionalSelect({Vector}.GreaterThan({condition}, zero), {ifPositive}, {otherwise})";

    protected override string EqualSelectCall(string left, string right, string then, string otherwise) =>
        $"{Vector}.ConditionalSelect({Vector}.Equals({left}, {right}), {then}, {otherwise})";

    /// <summary>Lane k of the result is row k's value number <paramref name="column"/> of <paramref name="span"/>.</summary>
    private string Gather(string span, int column, int rowLength) =>
        $"{Vector}.Create({string.Join(", ", Enumerable.Range(0, Lanes).Select(k => $"{span}[{CSharpText.Number(k * rowLength + column)}]"))})";
}

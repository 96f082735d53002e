using CsCheck;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Fuzz;

/// <summary>
/// One random <c>[Network]</c> declaration: the C# text of a namespace block holding it, and the
/// namespace, which is unique per case so that generated files and diagnostics can be traced back to it.
/// A file of cases starts with <see cref="DeclarationGen.Prelude"/>.
/// </summary>
internal sealed record FuzzCase(string Namespace, string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// Random attribute arguments and class shapes: well-formed and malformed topologies (unicode, huge
/// numbers, empty, whitespace, ':' suffixes, escapes), enum values in and out of range, arguments of the
/// wrong type, missing, named, repeated or misplaced, and classes that are partial or not, static,
/// generic, nested, records, structs, split in two parts, or already declaring generated members.
/// </summary>
internal static class DeclarationGen
{
    /// <summary>What every file of cases starts with: the using, and a base class that declares Forward.</summary>
    public const string Prelude = "using NetGen;\npublic class Base { public void Forward(double x) { } }\n";

    /// <summary>One layer more than NetGen accepts (NG0015). Declared before the generators that use it (static fields initialise in order).</summary>
    private static readonly string TooDeep = string.Join("-", Enumerable.Repeat("1", Planning.Limits.MaxLayers + 2));

    private static readonly string[] ActivationNames = { "Identity", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Softmax" };

    private static readonly string[] TopologyNames =
        { "relu", "ReLU", "tanh", "sigmoid", "logistic", "identity", "linear", "leakyrelu", "softmax", "swish", "", "relu6", "ﬁ", "İ" };

    /// <summary>Characters a topology is made of, plus unicode look-alikes and escapes.</summary>
    private const string TopologyChars =
        "0123456789-- :: \t\nabcxyzRELU\"\\{}@;,.+_" + "\u00A0\u200B\u2212\u2013\uFF13\u0663\u00E9\u7F51\u0130\u0131\uD83D\uDE00\uD800"
        // Every character that ends a line in C# (SyntaxFacts.IsNewLine): whitespace to the topology parser,
        // the end of a // comment to the compiler.
        + "\r\u0085\u2028\u2029";

    // Widths stay small (generated code grows with the weights, and every file is compiled); the large
    // ones are out of range or go to loops, whose code does not grow.
    private static readonly Gen<string> Width = Gen.Frequency(
        (20, Gen.Int[1, 3].Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (3, Gen.OneOfConst("0", "00", "01", "16384", "16385", "2147483647", "2147483648", "99999999999999999999999", "-1", "+2", "1e3", "٣", "３")),
        (1, Gen.Int[4, 5].Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static readonly Gen<string> Space = Gen.FrequencyConst((8, ""), (1, " "), (1, "\t "), (1, "\u00A0"), (1, "\u2028"), (1, "\u0085"), (1, "\u2029 \r\n"));

    private static readonly Gen<string> Layer =
        from width in Width
        from suffix in Gen.Frequency((4, Gen.Const("")), (1, Gen.OneOfConst(TopologyNames).Select(n => ":" + n)))
        from before in Space
        from after in Space
        select before + width + suffix + after;

    private static readonly Gen<string> WellShapedTopology =
        from layers in Layer.Array[1, 5]
        from separator in Gen.FrequencyConst((12, "-"), (1, "--"), (1, " - "), (1, "\u2212"), (1, ","), (1, ""))
        select string.Join(separator, layers);

    private static readonly Gen<string> NoiseTopology =
        Gen.Char[TopologyChars].Array[0, 14].Select(chars => new string(chars));

    // The convolution grammar (docs/topology.md): shaped inputs, conv/pool/gap/flatten with their numbers,
    // options and activations, mostly well formed, with sizes small enough that most windows fit and the
    // generated code stays small; and strings of its tokens in any order.
    private static readonly Gen<string> Small = Gen.Frequency(
        (20, Gen.Int[1, 4].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOfConst("0", "5", "9", "16385", "99999999999")));

    private static readonly Gen<string> Dims =
        from first in Small
        from rest in Small.Array[0, 2]
        from x in Gen.FrequencyConst((10, "x"), (1, " x "), (1, "X"))
        select string.Join(x, new[] { first }.Concat(rest));

    private static readonly Gen<string> SpatialInput =
        from channels in Gen.Int[1, 2]
        from sizes in Gen.Int[1, 7].Array[1, 2]
        select string.Join("x", new[] { channels }.Concat(sizes).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Option = Gen.Select(
        Gen.OneOfConst("stride", "dilation", "Stride", "padding", "groups", ""), Gen.FrequencyConst((10, "="), (1, " = "), (1, "")),
        Gen.OneOf(Dims, Gen.OneOfConst("same", "valid", "SAME", "full", "")),
        (name, eq, value) => name + eq + value);

    private static readonly Gen<string> Options = Gen.Frequency(
        (6, Gen.Const("")),
        (3, Gen.Select(Option.Array[1, 3], Gen.OneOfConst(",", " , "), (o, comma) => "(" + string.Join(comma, o) + ")")),
        (1, Gen.OneOfConst("(", ")", "()", "(stride=1", "(,)")));

    private static readonly Gen<string> Activation = Gen.Frequency(
        (5, Gen.Const("")), (1, Gen.OneOfConst(TopologyNames).Select(n => ":" + n)));

    private static readonly Gen<string> SpatialLayer = Gen.Frequency(
        (6, Gen.Select(Gen.OneOfConst("conv", "Conv", "CONV "), Dims, Options, Activation, (k, d, o, a) => k + d + o + a)),
        (4, Gen.Select(Gen.OneOfConst("maxpool", "avgpool", "MaxPool"), Dims, Options, Activation, (k, d, o, a) => k + d + o + a)),
        (2, Gen.Select(Gen.OneOfConst("gap", "globalavgpool", "flatten", "Flatten"), Activation, (k, a) => k + a)),
        (3, Layer));

    // The recurrent grammar: rnn/gru/lstm with hidden units, return= and an activation (only rnn's tanh or relu are
    // valid), over a TxF input; few steps and units, as every unrolled step is compiled.
    private static readonly Gen<string> RecurrentInput =
        from steps in Gen.Int[1, 4]
        from features in Gen.Int[1, 3]
        select steps.ToString(System.Globalization.CultureInfo.InvariantCulture) + "x" + features.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Gen<string> RecurrentLayer =
        from keyword in Gen.FrequencyConst((4, "gru"), (4, "lstm"), (4, "rnn"), (1, "GRU "), (1, "simplernn"), (1, "SimpleRNN"))
        from units in Gen.Frequency((12, Gen.Int[1, 3].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Dims))
        from option in Gen.FrequencyConst((8, ""), (3, "(return=sequence)"), (2, "(return=last)"), (1, "( Return = Sequence )"),
            (1, "(return=all)"), (1, "(stride=2)"), (1, "(return)"), (1, "("), (1, "()"))
        from activation in Gen.FrequencyConst((8, ""), (2, ":tanh"), (2, ":relu"), (1, ":sigmoid"), (1, ":swish"), (1, ":"))
        select keyword + units + option + activation;

    private static readonly Gen<string> GrammarTopology =
        from recurrent in Gen.Frequency((3, Gen.Const(false)), (2, Gen.Const(true)))
        from input in recurrent ? Gen.Frequency((8, RecurrentInput), (1, SpatialInput), (1, Dims)) : Gen.Frequency((4, SpatialInput), (1, Dims))
        from layers in (recurrent ? Gen.Frequency((6, RecurrentLayer), (2, Layer), (1, Gen.Const("flatten")), (1, SpatialLayer)) : SpatialLayer).Array[0, 4]
        from last in Gen.Frequency((6, Layer), (1, SpatialLayer))
        from separator in Gen.FrequencyConst((12, "-"), (2, " - "), (1, "--"), (1, ""))
        select string.Join(separator, new[] { input }.Concat(layers).Append(last));

    private static readonly Gen<string> GrammarTokens =
        Gen.OneOfConst("conv", "maxpool", "avgpool", "gap", "globalavgpool", "flatten", "x", "(", ")", "=", ",", "-", ":", " ",
            "stride", "padding", "same", "valid", "dilation", "relu", "0", "1", "2", "3", "8", "9", "16385",
            "rnn", "gru", "lstm", "simplernn", "return", "last", "sequence", "tanh")
            .Array[0, 16].Select(string.Concat);

    /// <summary>Topologies of the convolution and recurrent grammar, well formed or not; also fuzzed on the parser alone (TopologyFuzzTests).</summary>
    internal static readonly Gen<string> GrammarTopologies = Gen.Frequency((3, GrammarTopology), (1, GrammarTokens));

    private static readonly Gen<string> Topology = Gen.Frequency(
        (10, WellShapedTopology),
        (4, GrammarTopologies),
        (3, NoiseTopology),
        (1, Gen.OneOfConst("", " ", "\t", "-", ":", "2-", "-2", "2:relu", "2-2:", "2:relu-2", "5000-5000-5000", "3000-3000", "4096-2048-10", "784-128-10", TooDeep)));

    /// <summary>The topology argument as written in C#: a literal in several spellings, or not a string at all.</summary>
    private static readonly Gen<string> TopologyArgument = Gen.Frequency(
        (20, Topology.Select(t => SymbolDisplay.FormatLiteral(t, quote: true))),
        (2, Topology.Where(t => t.IndexOf('"') < 0).Select(t => "@\"" + t + "\"")),
        // A single-line raw string ends at any line terminator (not only '\n'): keep them out, or the case is a syntax error.
        (1, Topology.Where(t => t.IndexOf('"') < 0 && !t.Any(SyntaxFacts.IsNewLine)).Select(t => "\"\"\"" + t + " \"\"\"")),
        (1, Gen.Select(Topology, Topology, (a, b) => SymbolDisplay.FormatLiteral(a, true) + " + " + SymbolDisplay.FormatLiteral(b, true))),
        (1, Gen.OneOfConst("null", "default", "2", "2.5", "'2'", "typeof(int)", "Activation.Sigmoid", "new[] { 2, 2 }", "nameof(Activation)", "(string)null", "$\"2-{2}\"", "\"2-2\"u8", "Missing")));

    private static readonly Gen<string> EnumArgument = Gen.Frequency(
        (10, Gen.OneOfConst(ActivationNames).Select(n => "Activation." + n)),
        (1, Gen.OneOfConst("(Activation)99", "(Activation)(-1)", "(Activation)6", "default", "0", "1", "\"Sigmoid\"", "null", "Loss.CrossEntropy", "(Activation)int.MaxValue")));

    private static Gen<string> Enum(string type, int defined) => Gen.Frequency(
        (8, Gen.Int[0, defined - 1].Select(v => $"({type}){v}")),
        (1, Gen.OneOfConst($"({type})99", $"({type})(-1)", "default", "1", "null", "true")));

    private static readonly Gen<string> Named = Gen.OneOf(
        EnumArgument.Select(v => "Output = " + v),
        Enum("Loss", 3).Select(v => "Loss = " + v),
        Enum("BiasMode", 2).Select(v => "Bias = " + v),
        Enum("Precision", 2).Select(v => "Precision = " + v),
        Enum("CodeStyle", 3).Select(v => "CodeStyle = " + v),
        Gen.OneOfConst("TrainBiases = false", "TrainBiases = true", "TrainBiases = 1", "TrainBiases = default"),
        Gen.OneOfConst("0.25", "0", "-0.0", "0.999999999", "1", "1.5f", "-1", "1e308", "double.NaN", "double.PositiveInfinity",
            "double.Epsilon", "0.1f", "1e-320", "\"0.1\"", "null", "0.5m").Select(v => "LeakyReLUSlope = " + v),
        Gen.OneOfConst("Unknown = 1", "Topology = \"2-2\"", "Activation = Activation.Tanh", "OnnxModel = \"x.onnx\""));

    private static readonly Gen<string> Arguments =
        from topology in TopologyArgument
        from activation in EnumArgument
        from named in Named.Array[0, 3]
        from shape in Gen.Frequency((12, Gen.Const(0)), (1, Gen.Int[1, 6]))
        select shape switch
        {
            1 => "",                                                    // [Network()]
            2 => topology,                                              // activation missing
            3 => $"activation: {activation}, topology: {topology}",     // by name, swapped
            4 => string.Join(", ", named.Prepend(activation).Prepend(topology).Reverse()), // named before positional
            5 => $"{topology}, {activation}, {activation}",             // one too many
            6 => $"{topology}, {activation}, " + string.Join(", ", named.Concat(named)), // repeated named
            _ => string.Join(", ", named.Prepend(activation).Prepend(topology)),
        };

    private static readonly Gen<string> AttributeName =
        Gen.FrequencyConst((10, "Network"), (1, "NetGen.Network"), (1, "NetworkAttribute"), (1, "global::NetGen.NetworkAttribute"), (1, "type: Network"));

    private static readonly Gen<string> ClassName = Gen.FrequencyConst(
        (12, "Net"), (1, "@class"), (1, "@double"), (1, "Forward"), (1, "ParameterSet"), (1, "InputCount"), (1, "Réseau"),
        (1, "网络"), (1, "_"), (1, "p"), (1, "T"), (1, "Explain"), (1, "@record"), (1, "Kernels"), (1, "NetGen"), (1, "Guard"));

    private static readonly Gen<string> Member = Gen.FrequencyConst(
        (12, ""),
        (1, "public void Forward() { }"), (1, "private int _parameters;"), (1, "public static int InputCount = 1;"),
        (1, "private int p;"), (1, "public string Explain => \"\";"), (1, "public class ParameterSet { }"),
        (1, "private static string[] s_parameterNames = { };"), (1, "private static bool[] BuildParameterIsTrainable() => null!;"),
        (1, "public System.Span<double> Parameters => default;"), (1, "public int X => 1; void M() { int i = 0; i++; }"),
        (1, "public static void TrainStep<TX>() { }"), (1, "private int s_parameterIsTrainable;"), (1, "public int Params;"),
        (1, "public CLASSNAME() { }"), (1, "~CLASSNAME() { }"), (1, "public void Backward(int x) { }"));

    private static readonly Gen<string> Kind =
        Gen.FrequencyConst((14, "class"), (1, "record"), (1, "record class"), (1, "struct"), (1, "interface"), (1, "record struct"));

    private static readonly Gen<string> Modifiers =
        from access in Gen.FrequencyConst((4, "public "), (2, ""), (1, "internal "), (1, "file "))
        from extra in Gen.FrequencyConst((8, ""), (1, "sealed "), (1, "abstract "), (1, "static "), (1, "unsafe "), (1, "new "))
        from partial in Gen.Frequency((6, Gen.Const("partial ")), (1, Gen.Const("")))
        select access + extra + partial;

    private static readonly Gen<string> TypeParameters = Gen.FrequencyConst((10, ""), (1, "<T>"), (1, "<T1, T2>"));

    private static readonly Gen<string> Container =
        from kind in Gen.FrequencyConst((6, "class"), (1, "struct"), (1, "record"), (1, "interface"), (1, "record struct"), (1, "static class"))
        from partial in Gen.Frequency((5, Gen.Const("partial ")), (1, Gen.Const("")))
        from name in Gen.FrequencyConst((6, "Outer"), (1, "@event"), (1, "Außen"), (1, "Net"))
        from generic in TypeParameters
        select $"public {partial}{kind} {name}{generic}";

    private static readonly Gen<FuzzDeclaration> Wild =
        from arguments in Arguments
        from attributeName in AttributeName
        from modifiers in Modifiers
        from kind in Kind
        from name in ClassName
        from generic in TypeParameters
        from member in Member
        from containers in Container.Array[0, 2]
        from baseList in Gen.FrequencyConst((12, ""), (1, " : System.IDisposable"), (1, " : Base"), (1, " : NetGen.INetwork<CLASSNAME, double>"))
        from secondPart in Gen.FrequencyConst((10, 0), (1, 1), (1, 2))
        from keywordNamespace in Gen.Frequency((10, Gen.Const(false)), (1, Gen.Const(true)))
        from sibling in Gen.FrequencyConst((10, Sibling.None), (1, Sibling.SameNamespace), (1, Sibling.OtherNamespace))
        select new FuzzDeclaration(arguments, attributeName, modifiers, kind, name, generic, member, containers, baseList, secondPart, keywordNamespace, sibling);

    private static readonly Gen<string> ValidTopology =
        from widths in Gen.Frequency((6, Gen.Int[1, 2]), (1, Gen.Const(3))).Array[2, 3]
        from suffixes in Gen.FrequencyConst((6, ""), (1, ":relu"), (1, ":tanh"), (1, ":sigmoid"), (1, ":identity"), (1, ":leakyrelu")).Array[3]
        from output in Gen.FrequencyConst((6, ""), (1, ":softmax"), (1, ":sigmoid"))
        select string.Join("-", widths.Select((w, i) => w + (i == 0 ? "" : i == widths.Length - 1 ? output : suffixes[i])));

    private static readonly Gen<string> ValidNamed = Gen.OneOf(
        Gen.OneOfConst(ActivationNames).Select(n => "Output = Activation." + n),
        Gen.OneOfConst("Loss = Loss.HalfSquaredError", "Loss = Loss.MeanSquaredError", "Loss = Loss.CrossEntropy"),
        Gen.OneOfConst("Bias = BiasMode.SharedPerLayer", "Bias = BiasMode.PerNeuron", "TrainBiases = false"),
        Gen.OneOfConst("Precision = Precision.Single", "Precision = Precision.Double"),
        Gen.OneOfConst("CodeStyle = CodeStyle.Loops", "CodeStyle = CodeStyle.Unrolled", "CodeStyle = CodeStyle.Auto"),
        Gen.OneOfConst("LeakyReLUSlope = 0.25", "LeakyReLUSlope = 0", "LeakyReLUSlope = 0.3f"));

    private static readonly Gen<string> ValidArguments =
        from topology in ValidTopology
        from activation in Gen.OneOfConst(ActivationNames.Take(5).ToArray())
        from named in ValidNamed.Array[0, 3]
        select string.Join(", ", named.Prepend("Activation." + activation).Prepend(SymbolDisplay.FormatLiteral(topology, quote: true)));

    /// <summary>A declaration; <see cref="FuzzDeclaration.At"/> places it in its own namespace.</summary>
    /// <remarks>
    /// Sixteen in seventeen are wild (every part random, so mostly refused); one in seventeen is plausible: a valid
    /// declaration with at most one part made wild, so that the emitter is reached with every class shape.
    /// (Each generated file is compiled, which is what a fuzz case costs most.)
    /// </remarks>
    public static readonly Gen<FuzzDeclaration> Declaration = Gen.Frequency(
        (16, Wild),
        (1, from wild in Wild
            from arguments in ValidArguments
            from part in Gen.Int[0, 14]
            select new FuzzDeclaration(
                part == 0 ? wild.Arguments : arguments,
                part == 1 ? wild.AttributeName : "Network",
                part == 2 ? wild.Modifiers : "public partial ",
                part == 3 ? wild.Kind : "class",
                part == 4 ? wild.Name : "Net",
                part == 5 ? wild.Generic : "",
                part == 6 ? wild.Member : "",
                part == 7 ? wild.Containers : Array.Empty<string>(),
                part == 8 ? wild.BaseList : "",
                part == 9 ? wild.SecondPart : 0,
                part == 10 && wild.KeywordNamespace,
                wild.Sibling)));
}

/// <summary>
/// A second copy of the declaration whose name differs only in case: Roslyn compares generated file names
/// ignoring case, so every network must still get its own file (before, AddSource threw: CS8785).
/// </summary>
internal enum Sibling
{
    None,
    /// <summary>The class again, its name's case flipped (Net and nET), in the same namespace.</summary>
    SameNamespace,
    /// <summary>The declaration again in a namespace whose name's case is flipped (F3 and f3).</summary>
    OtherNamespace,
}

/// <summary>The parts of one random declaration.</summary>
internal sealed record FuzzDeclaration(string Arguments, string AttributeName, string Modifiers, string Kind, string Name,
    string Generic, string Member, string[] Containers, string BaseList, int SecondPart, bool KeywordNamespace, Sibling Sibling = Sibling.None)
{
    public override string ToString() => At(0).Text;

    /// <summary>The declaration in namespace F{index} (inside namespace @class when KeywordNamespace).</summary>
    public FuzzCase At(int index)
    {
        string ns = KeywordNamespace ? "@class.F" + index : "F" + index;
        string declaration = Declaration(Name);
        string text = Sibling switch
        {
            Sibling.SameNamespace => $"namespace {ns}\n{{\n{declaration}\n{Declaration(FlipCase(Name))}\n}}\n",
            Sibling.OtherNamespace => $"namespace {ns}\n{{\n{declaration}\n}}\nnamespace {FlipCase(ns)}\n{{\n{declaration}\n}}\n",
            _ => $"namespace {ns}\n{{\n{declaration}\n}}\n",
        };
        return new FuzzCase(ns.Replace("@", ""), text);
    }

    /// <summary>"Net" -> "nET": ASCII letters change case, everything else stays.</summary>
    private static string FlipCase(string name) =>
        new(name.Select(c => c is >= 'a' and <= 'z' ? char.ToUpperInvariant(c) : c is >= 'A' and <= 'Z' ? char.ToLowerInvariant(c) : c).ToArray());

    private string Declaration(string name) =>
        Build(Arguments, AttributeName, Modifiers, Kind, name, Generic, Member, Containers, BaseList, SecondPart);

    private static string Build(string arguments, string attributeName, string modifiers, string kind, string name,
        string generic, string member, string[] containers, string baseList, int secondPart)
    {
        string attribute = $"[{attributeName}({arguments})]";
        string body = member.Replace("CLASSNAME", name);
        string declaration = $"{attribute}\n{modifiers}{kind} {name}{generic}{baseList.Replace("CLASSNAME", name)} {{ {body} }}";
        if (secondPart == 1)
        {
            declaration += $"\npartial {kind} {name}{generic} {{ }}";
        }
        else if (secondPart == 2)
        {
            declaration += $"\n{attribute}\npartial {kind} {name}{generic} {{ }}";
        }
        foreach (string container in containers.Reverse())
        {
            declaration = $"{container}\n{{\n{declaration}\n}}";
        }
        return declaration;
    }
}

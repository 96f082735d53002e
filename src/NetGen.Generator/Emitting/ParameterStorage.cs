using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Where a network keeps its parameters, and so how generated code reads, reports and updates them: as named
/// fields of a <c>ParameterSet</c> struct stored inline in the object (unrolled networks), or as one flat
/// array (networks too large to name every weight). Writers ask it; none of them branches on the code style.
/// </summary>
internal abstract class ParameterStorage
{
    protected const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    protected ParameterStorage(NetworkPlan plan, Numeric numeric)
    {
        Plan = plan;
        N = numeric;
    }

    protected NetworkPlan Plan { get; }

    protected Numeric N { get; }

    public static ParameterStorage For(NetworkPlan plan, Numeric numeric) => plan.Spec.CodeStyle == CodeStyleKind.Unrolled
        ? new NamedFields(plan, numeric)
        : new FlatArray(plan, numeric);

    /// <summary>Whether parameters are named fields (an unrolled network) rather than elements of an array.</summary>
    public abstract bool IsNamed { get; }

    /// <summary>How the local <c>p</c> (see <see cref="ReadOnlyView"/>) reads a parameter: <c>p.w_o1_h1</c> or <c>p[5]</c>.</summary>
    public abstract string Read(PlannedParameter parameter);

    /// <summary>Declares <c>p</c>, the parameters as the body reads them.</summary>
    public abstract string ReadOnlyView();

    /// <summary>Declares <c>p</c>, the parameters as a training step changes them.</summary>
    public abstract string MutableView();

    /// <summary>The static tables ParameterNames and ParameterIsTrainable read.</summary>
    public abstract void WriteNameTables(SourceWriter w);

    /// <summary>The parameter field, the trained values of an imported model, and the Parameters span.</summary>
    public abstract void WriteDeclaration(SourceWriter w);

    /// <summary>Adds each gradient of a body's terms to its place in the span <c>gradient</c>.</summary>
    public abstract void WriteAddToGradient(SourceWriter w, IReadOnlyList<GradientTerm> gradients);

    /// <summary>Reports every parameter's value to <c>explanation</c> before a step.</summary>
    public abstract void WriteReportParameters(SourceWriter w);

    /// <summary>The expression for the gradient slot of <paramref name="parameter"/> in the span <c>gradient</c>, after <see cref="WriteGradientView"/>.</summary>
    public abstract string GradientSlot(PlannedParameter parameter);

    /// <summary>Declares what <see cref="GradientSlot"/> needs to address the span <c>gradient</c> (nothing for a flat array).</summary>
    public abstract void WriteGradientView(SourceWriter w);

    protected string T => N.Type;

    /// <summary>Named fields inline in the object: no array, no indirection, and <c>net.Params.w_o1_h1</c> for users.</summary>
    private sealed class NamedFields : ParameterStorage
    {
        public NamedFields(NetworkPlan plan, Numeric numeric)
            : base(plan, numeric)
        {
        }

        public override bool IsNamed => true;

        public override string Read(PlannedParameter parameter) => "p." + parameter.Name;

        public override string ReadOnlyView() => "ref readonly ParameterSet p = ref _parameters;";

        public override string MutableView() => "ref ParameterSet p = ref _parameters;";

        public override string GradientSlot(PlannedParameter parameter) => "g." + parameter.Name;

        public override void WriteGradientView(SourceWriter w) =>
            w.Line($"ref ParameterSet g = ref {Marshal}.AsRef<ParameterSet>({Marshal}.AsBytes(gradient));");

        public override void WriteNameTables(SourceWriter w)
        {
            w.Line($"private static readonly string[] s_parameterNames = {{ {string.Join(", ", Plan.Parameters.Select(p => "\"" + p.Name + "\""))} }};");
            w.Line();
            w.Line($"private static readonly bool[] s_parameterIsTrainable = {{ {string.Join(", ", Plan.Parameters.Select(p => p.IsTrainable ? "true" : "false"))} }};");
        }

        /// <summary>"The weight from h2 to o1." or, for a convolution, which filter, channel and tap it is, in PyTorch's indices.</summary>
        private static string WeightDescription(PlannedLayer layer, int n)
        {
            if (layer.IsRecurrent)
            {
                // weight_ih [gates x hidden, features], then weight_hh [gates x hidden, hidden].
                int inputs = layer.Gates.Count * layer.Hidden * layer.Features;
                bool fromInput = n < inputs;
                int width = fromInput ? layer.Features : layer.Hidden, index = fromInput ? n : n - inputs;
                int row = index / width, column = index % width;
                string gate = layer.Gates[row / layer.Hidden], unit = CSharpText.Number(row % layer.Hidden + 1);
                return fromInput
                    ? $"Layer {layer.Name}'s {gate} row for unit {unit}, from value {CSharpText.Number(column + 1)} of each step (PyTorch weight_ih[{CSharpText.Number(row)}, {CSharpText.Number(column)}])."
                    : $"Layer {layer.Name}'s {gate} row for unit {unit}, from unit {CSharpText.Number(column + 1)} of the previous step's state (PyTorch weight_hh[{CSharpText.Number(row)}, {CSharpText.Number(column)}]).";
            }
            if (layer.Kind == LayerKind.PerStepDense)
            {
                return $"The weight from {layer.StepSourceName(n % layer.Features)} to {layer.StepUnitName(n / layer.Features)}, at every step.";
            }
            if (layer.Kind != LayerKind.Convolution)
            {
                return $"The weight from {layer.Sources[n % layer.FanIn]} to {layer.Units[n / layer.FanIn]}.";
            }
            int[] at = layer.ConvWeightIndices(n);
            return $"Filter {CSharpText.Number(at[0] + 1)}'s weight for input channel {CSharpText.Number(at[1] + 1)} at kernel tap {string.Join("x", at.Skip(2).Select(i => CSharpText.Number(i + 1)))} (PyTorch weight[{string.Join(", ", at.Select(CSharpText.Number))}]).";
        }

        public override void WriteDeclaration(SourceWriter w)
        {
            w.Line("/// <summary>Every parameter by name, laid out in parameter order (the order of <see cref=\"Parameters\"/>).</summary>");
            w.Line("[global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]");
            w.Open("public struct ParameterSet");
            foreach (PlannedLayer layer in Plan.Layers)
            {
                for (int n = 0; n < layer.WeightCount; n++)
                {
                    w.Line($"/// <summary>{WeightDescription(layer, n)}</summary>");
                    w.Line($"public {T} {layer.Parameters[n].Name};");
                }
                for (int b = 0; b < layer.BiasCount; b++)
                {
                    string owner = layer.IsRecurrent ? $"{layer.BiasName(b)} (PyTorch {(b < layer.BiasCount / 2 ? "bias_ih" : "bias_hh")}[{CSharpText.Number(b % (layer.BiasCount / 2))}])"
                        : layer.SharedBias ? $"every unit of layer {layer.Name}"
                        : layer.Kind == LayerKind.Convolution ? $"filter {CSharpText.Number(b + 1)} of layer {layer.Name}"
                        : layer.Kind == LayerKind.PerStepDense ? $"{layer.StepUnitName(b)} at every step"
                        : layer.Units[b];
                    w.Line($"/// <summary>The bias of {owner}{(layer.BiasTrainable ? "" : " (frozen)")}.</summary>");
                    w.Line($"public {T} {layer.BiasName(b)};");
                }
            }
            w.Close();
            w.Line();
            w.Line("// Stored inline in the object: no array, no indirection.");
            bool trained = Plan.Spec.OnnxModel is not null;
            w.Line($"private ParameterSet _parameters{(trained ? " = CreateTrainedParameterSet()" : "")};");
            w.Line();
            if (trained)
            {
                TrainedParameters.Write(w, Plan, N);
                w.Open("private static ParameterSet CreateTrainedParameterSet()");
                w.Line("ParameterSet trained = default;");
                w.Line($"TrainedParameters.CopyTo({Marshal}.CreateSpan(ref trained.{Plan.Parameters[0].Name}, {CSharpText.Number(Plan.ParameterCount)}));");
                w.Line("return trained;");
                w.Close();
                w.Line();
            }
            w.Line("/// <summary>The parameters by name, e.g. <c>net.Params.w_o1_h1 = 0.5;</c>.</summary>");
            w.Line("public ref ParameterSet Params => ref _parameters;");
            w.Line();
            w.Line("/// <summary>The flat parameter vector in PyTorch nn.Linear order.</summary>");
            w.Line($"public global::System.Span<{T}> Parameters => {Marshal}.CreateSpan(ref _parameters.{Plan.Parameters[0].Name}, {CSharpText.Number(Plan.ParameterCount)});");
            w.Line();
        }

        public override void WriteAddToGradient(SourceWriter w, IReadOnlyList<GradientTerm> gradients)
        {
            w.Line("// Add each dE/dparameter to its place in the gradient (parameter order, named by ParameterSet).");
            WriteGradientView(w);
            foreach (GradientTerm gradient in gradients)
            {
                w.Line($"{GradientSlot(gradient.Parameter)} += {gradient.Name};");
            }
        }

        public override void WriteReportParameters(SourceWriter w)
        {
            foreach (PlannedParameter parameter in Plan.Parameters)
            {
                w.Line($"explanation.Parameter(\"{parameter.Name}\", _parameters.{parameter.Name});");
            }
        }
    }

    /// <summary>One array allocated with the network: too many parameters to hold as named fields.</summary>
    private sealed class FlatArray : ParameterStorage
    {
        public FlatArray(NetworkPlan plan, Numeric numeric)
            : base(plan, numeric)
        {
        }

        public override bool IsNamed => false;

        public override string Read(PlannedParameter parameter) => $"p[{CSharpText.Number(parameter.Index)}]";

        public override string ReadOnlyView() => $"global::System.ReadOnlySpan<{T}> p = _parameters; // p[k] is parameter k, named ParameterNames[k]";

        public override string MutableView() => $"global::System.Span<{T}> p = _parameters;";

        public override string GradientSlot(PlannedParameter parameter) => $"gradient[{CSharpText.Number(parameter.Index)}]";

        public override void WriteGradientView(SourceWriter w)
        {
        }

        /// <summary>Large networks build their names with loops rather than listing 100,000 literals.</summary>
        public override void WriteNameTables(SourceWriter w)
        {
            w.Line("private static readonly string[] s_parameterNames = BuildParameterNames();");
            w.Line();
            w.Line("private static readonly bool[] s_parameterIsTrainable = BuildParameterIsTrainable();");
            w.Line();
            w.Open("private static string[] BuildParameterNames()");
            w.Line($"string[] names = new string[{CSharpText.Number(Plan.ParameterCount)}];");
            w.Line("int k = 0;");
            bool numbered = false;
            foreach (PlannedLayer layer in Plan.Layers)
            {
                string to = layer.UnitPrefix;
                if (layer.IsPerStep || (!layer.SourceIsInput && Plan.Layers[layer.Number - 2].IsPerStep))
                {
                    // Recurrent and per-step names (w_r1_2_h1_4, b_ir1_2, w_o1_h1_3) and a dense layer's over a sequence: the plan's own.
                    w.Line($"new string[] {{ {string.Join(", ", layer.Parameters.Select(p => "\"" + p.Name + "\""))} }}.CopyTo(names, k);");
                    w.Line($"k += {CSharpText.Number(layer.Parameters.Count)};");
                    continue;
                }
                numbered = true;
                if (layer.Kind == LayerKind.Convolution)
                {
                    // w_c1_{filter}_{channel}_{taps...}: one loop per index of weight[filter, channel, taps...].
                    int[] extents = new[] { layer.Spec.Filters, layer.InputShape[0] }.Concat(layer.Spec.Kernel).ToArray();
                    w.Line(NameLoops(extents, new[] { "f" }.Concat(MapVariables("c", extents.Length - 2, "k")).ToArray(), $"\"w_{to}\""));
                }
                else if (layer.Kind == LayerKind.Dense && !layer.SourceIsInput && Plan.Layers[layer.Number - 2].IsPerStep)
                {
                    // After a recurrent or per-step layer: its last state (w_o1_h1_t50_3) or every step, flattened (w_o1_h1_t2_3).
                    PlannedLayer source = Plan.Layers[layer.Number - 2];
                    string from = source.UnitPrefix, steps = CSharpText.Number(source.Steps);
                    w.Line(source.Spec.ReturnsSequence
                        ? $"for (int j = 1; j <= {CSharpText.Number(layer.Units.Count)}; j++) for (int t = 1; t <= {steps}; t++) for (int m = 1; m <= {CSharpText.Number(source.Hidden)}; m++) names[k++] = \"w_{to}\" + Text(j) + \"_{from}t\" + Text(t) + \"_\" + Text(m);"
                        : $"for (int j = 1; j <= {CSharpText.Number(layer.Units.Count)}; j++) for (int m = 1; m <= {CSharpText.Number(source.Hidden)}; m++) names[k++] = \"w_{to}\" + Text(j) + \"_{from}t{steps}_\" + Text(m);");
                }
                else if (layer.Kind == LayerKind.Dense)
                {
                    // A dense layer after a feature map reads its values by channel and position: w_h3_5_p2_1_2_3.
                    bool afterGlobalPool = !layer.SourceIsInput && Plan.Layers[layer.Number - 2].Kind == LayerKind.GlobalAveragePool;
                    int[] sourceShape = afterGlobalPool ? new[] { layer.FanIn } : layer.InputShape;
                    string from = layer.SourcePrefix;
                    w.Line(NameLoops(new[] { layer.Units.Count }.Concat(sourceShape).ToArray(), new[] { "j" }.Concat(MapVariables("c", sourceShape.Length - 1, "")).ToArray(),
                        $"\"w_{to}\"", splitAfter: 1, secondPrefix: from));
                }
                else if (layer.IsPerStep)
                {
                    WritePerStepNames(w, layer);
                    continue;
                }
                if (layer.BiasCount == 0)
                {
                    continue;
                }
                w.Line(layer.SharedBias
                    ? $"names[k++] = \"{layer.BiasName(0)}\";"
                    : $"for (int j = 1; j <= {CSharpText.Number(layer.BiasCount)}; j++) names[k++] = \"b_{to}\" + Text(j);");
            }
            w.Line("return names;");
            if (numbered)
            {
                w.Line("static string Text(int number) => number.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
            }
            w.Close();
            w.Line();
            w.Open("private static bool[] BuildParameterIsTrainable()");
            w.Line($"bool[] trainable = new bool[{CSharpText.Number(Plan.ParameterCount)}];");
            w.Line("global::System.Array.Fill(trainable, true);");
            foreach (PlannedLayer layer in Plan.Layers)
            {
                if (!layer.BiasTrainable)
                {
                    w.Line($"new global::System.Span<bool>(trainable, {CSharpText.Number(layer.BiasOffset)}, {CSharpText.Number(layer.BiasCount)}).Clear();");
                }
            }
            w.Line("return trainable;");
            w.Close();
        }

        /// <summary>
        /// A recurrent layer's names in PyTorch's order (<c>w_r1_2_i3</c>, <c>w_r1_2_h1_4</c>, <c>b_ir1_2</c>, <c>b_hr1_2</c>) or a
        /// per-step dense layer's (<c>w_o1_h1_3</c>, <c>b_o1</c>), as <see cref="PlannedLayer.Parameters"/> names them.
        /// </summary>
        private static void WritePerStepNames(SourceWriter w, PlannedLayer layer)
        {
            string from = layer.SourceIsInput ? "i" : layer.SourcePrefix;
            if (layer.Kind == LayerKind.PerStepDense)
            {
                string to = layer.IsOutput ? "o" : layer.UnitPrefix;
                w.Line($"for (int j = 1; j <= {CSharpText.Number(layer.Hidden)}; j++) for (int f = 1; f <= {CSharpText.Number(layer.Features)}; f++) names[k++] = \"w_{to}\" + Text(j) + \"_{from}\" + Text(f);");
                w.Line(layer.SharedBias
                    ? $"names[k++] = \"{layer.BiasName(0)}\";"
                    : $"for (int j = 1; j <= {CSharpText.Number(layer.Hidden)}; j++) names[k++] = \"b_{to}\" + Text(j);");
                return;
            }
            string number = CSharpText.Number(layer.Number), gates = string.Join(", ", layer.Gates.Select(g => "\"" + g + "\""));
            string rows = $"foreach (string gate in new[] {{ {gates} }}) for (int j = 1; j <= {CSharpText.Number(layer.Hidden)}; j++) ";
            w.Line(rows + $"for (int f = 1; f <= {CSharpText.Number(layer.Features)}; f++) names[k++] = \"w_\" + gate + \"{number}_\" + Text(j) + \"_{from}\" + Text(f);");
            w.Line(rows + $"for (int m = 1; m <= {CSharpText.Number(layer.Hidden)}; m++) names[k++] = \"w_\" + gate + \"{number}_\" + Text(j) + \"_h{number}_\" + Text(m);");
            w.Line($"foreach (string vector in new[] {{ \"i\", \"h\" }}) {rows}names[k++] = \"b_\" + vector + gate + \"{number}_\" + Text(j);");
        }

        /// <summary>
        /// Nested loops, one per extent, that add <c>prefix + i1 + "_" + i2 ...</c> (every index from 1) to the name
        /// table; after <paramref name="splitAfter"/> indices the name goes on with "_" + <paramref name="secondPrefix"/>.
        /// </summary>
        private static string NameLoops(int[] extents, string[] variables, string prefix, int splitAfter = -1, string secondPrefix = "")
        {
            var loops = new System.Text.StringBuilder();
            var name = new System.Text.StringBuilder(prefix);
            for (int d = 0; d < extents.Length; d++)
            {
                string v = variables[d];
                loops.Append($"for (int {v} = 1; {v} <= {CSharpText.Number(extents[d])}; {v}++) ");
                string separator = d == 0 ? "" : d == splitAfter ? "_" + secondPrefix : "_";
                name.Append(separator.Length == 0 ? "" : $" + \"{separator}\"").Append($" + Text({v})");
            }
            return loops + "names[k++] = " + name + ";";
        }

        /// <summary>Loop variables for a map's indices: channel, then position (1D) or row and column (2D).</summary>
        private static string[] MapVariables(string channel, int rank, string prefix) =>
            rank == 0 ? new[] { "i" } : rank == 1 ? new[] { channel, prefix + "t" } : new[] { channel, prefix + "y", prefix + "x" };

        public override void WriteDeclaration(SourceWriter w)
        {
            w.Line($"// Allocated once with the network; too many to hold as named fields.");
            w.Line(Plan.Spec.OnnxModel is null
                ? $"private readonly {T}[] _parameters = new {T}[{CSharpText.Number(Plan.ParameterCount)}];"
                : $"private readonly {T}[] _parameters = TrainedParameters.ToArray();");
            w.Line();
            if (Plan.Spec.OnnxModel is not null)
            {
                TrainedParameters.Write(w, Plan, N);
            }
            w.Line("/// <summary>The flat parameter vector in PyTorch nn.Linear order.</summary>");
            w.Line($"public global::System.Span<{T}> Parameters => _parameters;");
            w.Line();
        }

        public override void WriteAddToGradient(SourceWriter w, IReadOnlyList<GradientTerm> gradients)
        {
            w.Line("// Add each dE/dparameter to its place in the gradient (parameter order).");
            foreach (GradientTerm gradient in gradients)
            {
                w.Line($"{GradientSlot(gradient.Parameter)} += {gradient.Name};");
            }
        }

        public override void WriteReportParameters(SourceWriter w) =>
            w.Line($"for (int k = 0; k < {CSharpText.Number(Plan.ParameterCount)}; k++) explanation.Parameter(s_parameterNames[k], _parameters[k]);");
    }
}

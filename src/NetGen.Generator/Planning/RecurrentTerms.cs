using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// What SimpleRNN, GRU and LSTM share: the forward pass step by step from a zero state, what each input value at
/// step t passes back (through every gate's input weights at that step), and backpropagation through time.
/// <para>
/// Names follow <c>{letter}{layer}_t{step}_{unit}</c>, all from 1: <c>sum_r1_t3_2</c> and <c>out_r1_t3_2</c> are
/// the reset gate of layer 1, unit 2, at step 3; <c>out_h1_t3_2</c> is the hidden state after step 3;
/// <c>dE_dh1_t3_2</c> is the whole gradient reaching that state (from the layer above and from step 4), while
/// <c>dE_dout_h1_t3_2</c> is only the part the layer above passes back; <c>dE_dsum_r1_t3_2</c> is the gradient of a
/// gate's weighted sum. A cell's own extra terms are named by <see cref="SimpleRnnTerms"/>, <see cref="GruTerms"/>
/// and <see cref="LstmTerms"/>.
/// </para>
/// </summary>
internal abstract class RecurrentTerms : LayerTerms, IStepTerms
{
    protected RecurrentTerms(PlannedLayer layer, double leakySlope)
        : base(layer, leakySlope)
    {
    }

    /// <summary>The cell's activations are its own; <see cref="Gradients"/> carries dE/dout through them and through time.</summary>
    public override bool HasActivation => false;

    protected int Steps => Layer.Steps;

    protected int Hidden => Layer.Hidden;

    protected int Features => Layer.Features;

    /// <summary>The state letters a streaming Step keeps between calls, in the state's order: "h", and "c" for an LSTM.</summary>
    public virtual IReadOnlyList<string> StateLetters => new[] { "h" };

    /// <summary>A cell's name in words: "SimpleRNN (tanh)", "GRU", "LSTM".</summary>
    protected abstract string CellName { get; }

    /// <summary>The cell's equations, for the layer's heading.</summary>
    protected abstract IReadOnlyList<string> Equations { get; }

    public Section Heading => new(SectionKind.Other, new[]
        {
            $"Layer {Layer.Number} ({Layer.Name}): {CellName}, {Count(Hidden)} unit{Plural(Hidden)} over {Count(Steps)} step{Plural(Steps)} of {Count(Features)} value{Plural(Features)}, from a zero state; "
                + (Layer.Spec.ReturnsSequence ? "returns every step's state." : "returns the last state."),
        }.Concat(Equations).ToList());

    /// <summary><c>{prefix}{letter}{layer}_t{t}_{j+1}</c>: a term of gate or state <paramref name="letter"/>, unit <paramref name="j"/> from 0.</summary>
    protected string Name(string prefix, string letter, int t, int j) => prefix + Layer.StateName(letter, t, j + 1);

    protected Ref Out(string letter, int t, int j) => new(Name("out_", letter, t, j));

    /// <summary>Value <paramref name="f"/> (from 0) read at step <paramref name="t"/> (from 1): an input, or the layer below's output.</summary>
    protected Expr Source(int t, int f) => SourceValue(Layer, (t - 1) * Features + f);

    /// <summary>The name of value f at step t in words, with the step left as a pattern: <c>i_t{t}_3</c>, <c>out_h1_t{t}_3</c>.</summary>
    private string SourcePattern(int f, string step) =>
        (Layer.SourceIsInput ? "i_" : "out_" + Layer.SourcePrefix) + "t" + step + "_" + Count(f + 1);

    /// <summary>
    /// The terms of gate <paramref name="g"/>'s weighted sum for unit <paramref name="j"/> at step t, in PyTorch's
    /// order: W_ih x + b_ih (<paramref name="inputPart"/>), then W_hh h + b_hh (<paramref name="hiddenPart"/>), whose
    /// products drop out when <paramref name="fromZero"/> (the state before step 1 is zero; its bias stays).
    /// </summary>
    protected List<Expr> GateTerms(int g, int j, int t, bool fromZero, bool inputPart = true, bool hiddenPart = true)
    {
        var terms = new List<Expr>();
        if (inputPart)
        {
            for (int f = 0; f < Features; f++)
            {
                terms.Add(new Param(Layer.InputWeight(g, j, f)) * Source(t, f));
            }
            terms.Add(new Param(Layer.InputBias(g, j)));
        }
        if (hiddenPart)
        {
            for (int m = 0; m < Hidden && !fromZero; m++)
            {
                terms.Add(new Param(Layer.RecurrentWeight(g, j, m)) * Out("h", t - 1, m));
            }
            terms.Add(new Param(Layer.RecurrentBias(g, j)));
        }
        return terms;
    }

    /// <summary>The whole weighted sum of gate <paramref name="g"/> (<see cref="GateTerms"/>).</summary>
    protected Expr GateSum(int g, int j, int t, bool fromZero) => E.Sum(GateTerms(g, j, t, fromZero));

    public override void Forward(List<DerivationStep> steps)
    {
        steps.Add(Heading);
        for (int t = 1; t <= Steps; t++)
        {
            steps.Add(new Section($"Layer {Layer.Name}, step {Count(t)}{(t == 1 ? " (the state before it is zero, so the recurrent products drop out)" : "")}."));
            ForwardStep(steps, t, fromZero: t == 1);
        }
    }

    public abstract void ForwardStep(List<DerivationStep> steps, int t, bool fromZero);

    /// <summary>dE/dsum of gate <paramref name="g"/>'s input part (W_ih x + b_ih) at step t: what its input weights and input bias see.</summary>
    protected virtual string InputDelta(int g, int t, int j) => Name("dE_dsum_", Layer.Gates[g], t, j);

    /// <summary>dE/dsum of gate <paramref name="g"/>'s recurrent part (W_hh h + b_hh); the same as <see cref="InputDelta"/> except for GRU's n.</summary>
    protected virtual string HiddenDelta(int g, int t, int j) => InputDelta(g, t, j);

    /// <summary>How h_t reaches step t+1 other than through the gates' recurrent weights (GRU: h' = ... + z * h).</summary>
    protected virtual IEnumerable<(Expr Term, string Words)> DirectFromNext(int t, int m) => Enumerable.Empty<(Expr, string)>();

    /// <summary>The cell's terms of step <paramref name="t"/> once every dE/dh of that step is known: each gate's dE/dsum.</summary>
    protected abstract void StepDeltas(List<DerivationStep> steps, int t);

    public override void BeginSourceDeltas(List<DerivationStep> steps, PlannedLayer source) =>
        steps.Add(new Section($"Backward through layer {source.Number} ({source.Name}): value f at step t feeds every gate of layer {Layer.Name} at step t, through its input weight w_..._f."));

    public override IReadOnlyList<(Expr Term, string Words)> SourceDelta(int source)
    {
        int t = source / Features + 1, f = source % Features;
        var terms = new List<(Expr, string)>();
        for (int g = 0; g < Layer.Gates.Count; g++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                PlannedParameter w = Layer.InputWeight(g, j, f);
                string delta = InputDelta(g, t, j);
                terms.Add((new Ref(delta) * new Param(w), $"{Words(delta)} * {w.Name}"));
            }
        }
        return terms;
    }

    /// <summary>
    /// Backpropagation through time: from the last step back to the first, the whole dE/dh of each step (what the
    /// layer above passes back, plus what step t+1 passes back through its gates), then the cell's gate deltas; then
    /// every weight's gradient, summed over the steps that share it.
    /// </summary>
    public override void Gradients(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        steps.Add(new Section(SectionKind.Other, new[]
        {
            $"Backpropagation through time through layer {layer.Number} ({layer.Name}), from step {Count(Steps)} back to step 1.",
            $"dE/dh{Count(layer.Number)}_t{{t}}_j = from the layer above (dE/dout_{layer.Name}_t{{t}}_j{(layer.Spec.ReturnsSequence ? "" : $", at step {Count(Steps)} only")}) + from step t+1 (through its gates).",
        }));
        var readByAbove = new HashSet<string>(layer.Units);
        for (int t = Steps; t >= 1; t--)
        {
            steps.Add(new Section($"Layer {layer.Name}, step {Count(t)}."));
            for (int m = 0; m < Hidden; m++)
            {
                string h = layer.StateName("h", t, m + 1);
                var terms = new List<Expr>();
                var said = new List<string>();
                if (readByAbove.Contains(h))
                {
                    terms.Add(new Ref("dE_dout_" + h));
                    said.Add($"from the layer above (dE/dout_{h})");
                }
                if (t < Steps)
                {
                    var via = new List<string>();
                    foreach (var (term, words) in DirectFromNext(t, m))
                    {
                        terms.Add(term);
                        via.Add(words);
                    }
                    for (int g = 0; g < layer.Gates.Count; g++)
                    {
                        for (int j = 0; j < Hidden; j++)
                        {
                            terms.Add(new Ref(HiddenDelta(g, t + 1, j)) * new Param(layer.RecurrentWeight(g, j, m)));
                        }
                    }
                    via.Add($"through {string.Join(", ", layer.Gates)}: the sum over units j of {GateWords(t + 1)} * w_{{gate}}{Count(layer.Number)}_j_h{Count(layer.Number)}_{Count(m + 1)}");
                    said.Add($"from step {Count(t + 1)} ({string.Join("; ", via)})");
                }
                steps.Add(new Term("dE_d" + h, E.Sum(terms), $"dE/d{h} = {string.Join(" + ", said)}"));
            }
            StepDeltas(steps, t);
        }
        WeightGradients(steps);
    }

    private void WeightGradients(List<DerivationStep> steps)
    {
        PlannedLayer layer = Layer;
        string layerNumber = Count(layer.Number);
        steps.Add(new Section($"Gradients of layer {layer.Name}: every step uses the same weights, so each gradient is a sum over the steps."));
        for (int g = 0; g < layer.Gates.Count; g++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                for (int f = 0; f < Features; f++)
                {
                    PlannedParameter w = layer.InputWeight(g, j, f);
                    var products = Enumerable.Range(1, Steps).Select(t => new Ref(InputDelta(g, t, j)) * Source(t, f)).ToList();
                    steps.Add(new GradientTerm(w, E.Sum(products),
                        $"dE/d{w.Name} = sum over t = 1..{Count(Steps)} of {Pattern(InputDelta(g, 1, j))} * {SourcePattern(f, "{t}")}"));
                }
            }
        }
        for (int g = 0; g < layer.Gates.Count; g++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                for (int m = 0; m < Hidden; m++)
                {
                    PlannedParameter w = layer.RecurrentWeight(g, j, m);
                    if (Steps == 1)
                    {
                        steps.Add(new GradientTerm(w, new Lit(0), $"dE/d{w.Name} = 0: the only step reads the zero initial state"));
                        continue;
                    }
                    var products = Enumerable.Range(2, Steps - 1).Select(t => new Ref(HiddenDelta(g, t, j)) * Out("h", t - 1, m)).ToList();
                    steps.Add(new GradientTerm(w, E.Sum(products),
                        $"dE/d{w.Name} = sum over t = 2..{Count(Steps)} of {Pattern(HiddenDelta(g, 2, j))} * out_h{layerNumber}_t{{t-1}}_{Count(m + 1)} (step 1 reads the zero state)"));
                }
            }
        }
        if (!layer.BiasTrainable)
        {
            return;
        }
        for (int g = 0; g < layer.Gates.Count; g++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                PlannedParameter b = layer.InputBias(g, j);
                steps.Add(new GradientTerm(b, E.Sum(Enumerable.Range(1, Steps).Select(t => (Expr)new Ref(InputDelta(g, t, j))).ToList()),
                    $"dE/d{b.Name} = sum over t = 1..{Count(Steps)} of {Pattern(InputDelta(g, 1, j))}"));
            }
        }
        for (int g = 0; g < layer.Gates.Count; g++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                PlannedParameter b = layer.RecurrentBias(g, j);
                steps.Add(new GradientTerm(b, E.Sum(Enumerable.Range(1, Steps).Select(t => (Expr)new Ref(HiddenDelta(g, t, j))).ToList()),
                    $"dE/d{b.Name} = sum over t = 1..{Count(Steps)} of {Pattern(HiddenDelta(g, 1, j))}"));
            }
        }
    }

    /// <summary>How a gate's recurrent delta at step <paramref name="t"/> reads in words, with the gate left as {gate}: dE/dsum_{gate}1_t4_j.</summary>
    protected virtual string GateWords(int t) => $"dE/dsum_{{gate}}{Count(Layer.Number)}_t{Count(t)}_j";

    /// <summary>A term's name as a derivative in words: dE_dsum_r1_t3_2 is dE/dsum_r1_t3_2.</summary>
    protected static string Words(string name) => name.StartsWith("dE_d") ? "dE/d" + name.Substring(4) : name;

    /// <summary>A step-1 or step-2 term's name in words with its step as the pattern {t}: dE/dsum_r1_t{t}_2.</summary>
    private static string Pattern(string name)
    {
        int at = name.LastIndexOf("_t");
        int end = name.IndexOf('_', at + 2);
        return Words(name.Substring(0, at + 2) + "{t}" + name.Substring(end));
    }

    /// <summary>dE/dsum = dE/dout * sigmoid'(sum), sigmoid' written from the gate's output as out * (1 - out).</summary>
    protected static Expr SigmoidSlope(Ref output) => output * (1.0 - output);

    /// <summary>tanh'(sum) written from the output as 1 - out^2.</summary>
    protected static Expr TanhSlope(Ref output) => 1.0 - output * output;

    protected static Expr Sigmoid(Expr sum) => ActivationTerms.Apply(ActivationKind.Sigmoid, sum, 0);

    protected static string Count(int value) => CSharpText.Number(value);

    protected static string Plural(int count) => count == 1 ? "" : "s";
}

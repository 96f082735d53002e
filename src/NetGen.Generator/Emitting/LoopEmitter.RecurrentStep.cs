using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The streaming entry point of a loop-style recurrent network (<c>IRecurrentNetwork</c>): one time step with the
/// caller's state. It is Forward's own code with every per-step layer run for one step (the recurrent kernels' Step,
/// the same arithmetic as one step of their Forward), so T steps from a zero state give Forward's outputs to the bit.
/// </summary>
internal sealed partial class LoopEmitter
{
    /// <summary>When set, Forward's layers run one step: recurrent layers on the state, per-step layers on one step.</summary>
    private bool _stepping;

    /// <summary>
    /// Whether the network can run one step at a time: every layer runs per step, except dense layers after the last
    /// state (a flattened sequence needs the whole sequence).
    /// </summary>
    public static bool CanStream(NetworkPlan plan)
    {
        bool afterLast = false;
        foreach (PlannedLayer layer in plan.Layers)
        {
            if (layer.Kind == LayerKind.Dense)
            {
                afterLast = true;
                continue;
            }
            if (afterLast || !layer.IsPerStep)
            {
                return false;
            }
            if (layer.IsRecurrent && !layer.Spec.ReturnsSequence)
            {
                afterLast = true;
            }
        }
        return plan.Spec.HasRecurrentLayers && (afterLast || plan.Output.IsPerStep);
    }

    /// <summary>The state's length: each recurrent layer's h, an LSTM's c after it.</summary>
    public static int StateSize(NetworkPlan plan) =>
        plan.Layers.Where(l => l.IsRecurrent).Sum(l => l.Kind == LayerKind.Lstm ? 2 * l.Hidden : l.Hidden);

    private static int StepOutputs(NetworkPlan plan) => plan.Output.IsPerStep ? plan.Output.Hidden : plan.Output.Units.Count;

    /// <summary>Steps, StepInputCount, StepOutputCount, StateSize and Step.</summary>
    public void EmitStreaming()
    {
        const string Guard = "global::NetGen.Runtime.Guard";
        int features = _plan.Layers[0].Features, outputs = StepOutputs(_plan), state = StateSize(_plan);
        _w.Line();
        _w.Line("/// <summary>The time steps of one whole sequence (the input's first dimension).</summary>");
        _w.Line($"public static int Steps => {CSharpText.Number(_plan.Layers[0].Steps)};");
        _w.Line();
        _w.Line("/// <summary>Values read per step.</summary>");
        _w.Line($"public static int StepInputCount => {CSharpText.Number(features)};");
        _w.Line();
        _w.Line(_plan.Output.IsPerStep
            ? "/// <summary>Values written per step: one step's outputs.</summary>"
            : "/// <summary>Values written per step: the outputs Forward would give if the sequence ended at this step.</summary>");
        _w.Line($"public static int StepOutputCount => {CSharpText.Number(outputs)};");
        _w.Line();
        _w.Line("/// <summary>The state's length: each recurrent layer's h in order, an LSTM's c after its h.</summary>");
        _w.Line($"public static int StateSize => {CSharpText.Number(state)};");
        _w.Line();
        _w.Line("/// <summary>");
        _w.Line("/// Runs one time step: reads the step's input and the state (all zero before the first step), writes the new state");
        _w.Line("/// over it and the step's outputs. T steps from zero give Forward's outputs to the bit. Allocation-free; thread-safe");
        _w.Line("/// for distinct states.");
        _w.Line("/// </summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public void Step(global::System.ReadOnlySpan<{T}> input, global::System.Span<{T}> state, global::System.Span<{T}> output)");
        _w.Line($"if (input.Length != {CSharpText.Number(features)}) {Guard}.ThrowWrongLength(nameof(input), {CSharpText.Number(features)}, input.Length);");
        _w.Line($"if (state.Length != {CSharpText.Number(state)}) {Guard}.ThrowWrongLength(nameof(state), {CSharpText.Number(state)}, state.Length);");
        _w.Line($"if (output.Length != {CSharpText.Number(outputs)}) {Guard}.ThrowWrongLength(nameof(output), {CSharpText.Number(outputs)}, output.Length);");
        _w.Line($"global::System.ReadOnlySpan<{T}> p = _parameters;");
        // Explain's body, written before, leaves _explaining set: Step reports nothing.
        bool explaining = _explaining;
        (_stepping, _explaining) = (true, false);
        EmitForwardLayers();
        (_stepping, _explaining) = (false, explaining);
        _w.Line($"out_{_plan.Output.Name}.CopyTo(output);");
        _w.Close();
    }

    /// <summary>Where a recurrent layer's h starts in the streaming state.</summary>
    private int StateOffset(PlannedLayer layer) =>
        _plan.Layers.Take(layer.Number - 1).Where(l => l.IsRecurrent).Sum(l => l.Kind == LayerKind.Lstm ? 2 * l.Hidden : l.Hidden);

    /// <summary>One step of a recurrent layer on its part of the state (h, then an LSTM's c).</summary>
    private void EmitRecurrentStep(PlannedLayer layer, string source)
    {
        string n = layer.Name, shape = ShapeName(layer);
        int size = layer.Kind == LayerKind.Lstm ? 2 * layer.Hidden : layer.Hidden, offset = StateOffset(layer);
        _w.Line();
        _w.Line($"// Layer {layer.Number} ({n}): one step of the {CellName(layer)} on state[{offset}..{offset + size}), as Forward runs each step.");
        _w.Line($"global::NetGen.Runtime.RecurrentShape {shape} = new({Cell(layer)}, {layer.Steps}, {layer.Features}, {layer.Hidden});");
        _w.Line($"global::System.Span<{T}> work_{n} = stackalloc {T}[{WorkSize(layer)}];");
        _w.Line($"{Recurrent}.Step(in {shape}, {Params(layer, "p")}, {source}, state.Slice({offset}, {size}), work_{n});");
        _w.Line($"global::System.Span<{T}> out_{n} = state.Slice({offset}, {layer.Hidden});");
    }
}

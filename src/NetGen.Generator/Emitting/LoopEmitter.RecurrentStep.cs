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

    /// <summary>Step's body after its argument checks (<see cref="StepWriter"/>): Forward's layers, each run for one step.</summary>
    public void EmitStepBody() => WriteBody(StepBody);

    private void StepBody()
    {
        _w.Line($"global::System.ReadOnlySpan<{T}> p = _parameters;");
        bool explaining = _explaining;
        (_stepping, _explaining) = (true, false);
        EmitForwardLayers();
        (_stepping, _explaining) = (false, explaining);
        _w.Line($"out_{_plan.Output.Name}.CopyTo(output);");
    }

    /// <summary>Where a recurrent layer's h starts in the streaming state.</summary>
    private int StateOffset(PlannedLayer layer) =>
        _plan.Layers.Take(layer.Number - 1).Where(l => l.IsRecurrent).Sum(l => Shape(l).StateSize);

    /// <summary>One step of a recurrent layer on its part of the state (h, then an LSTM's c).</summary>
    private void EmitRecurrentStep(PlannedLayer layer, string source)
    {
        string n = layer.Name, shape = ShapeName(layer);
        int size = Shape(layer).StateSize, offset = StateOffset(layer);
        _w.Line();
        _w.Line($"// Layer {layer.Number} ({n}): one step of the {CellName(layer)} on state[{offset}..{offset + size}), as Forward runs each step.");
        _w.Line($"global::NetGen.Runtime.RecurrentShape {shape} = new({Cell(layer)}, {layer.Steps}, {layer.Features}, {layer.Hidden});");
        _w.Line($"global::System.Span<{T}> work_{n} = {Buffer(T, Shape(layer).WorkSize, shape + ".WorkSize")};");
        _w.Line($"{Recurrent}.Step(in {shape}, {Params(layer, "p")}, {source}, state.Slice({offset}, {size}), work_{n});");
        _w.Line($"global::System.Span<{T}> out_{n} = state.Slice({offset}, {layer.Hidden});");
    }
}

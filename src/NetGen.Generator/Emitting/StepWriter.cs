using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The streaming contract of a recurrent network (<c>IRecurrentNetwork&lt;TSelf, T&gt;</c>): its static sizes and
/// <c>Step</c>, whose argument checks are written here and whose body comes from the back end.
/// </summary>
internal static class StepWriter
{
    private const string Guard = "global::NetGen.Runtime.Guard";

    /// <summary>
    /// Whether the network implements IRecurrentNetwork: it can run step by step (<see cref="StepDerivation.IsStreamable"/>).
    /// Both back ends write a Step body: the unrolled bodies from the step derivation, the loop back end from Forward's
    /// own layer code run for one step (<c>LoopEmitter.EmitStepBody</c>).
    /// </summary>
    public static bool WritesStep(NetworkPlan plan) => StepDerivation.IsStreamable(plan);

    /// <summary>The interface a network of <paramref name="plan"/> implements, <c>INetwork</c> or <c>IRecurrentNetwork</c>.</summary>
    public static string Interface(NetworkPlan plan, string self, string type) =>
        WritesStep(plan) ? $"global::NetGen.IRecurrentNetwork<{self}, {type}>" : $"global::NetGen.INetwork<{self}, {type}>";

    /// <summary>Steps, StepInputCount, StepOutputCount, StateSize and Step, its body written by <paramref name="body"/>.</summary>
    public static void Write(NetworkPlan plan, Numeric n, SourceWriter w, StepDerivation step, System.Action body)
    {
        string t = n.Type;
        int outputs = step.Outputs.Count, state = step.State.Count;
        bool perStepHead = plan.Output.Kind == LayerKind.PerStepDense;
        w.Line("/// <summary>The time steps of one whole sequence (the input's first dimension, [time, features]).</summary>");
        w.Line($"public static int {GeneratedMembers.Steps} => {CSharpText.Number(plan.Spec.Steps)};");
        w.Line();
        w.Line("/// <summary>Values read per step (the input's second dimension).</summary>");
        w.Line($"public static int {GeneratedMembers.StepInputCount} => {CSharpText.Number(step.InputCount)};");
        w.Line();
        w.Line(perStepHead
            ? "/// <summary>Values written per step: the output layer's units at that step.</summary>"
            : "/// <summary>Values written per step: the outputs Forward would give if the sequence ended at this step.</summary>");
        w.Line($"public static int {GeneratedMembers.StepOutputCount} => {CSharpText.Number(outputs)};");
        w.Line();
        w.Line("/// <summary>The state's length: each recurrent layer's hidden state in order (an LSTM's cell state after its h).</summary>");
        w.Line($"public static int {GeneratedMembers.StateSize} => {CSharpText.Number(state)};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Runs one time step: reads <paramref name=\"input\"/> and <paramref name=\"state\"/>, writes the new state over it and");
        w.Line("/// this step's outputs to <paramref name=\"output\"/>. Start from an all-zero state; after the last step of a sequence");
        w.Line("/// the outputs equal Forward's for that sequence, bit for bit (the same terms in the same order). Allocation-free;");
        w.Line("/// thread-safe for distinct states.");
        w.Line("/// </summary>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        w.Open($"public void {GeneratedMembers.Step}(global::System.ReadOnlySpan<{t}> input, global::System.Span<{t}> state, global::System.Span<{t}> output)");
        CheckLength(w, "input", step.InputCount);
        CheckLength(w, "state", state);
        CheckLength(w, "output", outputs);
        body();
        w.Close();
        w.Line();
    }

    private static void CheckLength(SourceWriter w, string name, int expected) =>
        w.Line($"if ({name}.Length != {CSharpText.Number(expected)}) {Guard}.ThrowWrongLength(nameof({name}), {CSharpText.Number(expected)}, {name}.Length);");
}

using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The public entry points of a network: their XML docs and argument checks, around the bodies the
/// <see cref="IBodyWriter"/> writes; then the mini-batch entry points and Explain. Every check comes before
/// anything is written, so a wrong call changes nothing.
/// </summary>
internal sealed class EntryPointWriter
{
    private const string Guard = "global::NetGen.Runtime.Guard";

    private readonly NetworkPlan _plan;
    private readonly Numeric _n;
    private readonly SourceWriter _w;
    private readonly IBodyWriter _bodies;
    private readonly BatchEmitter _batch;

    public EntryPointWriter(NetworkPlan plan, Numeric numeric, SourceWriter writer, IBodyWriter bodies, BatchEmitter batch)
    {
        _plan = plan;
        _n = numeric;
        _w = writer;
        _bodies = bodies;
        _batch = batch;
    }

    private string T => _n.Type;

    private string Span => $"global::System.Span<{T}>";

    private string ReadOnly => $"global::System.ReadOnlySpan<{T}>";

    private int Inputs => _plan.Spec.InputCount;

    private int Outputs => _plan.Output.Units.Count;

    public void Write()
    {
        _w.Line("/// <summary>Computes the outputs for one input. Pure, thread-safe, allocation-free.</summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public void Forward({ReadOnly} input, {Span} output)");
        CheckLength("input", Inputs);
        CheckLength("output", Outputs);
        _bodies.Forward();
        _w.Close();
        _w.Line();

        _w.Line("/// <summary>Runs the forward pass, returns the loss E_total, and adds dE/dparameter into <paramref name=\"gradient\"/>.</summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public {T} Backward({ReadOnly} input, {ReadOnly} target, {Span} gradient)");
        CheckLength("input", Inputs);
        CheckLength("target", Outputs);
        CheckLength("gradient", _plan.ParameterCount);
        _bodies.Backward();
        _w.Close();
        _w.Line();

        _w.Line("/// <summary>One stochastic-gradient-descent step on one sample; returns the loss E_total before the update.</summary>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is negative, infinite or NaN.</exception>");
        _w.Open($"public {T} TrainStep({ReadOnly} input, {ReadOnly} target, {T} learningRate)");
        CheckLength("input", Inputs);
        CheckLength("target", Outputs);
        CheckLearningRate(_w, T);
        _bodies.TrainStep();
        _w.Close();
        _w.Line();
        _batch.Emit();
        _w.Line();
        WriteExplain();
    }

    private void WriteExplain()
    {
        string explanation = $"global::NetGen.IExplanation<{T}>";
        _w.Line("/// <summary>");
        _w.Line("/// Reports every value of the forward and backward pass for one sample to <paramref name=\"explanation\"/>, in the");
        _w.Line("/// order a person computes them: the worked example of backpropagation with this network's numbers. Read-only:");
        _w.Line($"/// the network is unchanged (<see cref=\"ExplainStep(global::System.ReadOnlySpan{{{T}}}, global::System.ReadOnlySpan{{{T}}}, {T}, global::NetGen.IExplanation{{{T}}})\"/> also takes the step).");
        _w.Line("/// </summary>");
        _w.Line("/// <returns>The loss E_total.</returns>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public {T} Explain({ReadOnly} input, {ReadOnly} target, {explanation} explanation)");
        CheckLength("input", Inputs);
        CheckLength("target", Outputs);
        _w.Line("global::System.ArgumentNullException.ThrowIfNull(explanation);");
        _w.Line($"return Explain(input, target, {_n.Literal(0)}, step: false, explanation);");
        _w.Close();
        _w.Line();

        _w.Line("/// <summary>");
        _w.Line("/// Writes the forward and backward pass for one sample to <paramref name=\"writer\"/> as a Markdown walkthrough:");
        _w.Line("/// every weighted sum, activation, error and chain-rule product, with the numbers substituted. Read-only.");
        _w.Line("/// </summary>");
        _w.Line("/// <returns>The loss E_total.</returns>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Open($"public {T} Explain({ReadOnly} input, {ReadOnly} target, global::System.IO.TextWriter writer)");
        WriteMarkdownCall("Explain(input, target, recorder)");
        _w.Close();
        _w.Line();

        _w.Line("/// <summary>");
        _w.Line("/// Takes the same step as <see cref=\"TrainStep\"/> and reports every value it computes, in order, to");
        _w.Line("/// <paramref name=\"explanation\"/>, then every parameter's update. Every gradient is computed from the parameters");
        _w.Line("/// before the step, as TrainStep does.");
        _w.Line("/// </summary>");
        _w.Line("/// <returns>The loss E_total before the update.</returns>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is negative, infinite or NaN.</exception>");
        _w.Open($"public {T} ExplainStep({ReadOnly} input, {ReadOnly} target, {T} learningRate, {explanation} explanation)");
        CheckLength("input", Inputs);
        CheckLength("target", Outputs);
        CheckLearningRate(_w, T);
        _w.Line("global::System.ArgumentNullException.ThrowIfNull(explanation);");
        _w.Line("return Explain(input, target, learningRate, step: true, explanation);");
        _w.Close();
        _w.Line();

        _w.Line("/// <summary>");
        _w.Line("/// Takes the same step as <see cref=\"TrainStep\"/> and writes it to <paramref name=\"writer\"/> as a Markdown walkthrough:");
        _w.Line("/// every weighted sum, activation, error, chain-rule product and new parameter, with the numbers substituted.");
        _w.Line("/// </summary>");
        _w.Line("/// <returns>The loss E_total before the update.</returns>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        _w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The learning rate is negative, infinite or NaN.</exception>");
        _w.Open($"public {T} ExplainStep({ReadOnly} input, {ReadOnly} target, {T} learningRate, global::System.IO.TextWriter writer)");
        WriteMarkdownCall("ExplainStep(input, target, learningRate, recorder)");
        _w.Close();
        _w.Line();

        _w.Line("/// <summary>The body of Explain and ExplainStep: every value reported; the step taken and reported where <paramref name=\"step\"/>.</summary>");
        _w.Open($"private {T} Explain({ReadOnly} input, {ReadOnly} target, {T} learningRate, bool step, {explanation} explanation)");
        _bodies.Explain();
        _w.Close();
    }

    private void WriteMarkdownCall(string call)
    {
        _w.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
        _w.Line($"var recorder = new global::NetGen.ExplanationRecorder<{T}>();");
        _w.Line($"{T} loss = {call};");
        _w.Line("recorder.WriteMarkdown(writer);");
        _w.Line("return loss;");
    }

    private void CheckLength(string name, int expected) =>
        _w.Line($"if ({name}.Length != {CSharpText.Number(expected)}) {Guard}.ThrowWrongLength(nameof({name}), {CSharpText.Number(expected)}, {name}.Length);");

    /// <summary>
    /// Refuses a NaN, infinite or negative learning rate, which would turn every parameter into NaN: one
    /// comparison pair per call, before anything is computed, and false for NaN by IEEE rules.
    /// </summary>
    public static void CheckLearningRate(SourceWriter w, string type) =>
        w.Line($"if (!(learningRate >= 0 && learningRate <= {type}.MaxValue)) {Guard}.ThrowInvalidLearningRate(nameof(learningRate), learningRate);");
}

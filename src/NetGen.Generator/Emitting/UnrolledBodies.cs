using NetGen.Generator.Emitting.Dialects;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The entry points of an unrolled network as straight-line code in the worked example's vocabulary: the
/// derivation's terms in the scalar dialect, every weighted sum, activation, error term and chain-rule factor
/// a named local under the comment that says which derivative it is.
/// </summary>
internal sealed class UnrolledBodies : IBodyWriter
{
    private readonly Derivation _derivation;
    private readonly ParameterStorage _storage;
    private readonly ScalarDialect _scalar;
    private readonly FormulaDialect _formulas;
    private readonly SourceWriter _w;

    public UnrolledBodies(Derivation derivation, ParameterStorage storage, Numeric numeric, SourceWriter writer)
    {
        _derivation = derivation;
        _storage = storage;
        _scalar = new ScalarDialect(numeric, storage);
        _formulas = new FormulaDialect(numeric, _scalar);
        _w = writer;
    }

    public void Forward()
    {
        _w.Line(_storage.ReadOnlyView());
        new DerivationWriter(_scalar, _w).Write(_derivation.Forward);
        _w.Line();
        _w.Line("// Outputs.");
        for (int j = 0; j < _derivation.Outputs.Count; j++)
        {
            _w.Line($"output[{CSharpText.Number(j)}] = {_derivation.Outputs[j]};");
        }
    }

    public void Backward()
    {
        _w.Line(_storage.ReadOnlyView());
        WriteAllTerms(new DerivationWriter(_scalar, _w));
        _w.Line();
        _storage.WriteAddToGradient(_w, _derivation.Gradients);
        _w.Line("return E_total;");
    }

    public void TrainStep()
    {
        _w.Line(_storage.MutableView());
        WriteAllTerms(new DerivationWriter(_scalar, _w));
        _w.Line();
        _w.Line("// Gradient descent: every new value uses the gradients above, all computed from the old parameters.");
        foreach (GradientTerm gradient in _derivation.Gradients)
        {
            _w.Line($"{_storage.Read(gradient.Parameter)} -= learningRate * {gradient.Name};");
        }
        _w.Line("return E_total;");
    }

    public void Explain()
    {
        _storage.WriteReportParameters(_w);
        _w.Line(_storage.MutableView());
        WriteAllTerms(new DerivationWriter(_scalar, _w, new ExplainReporter(_formulas, _w)));
        _w.Line();
        _w.Open("if (step)");
        _w.Line("// Gradient descent, reported parameter by parameter.");
        foreach (GradientTerm gradient in _derivation.Gradients)
        {
            string parameter = _storage.Read(gradient.Parameter);
            _w.Line($"explanation.Update(\"{gradient.Parameter.Name}\", {parameter}, learningRate, {gradient.Name}, {parameter} - learningRate * {gradient.Name});");
            _w.Line($"{parameter} -= learningRate * {gradient.Name};");
        }
        _w.Close();
        _w.Line("return E_total;");
    }

    /// <summary>
    /// One time step of the streaming Step: the previous state read from <c>state</c> under the names step T's terms
    /// read it by (step T-1's), the step's terms, the new state written back, then the step's outputs.
    /// </summary>
    public void Step(StepDerivation step)
    {
        _w.Line(_storage.ReadOnlyView());
        _w.Line();
        _w.Line("// The state before this step (all zero before the first).");
        for (int k = 0; k < step.State.Count; k++)
        {
            _w.Line(_scalar.Declare(step.State[k].Previous, $"state[{CSharpText.Number(k)}]"));
        }
        new DerivationWriter(_scalar, _w).Write(step.Forward);
        _w.Line();
        _w.Line("// The new state, then the outputs.");
        for (int k = 0; k < step.State.Count; k++)
        {
            _w.Line($"state[{CSharpText.Number(k)}] = {step.State[k].Next};");
        }
        for (int j = 0; j < step.Outputs.Count; j++)
        {
            _w.Line($"output[{CSharpText.Number(j)}] = {step.Outputs[j]};");
        }
    }

    private void WriteAllTerms(DerivationWriter writer)
    {
        writer.Write(_derivation.Forward);
        writer.Write(_derivation.Backward);
    }
}

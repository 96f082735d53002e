using System.Collections.Generic;
using NetGen.Generator.Emitting.Dialects;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes the steps of a <see cref="Derivation"/> in one dialect: each section heading after a blank line, each
/// term as a named local under its chain-rule comment. The same writer serves Forward, Backward, TrainStep,
/// the SIMD-lane batch and Explain; what differs between them is a parameter (the dialect, where gradients
/// go, whether each term is reported), not a copy of the program.
/// </summary>
internal sealed class DerivationWriter
{
    private readonly Dialect _dialect;
    private readonly SourceWriter _w;
    private readonly ExplainReporter? _reporter;

    /// <param name="reporter">When given, every term is also reported to <c>explanation</c> (the generated Explain).</param>
    public DerivationWriter(Dialect dialect, SourceWriter writer, ExplainReporter? reporter = null)
    {
        _dialect = dialect;
        _w = writer;
        _reporter = reporter;
    }

    /// <summary>
    /// Writes <paramref name="steps"/>. With <paramref name="accumulate"/>, a gradient term is not declared but
    /// handed over with its value's text (the lanes add it to a running sum in place).
    /// </summary>
    public void Write(IEnumerable<DerivationStep> steps, System.Action<GradientTerm, string>? accumulate = null)
    {
        foreach (DerivationStep step in steps)
        {
            switch (step)
            {
                case Section section:
                    _w.Line();
                    foreach (string line in _dialect.Heading(section))
                    {
                        _w.Line("// " + line);
                    }
                    break;
                case GradientTerm gradient when accumulate is not null:
                    accumulate(gradient, _dialect.Render(gradient.Value));
                    break;
                case Term term:
                    if (term.Comment is not null)
                    {
                        _w.Line("// " + term.Comment);
                    }
                    _w.Line(_dialect.Declare(term.Name, _dialect.Render(term.Value)));
                    _reporter?.Report(term);
                    break;
            }
        }
    }
}

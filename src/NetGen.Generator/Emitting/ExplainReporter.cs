using System.Collections.Generic;
using NetGen.Generator.Emitting.Dialects;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Reports a term to the <c>explanation</c> of a generated Explain: its name, its value, its formula in the
/// formula dialect, and the same formula with the values it was computed from, filled in at run time from the
/// holes of the formula's template.
/// </summary>
internal sealed class ExplainReporter
{
    private const string Substitute = "global::NetGen.Runtime.ExplainText.Substitute";

    private readonly FormulaDialect _formulas;
    private readonly SourceWriter _w;

    public ExplainReporter(FormulaDialect formulas, SourceWriter writer)
    {
        _formulas = formulas;
        _w = writer;
    }

    public void Report(Term term)
    {
        string formula = _formulas.Render(term.Value);
        (string template, IReadOnlyList<string> values) = _formulas.Template(term.Value);
        string withNumbers = values.Count == 0
            ? Quote(formula)
            : $"{Substitute}({Quote(template)}, {string.Join(", ", values)})";
        _w.Line($"explanation.Step({Quote(term.Name)}, {term.Name}, {Quote(formula)}, {withNumbers});");
    }

    private static string Quote(string text) => "\"" + text + "\"";
}

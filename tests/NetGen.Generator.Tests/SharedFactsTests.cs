using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Tests;

/// <summary>Every fact the generator shares with the runtime, the code fix or the docs has one owner.</summary>
public class SharedFactsTests
{
    private static string Root([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [Theory]
    [InlineData("a<b", "a&lt;b")]
    [InlineData("a&b", "a&amp;b")]
    [InlineData("<&>", "&lt;&amp;&gt;")]
    [InlineData("a\u2028b\u2029c\u0085d\re\nf", "a\\u2028b\\u2029c\\u0085d\\u000De\\u000Af")]
    public void Xml_doc_text_escapes_ampersand_first_and_every_line_terminator(string text, string expected) =>
        // Before, TrainedParametersEmitter escaped '&' after '<', so "a<b" became "a&amp;lt;b".
        Assert.Equal(expected, CSharpText.XmlDoc(text));

    [Theory]
    [InlineData('\r')]
    [InlineData('\n')]
    [InlineData('\u0085')]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    public void No_line_terminator_survives_any_escape(char terminator)
    {
        string text = "a" + terminator + "\"b\\";
        Assert.DoesNotContain(terminator, CSharpText.StringLiteral(text));
        Assert.DoesNotContain(terminator, CSharpText.Comment(text));
        Assert.DoesNotContain(terminator, CSharpText.XmlDoc(text));
        Assert.Equal(text, Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseExpression(CSharpText.StringLiteral(text)).GetFirstToken().ValueText);
    }

    [Fact]
    public void NG0005_page_lists_exactly_the_generated_members()
    {
        string page = File.ReadAllText(Path.Combine(Root(), "docs", "diagnostics", "NG0005.md"));
        string firstParagraph = page.Split("\n\n")[1];
        var listed = System.Text.RegularExpressions.Regex.Matches(firstParagraph, "`([A-Za-z_]+)`").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(GeneratedMembers.All.OrderBy(n => n, StringComparer.Ordinal), listed.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void NG0012_lists_every_activation_name_the_topology_parser_accepts()
    {
        var (run, _) = GeneratorHarness.Run("using NetGen;\n[Network(\"2-2:swish\", Activation.Sigmoid)]\npublic partial class Net { }");
        string message = Assert.Single(run.Diagnostics, d => d.Id == "NG0012").GetMessage();
        string list = message[(message.IndexOf("one of ", StringComparison.Ordinal) + "one of ".Length)..];
        string[] names = list.Split(", ");
        Assert.Contains("softmax", names);
        Assert.Contains("linear", names);
        Assert.Contains("logistic", names);
        Assert.All(names, name => Assert.True(TopologyParser.TryParseActivation(name, out _), name));
    }

    [Fact]
    public void Every_diagnostic_id_has_one_descriptor_and_the_code_fix_uses_the_same_ids()
    {
        var ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(ids.OrderBy(i => i), DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(i => i));
        Assert.Equal(new[] { DiagnosticIds.ClassNotPartial, DiagnosticIds.ContainingTypeNotPartial }, new CodeFixes.MakePartialCodeFix().FixableDiagnosticIds);
    }

    [Theory]
    [InlineData(typeof(NetGen.Activation), "NetGen.Generator.Model.Activation")]
    [InlineData(typeof(NetGen.BiasMode), "NetGen.Generator.Model.BiasMode")]
    [InlineData(typeof(NetGen.Loss), "NetGen.Generator.Model.Loss")]
    [InlineData(typeof(NetGen.Precision), "NetGen.Generator.Model.Precision")]
    [InlineData(typeof(NetGen.CodeStyle), "NetGen.Generator.Model.CodeStyle")]
    public void The_generator_reads_the_runtime_enums_from_their_one_source(Type runtime, string generatorName)
    {
        Type generator = typeof(NetworkGenerator).Assembly.GetType(generatorName)!;
        Assert.NotNull(generator);
        Assert.False(generator.IsPublic);
        Assert.Equal(Enum.GetNames(runtime), Enum.GetNames(generator));
        Assert.Equal(Enum.GetValues(runtime).Cast<object>().Select(Convert.ToInt32), Enum.GetValues(generator).Cast<object>().Select(Convert.ToInt32));
    }

    [Fact]
    public void Topology_errors_say_positions_count_from_one()
    {
        var (run, _) = GeneratorHarness.Run("using NetGen;\n[Network(\"2-x\", Activation.Sigmoid)]\npublic partial class A { }\n[Network(\"2-3:softmax-2\", Activation.Sigmoid)]\npublic partial class B { }");
        Assert.Contains("position 3 (counting characters from 1)", Assert.Single(run.Diagnostics, d => d.Id == "NG0010").GetMessage());
        Assert.Contains("hidden layer 1 (counting hidden layers from 1)", Assert.Single(run.Diagnostics, d => d.Id == "NG0013").GetMessage());
    }
}

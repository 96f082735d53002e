using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests;

/// <summary>Every bad declaration becomes an NG diagnostic at a precise location, and nothing is generated.</summary>
public class DiagnosticTests
{
    private static Diagnostic Single(string source, string id)
    {
        var (run, _) = GeneratorHarness.Run(source);
        var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
        return matching[0];
    }

    /// <summary>The source text a diagnostic points at.</summary>
    private static string Underlined(string source, Diagnostic diagnostic) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    private static string Declare(string arguments, string classDeclaration = "public partial class Net { }") =>
        $"using NetGen;\n[Network({arguments})]\n{classDeclaration}\n";

    [Fact]
    public void Class_not_partial_points_at_its_name()
    {
        string source = Declare("\"2-2-2\", Activation.Sigmoid", "public class Net { }");
        Diagnostic d = Single(source, "NG0001");
        Assert.Equal("Net", Underlined(source, d));
        Assert.Contains("add the 'partial' modifier", d.GetMessage());
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
    }

    [Fact]
    public void Nested_in_a_non_partial_type()
    {
        string source = "using NetGen;\npublic class Outer { [Network(\"2-2\", Activation.Sigmoid)] public partial class Net { } }";
        Diagnostic d = Single(source, "NG0002");
        Assert.Contains("'Outer'", d.GetMessage());
    }

    [Fact]
    public void Generic_and_static_classes_are_refused()
    {
        Single(Declare("\"2-2\", Activation.Sigmoid", "public partial class Net<T> { }"), "NG0003");
        Single(Declare("\"2-2\", Activation.Sigmoid", "public static partial class Net { }"), "NG0004");
    }

    [Fact]
    public void A_member_NetGen_generates_may_not_be_declared()
    {
        string source = Declare("\"2-2\", Activation.Sigmoid", "public partial class Net { public void Forward() { } }");
        Diagnostic d = Single(source, "NG0005");
        Assert.Equal("Forward", Underlined(source, d));
    }

    [Theory]
    [InlineData("2-x-2", "x")]
    [InlineData("2-2-", "-")]
    [InlineData("2- -", "-")]
    [InlineData("2 2", "2")]
    [InlineData("2-2;3", ";")]
    public void Malformed_topology_underlines_the_offending_characters(string topology, string underlined)
    {
        string source = Declare($"\"{topology}\", Activation.Sigmoid");
        Diagnostic d = Single(source, "NG0010");
        Assert.Equal(underlined, Underlined(source, d));
        Assert.Contains(topology, d.GetMessage());
    }

    [Fact]
    public void Single_layer_and_empty_topologies_are_malformed()
    {
        Single(Declare("\"3\", Activation.Sigmoid"), "NG0010");
        Single(Declare("\"\", Activation.Sigmoid"), "NG0010");
    }

    [Theory]
    [InlineData("2-0-2", "0")]
    [InlineData("2-99999999999999999999-2", "99999999999999999999")]
    [InlineData("2-20000-2", "20000")]
    public void Layer_widths_out_of_range_are_underlined(string topology, string underlined)
    {
        string source = Declare($"\"{topology}\", Activation.Sigmoid");
        Assert.Equal(underlined, Underlined(source, Single(source, "NG0011")));
    }

    [Fact]
    public void Unknown_activation_in_topology_is_underlined()
    {
        string source = Declare("\"4-3:swish-2\", Activation.Sigmoid");
        Diagnostic d = Single(source, "NG0012");
        Assert.Equal("swish", Underlined(source, d));
    }

    [Fact]
    public void Softmax_on_a_hidden_layer_is_refused()
    {
        Single(Declare("\"4-3-2\", Activation.Softmax"), "NG0013");
        Single(Declare("\"4-3:softmax-2\", Activation.Sigmoid"), "NG0013");
    }

    [Theory]
    [InlineData("Tanh")]
    [InlineData("Identity")]
    [InlineData("ReLU")]
    public void Cross_entropy_needs_a_softmax_or_sigmoid_output(string output)
    {
        string source = Declare($"\"4-3-2\", Activation.Sigmoid, Output = Activation.{output}, Loss = Loss.CrossEntropy");
        Diagnostic d = Single(source, "NG0014");
        Assert.Equal("Loss.CrossEntropy", Underlined(source, d));
    }

    [Fact]
    public void A_network_over_the_size_limit_is_an_error_not_a_hang()
    {
        string source = Declare("\"5000-5000-5000\", Activation.Sigmoid");
        var started = System.Diagnostics.Stopwatch.StartNew();
        Diagnostic d = Single(source, "NG0015");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains("50,010,000 parameters", d.GetMessage());
    }

    [Fact]
    public void Invalid_leaky_relu_slope_is_refused()
    {
        string source = Declare("\"2-2\", Activation.LeakyReLU, LeakyReLUSlope = -1");
        Diagnostic d = Single(source, "NG0016");
        Assert.Equal("-1", Underlined(source, d));
    }

    [Theory]
    [InlineData("\"2-2-2\", Activation.Sigmoid", "unrolled code", "8 weights is at most 256")]
    [InlineData("\"64-32-10\", Activation.Sigmoid", "loops", "2,368 weights is over 256")]
    public void The_code_style_NetGen_chose_is_reported_as_a_hidden_diagnostic_with_its_reason(string arguments, string chosen, string reason)
    {
        Diagnostic d = Single(Declare(arguments), "NG0100");
        Assert.Equal(DiagnosticSeverity.Hidden, d.Severity);
        Assert.Contains(chosen, d.GetMessage());
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void A_code_style_the_user_chose_is_not_reported_and_the_remark_says_it_was_requested()
    {
        // 9 weights, declared with loops: before, NG0100 told the user to set CodeStyle (it was set) and the
        // generated remark said the network was "too large to unroll well".
        var (run, _) = GeneratorHarness.Run(Declare("\"2-3-1\", Activation.Sigmoid, CodeStyle = CodeStyle.Loops"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "NG0100");
        string code = run.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("/// <para>Code: compact vectorised loops per layer (CodeStyle.Loops was requested).</para>", code);
        Assert.DoesNotContain("too large", code);
    }

    [Fact]
    public void Forcing_unrolled_code_on_a_large_network_warns()
    {
        Diagnostic d = Single(Declare("\"64-32-10\", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled"), "NG0101");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Theory]
    [InlineData("2--3-2", "-3")]
    [InlineData("2--2", "-2")]
    [InlineData("4- -16-1", "-16")]
    public void A_negative_width_is_out_of_range_and_the_message_says_widths_are_positive(string topology, string underlined)
    {
        string source = Declare($"\"{topology}\", Activation.Sigmoid");
        Diagnostic d = Single(source, "NG0011");
        Assert.Equal(underlined, Underlined(source, d));
        Assert.Contains($"'{underlined}'", d.GetMessage());
        Assert.Contains("positive whole number", d.GetMessage());
        Assert.Contains("single dashes", d.GetMessage());
    }

    [Theory]
    [InlineData("Forward")]
    [InlineData("ParameterSet")]
    [InlineData("InputCount")]
    public void A_class_named_like_a_generated_member_is_refused(string name)
    {
        string source = Declare("\"2-2\", Activation.Sigmoid", $"public partial class {name} {{ }}");
        Diagnostic d = Single(source, "NG0006");
        Assert.Equal(name, Underlined(source, d));
        Assert.Contains("rename the class", d.GetMessage());
    }

    [Theory]
    [InlineData("public partial record Net { }")]
    [InlineData("public partial record class Net { }")]
    public void A_record_is_refused_rather_than_ignored(string declaration)
    {
        string source = Declare("\"2-2\", Activation.Sigmoid", declaration);
        Diagnostic d = Single(source, "NG0007");
        Assert.Equal("Net", Underlined(source, d));
        Assert.Contains("'partial class Net'", d.GetMessage());
    }

    [Theory]
    [InlineData("[Network(\"2-2\", Activation.Sigmoid)] file partial class Net { }", "'Net' is declared 'file'")]
    [InlineData("file partial class Outer { [Network(\"2-2\", Activation.Sigmoid)] public partial class Inner { } }", "'Outer' is declared 'file'")]
    public void A_file_local_class_is_refused(string declarations, string message)
    {
        var (run, output) = GeneratorHarness.Run("using NetGen;\n" + declarations);
        Diagnostic d = Assert.Single(run.Diagnostics, d => d.Id == "NG0008");
        Assert.Contains(message, d.GetMessage());
        Assert.Empty(run.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(e => e.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Unrolling_a_network_too_large_for_the_editor_falls_back_to_loops_with_a_warning()
    {
        var (run, output) = GeneratorHarness.Run(Declare("\"100-50-10\", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled"));
        Diagnostic d = Assert.Single(run.Diagnostics, d => d.Id == "NG0102");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("5,500 weights", d.GetMessage());
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "NG0101");
        string code = run.Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Contains("global::NetGen.Runtime.Kernels.Dot", code);
        Assert.True(code.Length < 100_000, $"{code.Length} characters");
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
    }

    [Fact]
    public void Diagnostics_are_in_source_so_the_editor_shows_them_on_the_code()
    {
        string source = Declare("\"2-x-2\", Activation.Sigmoid", "public class Net { }");
        var (run, output) = GeneratorHarness.Run(source);
        SyntaxTree userTree = output.SyntaxTrees.First();
        Assert.Equal(new[] { "NG0001", "NG0010" }, run.Diagnostics.Select(d => d.Id).OrderBy(id => id).ToArray());
        Assert.All(run.Diagnostics, d =>
        {
            Assert.True(d.Location.IsInSource, $"{d.Id} is at {d.Location.Kind}");
            Assert.Same(userTree, d.Location.SourceTree);
        });
    }

    [Fact]
    public void Pragma_warning_disable_suppresses_a_NetGen_diagnostic()
    {
        // The compiler keeps a suppressed diagnostic in the generator's list marked IsSuppressed, and
        // leaves it out of the build's output and the IDE's error list.
        string declaration = "[Network(\"2-2\", Activation.Sigmoid)]\npublic partial class Net { }";
        var (shown, _) = GeneratorHarness.Run("using NetGen;\n" + declaration);
        Assert.False(Assert.Single(shown.Diagnostics, d => d.Id == "NG0100").IsSuppressed);

        var (suppressed, _) = GeneratorHarness.Run("using NetGen;\n#pragma warning disable NG0100\n" + declaration + "\n#pragma warning restore NG0100");
        Assert.True(Assert.Single(suppressed.Diagnostics, d => d.Id == "NG0100").IsSuppressed);
        Assert.Single(suppressed.Results.Single().GeneratedSources);

        // Only the class the pragma surrounds: another network after the restore still reports.
        var (partly, _) = GeneratorHarness.Run("using NetGen;\n#pragma warning disable NG0100\n" + declaration + "\n#pragma warning restore NG0100\n" +
            "[Network(\"2-2\", Activation.Sigmoid)]\npublic partial class Other { }");
        Assert.Contains("'Other'", Assert.Single(partly.Diagnostics, d => d.Id == "NG0100" && !d.IsSuppressed).GetMessage());
        Assert.Contains("'Net'", Assert.Single(partly.Diagnostics, d => d.Id == "NG0100" && d.IsSuppressed).GetMessage());

        // And the same for a warning, NG0101.
        var (warning, _) = GeneratorHarness.Run("using NetGen;\n#pragma warning disable NG0101\n[Network(\"64-32-10\", Activation.Sigmoid, CodeStyle = CodeStyle.Unrolled)]\npublic partial class Big { }");
        Assert.True(Assert.Single(warning.Diagnostics, d => d.Id == "NG0101").IsSuppressed);
    }

    [Fact]
    public void Bad_declarations_generate_nothing_and_valid_ones_compile_cleanly()
    {
        var (bad, _) = GeneratorHarness.Run(Declare("\"2-x-2\", Activation.Sigmoid"));
        Assert.Empty(bad.Results.Single().GeneratedSources);

        var (good, output) = GeneratorHarness.Run(Declare("\"3-4-2\", Activation.Tanh"));
        Assert.Single(good.Results.Single().GeneratedSources);
        Assert.Empty(GeneratorHarness.CompilationProblems(output));
    }

    [Fact]
    public void Every_descriptor_has_a_help_page_and_is_tracked_in_the_release_files()
    {
        string root = RepositoryRoot();
        string unshipped = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "src/NetGen.Generator/AnalyzerReleases.Unshipped.md"));
        foreach (DiagnosticDescriptor descriptor in NetGen.Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.Contains(descriptor.Id + " |", unshipped);
            Assert.EndsWith($"docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "docs/diagnostics", descriptor.Id + ".md")), $"docs/diagnostics/{descriptor.Id}.md is missing");
        }
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "..", ".."));
}

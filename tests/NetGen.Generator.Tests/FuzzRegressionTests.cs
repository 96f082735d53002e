using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests;

/// <summary>Declarations the fuzz test found to crash the generator or break the build, kept as regressions.</summary>
public class FuzzRegressionTests
{
    private static (GeneratorDriverRunResult Run, Compilation Output) Run(string source)
    {
        var (run, output) = GeneratorHarness.Run(source);
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8784" or "CS8785");
        return (run, output);
    }

    [Fact]
    public void Network_on_two_parts_of_one_class_generates_one_file()
    {
        var (run, output) = Run("""
            using NetGen;
            [Network("2-2", Activation.Sigmoid)]
            public partial class T { }
            [Network("2-2", Activation.Sigmoid)]
            partial class T { }
            """);
        Assert.Single(run.Results.Single().GeneratedSources);
        // The compiler, not NetGen, says what is wrong: the attribute is not AllowMultiple.
        Assert.Equal(new[] { "CS0579" }, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToArray());
    }

    /// <summary>Generated code may have no error, even where the user's code has one.</summary>
    private static void NoErrorInGeneratedCode(Compilation output) =>
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true));

    [Fact]
    public void Class_named_like_a_type_parameter_of_its_container_is_referred_to_by_full_name()
    {
        var (run, output) = Run("""
            using NetGen;
            namespace N;
            public partial class Outer<T>
            {
                [Network("1-1", Activation.Sigmoid)]
                internal partial class T { }
            }
            """);
        Assert.Contains("INetwork<global::N.Outer<T>.T, double>", run.Results.Single().GeneratedSources.Single().SourceText.ToString());
        NoErrorInGeneratedCode(output);
    }

    [Fact]
    public void The_full_name_of_a_hidden_class_escapes_keywords()
    {
        var (run, output) = Run("""
            using NetGen;
            namespace @class.N;
            public partial record struct @event<T>
            {
                [Network("1-1", Activation.Sigmoid)]
                partial class T { }
            }
            """);
        Assert.Contains("INetwork<global::@class.N.@event<T>.T, double>", run.Results.Single().GeneratedSources.Single().SourceText.ToString());
        NoErrorInGeneratedCode(output);
    }

    [Theory]
    [InlineData("@class", "class", "partial class @class : global::NetGen.INetwork<@class, double>")]
    [InlineData("@record", "record", "partial class @record : global::NetGen.INetwork<@record, double>")]
    [InlineData("网络", "_7f51_7edc", "partial class 网络 : global::NetGen.INetwork<网络, double>")]
    [InlineData("my_net", "my__net", "partial class my_net : global::NetGen.INetwork<my_net, double>")]
    public void Keyword_and_unicode_names_are_escaped_in_code_and_made_safe_in_file_names(string name, string inHintName, string declaration)
    {
        var (run, output) = Run($$"""
            using NetGen;
            namespace @event.N;
            [Network("1-1", Activation.Sigmoid)]
            public partial class {{name}} { }
            """);
        GeneratedSourceResult generated = run.Results.Single().GeneratedSources.Single();
        Assert.Equal($"event.N.{inHintName}.NetGen.g.cs", generated.HintName);
        Assert.Contains("namespace @event.N", generated.SourceText.ToString());
        Assert.Contains(declaration, generated.SourceText.ToString());
        NoErrorInGeneratedCode(output);
    }
}

using System.IO;
using System.Runtime.CompilerServices;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generator's layers depend one way: Parsing does not know Onnx (which builds on it), and the ONNX
/// pipeline hands its results back instead of calling into the generator; the checks every network gets
/// live in one validator.
/// </summary>
public class ArchitectureTests
{
    private static string Generator([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "src", "NetGen.Generator"));

    private static IEnumerable<(string File, string Text)> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Generator(), folder), "*.cs").Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    [Fact]
    public void Parsing_does_not_depend_on_Onnx()
    {
        foreach (var (file, text) in Sources("Parsing"))
        {
            Assert.False(text.Contains("Onnx.", StringComparison.Ordinal) || text.Contains("NetGen.Generator.Onnx", StringComparison.Ordinal), $"Parsing/{file} refers to Onnx");
        }
    }

    [Fact]
    public void The_onnx_pipeline_returns_its_results_to_the_generator_instead_of_calling_it()
    {
        foreach (var (file, text) in Sources("Onnx"))
        {
            Assert.DoesNotContain("NetworkGenerator.", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Only_the_validator_reports_size_style_and_pairing_diagnostics()
    {
        string[] validatorOnly = { "SoftmaxOnHiddenLayer", "UnsupportedLossPairing", "NetworkTooLarge", "CodeStyleChosen", "UnrolledTooLarge", "UnrolledRefused" };
        foreach (string folder in new[] { "Parsing", "Onnx" })
        {
            foreach (var (file, text) in Sources(folder))
            {
                Assert.All(validatorOnly, name => Assert.DoesNotContain("DiagnosticDescriptors." + name, text, StringComparison.Ordinal));
            }
        }
    }
}

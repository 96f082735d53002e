using System.Globalization;
using System.Text.RegularExpressions;

namespace NetGen.Package.Tests;

/// <summary>
/// Fresh projects outside the repository that get NetGen only through <c>dotnet add package</c> from the
/// local feed: one trains and runs a network, one has a bad topology and must fail to build with NG0010, one
/// adds only NetGen.Data and loads, scales and trains from a CSV file.
/// </summary>
[Collection(PackedNetGenCollection.Name)]
[Trait("Category", "Package")]
public class ConsumerTests
{
    private static readonly double[] Input = { 0.1, 0.5 };
    private static readonly double[] Target = { 0.05, 0.95 };
    private const double LearningRate = 0.6;

    // A project takes seconds to restore and build: the worked-example app is made and run once, for two tests.
    private static readonly object WorkedExampleGate = new();
    private static (ConsumerProject App, CommandResult Run)? s_workedExample;

    private readonly PackedNetGen _package;

    public ConsumerTests(PackedNetGen package) => _package = package;

    private (ConsumerProject App, CommandResult Run) WorkedExample()
    {
        lock (WorkedExampleGate)
        {
            if (s_workedExample is null)
            {
                ConsumerProject app = ConsumerProject.Create(_package, "WorkedExampleConsumer", "WorkedExample");
                s_workedExample = (app, app.Succeed("run"));
            }
            return s_workedExample.Value;
        }
    }

    [Fact]
    public void A_fresh_console_app_trains_the_worked_example_from_the_package()
    {
        CommandResult run = WorkedExample().Run;
        Dictionary<string, string> printed = Printed(run.Output);

        Assert.Equal("w_h1_i1,w_h1_i2,w_h2_i1,w_h2_i2,b_h,w_o1_h1,w_o1_h2,w_o2_h1,w_o2_h2,b_o", printed["parameter_names"]);
        // The worked example's own figures for the first step (published to 5 decimals; these are its exact values).
        Assert.Equal(0.24908954, Number(printed, "E_total_step_1"), 1e-6);
        Assert.Equal(0.45187813, Number(printed, "w_o1_h1_after_step_1"), 1e-6);

        // After 100 steps, an independent hand-written network must agree.
        var reference = new WorkedExampleReference();
        double referenceError = 0;
        for (int step = 1; step <= 100; step++)
        {
            referenceError = reference.TrainStep(Input, Target, LearningRate);
        }
        double[] referenceOutput = reference.Forward(Input).Output;
        Assert.Equal(referenceError, Number(printed, "E_total_step_100"), 1e-12);
        Assert.Equal(referenceOutput[0], Number(printed, "out_o1"), 1e-12);
        Assert.Equal(referenceOutput[1], Number(printed, "out_o2"), 1e-12);
        Assert.True(Number(printed, "E_total_step_100") < Number(printed, "E_total_step_1") / 5, run.ToString());
        Assert.Equal(0.25, Number(printed, "b_h"));
    }

    [Fact]
    public void The_generated_code_carries_the_package_version_and_uses_no_reflection()
    {
        ConsumerProject app = WorkedExample().App;

        string generated = Assert.Single(app.GeneratedFiles());
        string text = File.ReadAllText(generated);
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"{_package.Version}\")]", text);
        // The build ran the trimming and AOT analyzers as errors; this also keeps reflection out in plain sight.
        Assert.DoesNotContain("System.Reflection", text);
        Assert.DoesNotContain("typeof(", text);
        Assert.DoesNotContain("GetType(", text);
    }

    [Fact]
    public void A_bad_topology_is_build_error_NG0010_at_the_offending_characters()
    {
        ConsumerProject app = ConsumerProject.Create(_package, "BadTopologyConsumer", "BadTopology");
        CommandResult build = app.Run("build");

        Assert.NotEqual(0, build.ExitCode);
        // The diagnostic underlines the 'x' inside "2-x-2": find where that is in the source the project compiles.
        string[] lines = File.ReadAllLines(Path.Combine(app.Directory, "Networks.cs"));
        int line = Array.FindIndex(lines, l => l.Contains("[Network(\"2-x-2\"", StringComparison.Ordinal)) + 1;
        int column = lines[line - 1].IndexOf("2-x-2", StringComparison.Ordinal) + 2 + 1;
        Assert.True(line > 0);
        Assert.Matches(new Regex($@"Networks\.cs\({line},{column}\): error NG0010: Topology ""2-x-2"" is malformed"), build.Output);
    }

    [Fact]
    public void A_fresh_app_with_only_NetGen_Data_loads_a_csv_scales_trains_saves_and_reports_bad_lines()
    {
        // Only NetGen.Data is added: NetGen, its generator, and Sep must come with it.
        ConsumerProject app = ConsumerProject.Create(_package, "CsvDataConsumer", "CsvData", "NetGen.Data");
        CommandResult run = app.Succeed("run");
        Dictionary<string, string> printed = Printed(run.Output);

        Assert.Equal("45", printed["rows"]);
        Assert.Equal("width, cm|height", printed["features"]);
        Assert.Equal("large|medium, mixed|small", printed["classes"]);   // sorted ordinally
        Assert.Equal(0.2273, Number(printed, "second_width"));           // read under de-DE
        Assert.True(Number(printed, "accuracy") >= 0.9, run.ToString());
        Assert.Equal(Number(printed, "accuracy"), Number(printed, "reloaded_accuracy"));
        Assert.True(Number(printed, "onnx_bytes") > 0);
        Assert.Equal("bad.tsv, line 3, column 2 (\"b\"): \"4,5\" is not a number (numbers are read with the invariant culture: '.' as the decimal point, no thousands separators) (lines and columns count from 1)",
            printed["error"]);
        Assert.Matches(new Regex(@"medium, mixed\s+\d+"), run.Output);   // the confusion matrix names the classes
    }

    /// <summary>The name=value lines the consumer printed.</summary>
    private static Dictionary<string, string> Printed(string output) =>
        output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => Regex.IsMatch(l, "^[A-Za-z_0-9]+="))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

    private static double Number(Dictionary<string, string> printed, string name) =>
        double.Parse(printed[name], NumberStyles.Float, CultureInfo.InvariantCulture);
}

extern alias GeneratorLibrary;

using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace NetGen.Onnx.Tests;

/// <summary>
/// An .onnx AdditionalFiles item is read inside the compiler, so whatever the path names, the read
/// neither hangs nor exhausts memory: only regular files up to the documented limit are read, and
/// anything else is NG0200 with the reason. (A link to /dev/zero once allocated 4 GB and threw
/// OutOfMemoryException through the loader; a FIFO blocked the compiler forever.)
/// </summary>
[Collection(ProcessAllocationCollection.Name)]
public class ModelFileTests
{
    private const string Declaration = "using NetGen;\n[Network(OnnxModel = \"model.onnx\")]\npublic partial class Scorer { }\n";

    private static readonly long MaxModelBytes = (long)typeof(GeneratorLibrary::NetGen.Generator.NetworkGenerator).Assembly
        .GetType("NetGen.Generator.Planning.Limits", throwOnError: true)!.GetField("MaxModelBytes")!.GetRawConstantValue()!;

    private static byte[] ValidModel() => Crafted.Dense(Crafted.FloatType, Crafted.Node("Tanh", new[] { "s1" }, "h"));

    /// <summary>Runs the generator with a time limit: a read that blocks fails the test instead of hanging it.</summary>
    private static Diagnostic Refusal(ImportHarness harness, Action? unblock = null)
    {
        var run = Task.Run(() => harness.Run(Declaration));
        bool finished = run.Wait(TimeSpan.FromSeconds(30));
        if (!finished)
        {
            unblock?.Invoke();
            run.Wait(TimeSpan.FromSeconds(30));
        }
        Assert.True(finished, "the generator blocked on the model file");
        var (result, _) = run.Result;
        Assert.Empty(result.Results.Single().GeneratedSources);
        Diagnostic d = Assert.Single(result.Diagnostics, d => d.Id == "NG0200");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        return d;
    }

    [Fact]
    public void A_link_to_dev_zero_is_refused_without_reading_it()
    {
        if (!File.Exists("/dev/zero"))
        {
            return; // not a Unix machine
        }
        using var harness = new ImportHarness();
        File.CreateSymbolicLink(harness.List("model.onnx"), "/dev/zero");
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Diagnostic d = Refusal(harness);
        Assert.True(d.GetMessage().Contains("is not a regular file", StringComparison.Ordinal), d.GetMessage());
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 200_000_000, "the generator allocated as it read an endless device");
    }

    [Fact]
    public void A_FIFO_is_refused_without_opening_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var harness = new ImportHarness();
        string path = harness.List("model.onnx");
        Assert.Equal(0, MakeFifo(path, Convert.ToUInt32("600", 8)));
        Diagnostic d = Refusal(harness, unblock: () =>
        {
            // Opening the write end releases a reader blocked in open(2), so that a failing test ends.
            using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
        });
        Assert.True(d.GetMessage().Contains("is not a regular file", StringComparison.Ordinal), d.GetMessage());
    }

    [Fact]
    public void An_empty_file_is_refused_as_such()
    {
        using var harness = new ImportHarness();
        harness.AddModel("model.onnx", Array.Empty<byte>());
        Assert.Contains("could not be read: it is empty", Refusal(harness).GetMessage());
    }

    [Fact]
    public void A_folder_named_like_a_model_is_refused()
    {
        using var harness = new ImportHarness();
        Directory.CreateDirectory(harness.List("model.onnx"));
        Assert.Contains("it is a folder", Refusal(harness).GetMessage());
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_by_its_length_before_it_is_read()
    {
        using var harness = new ImportHarness();
        string path = harness.List("model.onnx");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(MaxModelBytes + 1); // sparse: no disk, and nothing to read unless the loader reads it
        }
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        Diagnostic d = Refusal(harness);
        Assert.Contains($"over NetGen's limit of {MaxModelBytes:N0} bytes", d.GetMessage());
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 50_000_000, "the loader read the file before checking its length");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void A_link_to_a_regular_model_file_is_followed()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // creating links needs a privilege there
        }
        using var harness = new ImportHarness();
        string target = Path.Combine(harness.Folder, "models", "real.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, ValidModel());
        File.CreateSymbolicLink(harness.List("model.onnx"), target);
        var (run, output) = harness.Run(Declaration);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Single(run.Results.Single().GeneratedSources);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);
}

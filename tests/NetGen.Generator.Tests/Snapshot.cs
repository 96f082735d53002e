using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace NetGen.Generator.Tests;

/// <summary>
/// A small stand-in for Verify: compares text with Snapshots/{name}.verified.cs and, on a mismatch,
/// writes {name}.received.cs beside it and fails with how to accept the change.
/// </summary>
internal static class Snapshot
{
    /// <summary>Set to 1 to accept every received snapshot as the new verified one.</summary>
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

    public static void Match(string actual, string name, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");
        string normalized = Normalize(actual);
        string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == normalized)
        {
            File.Delete(receivedPath);
            return;
        }
        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, normalized);
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(
            $"The generated code differs from {verifiedPath}" + (verified is null ? " (no snapshot yet)" : "") + ". " +
            $"Compare it with {receivedPath}; if the change is intended, move the .received.cs over the .verified.cs, " +
            $"or run the tests with {AcceptVariable}=1.");
    }

    /// <summary>'\n' line ends, no trailing newline, and the generator's version scrubbed.</summary>
    private static string Normalize(string text) =>
        Regex.Replace(text.Replace("\r\n", "\n").TrimEnd('\n'), "GeneratedCode\\(\"NetGen\", \"[^\"]*\"\\)", "GeneratedCode(\"NetGen\", \"{version}\")");
}

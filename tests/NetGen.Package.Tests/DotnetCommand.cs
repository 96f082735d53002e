using System.Diagnostics;
using System.Text;
using System.Threading;

namespace NetGen.Package.Tests;

/// <summary>What one <c>dotnet</c> command did: its exit code and everything it printed.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, TimeSpan Elapsed, string Output)
{
    public override string ToString() => $"$ {CommandLine}\n(exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s)\n{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a user at a terminal would, with a timeout. Build servers are kept out
/// (no MSBuild node reuse, no shared compiler), because a server started here would outlive the command and
/// hold its output pipe open; and the MSBuild variables of the <c>dotnet test</c> that runs these tests are
/// removed, so the child CLI finds its SDK by itself.
/// </summary>
internal static class DotnetCommand
{
    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        string commandLine = "dotnet " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var stdoutClosed = new ManualResetEventSlim();
        using var stderrClosed = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        var stopwatch = Stopwatch.StartNew();
        process.OutputDataReceived += (_, e) => Append(output, e.Data, stdoutClosed);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, stderrClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Still running after {timeout.TotalSeconds:0} s: {commandLine}\n{Snapshot(output)}");
        }
        // The output may still be draining; wait for it, but never for a process that inherited the pipe.
        stdoutClosed.Wait(TimeSpan.FromSeconds(10));
        stderrClosed.Wait(TimeSpan.FromSeconds(10));
        return new CommandResult(commandLine, process.ExitCode, stopwatch.Elapsed, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line, ManualResetEventSlim closed)
    {
        if (line is null)
        {
            closed.Set();
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>The dotnet host running these tests (set by the CLI), else the one on PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

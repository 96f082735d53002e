using System.Globalization;

namespace NetGen.Package.Tests;

/// <summary>
/// Packs NetGen and NetGen.Data once per test run from a clean copy of the sources into a local folder feed, and prepares a
/// folder outside the repository where fresh consumer projects restore from that feed plus nuget.org, into a
/// package cache of their own (so a NetGen cached by an earlier run can never stand in for this one).
/// </summary>
public sealed class PackedNetGen : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    public PackedNetGen()
    {
        Root = Path.Combine(Path.GetTempPath(), "netgen-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        // A version of this run's own: the package, and the [GeneratedCode] the generator writes, must both carry it.
        Version = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Feed = Path.Combine(Root, "feed");
        Consumers = Path.Combine(Root, "consumers");
        ConsumerEnvironment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };

        string source = Path.Combine(Root, "source");
        SourceTree.CopyPackInputs(SourceTree.FindRepositoryRoot(), source);
        PackResult = DotnetCommand.Run(source, new Dictionary<string, string>(), PackTimeout,
            "pack", Path.Combine("src", "NetGen", "NetGen.csproj"), "-c", "Release", "-o", Feed, $"-p:Version={Version}");
        PackagePath = Path.Combine(Feed, $"NetGen.{Version}.nupkg");
        if (PackResult.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"Packing NetGen failed, or made no {PackagePath}:\n{PackResult}");
        }
        // The companion package, packed from the same copy at the same version: its dependency on NetGen is that version.
        DataPackResult = DotnetCommand.Run(source, new Dictionary<string, string>(), PackTimeout,
            "pack", Path.Combine("src", "NetGen.Data", "NetGen.Data.csproj"), "-c", "Release", "-o", Feed, $"-p:Version={Version}");
        DataPackagePath = Path.Combine(Feed, $"NetGen.Data.{Version}.nupkg");
        if (DataPackResult.ExitCode != 0 || !File.Exists(DataPackagePath))
        {
            throw new InvalidOperationException($"Packing NetGen.Data failed, or made no {DataPackagePath}:\n{DataPackResult}");
        }
        WriteConsumerFolder();
    }

    /// <summary>The temporary folder holding everything below; deleted at the end of the run.</summary>
    public string Root { get; }

    public string Version { get; }

    /// <summary>The local folder feed, as a user's <c>./nuget</c>.</summary>
    public string Feed { get; }

    public string PackagePath { get; }

    internal CommandResult PackResult { get; }

    /// <summary>The NetGen.Data package (CSV/TSV loading), packed beside NetGen.</summary>
    public string DataPackagePath { get; }

    internal CommandResult DataPackResult { get; }

    /// <summary>Where consumer projects go: outside the repository, with its own nuget.config and empty Directory.Build files.</summary>
    public string Consumers { get; }

    /// <summary>Environment for consumer commands: their own NuGet package cache.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment { get; }

    private void WriteConsumerFolder()
    {
        Directory.CreateDirectory(Consumers);
        // Stop MSBuild's upward search here, whatever lies above the temporary folder.
        File.WriteAllText(Path.Combine(Consumers, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Consumers, "Directory.Build.targets"), "<Project />\n");
        // What nuget/README.md tells users to write: the local folder for NetGen and NetGen.Data, nuget.org for
        // everything else (NetGen.Data's Sep among it).
        File.WriteAllText(Path.Combine(Consumers, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="netgen-local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="netgen-local">
                  <package pattern="NetGen" />
                  <package pattern="NetGen.Data" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the run; the folder is in the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedNetGenCollection : ICollectionFixture<PackedNetGen>
{
    public const string Name = "Packed NetGen";
}

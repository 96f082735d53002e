using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>What is inside the .nupkg that a clean, single-step <c>dotnet pack</c> produced.</summary>
[Collection(PackedNetGenCollection.Name)]
[Trait("Category", "Package")]
public class PackageContentsTests
{
    private readonly PackedNetGen _package;
    private readonly ITestOutputHelper _output;

    public PackageContentsTests(PackedNetGen package, ITestOutputHelper output)
    {
        _package = package;
        _output = output;
    }

    private string[] Entries() => Entries(_package.PackagePath);

    private static string[] Entries(string packagePath)
    {
        using ZipArchive zip = ZipFile.OpenRead(packagePath);
        return zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

    private XElement Metadata() => Metadata(_package.PackagePath, "NetGen");

    private static XElement Metadata(string packagePath, string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(packagePath);
        using Stream nuspec = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Value(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

    [Fact]
    public void The_runtime_is_in_lib_for_both_frameworks_and_the_generator_in_analyzers()
    {
        string[] entries = Entries();
        _output.WriteLine(string.Join('\n', entries));
        Assert.Contains("lib/net8.0/NetGen.dll", entries);
        Assert.Contains("lib/net10.0/NetGen.dll", entries);
        Assert.Contains("lib/net8.0/NetGen.xml", entries);
        Assert.Contains("lib/net10.0/NetGen.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/NetGen.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/NetGen.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
    }

    [Fact]
    public void Only_NetGen_assemblies_ship_so_Roslyn_stays_out_of_the_users_references()
    {
        string[] assemblies = Entries().Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.Equal(
            new[] { "analyzers/dotnet/cs/NetGen.CodeFixes.dll", "analyzers/dotnet/cs/NetGen.Generator.dll", "lib/net10.0/NetGen.dll", "lib/net8.0/NetGen.dll" },
            assemblies);
        Assert.DoesNotContain(Entries(), e => e.StartsWith("ref/", StringComparison.Ordinal) || e.StartsWith("build/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_package_depends_on_nothing()
    {
        XElement dependencies = Metadata().Elements().Single(e => e.Name.LocalName == "dependencies");
        string[] frameworks = dependencies.Elements().Select(g => g.Attribute("targetFramework")!.Value).OrderBy(f => f).ToArray();
        Assert.Equal(new[] { "net10.0", "net8.0" }, frameworks);
        Assert.DoesNotContain(dependencies.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void Metadata_names_the_package_its_version_license_readme_and_repository()
    {
        XElement metadata = Metadata();
        Assert.Equal("NetGen", Value(metadata, "id"));
        Assert.Equal(_package.Version, Value(metadata, "version"));
        XElement license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(license.Value));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("neural", Value(metadata, "description"));
        Assert.Contains("source-generator", Value(metadata, "tags"));
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", repository.Attribute("url")?.Value);
    }

    [Fact]
    public void NetGen_Data_ships_its_library_for_both_frameworks_and_nothing_else()
    {
        string[] entries = Entries(_package.DataPackagePath);
        _output.WriteLine(string.Join('\n', entries));
        Assert.Equal(
            new[] { "README.md", "lib/net10.0/NetGen.Data.dll", "lib/net10.0/NetGen.Data.xml", "lib/net8.0/NetGen.Data.dll", "lib/net8.0/NetGen.Data.xml" },
            entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) || e == "README.md").ToArray());
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) || e.StartsWith("build/", StringComparison.Ordinal));
    }

    [Fact]
    public void NetGen_Data_depends_on_this_NetGen_with_its_generator_and_on_Sep_only()
    {
        XElement metadata = Metadata(_package.DataPackagePath, "NetGen.Data");
        Assert.Equal("NetGen.Data", Value(metadata, "id"));
        Assert.Equal(_package.Version, Value(metadata, "version"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        XElement dependencies = metadata.Elements().Single(e => e.Name.LocalName == "dependencies");
        foreach (XElement group in dependencies.Elements())
        {
            var found = group.Elements().ToDictionary(d => d.Attribute("id")!.Value);
            Assert.Equal(new[] { "NetGen", "Sep" }, found.Keys.Order(StringComparer.Ordinal).ToArray());
            Assert.Equal(_package.Version, found["NetGen"].Attribute("version")!.Value);
            // Nothing of NetGen excluded: a project with only NetGen.Data still gets the source generator.
            Assert.Null(found["NetGen"].Attribute("exclude"));
            Assert.Equal("0.18.0", found["Sep"].Attribute("version")!.Value);
        }
        Assert.Equal(new[] { "net10.0", "net8.0" }, dependencies.Elements().Select(g => g.Attribute("targetFramework")!.Value).Order().ToArray());
    }
}

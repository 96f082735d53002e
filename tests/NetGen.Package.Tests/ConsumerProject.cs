using System.Xml.Linq;

namespace NetGen.Package.Tests;

/// <summary>
/// A fresh console project made by <c>dotnet new console</c> in the consumers' folder, set up as a strict user
/// would (net10.0, nullable, warnings as errors, trimming and AOT analyzers on), with NetGen added by
/// <c>dotnet add package</c> and the sources of one folder under Consumers/.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private readonly PackedNetGen _package;

    private ConsumerProject(PackedNetGen package, string name)
    {
        _package = package;
        Name = name;
        Directory = Path.Combine(package.Consumers, name);
    }

    public string Name { get; }

    public string Directory { get; }

    /// <summary>Creates the project, copies in the sources of Consumers/<paramref name="sources"/>, and adds NetGen.</summary>
    public static ConsumerProject Create(PackedNetGen package, string name, string sources) => Create(package, name, sources, "NetGen");

    /// <summary>Creates the project, copies in the files of Consumers/<paramref name="sources"/>, and adds <paramref name="packages"/> (each at the packed version).</summary>
    public static ConsumerProject Create(PackedNetGen package, string name, string sources, params string[] packages)
    {
        var project = new ConsumerProject(package, name);
        System.IO.Directory.CreateDirectory(project.Directory);
        project.Succeed("new", "console", "--framework", "net10.0", "--name", name, "--output", project.Directory, "--no-restore");
        project.Configure();
        foreach (string file in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumers", sources)))
        {
            File.Copy(file, Path.Combine(project.Directory, Path.GetFileName(file)), overwrite: true);
        }
        foreach (string id in packages)
        {
            project.Succeed("add", "package", id, "--version", package.Version);
        }
        return project;
    }

    public CommandResult Run(params string[] arguments) =>
        DotnetCommand.Run(Directory, _package.ConsumerEnvironment, CommandTimeout, arguments);

    public CommandResult Succeed(params string[] arguments)
    {
        CommandResult result = Run(arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>The C# files NetGen generated into the last build.</summary>
    public string[] GeneratedFiles() =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains(Path.Combine("generated", "NetGen.Generator"), StringComparison.Ordinal))
            .ToArray();

    private void Configure()
    {
        string path = Path.Combine(Directory, Name + ".csproj");
        XDocument csproj = XDocument.Load(path);
        XElement properties = csproj.Root!.Element("PropertyGroup")!;
        Set(properties, "TargetFramework", "net10.0");
        Set(properties, "Nullable", "enable");
        Set(properties, "TreatWarningsAsErrors", "true");
        // What a Native AOT app gets from PublishAot, without the AOT compiler's download: every trimming and
        // AOT warning at build time, here an error.
        Set(properties, "EnableTrimAnalyzer", "true");
        Set(properties, "EnableAotAnalyzer", "true");
        // So that the test can read what NetGen generated.
        Set(properties, "EmitCompilerGeneratedFiles", "true");
        csproj.Save(path);
    }

    private static void Set(XElement properties, string name, string value)
    {
        if (properties.Element(name) is { } existing)
        {
            existing.Value = value;
        }
        else
        {
            properties.Add(new XElement(name, value));
        }
    }
}

using System.IO;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

// Stands in for the Basic.Reference.Assemblies packages that the linked GeneratorHarness.cs names: their
// current versions need Roslyn 4.11 or newer, and this project must stay on 4.8. The SDK that builds the
// tests has the same reference assemblies in its targeting pack, so they are read from there.
namespace Basic.Reference.Assemblies;

internal static class Net100
{
    public static class References
    {
        public static IEnumerable<PortableExecutableReference> All => ReferencePack.Net100;
    }
}

internal static class Net80
{
    public static class References
    {
        // Only the main project's target-framework tests compile against net8.0; none of them is linked here,
        // and the SDK installed for the build has no net8.0 targeting pack to read.
        public static IEnumerable<PortableExecutableReference> All =>
            throw new NotSupportedException("The Roslyn 4.8 leg compiles against net10.0 only.");
    }
}

/// <summary>The reference assemblies of the installed SDK's Microsoft.NETCore.App targeting pack.</summary>
internal static class ReferencePack
{
    private static readonly Lazy<IReadOnlyList<PortableExecutableReference>> s_net100 = new(() => Load(10));

    public static IReadOnlyList<PortableExecutableReference> Net100 => s_net100.Value;

    /// <summary>The folder the references come from, for the test that says which pack it used.</summary>
    public static string Directory(int major)
    {
        // The running runtime is <dotnet root>/shared/Microsoft.NETCore.App/<version>/; packs/ is beside shared/.
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        string root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        string? version = System.IO.Directory.Exists(packs)
            ? System.IO.Directory.EnumerateDirectories(packs)
                .Select(Path.GetFileName)
                .Where(v => v!.StartsWith(major + ".", StringComparison.Ordinal) && System.IO.Directory.Exists(Path.Combine(packs, v, "ref", $"net{major}.0")))
                .OrderBy(v => Version.TryParse(v!.Split('-')[0], out Version? parsed) ? parsed : new Version(0, 0))
                .LastOrDefault()
            : null;
        return version is null
            ? throw new InvalidOperationException($"No net{major}.0 targeting pack under {packs}: the Roslyn 4.8 leg reads its reference assemblies from the SDK that runs it.")
            : Path.Combine(packs, version, "ref", $"net{major}.0");
    }

    private static IReadOnlyList<PortableExecutableReference> Load(int major) =>
        System.IO.Directory.EnumerateFiles(Directory(major), "*.dll")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => MetadataReference.CreateFromFile(f))
            .ToList();
}

namespace NetGen.Package.Tests;

/// <summary>
/// The repository's files that <c>dotnet pack</c> needs, copied without build outputs: packing the copy is the
/// same as packing a fresh clone (or after <c>git clean -xdf</c>), and it leaves the repository's own bin/, obj/
/// and nuget/ alone.
/// </summary>
internal static class SourceTree
{
    /// <summary>Top-level folders the package is built from; root-level files (Directory.Build.props, ...) come too.</summary>
    private static readonly string[] Folders = { "src", "nuget" };

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", ".vs" };

    private static readonly string[] SkippedExtensions = { ".nupkg", ".snupkg" };

    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory}.");
    }

    public static void CopyPackInputs(string repositoryRoot, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(repositoryRoot).Where(Keep))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
        foreach (string folder in Folders)
        {
            CopyFolder(Path.Combine(repositoryRoot, folder), Path.Combine(destination, folder));
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source).Where(Keep))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
        foreach (string folder in Directory.GetDirectories(source).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
        {
            CopyFolder(folder, Path.Combine(destination, Path.GetFileName(folder)));
        }
    }

    private static bool Keep(string file) =>
        Path.GetFileName(file) != ".git" && !SkippedExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);
}

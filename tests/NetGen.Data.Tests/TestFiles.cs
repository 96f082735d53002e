namespace NetGen.Data.Tests;

/// <summary>The files under Files/ (copied beside the tests) and temporary files written by a test.</summary>
internal static class TestFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Files", name);

    /// <summary>Writes <paramref name="text"/> to a new file named <paramref name="name"/> in a fresh temporary folder.</summary>
    public static string Write(string name, string text)
    {
        string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-data-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}

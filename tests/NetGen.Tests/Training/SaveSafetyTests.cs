using System.Diagnostics;
using System.IO;

namespace NetGen.Tests.Training;

/// <summary>
/// Saving never loosens what the user set up on the file (issue 12, items 9 and 10): its permissions, its
/// owner, a read-only flag, a symbolic link; errors name the user's path; dead saves' temporary files go.
/// </summary>
public sealed class SaveSafetyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netgen-save-").FullName;

    public void Dispose()
    {
        // A test may leave a read-only file behind; the folder must still go.
        foreach (string file in Directory.GetFiles(_folder, "*", SearchOption.AllDirectories))
        {
            if (!OperatingSystem.IsWindows() && new FileInfo(file).LinkTarget is null)
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        Directory.Delete(_folder, recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static SigmoidNet Net(int seed)
    {
        var net = new SigmoidNet();
        ParameterInitializer.Initialize(net, seed);
        return net;
    }

    private static byte[] Bytes(SigmoidNet net)
    {
        using var stream = new MemoryStream();
        net.WriteParameters(stream);
        return stream.ToArray();
    }

    private string[] Files() => Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]                                            // 0600: private
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]                   // 0640
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead)] // 0664
    public void Saving_over_a_file_keeps_its_permissions(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        string path = PathOf("net.ngp");
        Net(1).SaveParameters(path);
        File.SetUnixFileMode(path, mode);

        Net(2).SaveParameters(path);

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(Bytes(Net(2)), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_new_file_gets_the_usual_permissions_of_a_new_file()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        string plain = PathOf("plain.txt");
        File.WriteAllText(plain, "x");
        Net(1).SaveParameters(PathOf("net.ngp"));
        Assert.Equal(File.GetUnixFileMode(plain), File.GetUnixFileMode(PathOf("net.ngp")));
    }

    [Fact]
    public void Saving_over_another_users_file_keeps_its_owner_where_the_process_may()
    {
        // Only root may give a file away; anyone else's saves are their own files, as before.
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return;
        }
        string path = PathOf("net.ngp");
        Net(1).SaveParameters(path);
        Run("chown", "1234:2345", path);
        Assert.Equal("1234:2345", Run("stat", "-c", "%u:%g", path));

        Net(2).SaveParameters(path);

        Assert.Equal("1234:2345", Run("stat", "-c", "%u:%g", path));
        Assert.Equal(Bytes(Net(2)), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_read_only_file_is_refused_with_a_clear_error_and_left_as_it_was()
    {
        string path = PathOf("net.ngp");
        Net(1).SaveParameters(path);
        byte[] before = File.ReadAllBytes(path);
        MakeReadOnly(path);

        var error = Assert.Throws<UnauthorizedAccessException>(() => Net(2).SaveParameters(path));

        Assert.Equal($"Cannot save to '{path}': the file is read-only, and NetGen does not replace a read-only file. Make it writable, or save elsewhere.", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "net.ngp" }, Files());
    }

    [Fact]
    public void A_symbolic_link_is_written_through_to_its_target_and_stays_a_link()
    {
        Directory.CreateDirectory(PathOf("models"));
        string target = PathOf(Path.Combine("models", "real.ngp"));
        Net(1).SaveParameters(target);
        string link = PathOf("current.ngp");
        File.CreateSymbolicLink(link, Path.Combine("models", "real.ngp"));   // relative, as `ln -s` makes them
        string chained = PathOf("latest.ngp");
        File.CreateSymbolicLink(chained, link);                               // a link to a link

        Net(2).SaveParameters(chained);

        Assert.Equal(Path.Combine("models", "real.ngp"), new FileInfo(link).LinkTarget);
        Assert.Equal(link, new FileInfo(chained).LinkTarget);
        Assert.Equal(Bytes(Net(2)), File.ReadAllBytes(target));
        var loaded = new SigmoidNet();
        loaded.LoadParameters(chained);
        Assert.Equal(TestData.Bits(Net(2).Parameters), TestData.Bits(loaded.Parameters));
        Assert.Equal(new[] { "real.ngp" }, Directory.GetFiles(PathOf("models")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_link_to_a_read_only_file_or_to_nothing_is_refused_naming_the_users_path()
    {
        string target = PathOf("real.ngp");
        Net(1).SaveParameters(target);
        MakeReadOnly(target);
        string link = PathOf("link.ngp");
        File.CreateSymbolicLink(link, target);
        var readOnly = Assert.Throws<UnauthorizedAccessException>(() => Net(2).SaveParameters(link));
        Assert.StartsWith($"Cannot save to '{link}' (a link to '{target}'): the file is read-only", readOnly.Message);

        string dangling = PathOf("dangling.ngp");
        File.CreateSymbolicLink(dangling, PathOf("nowhere.ngp"));
        var nowhere = Assert.Throws<IOException>(() => Net(2).SaveParameters(dangling));
        Assert.Equal($"Cannot save to '{dangling}': it is a symbolic link to '{PathOf("nowhere.ngp")}', which does not exist. Save to the target's path, or remove the link.", nowhere.Message);
        Assert.False(File.Exists(PathOf("nowhere.ngp")));
    }

    [Fact]
    public void Saving_into_a_missing_folder_names_the_users_path_not_a_temporary_file()
    {
        string path = PathOf(Path.Combine("no-such-folder", "net.ngp"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => Net(1).SaveParameters(path));
        Assert.Equal($"Cannot save to '{path}': the folder '{PathOf("no-such-folder")}' does not exist.", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void A_later_save_deletes_the_temporary_files_of_dead_saves_of_the_same_file_only()
    {
        string path = PathOf("net.ngp");
        Net(1).SaveParameters(path);
        // What a save killed between creating and renaming its temporary file leaves behind.
        string dead1 = PathOf($".net.ngp.{Guid.NewGuid():N}.tmp"), dead2 = PathOf($".net.ngp.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(dead1, Bytes(Net(3))[..40]);
        File.WriteAllBytes(dead2, Array.Empty<byte>());
        // A save in progress in another process holds its temporary file locked: it must survive.
        string live = PathOf($".net.ngp.{Guid.NewGuid():N}.tmp");
        using var liveSave = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        // Look-alikes that are not NetGen's, and another destination's dead save: not this save's business.
        string[] others =
        {
            PathOf(".net.ngp.notes.tmp"), PathOf($".net.ngp.{Guid.NewGuid():N}.tmp.bak"), PathOf($".net.ngp.{Guid.NewGuid().ToString("N").ToUpperInvariant()}.tmp"),
            PathOf($".other.ngp.{Guid.NewGuid():N}.tmp"),
        };
        foreach (string other in others)
        {
            File.WriteAllText(other, "keep");
        }

        Net(2).SaveParameters(path);

        Assert.False(File.Exists(dead1));
        Assert.False(File.Exists(dead2));
        Assert.True(File.Exists(live));
        Assert.All(others, o => Assert.Equal("keep", File.ReadAllText(o)));
        Assert.Equal(Bytes(Net(2)), File.ReadAllBytes(path));
    }

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.SetAttributes(path, File.GetAttributes(path) | FileAttributes.ReadOnly);
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead); // 0444, as chmod a-w
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
        return output.Trim();
    }
}

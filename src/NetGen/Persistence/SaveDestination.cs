using System;
using System.IO;

namespace NetGen;

/// <summary>
/// Where a save really goes, and what the file there must keep. Decided before anything is written, so
/// that every refusal names the user's path and leaves the old file alone:
/// <list type="bullet">
/// <item>a symbolic link is followed to its final target, which is replaced (the link stays a link);</item>
/// <item>a missing folder, a folder in the way, a dangling link or a read-only file is an error;</item>
/// <item>an existing file's permissions (and, on Linux, its owner where the process may) carry over.</item>
/// </list>
/// </summary>
internal sealed class SaveDestination
{
    private SaveDestination(string path, string target, UnixFileMode? mode, FileAttributes? attributes)
    {
        UserPath = path;
        Target = target;
        Directory = Path.GetDirectoryName(target)!;
        ExistingMode = mode;
        ExistingAttributes = attributes;
    }

    /// <summary>The path the caller gave, for messages.</summary>
    public string UserPath { get; }

    /// <summary>The full path of the file that is replaced: the path itself, or a link's final target.</summary>
    public string Target { get; }

    /// <summary>The target's folder, where the temporary file is written so that the rename stays on one file system.</summary>
    public string Directory { get; }

    /// <summary>The permissions of the file being replaced (Unix), or null for a new file.</summary>
    public UnixFileMode? ExistingMode { get; }

    /// <summary>The attributes of the file being replaced (Windows), or null for a new file.</summary>
    public FileAttributes? ExistingAttributes { get; }

    public static SaveDestination Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = FollowLinks(path, Path.GetFullPath(path));
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"Cannot save to '{path}': it names no file.", nameof(path));
        if (!System.IO.Directory.Exists(directory))
        {
            string via = target == Path.GetFullPath(path) ? "" : $" (the target of the link '{path}')";
            throw new DirectoryNotFoundException($"Cannot save to '{path}': the folder '{directory}'{via} does not exist.");
        }
        if (System.IO.Directory.Exists(target))
        {
            throw new IOException($"Cannot save to '{path}': '{target}' is a folder.");
        }
        if (!File.Exists(target))
        {
            return new SaveDestination(path, target, null, null);
        }
        if (OperatingSystem.IsWindows())
        {
            FileAttributes attributes = File.GetAttributes(target);
            if ((attributes & FileAttributes.ReadOnly) != 0)
            {
                throw ReadOnly(path, target);
            }
            return new SaveDestination(path, target, null, attributes);
        }
        UnixFileMode mode = File.GetUnixFileMode(target);
        // Nobody may write it: someone made it read-only on purpose. The rename would replace it anyway (the
        // folder, not the file, decides whether a rename is allowed), and root may write it regardless.
        if ((mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
        {
            throw ReadOnly(path, target);
        }
        return new SaveDestination(path, target, mode, null);
    }

    private static string FollowLinks(string path, string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (file.LinkTarget is null)
        {
            return fullPath;
        }
        try
        {
            FileSystemInfo? final = file.ResolveLinkTarget(returnFinalTarget: true);
            if (final is not null && (final.Exists || System.IO.Directory.Exists(final.FullName)))
            {
                return final.FullName;
            }
        }
        catch (FileNotFoundException)
        {
            // A link in the chain points nowhere; reported below.
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot save to '{path}': its symbolic links cannot be followed ({e.Message}).", e);
        }
        throw new IOException(
            $"Cannot save to '{path}': it is a symbolic link to '{file.LinkTarget}', which does not exist. Save to the target's path, or remove the link.");
    }

    private static UnauthorizedAccessException ReadOnly(string path, string target)
    {
        string which = path == target || Path.GetFullPath(path) == target ? $"'{path}'" : $"'{path}' (a link to '{target}')";
        return new UnauthorizedAccessException(
            $"Cannot save to {which}: the file is read-only, and NetGen does not replace a read-only file. Make it writable, or save elsewhere.");
    }
}

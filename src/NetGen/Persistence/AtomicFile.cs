using System;
using System.IO;

namespace NetGen;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old file or the new one, never a
/// half-written one: write a temporary file beside it, flush it to disk, then rename it over the target.
/// </summary>
internal static class AtomicFile
{
    public static void Replace(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        // Same directory, so that the rename stays on one file system and is atomic.
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leave it: the target is intact, which is what matters.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System;
using System.IO;

namespace NetGen;

/// <summary>
/// Replaces a file so that a crash at any moment leaves either the old file or the new one, never a
/// half-written one: write a temporary file beside it, flush it to disk, then rename it over the target.
/// The replacement keeps what the old file's owner set up: its permissions, its owner where the process
/// may change it (Linux), a symbolic link (written through to its target), and a read-only file (refused).
/// </summary>
internal static class AtomicFile
{
    public static void Replace(string path, Action<Stream> write)
    {
        SaveDestination destination = SaveDestination.Resolve(path);
        TemporaryFiles.DeleteStale(destination.Target);
        string temporary = TemporaryFiles.For(destination.Target);
        try
        {
            using (FileStream stream = CreateTemporary(destination, temporary))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
                if (!OperatingSystem.IsWindows())
                {
                    // Renamed while still open and locked, so that another save's clean-up never takes it for a dead save's.
                    File.Move(temporary, destination.Target, overwrite: true);
                }
            }
            if (OperatingSystem.IsWindows())
            {
                // Windows cannot rename a file this process holds open without sharing.
                File.Move(temporary, destination.Target, overwrite: true);
                if (destination.ExistingAttributes is FileAttributes attributes)
                {
                    File.SetAttributes(destination.Target, attributes);
                }
            }
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static FileStream CreateTemporary(SaveDestination destination, string temporary)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (destination.ExistingMode is not null && !OperatingSystem.IsWindows())
        {
            // Owner-only from the first instant, then exactly the old file's mode, before a byte is written:
            // the parameters of a 0600 file are never readable by others, not even in the temporary file.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        FileStream stream;
        try
        {
            stream = new FileStream(temporary, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exception names the temporary file, which the caller never asked for; name theirs.
            throw e is UnauthorizedAccessException
                ? new UnauthorizedAccessException($"Cannot save to '{destination.UserPath}': cannot create a file in '{destination.Directory}' ({e.Message})", e)
                : new IOException($"Cannot save to '{destination.UserPath}': cannot create a file in '{destination.Directory}' ({e.Message})", e);
        }
        try
        {
            if (destination.ExistingMode is UnixFileMode mode && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, mode);
                FileOwner.CopyTo(destination.Target, stream.SafeFileHandle);
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return stream;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Leave it: the target is intact, which is what matters, and the next save cleans it up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

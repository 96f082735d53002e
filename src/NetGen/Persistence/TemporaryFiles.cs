using System;
using System.IO;

namespace NetGen;

/// <summary>
/// The temporary files of atomic saves: <c>.{file name}.{32 hex digits}.tmp</c> beside the file they will
/// replace. A save holds its temporary file open with <see cref="FileShare.None"/> (an exclusive lock: a
/// <c>flock</c> on Unix, a sharing mode on Windows) until it is renamed, so a temporary file of the same
/// destination that can be opened exclusively belongs to a save that died (a killed process, a power cut):
/// the next save of that destination deletes it. A save in progress elsewhere is left alone. (On Unix a
/// file is created and then locked, two calls: a clean-up that falls exactly between them deletes a live
/// save's file, and that save then fails with an IOException and leaves the old file whole.)
/// </summary>
internal static class TemporaryFiles
{
    private const string Suffix = ".tmp";
    private const int HexDigits = 32;

    /// <summary>A new, unique temporary path for <paramref name="target"/>, in the same folder.</summary>
    public static string For(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $"{Prefix(target)}{Guid.NewGuid():N}{Suffix}");

    /// <summary>Deletes the temporary files that earlier, unfinished saves of <paramref name="target"/> left behind.</summary>
    public static void DeleteStale(string target)
    {
        string prefix = Prefix(target);
        string[] candidates;
        try
        {
            // The pattern is only a first filter (its '*' and '?' rules differ by platform); IsOurs decides.
            candidates = System.IO.Directory.GetFiles(Path.GetDirectoryName(target)!, prefix + "*" + Suffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (string candidate in candidates)
        {
            if (IsOurs(Path.GetFileName(candidate), prefix))
            {
                TryDeleteUnlocked(candidate);
            }
        }
    }

    private static string Prefix(string target) => $".{Path.GetFileName(target)}.";

    /// <summary>Exactly the prefix, 32 hexadecimal digits and the suffix: never a user's file that merely looks similar.</summary>
    private static bool IsOurs(string name, string prefix)
    {
        if (name.Length != prefix.Length + HexDigits + Suffix.Length
            || !name.StartsWith(prefix, StringComparison.Ordinal)
            || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (char c in name.AsSpan(prefix.Length, HexDigits))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static void TryDeleteUnlocked(string path)
    {
        try
        {
            // Opening exclusively fails while a live save holds the file; DeleteOnClose removes it as the lock is released.
            using var stale = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // In use by a save in progress, or not ours to delete: leave it.
        }
    }
}

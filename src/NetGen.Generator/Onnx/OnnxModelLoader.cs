using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Onnx;

/// <summary>
/// Reads one <c>.onnx</c> AdditionalFiles item into an <see cref="OnnxModelFile"/>.
/// <para>
/// The compiler hands additional files to generators only as decoded text (AdditionalText.GetText), and
/// refuses binary content there (CS2015 when a file has two NUL bytes in a row, as every ONNX model
/// with a zero weight or an int64 shape does); Roslyn has no byte API (dotnet/roslyn#47292). So NetGen
/// reads the bytes of exactly the file the project lists, by the path the compiler gives, and never
/// calls GetText on it. The file is still an input of the compilation: MSBuild rebuilds when it changes
/// and the IDE hands the generator a new AdditionalText, which this step reads again. docs/onnx.md
/// explains the choice.
/// </para>
/// <para>
/// The read runs inside the compiler, so it must neither hang nor exhaust memory, whatever the path
/// names: only a regular file of at most <see cref="Limits.MaxModelBytes"/> is read, its length is
/// checked before it is opened, and no more than that is ever read. A FIFO (whose open blocks until a
/// writer comes, forever in a build), a device such as <c>/dev/zero</c> (which never ends) and a socket
/// all report a length of 0 without being opened, so an empty length is refused before opening; a
/// stream that cannot seek is refused after. Everything refused is NG0200 with the reason.
/// </para>
/// </summary>
internal static class OnnxModelLoader
{
    public static OnnxModelFile Load(string path, System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
            string? refusal = Read(path, out bytes);
            if (refusal is not null)
            {
                return new OnnxModelFile(path, "", null, new ImportError(ImportErrorKind.Unreadable, refusal));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return new OnnxModelFile(path, "", null, new ImportError(ImportErrorKind.Unreadable, exception.Message));
        }
        return FromBytes(path, bytes);
    }

#pragma warning disable RS1035 // The only way to read a binary AdditionalFiles item; see the summary and docs/onnx.md.
    /// <summary>The file's bytes, or why they are not read.</summary>
    private static string? Read(string path, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Directory.Exists(path) ? "it is a folder, not a model file" : "it does not exist at " + path;
        }
        bool windows = Path.DirectorySeparatorChar == '\\';
        bool measured = true;
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            // A link reports its own length, not its target's: measure what it finally points to, which
            // may be a device or a FIFO. Windows has neither at a file path, so there an unresolved link
            // is opened and measured below.
            FileSystemInfo? target = FinalTarget(path);
            if (target is FileInfo file)
            {
                info = file;
            }
            else if (target is not null)
            {
                return "it is a link to a folder, not to a model file";
            }
            else if (windows)
            {
                measured = false;
            }
            else
            {
                return "it is a symbolic link, which NetGen follows only when the compiler runs on .NET 6 or later; list the model file itself";
            }
            if (measured && !info.Exists)
            {
                return "it is a link to " + info.FullName + ", which does not exist";
            }
        }
        long length = measured ? info.Length : 1;
        if (length == 0)
        {
            return "it is empty or is not a regular file (a device, a pipe or a socket report no length); NetGen reads models only from regular files";
        }
        if (length > Limits.MaxModelBytes)
        {
            return TooLong(length);
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (!stream.CanSeek)
        {
            return "it is not a regular file (it cannot seek, as a device or a pipe cannot); NetGen reads models only from regular files";
        }
        length = stream.Length;
        if (length == 0)
        {
            return "it is empty or is not a regular file (a device reports no length); NetGen reads models only from regular files";
        }
        if (length > Limits.MaxModelBytes)
        {
            return TooLong(length);
        }
        // Read at most the length measured, then check that nothing follows: a file that grows while it is
        // read is read again at the next build, not followed without bound.
        var buffer = new byte[length];
        int read = 0;
        while (read < buffer.Length)
        {
            int count = stream.Read(buffer, read, buffer.Length - read);
            if (count == 0)
            {
                break;
            }
            read += count;
        }
        if (stream.ReadByte() >= 0)
        {
            return "it changed while NetGen read it (it grew); build again";
        }
        if (read < buffer.Length)
        {
            Array.Resize(ref buffer, read);
        }
        bytes = buffer;
        return null;
    }

    /// <summary>
    /// The file a link finally points to, by File.ResolveLinkTarget (.NET 6 and later, where the compiler
    /// runs in <c>dotnet build</c>); null where that method does not exist (the generator targets netstandard2.0).
    /// </summary>
    private static FileSystemInfo? FinalTarget(string path)
    {
        System.Reflection.MethodInfo? resolve = typeof(File).GetMethod("ResolveLinkTarget", new[] { typeof(string), typeof(bool) });
        try
        {
            return resolve?.Invoke(null, new object[] { path, true }) as FileSystemInfo;
        }
        catch (System.Reflection.TargetInvocationException exception) when (exception.InnerException is IOException inner)
        {
            // A loop of links, or a link the process may not follow: reported as the read failure it is.
            throw new IOException(inner.Message, inner);
        }
    }
#pragma warning restore RS1035

    private static string TooLong(long length) =>
        $"it is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes, over NetGen's limit of {Limits.MaxModelBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes for a model (8 bytes for each of the {Limits.MaxImportedParameters.ToString("N0", CultureInfo.InvariantCulture)} parameters an imported network may have, plus 16 MiB of structure)";

    public static OnnxModelFile FromBytes(string path, byte[] bytes)
    {
        string hash;
        using (SHA256 sha = SHA256.Create())
        {
            hash = Convert.ToBase64String(sha.ComputeHash(bytes));
        }
        try
        {
            return new OnnxModelFile(path, hash, OnnxNetworkImporter.Import(OnnxModelReader.Read(bytes)), null);
        }
        catch (OnnxFormatException exception)
        {
            return new OnnxModelFile(path, hash, null, new ImportError(ImportErrorKind.Malformed, exception.Message));
        }
        catch (OnnxImportException exception)
        {
            return new OnnxModelFile(path, hash, null, exception.Error);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A generator that throws fails the whole build (CS8785); a model NetGen misreads is a diagnostic.
            return new OnnxModelFile(path, hash, null, new ImportError(ImportErrorKind.Malformed,
                $"NetGen could not read it ({exception.GetType().Name}: {exception.Message}); please report it with the model"));
        }
    }
}

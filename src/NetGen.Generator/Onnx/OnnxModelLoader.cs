using System;
using System.IO;
using System.Security.Cryptography;

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
/// </summary>
internal static class OnnxModelLoader
{
    public static OnnxModelFile Load(string path, System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] bytes;
        try
        {
#pragma warning disable RS1035 // The only way to read a binary AdditionalFiles item; see the summary and docs/onnx.md.
            bytes = File.ReadAllBytes(path);
#pragma warning restore RS1035
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            return new OnnxModelFile(path, "", null, new ImportError(ImportErrorKind.Unreadable, exception.Message));
        }
        return FromBytes(path, bytes);
    }

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

using System.IO;

namespace NetGen;

/// <summary>Why a parameter file could not be loaded.</summary>
public enum ParameterFileError
{
    /// <summary>The data does not start like a NetGen parameter file.</summary>
    NotAParameterFile = 0,

    /// <summary>The file was written in a format version this library does not read.</summary>
    UnsupportedVersion = 1,

    /// <summary>The file ends before its header says it should (for example a save cut short).</summary>
    Truncated = 2,

    /// <summary>The checksum does not match, or a value is not a finite number: the bytes have changed.</summary>
    Corrupted = 3,

    /// <summary>The file holds the parameters of a network with another topology, activation, bias layout or precision.</summary>
    DifferentNetwork = 4,
}

/// <summary>
/// A parameter file or JSON text could not be loaded. The network it was being loaded into is unchanged.
/// </summary>
public sealed class ParameterFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why loading failed.</param>
    /// <param name="message">What is wrong, in words.</param>
    public ParameterFileException(ParameterFileError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Why loading failed.</summary>
    public ParameterFileError Error { get; }
}

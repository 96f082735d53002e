using System;
using System.Globalization;
using System.IO;

namespace NetGen;

/// <summary>
/// Reads one binary parameter file from a stream without trusting the stream: the fixed header first
/// (so that <c>/dev/zero</c> or a foreign file is refused after 14 bytes), then only the length the header
/// declares, and only when that length is plausible for the network being loaded. Memory use is bounded
/// by the network's own file size, whatever the stream holds or however long it runs.
/// </summary>
internal static class ParameterStream
{
    /// <summary>
    /// How much longer than the network's own file a declared length may be and still be read: enough to
    /// read the header of a somewhat larger network's file and name that network in the error.
    /// </summary>
    private const long Headroom = 64 * 1024;

    /// <summary>
    /// Returns the bytes of one parameter file for a network of <paramref name="layout"/>, which must end the
    /// stream, or throws <see cref="ParameterFileException"/>.
    /// </summary>
    public static byte[] Read(Stream stream, NetworkLayout layout, string networkName)
    {
        (byte[] bytes, bool whole) = ReadBlock(stream, layout, networkName);
        if (!whole)
        {
            return bytes; // Decode names what is wrong with it.
        }
        // One byte more would mean the data goes on past what the header declares: not a file this method reads.
        Span<byte> probe = stackalloc byte[8];
        if (stream.Read(probe[..1]) > 0)
        {
            bool scaler = probe[0] == ScalerSection.Magic[0]
                && 1 + stream.ReadAtLeast(probe[1..], probe.Length - 1, throwOnEndOfStream: false) == probe.Length
                && probe.SequenceEqual(ScalerSection.Magic);
            throw new ParameterFileException(ParameterFileError.Corrupted, scaler
                ? $"The {Number(bytes.Length)} bytes of parameters are followed by a feature scaler: load the file with LoadParameters(path, out FeatureScaler? scaler) (or ReadParameters(stream, out scaler)), which loads both."
                : $"The data goes on past the {Number(bytes.Length)} bytes its header declares.");
        }
        return bytes;
    }

    /// <summary>
    /// Reads the parameter block at the stream's position: the header, then the length it declares, and no more.
    /// <c>Whole</c> is false when the stream is short or is no parameter file (the decoder then words the error).
    /// </summary>
    public static (byte[] Bytes, bool Whole) ReadBlock(Stream stream, NetworkLayout layout, string networkName)
    {
        var header = new byte[BinaryParameterFormat.FixedHeader];
        int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
        {
            return (header[..got], false); // Decode names what is wrong with a stream this short.
        }
        // Magic and version are judged before the length means anything; Decode words those refusals.
        uint declared = BinaryParameterFormat.DeclaredLength(header);
        if (!header.AsSpan(0, 8).SequenceEqual("NGPARAMS"u8) || BinaryParameterFormat.DeclaredVersion(header) != BinaryParameterFormat.Version
            || declared < header.Length)
        {
            return (header, false);
        }
        long expected = BinaryParameterFormat.LengthOf(layout);
        if (declared > expected + Headroom)
        {
            // Corrupted rather than DifferentNetwork: without reading on, there is no telling which it is.
            throw new ParameterFileException(ParameterFileError.Corrupted,
                $"The header declares {Number(declared)} bytes; {networkName}'s parameters take {Number(expected)}. " +
                "It holds the parameters of a much larger network, or its header is damaged; nothing more was read.");
        }
        var bytes = new byte[declared];
        header.CopyTo(bytes, 0);
        got = header.Length + stream.ReadAtLeast(bytes.AsSpan(header.Length), bytes.Length - header.Length, throwOnEndOfStream: false);
        return got < bytes.Length ? (bytes[..got], false) : (bytes, true);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

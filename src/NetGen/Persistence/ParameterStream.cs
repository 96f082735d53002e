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

    /// <summary>Returns the bytes of one parameter file for a network of <paramref name="layout"/>, or throws <see cref="ParameterFileException"/>.</summary>
    public static byte[] Read(Stream stream, NetworkLayout layout, string networkName)
    {
        var header = new byte[BinaryParameterFormat.FixedHeader];
        int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
        {
            return header[..got]; // Decode names what is wrong with a stream this short.
        }
        // Magic and version are judged before the length means anything; Decode words those refusals.
        uint declared = BinaryParameterFormat.DeclaredLength(header);
        if (!header.AsSpan(0, 8).SequenceEqual("NGPARAMS"u8) || BinaryParameterFormat.DeclaredVersion(header) != BinaryParameterFormat.Version
            || declared < header.Length)
        {
            return header;
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
        if (got < bytes.Length)
        {
            return bytes[..got];
        }
        // One byte more would mean the data goes on past what the header declares: not a file NetGen wrote.
        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) > 0)
        {
            throw new ParameterFileException(ParameterFileError.Corrupted,
                $"The data goes on past the {Number(declared)} bytes its header declares.");
        }
        return bytes;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

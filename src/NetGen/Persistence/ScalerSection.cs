using System;
using System.Buffers.Binary;
using System.Globalization;

namespace NetGen;

/// <summary>
/// The optional section that follows a parameter file's bytes when a <see cref="FeatureScaler"/> is saved
/// with the parameters. The parameter block before it is byte for byte what <c>SaveParameters</c> writes,
/// so a file without the section is an ordinary parameter file and files saved before scalers existed load
/// unchanged. Little-endian:
/// <code>
/// "NGSCALER"     magic (8 bytes)
/// u16 version    1
/// u32 length     of the whole section, checksum included
/// u8  method     NetGen.ScalingMethod
/// i32 W          number of features
/// f64 x W        offsets
/// f64 x W        scales
/// u32            CRC-32 of every byte of the section before it
/// </code>
/// </summary>
internal static class ScalerSection
{
    public const ushort Version = 1;
    private const int FixedHeader = 8 + 2 + 4; // magic, version, length

    public static ReadOnlySpan<byte> Magic => "NGSCALER"u8;

    public static byte[] Encode(FeatureScaler scaler)
    {
        int width = scaler.Width;
        int length = FixedHeader + 1 + 4 + 16 * width + 4;
        var bytes = new byte[length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(10), (uint)length);
        bytes[14] = (byte)scaler.Method;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(15), width);
        for (int c = 0; c < width; c++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(19 + 8 * c), scaler.Offsets[c]);
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(19 + 8 * (width + c)), scaler.Scales[c]);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(length - 4), Crc32.Compute(bytes.AsSpan(0, length - 4)));
        return bytes;
    }

    /// <summary>Checks the whole section and returns the scaler; throws <see cref="ParameterFileException"/> otherwise.</summary>
    public static FeatureScaler Decode(ReadOnlySpan<byte> bytes, int expectedWidth, string networkName)
    {
        if (!bytes.StartsWith(Magic))
        {
            throw Error(ParameterFileError.Corrupted, "Bytes follow the parameters but they are not a feature scaler section (\"NGSCALER\").");
        }
        if (bytes.Length < FixedHeader + 4)
        {
            throw Error(ParameterFileError.Truncated, "The feature scaler section was cut short.");
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (version != Version)
        {
            throw Error(ParameterFileError.UnsupportedVersion,
                $"The feature scaler section is in format version {Number(version)}; this NetGen reads version {Number(Version)}.");
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[10..]);
        if (bytes.Length < length)
        {
            throw Error(ParameterFileError.Truncated,
                $"The feature scaler section has {Number(bytes.Length)} bytes but its header says {Number(length)}: it was cut short.");
        }
        if (bytes.Length > length || length < FixedHeader + 1 + 4 + 4)
        {
            throw Error(ParameterFileError.Corrupted,
                $"The feature scaler section has {Number(bytes.Length)} bytes but its header says {Number(length)}.");
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        uint actual = Crc32.Compute(bytes[..^4]);
        if (stored != actual)
        {
            throw Error(ParameterFileError.Corrupted,
                $"The feature scaler's checksum does not match (stored {stored:X8}, computed {actual:X8}): the file's bytes have changed since it was saved.");
        }
        var method = (ScalingMethod)bytes[14];
        int width = BinaryPrimitives.ReadInt32LittleEndian(bytes[15..]);
        if (width < 1 || (long)width * 16 != length - (FixedHeader + 1 + 4 + 4) || !Enum.IsDefined(method))
        {
            throw Error(ParameterFileError.Corrupted, "The feature scaler section is not consistent (method or feature count out of range).");
        }
        if (width != expectedWidth)
        {
            throw Error(ParameterFileError.DifferentNetwork,
                $"The feature scaler has {Number(width)} features; {networkName} has {Number(expectedWidth)} inputs.");
        }
        var offsets = new double[width];
        var scales = new double[width];
        for (int c = 0; c < width; c++)
        {
            offsets[c] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(19 + 8 * c)..]);
            scales[c] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(19 + 8 * (width + c))..]);
        }
        try
        {
            return FeatureScaler.Create(method, offsets, scales);
        }
        catch (ArgumentException e)
        {
            throw Error(ParameterFileError.Corrupted, "The feature scaler section holds an impossible value: " + e.Message);
        }
    }

    private static ParameterFileException Error(ParameterFileError error, string message) => new(error, message);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// NetGen's binary parameter format, version 1. Little-endian throughout:
/// <code>
/// "NGPARAMS"                magic (8 bytes)
/// u16 version               1
/// u32 length                of the whole file, checksum included
/// u8  scalar size           4 (float) or 8 (double)
/// u8  bias mode             0 per-neuron, 1 shared per layer
/// i32 L                     number of layer sizes, input included
/// i32 x L                   layer sizes (a feature map's flattened size)
/// u8 x (L - 1)              activation of each layer after the input (NetGen.Activation)
/// i32 P                     parameter count
/// u64                       layout fingerprint (FNV-1a 64 of precision, sizes, activations, parameter names,
///                           and for spatial layers their kinds, shapes, kernels, strides, dilations and pads)
/// scalar x P                parameters, in parameter order
/// u32                       CRC-32 of every byte before it
/// </code>
/// </summary>
internal static class BinaryParameterFormat
{
    public const ushort Version = 1;
    private static ReadOnlySpan<byte> Magic => "NGPARAMS"u8;
    /// <summary>Magic, version and length: what a reader checks before it reads anything more.</summary>
    public const int FixedHeader = 8 + 2 + 4;

    /// <summary>The exact length of the file of a network with <paramref name="layout"/>.</summary>
    public static long LengthOf(NetworkLayout layout) =>
        FixedHeader + 2 + 4 + 4L * (layout.Layers.Length + 1) + layout.Layers.Length + 4 + 8 + (long)layout.ScalarSize * layout.ParameterCount + 4;

    /// <summary>The length the header at the start of <paramref name="header"/> declares (at least <see cref="FixedHeader"/> bytes).</summary>
    /// <summary>The format version the header at the start of <paramref name="header"/> declares (at least <see cref="FixedHeader"/> bytes).</summary>
    public static ushort DeclaredVersion(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);

    /// <summary>The length the header at the start of <paramref name="header"/> declares (at least <see cref="FixedHeader"/> bytes).</summary>
    public static uint DeclaredLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadUInt32LittleEndian(header[10..]);

    public static byte[] Encode<T>(NetworkLayout layout, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int sizeCount = layout.Layers.Length + 1;
        int length = checked((int)LengthOf(layout));
        var bytes = new byte[length];
        var w = new Writer(bytes);
        w.Bytes(Magic);
        w.UInt16(Version);
        w.UInt32((uint)length);
        w.Byte((byte)layout.ScalarSize);
        w.Byte(layout.SharedBias ? (byte)1 : (byte)0);
        w.Int32(sizeCount);
        w.Int32(layout.Layers[0].InputSize);
        foreach (LayerLayout layer in layout.Layers)
        {
            w.Int32(layer.OutputSize);
        }
        foreach (LayerLayout layer in layout.Layers)
        {
            w.Byte((byte)layer.Activation);
        }
        w.Int32(parameters.Length);
        w.UInt64(layout.Fingerprint);
        foreach (T value in parameters)
        {
            w.Scalar(value, layout.ScalarSize);
        }
        w.UInt32(Crc32.Compute(bytes.AsSpan(0, length - 4)));
        return bytes;
    }

    /// <summary>Checks <paramref name="bytes"/> completely against <paramref name="layout"/> and returns the parameters; throws before returning anything otherwise.</summary>
    public static T[] Decode<T>(ReadOnlySpan<byte> bytes, NetworkLayout layout, string networkName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bytes.Length < Magic.Length)
        {
            throw Magic.StartsWith(bytes)
                ? Error(ParameterFileError.Truncated, $"The file has only {Number(bytes.Length)} bytes; it was cut short (perhaps a save that never finished).")
                : NotOurs();
        }
        if (!bytes.StartsWith(Magic))
        {
            throw NotOurs();
        }
        if (bytes.Length < FixedHeader)
        {
            throw Error(ParameterFileError.Truncated, $"The file has only {Number(bytes.Length)} bytes, too few for its header.");
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (version != Version)
        {
            throw Error(ParameterFileError.UnsupportedVersion, $"The file is in format version {Number(version)}; this NetGen reads version {Number(Version)}.");
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[10..]);
        if (bytes.Length < length)
        {
            throw Error(ParameterFileError.Truncated, $"The file has {Number(bytes.Length)} bytes but its header says {Number(length)}: it was cut short.");
        }
        if (bytes.Length > length || length < FixedHeader + 4)
        {
            throw Error(ParameterFileError.Corrupted, $"The file has {Number(bytes.Length)} bytes but its header says {Number(length)}.");
        }
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
        uint actual = Crc32.Compute(bytes[..^4]);
        if (stored != actual)
        {
            throw Error(ParameterFileError.Corrupted,
                $"The checksum does not match (stored {stored:X8}, computed {actual:X8}): the file's bytes have changed since it was saved.");
        }
        return ReadBody<T>(bytes[FixedHeader..^4], layout, networkName);
    }

    private static T[] ReadBody<T>(ReadOnlySpan<byte> body, NetworkLayout layout, string networkName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new Reader(body);
        int scalarSize = r.Byte();
        int biasMode = r.Byte();
        int sizeCount = r.Int32();
        if (sizeCount < 2 || sizeCount > body.Length / 4 || biasMode > 1 || scalarSize is not (4 or 8))
        {
            throw Error(ParameterFileError.Corrupted, "The header is not consistent (layer count, bias mode or scalar size out of range).");
        }
        var sizes = new int[sizeCount];
        for (int k = 0; k < sizeCount; k++)
        {
            sizes[k] = r.Int32();
        }
        var layers = new LayerLayout[sizeCount - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = new LayerLayout(LayerKind.Dense, sizes[l], sizes[l + 1], sizes[l], sizes[l + 1], (Activation)r.Byte(), 0, 0, 0);
        }
        int count = r.Int32();
        ulong fingerprint = r.UInt64();
        // The header records flattened sizes; the fingerprint tells feature maps, kernels and strides apart.
        string fileDescription = $"{NetworkLayout.DescribeSizes(layers)}, {NetworkLayout.BiasName(biasMode == 1)} biases, {NetworkLayout.PrecisionName(scalarSize)}";
        if (fileDescription != layout.SizesDescription || count != layout.ParameterCount || fingerprint != layout.Fingerprint)
        {
            string differs = layout.Differences;
            string detail = fileDescription == layout.SizesDescription
                ? $" The {(layout.IsDense ? "descriptions" : "sizes")} agree but the parameter count ({Number(count)} vs {Number(layout.ParameterCount)}) or {differs} differ."
                : "";
            throw Error(ParameterFileError.DifferentNetwork,
                $"The file holds the parameters of a {fileDescription} network; {networkName} is {layout.Description}.{detail}");
        }
        if (r.Remaining != count * scalarSize)
        {
            throw Error(ParameterFileError.Corrupted, $"The file has {Number(r.Remaining)} bytes of parameters; {Number(count)} parameters need {Number(count * scalarSize)}.");
        }
        var values = new T[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = r.Scalar<T>(scalarSize);
            if (!T.IsFinite(values[k]))
            {
                throw Error(ParameterFileError.Corrupted, $"Parameter {Number(k)} ({layout.Names[k]}) is {values[k].ToString(null, CultureInfo.InvariantCulture)}.");
            }
        }
        return values;
    }

    private static ParameterFileException NotOurs() =>
        Error(ParameterFileError.NotAParameterFile, "The data is not a NetGen parameter file (it does not start with \"NGPARAMS\").");

    private static ParameterFileException Error(ParameterFileError error, string message) => new(error, message);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private ref struct Writer(Span<byte> bytes)
    {
        private readonly Span<byte> _bytes = bytes;
        private int _at;

        public void Bytes(ReadOnlySpan<byte> value)
        {
            value.CopyTo(_bytes[_at..]);
            _at += value.Length;
        }

        public void Byte(byte value) => _bytes[_at++] = value;

        public void UInt16(ushort value) { BinaryPrimitives.WriteUInt16LittleEndian(_bytes[_at..], value); _at += 2; }

        public void Int32(int value) { BinaryPrimitives.WriteInt32LittleEndian(_bytes[_at..], value); _at += 4; }

        public void UInt32(uint value) { BinaryPrimitives.WriteUInt32LittleEndian(_bytes[_at..], value); _at += 4; }

        public void UInt64(ulong value) { BinaryPrimitives.WriteUInt64LittleEndian(_bytes[_at..], value); _at += 8; }

        public void Scalar<T>(T value, int size)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            // Both conversions are exact: T is float or double and so is what is written.
            if (size == 4)
            {
                BinaryPrimitives.WriteSingleLittleEndian(_bytes[_at..], float.CreateTruncating(value));
            }
            else
            {
                BinaryPrimitives.WriteDoubleLittleEndian(_bytes[_at..], double.CreateTruncating(value));
            }
            _at += size;
        }
    }

    /// <summary>Reads forward; running past the end means the header lied, i.e. the file is corrupt.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly int Remaining => _bytes.Length - _at;

        public byte Byte() => Take(1)[0];

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public T Scalar<T>(int size)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            size == 4
                ? T.CreateTruncating(BinaryPrimitives.ReadSingleLittleEndian(Take(4)))
                : T.CreateTruncating(BinaryPrimitives.ReadDoubleLittleEndian(Take(8)));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > Remaining)
            {
                throw Error(ParameterFileError.Corrupted, "The header describes more data than the file holds.");
            }
            ReadOnlySpan<byte> taken = _bytes.Slice(_at, count);
            _at += count;
            return taken;
        }
    }
}

using System;
using System.Buffers.Binary;
using System.IO;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Saves a network's parameters together with the <see cref="FeatureScaler"/> its inputs need, in one
/// file, and loads both back. The file is an ordinary parameter file followed by a scaler section, so
/// <see cref="LoadParameters{TNet, T}(INetwork{TNet, T}, string, out FeatureScaler?)"/> also loads every
/// parameter file saved without a scaler (the scaler is then null).
/// </summary>
public static class ScaledNetworkPersistence
{
    /// <summary>
    /// Writes the parameters and <paramref name="scaler"/> to <paramref name="path"/>, atomically (a
    /// temporary file beside it, renamed over it), so a crash mid-save leaves the previous file whole.
    /// </summary>
    /// <exception cref="ArgumentException">The scaler's width is not the network's input count.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (the previous file is kept).</exception>
    public static void SaveParameters<TNet, T>(this INetwork<TNet, T> net, string path, FeatureScaler scaler)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        byte[] bytes = Encode(net, scaler);
        AtomicFile.Replace(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes the parameters and <paramref name="scaler"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">The scaler's width is not the network's input count.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (nothing is written).</exception>
    public static void WriteParameters<TNet, T>(this INetwork<TNet, T> net, Stream stream, FeatureScaler scaler)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(net, scaler));
    }

    /// <summary>
    /// Loads the parameters from <paramref name="path"/> and the scaler saved with them, or null when the
    /// file has none (every file written by the one-argument <c>SaveParameters</c>).
    /// </summary>
    /// <exception cref="ParameterFileException">The file is not a parameter file, is truncated or corrupted, or belongs to a different network; the network is unchanged.</exception>
    public static void LoadParameters<TNet, T>(this INetwork<TNet, T> net, string path, out FeatureScaler? scaler)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            scaler = Decode(net, ReadBounded<TNet, T>(file));
        }
        catch (ParameterFileException e)
        {
            throw new ParameterFileException(e.Error, $"Cannot load '{path}': {e.Message}");
        }
    }

    /// <summary>Reads parameters and an optional scaler from <paramref name="stream"/> to its end.</summary>
    /// <exception cref="ParameterFileException">The data is not a parameter file, is truncated or corrupted, or belongs to a different network; the network is unchanged.</exception>
    public static void ReadParameters<TNet, T>(this INetwork<TNet, T> net, Stream stream, out FeatureScaler? scaler)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        scaler = Decode(net, ReadBounded<TNet, T>(stream));
    }

    /// <summary>
    /// Reads the stream to its end, but never more than this network's parameter file with a scaler section
    /// could hold (plus headroom, so that a somewhat larger network's file still reaches the decoder and is
    /// named in its error): a wrong path such as <c>/dev/zero</c> or a huge file is refused, not read whole.
    /// </summary>
    private static byte[] ReadBounded<TNet, T>(Stream stream)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int headroom = 64 * 1024;
        NetworkLayout layout = NetworkLayout.Of<TNet, T>();
        // The exact sizes, from the encoders themselves: zeros encode to a file of the same length.
        long limit = BinaryParameterFormat.Encode<T>(layout, new T[layout.ParameterCount]).Length
            + ScalerSection.Encode(FeatureScaler.Create(ScalingMethod.Standardize, new double[TNet.InputCount], Ones(TNet.InputCount))).Length
            + headroom;
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                throw new ParameterFileException(ParameterFileError.Corrupted,
                    $"The data runs past {limit} bytes, more than {typeof(TNet).Name}'s parameters and a feature scaler take; nothing more was read.");
            }
        }
        return buffer.ToArray();
    }

    private static double[] Ones(int count)
    {
        var ones = new double[count];
        Array.Fill(ones, 1.0);
        return ones;
    }

    private static byte[] Encode<TNet, T>(INetwork<TNet, T> net, FeatureScaler scaler)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(scaler);
        if (scaler.Width != TNet.InputCount)
        {
            throw new ArgumentException($"The scaler has {scaler.Width} features; {typeof(TNet).Name} has {TNet.InputCount} inputs.", nameof(scaler));
        }
        // The ordinary parameter file first, written by the ordinary code, so the two can never drift apart.
        using var parameters = new MemoryStream();
        net.WriteParameters(parameters);
        byte[] section = ScalerSection.Encode(scaler);
        var bytes = new byte[parameters.Length + section.Length];
        parameters.GetBuffer().AsSpan(0, (int)parameters.Length).CopyTo(bytes);
        section.CopyTo(bytes, (int)parameters.Length);
        return bytes;
    }

    /// <summary>Checks both parts completely, then copies the parameters in: the network changes only when all is well.</summary>
    private static FeatureScaler? Decode<TNet, T>(INetwork<TNet, T> net, ReadOnlySpan<byte> bytes)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parameterLength = ParameterBlockLength(bytes);
        FeatureScaler? scaler = parameterLength < bytes.Length
            ? ScalerSection.Decode(bytes[parameterLength..], TNet.InputCount, typeof(TNet).Name)
            : null;
        T[] values = BinaryParameterFormat.Decode<T>(bytes[..parameterLength], NetworkLayout.Of<TNet, T>(), typeof(TNet).Name);
        values.CopyTo(net.Parameters);
        return scaler;
    }

    /// <summary>
    /// Where the parameter block ends, read from its header's length field (bytes 10-13 after "NGPARAMS" and
    /// the version). Anything too short or not a parameter file is handed whole to the parameter decoder,
    /// which says what is wrong with it.
    /// </summary>
    private static int ParameterBlockLength(ReadOnlySpan<byte> bytes)
    {
        const int lengthField = 10;
        if (bytes.Length < lengthField + 4 || !bytes.StartsWith("NGPARAMS"u8))
        {
            return bytes.Length;
        }
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[lengthField..]);
        return length < (uint)bytes.Length && bytes[(int)length..].StartsWith(ScalerSection.Magic) ? (int)length : bytes.Length;
    }
}

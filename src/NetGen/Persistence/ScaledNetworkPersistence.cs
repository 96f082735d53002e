using System;
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
            scaler = Read(net, file);
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
        scaler = Read(net, stream);
    }

    /// <summary>
    /// Reads the parameter block as the plain loader does (header first, then only the length it declares),
    /// then at most the scaler section this network's input count makes: a wrong path such as <c>/dev/zero</c>
    /// or a huge file is refused after a few bytes, not read whole. Both parts are checked before the network changes.
    /// </summary>
    private static FeatureScaler? Read<TNet, T>(INetwork<TNet, T> net, Stream stream)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        NetworkLayout layout = NetworkLayout.Of<TNet, T>();
        (byte[] parameters, bool whole) = ParameterStream.ReadBlock(stream, layout, typeof(TNet).Name);
        byte[] section = whole ? ReadSection(stream, TNet.InputCount) : Array.Empty<byte>();
        FeatureScaler? scaler = section.Length > 0 ? ScalerSection.Decode(section, TNet.InputCount, typeof(TNet).Name) : null;
        T[] values = BinaryParameterFormat.Decode<T>(parameters, layout, typeof(TNet).Name);
        values.CopyTo(net.Parameters);
        return scaler;
    }

    /// <summary>The rest of the stream, which is empty or one scaler section; never more than such a section is read.</summary>
    private static byte[] ReadSection(Stream stream, int inputCount)
    {
        int longest = ScalerSection.Encode(FeatureScaler.Create(ScalingMethod.Standardize, new double[inputCount], Ones(inputCount))).Length;
        var section = new byte[longest + 1];
        int got = stream.ReadAtLeast(section, section.Length, throwOnEndOfStream: false);
        if (got > longest)
        {
            throw new ParameterFileException(ParameterFileError.Corrupted,
                $"The data goes on past the parameters and a {inputCount}-feature scaler ({longest} bytes); nothing more was read.");
        }
        return section[..got];
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
}

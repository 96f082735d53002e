using System;
using System.Globalization;
using System.IO;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Saves a network's parameters and loads them back, in NetGen's small binary format (versioned, with
/// the topology, activations, bias layout, precision, a layout fingerprint and a CRC-32) or as JSON.
/// Loading checks everything first and changes the network only when all is well; saving to a path
/// replaces the file atomically.
/// </summary>
public static class NetworkPersistence
{
    /// <summary>
    /// Writes the parameters to <paramref name="path"/>: first to a temporary file beside it
    /// (<c>.{name}.{32 hex digits}.tmp</c>), then renamed over it, so that a crash mid-save leaves the previous
    /// file whole; the next save of the same path deletes what such a crash left behind. The new file keeps
    /// the old one's permissions (and on Linux its owner and group, where the process may change them). A
    /// symbolic link is written through: its final target is replaced and the link stays.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (the previous file is kept).</exception>
    /// <exception cref="UnauthorizedAccessException">The file is read-only (no write permission for anyone, or the Windows read-only attribute): NetGen does not replace it.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist; the message names <paramref name="path"/>.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder or a symbolic link to nothing, or the file cannot be written.</exception>
    public static void SaveParameters<TNet, T>(this INetwork<TNet, T> net, string path)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        byte[] bytes = Encode(net);
        AtomicFile.Replace(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// Loads parameters saved by <see cref="SaveParameters{TNet, T}"/>. Reads the header first and then only
    /// the length it declares, bounded by this network's file size, so a wrong path (a device such as
    /// <c>/dev/zero</c>, a huge file) is refused without reading it whole.
    /// </summary>
    /// <exception cref="ParameterFileException">The file is not a parameter file, is truncated or corrupted, or belongs to a different network; the network is unchanged.</exception>
    public static void LoadParameters<TNet, T>(this INetwork<TNet, T> net, string path)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentException.ThrowIfNullOrEmpty(path);
        T[] values;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            values = Decode<TNet, T>(file);
        }
        catch (ParameterFileException e)
        {
            throw new ParameterFileException(e.Error, $"Cannot load '{path}': {e.Message}");
        }
        values.CopyTo(net.Parameters);
    }

    /// <summary>Writes the parameters in the binary format to <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (nothing is written).</exception>
    public static void WriteParameters<TNet, T>(this INetwork<TNet, T> net, Stream stream)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(net));
    }

    /// <summary>
    /// Reads parameters in the binary format from <paramref name="stream"/>: the header first, then only the
    /// length it declares (bounded by this network's file size), then checks that the stream ends there.
    /// </summary>
    /// <exception cref="ParameterFileException">The data is not a parameter file, is truncated or corrupted, or belongs to a different network; the network is unchanged.</exception>
    public static void ReadParameters<TNet, T>(this INetwork<TNet, T> net, Stream stream)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(stream);
        T[] values = Decode<TNet, T>(stream);
        values.CopyTo(net.Parameters);
    }

    private static T[] Decode<TNet, T>(Stream stream)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        NetworkLayout layout = NetworkLayout.Of<TNet, T>();
        byte[] bytes = ParameterStream.Read(stream, layout, typeof(TNet).Name);
        return BinaryParameterFormat.Decode<T>(bytes, layout, typeof(TNet).Name);
    }

    /// <summary>The parameters as indented JSON, each by its name; numbers round-trip exactly.</summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite.</exception>
    public static string ToParameterJson<TNet, T>(this INetwork<TNet, T> net)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        CheckFinite<TNet, T>(net.Parameters);
        return JsonParameterFormat.Encode<T>(NetworkLayout.Of<TNet, T>(), net.Parameters);
    }

    /// <summary>Loads parameters from JSON written by <see cref="ToParameterJson{TNet, T}"/>; every parameter must be present, once.</summary>
    /// <exception cref="ParameterFileException">The text is not valid parameter JSON or belongs to a different network; the network is unchanged.</exception>
    public static void LoadParameterJson<TNet, T>(this INetwork<TNet, T> net, string json)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(json);
        T[] values = JsonParameterFormat.Decode<T>(json, NetworkLayout.Of<TNet, T>(), typeof(TNet).Name);
        values.CopyTo(net.Parameters);
    }

    private static byte[] Encode<TNet, T>(INetwork<TNet, T> net)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(net);
        CheckFinite<TNet, T>(net.Parameters);
        return BinaryParameterFormat.Encode<T>(NetworkLayout.Of<TNet, T>(), net.Parameters);
    }

    private static void CheckFinite<TNet, T>(ReadOnlySpan<T> parameters)
        where TNet : INetwork<TNet, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < parameters.Length; k++)
        {
            if (!T.IsFinite(parameters[k]))
            {
                throw new InvalidOperationException(
                    $"Parameter {k.ToString(CultureInfo.InvariantCulture)} ({TNet.ParameterNames[k]}) is {parameters[k].ToString(null, CultureInfo.InvariantCulture)}; only finite parameters are saved.");
            }
        }
    }
}

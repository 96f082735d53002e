using System;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace NetGen;

/// <summary>
/// The JSON form of a network's parameters, for people to read (and, with care, edit):
/// <code>
/// {
///   "format": "netgen-parameters",
///   "version": 1,
///   "topology": "2-3:tanh-1:sigmoid",
///   "biases": "per-neuron",
///   "precision": "double",
///   "parameterCount": 13,
///   "layoutFingerprint": "8f3a...",
///   "parameters": { "w_h1_i1": 0.52, ... }
/// }
/// </code>
/// Numbers are written in their shortest round-trip form, so a save and a load give back the same bits.
/// </summary>
internal static class JsonParameterFormat
{
    public const string FormatName = "netgen-parameters";
    public const int Version = 1;

    public static string Encode<T>(NetworkLayout layout, ReadOnlySpan<T> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", Version);
            w.WriteString("topology", layout.Topology);
            w.WriteString("biases", layout.BiasText);
            w.WriteString("precision", NetworkLayout.PrecisionName(layout.ScalarSize));
            w.WriteNumber("parameterCount", layout.ParameterCount);
            w.WriteString("layoutFingerprint", Hex(layout.Fingerprint));
            w.WriteStartObject("parameters");
            for (int k = 0; k < parameters.Length; k++)
            {
                if (layout.ScalarSize == 4)
                {
                    w.WriteNumber(layout.Names[k], float.CreateTruncating(parameters[k]));
                }
                else
                {
                    w.WriteNumber(layout.Names[k], double.CreateTruncating(parameters[k]));
                }
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Checks <paramref name="json"/> completely against <paramref name="layout"/> and returns the parameters.</summary>
    public static T[] Decode<T>(string json, NetworkLayout layout, string networkName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ParameterFileException(ParameterFileError.Corrupted, $"The text is not valid JSON: {e.Message}");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "format", required: false) != FormatName)
            {
                throw new ParameterFileException(ParameterFileError.NotAParameterFile, $"The JSON is not NetGen parameters (its \"format\" is not \"{FormatName}\").");
            }
            RefuseDuplicateKeys(root);
            int version = Int(root, "version");
            if (version != Version)
            {
                throw new ParameterFileException(ParameterFileError.UnsupportedVersion, $"The JSON is in format version {version}; this NetGen reads version {Version}.");
            }
            string fileDescription = $"{String(root, "topology")}, {String(root, "biases")} biases, {String(root, "precision")}";
            if (fileDescription != layout.Description || Int(root, "parameterCount") != layout.ParameterCount || String(root, "layoutFingerprint") != Hex(layout.Fingerprint))
            {
                throw new ParameterFileException(ParameterFileError.DifferentNetwork,
                    $"The JSON holds the parameters of a {fileDescription} network (fingerprint {String(root, "layoutFingerprint")}); {networkName} is {layout.Description} (fingerprint {Hex(layout.Fingerprint)}).");
            }
            return ReadParameters<T>(Property(root, "parameters", JsonValueKind.Object), layout);
        }
    }

    /// <summary>
    /// JSON leaves duplicate keys to the reader (System.Text.Json keeps the last), so an edited file could
    /// say one topology and be checked against another: every top-level key must appear once.
    /// </summary>
    private static void RefuseDuplicateKeys(JsonElement root)
    {
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw Corrupted($"The JSON has \"{property.Name}\" twice; every key must appear once.");
            }
        }
    }

    private static T[] ReadParameters<T>(JsonElement parameters, NetworkLayout layout)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var index = new System.Collections.Generic.Dictionary<string, int>(layout.ParameterCount, StringComparer.Ordinal);
        for (int k = 0; k < layout.Names.Length; k++)
        {
            index[layout.Names[k]] = k;
        }
        var values = new T[layout.ParameterCount];
        var seen = new bool[layout.ParameterCount];
        foreach (JsonProperty property in parameters.EnumerateObject())
        {
            if (!index.TryGetValue(property.Name, out int k))
            {
                throw Corrupted($"\"parameters\" has \"{property.Name}\", which is not a parameter of this network.");
            }
            if (seen[k])
            {
                throw Corrupted($"\"parameters\" has \"{property.Name}\" twice.");
            }
            seen[k] = true;
            values[k] = ReadNumber<T>(property, layout.ScalarSize);
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw Corrupted($"\"parameters\" lacks \"{layout.Names[missing]}\".");
        }
        return values;
    }

    private static T ReadNumber<T>(JsonProperty property, int scalarSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        JsonElement value = property.Value;
        bool ok;
        T result;
        if (value.ValueKind != JsonValueKind.Number)
        {
            ok = false;
            result = T.Zero;
        }
        else if (scalarSize == 4)
        {
            // Parsed as float directly: going through double could round twice.
            ok = value.TryGetSingle(out float single);
            result = T.CreateTruncating(single);
        }
        else
        {
            ok = value.TryGetDouble(out double number);
            result = T.CreateTruncating(number);
        }
        if (!ok || !T.IsFinite(result))
        {
            throw Corrupted($"\"{property.Name}\" is {value.GetRawText()}, not a finite number.");
        }
        return result;
    }

    private static JsonElement Property(JsonElement root, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind != kind)
        {
            throw Corrupted($"The JSON lacks \"{name}\" (expected a{(kind == JsonValueKind.Object ? "n object" : kind == JsonValueKind.Number ? " number" : " string")}).");
        }
        return value;
    }

    private static string? String(JsonElement root, string name, bool required = true)
    {
        if (!required && (!root.TryGetProperty(name, out JsonElement optional) || optional.ValueKind != JsonValueKind.String))
        {
            return null;
        }
        return Property(root, name, JsonValueKind.String).GetString();
    }

    private static int Int(JsonElement root, string name) =>
        Property(root, name, JsonValueKind.Number).TryGetInt32(out int value) ? value : throw Corrupted($"\"{name}\" is not an integer.");

    private static ParameterFileException Corrupted(string message) => new(ParameterFileError.Corrupted, message);

    private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);
}

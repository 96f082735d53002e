using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The spelling of the network's number type: the C# keyword, the math class, and literals. Literals
/// are always formatted with the invariant culture and round-trip precision, so that the generated
/// text is the same on every machine ("0.5", never "0,5").
/// </summary>
internal sealed class Numeric
{
    private Numeric(string type, string math, string suffix)
    {
        Type = type;
        Math = math;
        _suffix = suffix;
    }

    private readonly string _suffix;

    public static Numeric For(PrecisionKind precision) => precision == PrecisionKind.Single
        ? new Numeric("float", "global::System.MathF", "f")
        : new Numeric("double", "global::System.Math", "");

    /// <summary>"double" or "float".</summary>
    public string Type { get; }

    /// <summary>global::System.Math or global::System.MathF.</summary>
    public string Math { get; }

    public bool IsSingle => _suffix.Length > 0;

    public string Literal(double value)
    {
        string text = IsSingle
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0)
        {
            text += ".0";
        }
        return text + _suffix;
    }
}

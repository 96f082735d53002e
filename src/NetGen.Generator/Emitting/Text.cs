using System.Globalization;

namespace NetGen.Generator.Emitting;

/// <summary>Numbers as the generated code writes them: invariant culture, whatever the machine's.</summary>
internal static class Text
{
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

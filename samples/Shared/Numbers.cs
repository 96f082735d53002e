using System.Globalization;

namespace Samples.Shared;

/// <summary>How the samples print numbers.</summary>
internal static class Numbers
{
    /// <summary>
    /// Scientific notation with a two-digit exponent, "2.4908E-01": .NET's "E4" pads the exponent to three
    /// digits ("2.4908E-001"), which reads as a typo.
    /// </summary>
    public static string Scientific(double value) => value.ToString("0.0000E+00", CultureInfo.InvariantCulture);
}

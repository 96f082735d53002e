namespace NetGen.Tests;

/// <summary>
/// The published 2-2-2 worked example: inputs, targets, starting weights (w1..w8 in NetGen's names), and
/// the values it prints, truncated to 5 decimals.
/// </summary>
internal static class PublishedWalkthrough
{
    public static readonly double[] Input = { 0.1, 0.5 };
    public static readonly double[] Target = { 0.05, 0.95 };
    public const double LearningRate = 0.6;

    private static readonly (string Name, double Value)[] Start =
    {
        ("w_h1_i1", 0.1), ("w_h2_i1", 0.2), ("w_h1_i2", 0.3), ("w_h2_i2", 0.4),
        ("w_o1_h1", 0.5), ("w_o1_h2", 0.6), ("w_o2_h1", 0.7), ("w_o2_h2", 0.8), ("b_h", 0.25), ("b_o", 0.35),
    };

    /// <summary>Every value the walkthrough prints, by NetGen's name; "(new)" marks a weight after the step.</summary>
    public static readonly Dictionary<string, double> Printed = new()
    {
        ["out_h1"] = 0.60108, ["out_h2"] = 0.61538, ["out_o1"] = 0.73492, ["out_o2"] = 0.77955, ["E_total"] = 0.24908,
        ["w_o1_h1 (new)"] = 0.45187, ["w_o1_h2 (new)"] = 0.55073, ["w_o2_h1 (new)"] = 0.71056, ["w_o2_h2 (new)"] = 0.81081,
        ["w_h1_i1 (new)"] = 0.09933, ["w_h2_i1 (new)"] = 0.19919, ["w_h1_i2 (new)"] = 0.29667, ["w_h2_i2 (new)"] = 0.39597,
    };

    public static void Load(Span<double> parameters, ReadOnlySpan<string> names)
    {
        var order = names.ToArray().ToList();
        foreach (var (name, value) in Start)
        {
            parameters[order.IndexOf(name)] = value;
        }
    }
}

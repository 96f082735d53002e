namespace SeedExample;

/// <summary>
/// The published 2-2-2 worked example: its inputs, targets, starting weights, and the values it prints
/// (truncated to 5 decimals). The example numbers its weights w1..w8; NetGen names each weight by the
/// two units it joins.
/// </summary>
internal static class WorkedExample
{
    public static readonly double[] Input = { 0.1, 0.5 };
    public static readonly double[] Target = { 0.05, 0.95 };
    public const double LearningRate = 0.6;
    public const double HiddenBias = 0.25;
    public const double OutputBias = 0.35;

    /// <summary>The example's weight names, NetGen's name for each, and the starting value.</summary>
    public static readonly (string Example, string NetGen, double Value)[] Weights =
    {
        ("w1", "w_h1_i1", 0.1), ("w2", "w_h2_i1", 0.2), ("w3", "w_h1_i2", 0.3), ("w4", "w_h2_i2", 0.4),
        ("w5", "w_o1_h1", 0.5), ("w6", "w_o1_h2", 0.6), ("w7", "w_o2_h1", 0.7), ("w8", "w_o2_h2", 0.8),
    };

    /// <summary>What the example publishes, by NetGen's local name; values are truncated to 5 decimals.</summary>
    public static readonly Dictionary<string, double> Published = new()
    {
        ["out_h1"] = 0.60108, ["out_h2"] = 0.61538, ["out_o1"] = 0.73492, ["out_o2"] = 0.77955,
        ["E_total"] = 0.24908,
        ["w_o1_h1"] = 0.45187, ["w_o1_h2"] = 0.55073, ["w_o2_h1"] = 0.71056, ["w_o2_h2"] = 0.81081,
        ["w_h1_i1"] = 0.09933, ["w_h2_i1"] = 0.19919, ["w_h1_i2"] = 0.29667, ["w_h2_i2"] = 0.39597,
    };

    /// <summary>True when <paramref name="value"/> prints as <paramref name="published"/> once truncated to 5 decimals.</summary>
    public static bool Matches(double value, double published) => Math.Truncate(value * 1e5) / 1e5 == published
        || Math.Abs(value - published) < 1e-5;

    public static void Load(SeedNet net)
    {
        foreach (var (_, name, value) in Weights)
        {
            net.Parameters[IndexOf(SeedNet.ParameterNames, name)] = value;
        }
        net.Params.b_h = HiddenBias;
        net.Params.b_o = OutputBias;
    }

    public static int IndexOf(ReadOnlySpan<string> names, string name)
    {
        for (int k = 0; k < names.Length; k++)
        {
            if (names[k] == name)
            {
                return k;
            }
        }
        throw new ArgumentException($"No parameter is named '{name}'.", nameof(name));
    }
}

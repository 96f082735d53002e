using System.ComponentModel;
using System.Globalization;

namespace NetGen.Runtime;

/// <summary>
/// Names and formulas of a sequence's values for the Explain of loop-style recurrent networks, in the unrolled
/// code's rule <c>{layer}_t{step}_{unit}</c> (both from 1), built at run time so that the generated code stays small.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RecurrentExplainText
{
    /// <summary><c>{prefix}_t{step + 1}_{unit + 1}</c>: <c>h1_t3_2</c> for prefix h1, step 2, unit 1.</summary>
    public static string Name(string prefix, int step, int unit) =>
        prefix + "_t" + (step + 1).ToString(CultureInfo.InvariantCulture) + "_" + (unit + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The names of steps <paramref name="first"/> (from 0) to the last, every unit of each, row-major.</summary>
    public static string[] Names(string prefix, int first, int steps, int units)
    {
        var names = new string[(steps - first) * units];
        for (int t = first; t < steps; t++)
        {
            for (int j = 0; j < units; j++)
            {
                names[(t - first) * units + j] = Name(prefix, t, j);
            }
        }
        return names;
    }

    /// <summary>
    /// A pattern filled for step <paramref name="step"/> and unit <paramref name="unit"/> (both from 0): <c>{t}</c> is the
    /// step from 1, <c>{p}</c> the step before it, <c>{j}</c> the unit from 1.
    /// </summary>
    public static string Fill(string pattern, int step, int unit) => pattern
        .Replace("{t}", (step + 1).ToString(CultureInfo.InvariantCulture))
        .Replace("{p}", step.ToString(CultureInfo.InvariantCulture))
        .Replace("{j}", (unit + 1).ToString(CultureInfo.InvariantCulture));
}

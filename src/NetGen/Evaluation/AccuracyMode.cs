namespace NetGen;

/// <summary>
/// How a prediction is compared with its target to count accuracy. A prediction is one output row, or, when the
/// network's head runs per time step (outputs <c>[time, units]</c>), one step's outputs.
/// </summary>
public enum AccuracyMode
{
    /// <summary>
    /// Decide from the targets: when every target value is 0 or 1, one output means <see cref="Threshold"/>,
    /// one-hot rows (or steps) mean <see cref="ArgMax"/>, other 0/1 rows <see cref="Threshold"/>; otherwise <see cref="None"/>.
    /// </summary>
    Auto = 0,

    /// <summary>Not a classifier: no accuracy.</summary>
    None = 1,

    /// <summary>One-hot targets: the predicted class is the largest output.</summary>
    ArgMax = 2,

    /// <summary>0/1 targets: an output predicts 1 when it is at least 0.5; a row (or step) is right when every output is.</summary>
    Threshold = 3,
}

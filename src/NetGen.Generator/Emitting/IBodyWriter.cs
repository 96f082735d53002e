namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes the bodies of the entry points after their argument checks. Chosen once per network from its code
/// style: <see cref="UnrolledBodies"/> (straight-line terms) or <see cref="LoopEmitter"/> (loops per layer).
/// </summary>
internal interface IBodyWriter
{
    void Forward();

    void Backward();

    void TrainStep();

    /// <summary>Every value reported to <c>explanation</c>; with <paramref name="step"/>, then TrainStep's update, reported.</summary>
    void Explain(bool step);
}

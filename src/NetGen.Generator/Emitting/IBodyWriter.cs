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

    /// <summary>
    /// Every value reported to <c>explanation</c>; then, where the generated code's <c>step</c> is true, TrainStep's
    /// update, reported. One body serves the read-only Explain and ExplainStep.
    /// </summary>
    void Explain();
}

using System.Collections.Generic;

namespace NetGen.Generator.Planning;

/// <summary>
/// A layer that runs once per time step with the same parameters (a recurrent cell, a per-step dense layer):
/// its forward terms can be written one step at a time, for the whole-sequence Forward and for the streaming Step.
/// </summary>
internal interface IStepTerms
{
    /// <summary>
    /// The forward terms of step <paramref name="t"/> (from 1). With <paramref name="fromZero"/> the state before the
    /// step is the zero initial state and the terms leave out what it would multiply; without, a recurrent layer reads
    /// the previous state as <c>out_h1_t{t-1}_j</c> (which the streaming Step declares from its state span).
    /// </summary>
    void ForwardStep(List<DerivationStep> steps, int t, bool fromZero);

    /// <summary>The heading written once before the layer's steps.</summary>
    Section Heading { get; }
}

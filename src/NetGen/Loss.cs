// Linked into NetGen.Generator (NETGEN_GENERATOR), which reads the attribute's enum arguments as numbers:
// this file is the one definition of the names and values both sides use.
#if NETGEN_GENERATOR
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>The error function a network is trained to minimise.</summary>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum Loss
{
    /// <summary>E = sum over outputs of 1/2 (target - out)^2 (the worked example's error).</summary>
    HalfSquaredError = 0,
    /// <summary>E = (1/n) sum over the n outputs of (target - out)^2.</summary>
    MeanSquaredError = 1,
    /// <summary>
    /// With a Softmax output: E = -sum target log(out).
    /// With a Sigmoid output: E = -sum [target log(out) + (1 - target) log(1 - out)].
    /// </summary>
    CrossEntropy = 2,
}

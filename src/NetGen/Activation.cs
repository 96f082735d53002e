// Linked into NetGen.Generator (NETGEN_GENERATOR), which reads the attribute's enum arguments as numbers:
// this file is the one definition of the names and values both sides use.
#if NETGEN_GENERATOR
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>The activation function applied to each unit of a layer.</summary>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum Activation
{
    /// <summary>out = sum.</summary>
    Identity = 0,
    /// <summary>out = 1 / (1 + e^-sum).</summary>
    Sigmoid = 1,
    /// <summary>out = tanh(sum).</summary>
    Tanh = 2,
    /// <summary>out = max(0, sum).</summary>
    ReLU = 3,
    /// <summary>out = sum when sum &gt; 0, otherwise slope * sum (see <see cref="NetworkAttribute.LeakyReLUSlope"/>).</summary>
    LeakyReLU = 4,
    /// <summary>out_k = e^sum_k / sum_j e^sum_j; output layer only.</summary>
    Softmax = 5,
}

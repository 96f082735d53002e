// Linked into NetGen.Generator (NETGEN_GENERATOR), which reads the attribute's enum arguments as numbers:
// this file is the one definition of the names and values both sides use.
#if NETGEN_GENERATOR
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>How many bias parameters a layer has.</summary>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum BiasMode
{
    /// <summary>One bias per unit, as in PyTorch's <c>nn.Linear</c>.</summary>
    PerNeuron = 0,
    /// <summary>One bias shared by every unit of the layer, as in the classic 2-2-2 worked example.</summary>
    SharedPerLayer = 1,
}

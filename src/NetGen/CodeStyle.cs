// Linked into NetGen.Generator (NETGEN_GENERATOR), which reads the attribute's enum arguments as numbers:
// this file is the one definition of the names and values both sides use.
#if NETGEN_GENERATOR
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>How the generator writes the bodies of Forward, Backward and TrainStep.</summary>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum CodeStyle
{
    /// <summary>
    /// Let the generator choose: straight-line code with a named local per term while the network is
    /// small enough for the JIT to optimise it well, compact vectorised loops above that.
    /// The choice is reported as diagnostic NG0100.
    /// </summary>
    Auto = 0,
    /// <summary>Always straight-line code with a named local per term, whatever the size.</summary>
    Unrolled = 1,
    /// <summary>Always compact loops over the layers' weight rows.</summary>
    Loops = 2,
}

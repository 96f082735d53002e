// Linked into NetGen.Generator (NETGEN_GENERATOR), which reads the attribute's enum arguments as numbers:
// this file is the one definition of the names and values both sides use.
#if NETGEN_GENERATOR
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>The floating-point type of parameters, inputs, outputs and every generated local.</summary>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum Precision
{
    /// <summary><see cref="double"/> and <see cref="System.Math"/>.</summary>
    Double = 0,
    /// <summary><see cref="float"/> and <see cref="System.MathF"/>.</summary>
    Single = 1,
}

namespace NetGen;

/// <summary>The floating-point type of parameters, inputs, outputs and every generated local.</summary>
public enum Precision
{
    /// <summary><see cref="double"/> and <see cref="System.Math"/>.</summary>
    Double = 0,
    /// <summary><see cref="float"/> and <see cref="System.MathF"/>.</summary>
    Single = 1,
}

namespace NetGen;

/// <summary>How the generator writes the bodies of Forward, Backward and TrainStep.</summary>
public enum CodeStyle
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

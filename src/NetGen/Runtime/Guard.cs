using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace NetGen.Runtime;

/// <summary>Argument checks called by generated code; the throw lives here so that hot methods stay small.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Guard
{
    /// <summary>Throws the <see cref="ArgumentException"/> for a span of the wrong length.</summary>
    [DoesNotReturn]
    public static void ThrowWrongLength(string parameterName, int expected, int actual) =>
        throw new ArgumentException(
            $"Expected a span of length {expected} but got one of length {actual}.", parameterName);
}

using System;

namespace NetGen;

/// <summary>A data row that cannot be used: the wrong width, a missing row, or a NaN or infinite value.</summary>
public sealed class InvalidTrainingDataException : ArgumentException
{
    /// <summary>Creates the exception for one row.</summary>
    /// <param name="message">What is wrong, naming the row.</param>
    /// <param name="row">The zero-based row.</param>
    /// <param name="column">The zero-based column, or -1 when the whole row is wrong.</param>
    /// <param name="inTarget">True for the target row, false for the input row.</param>
    public InvalidTrainingDataException(string message, int row, int column, bool inTarget)
        : base(message, inTarget ? "targets" : "inputs")
    {
        Row = row;
        Column = column;
        InTarget = inTarget;
    }

    /// <summary>The zero-based row.</summary>
    public int Row { get; }

    /// <summary>The zero-based column of the bad value, or -1 when the row's width is wrong or the row is missing.</summary>
    public int Column { get; }

    /// <summary>True when the target row is wrong, false when the input row is.</summary>
    public bool InTarget { get; }
}

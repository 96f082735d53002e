using System;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>A network read from an ONNX model: its shape, function and trained parameters in NetGen's order.</summary>
internal sealed record ImportedNetwork(
    int InputCount,
    EquatableArray<LayerSpec> Layers,
    BiasKind Bias,
    double LeakyReLUSlope,
    PrecisionKind Precision,
    EquatableArray<double> Parameters);

internal enum ImportErrorKind
{
    /// <summary>An operator NetGen cannot compile (NG0201).</summary>
    UnsupportedOperator,
    /// <summary>Supported operators in a shape NetGen cannot compile: dynamic sizes, branches, types (NG0202).</summary>
    UnsupportedStructure,
    /// <summary>Not a well-formed ONNX model (NG0203).</summary>
    Malformed,
    /// <summary>The file could not be read (NG0200).</summary>
    Unreadable,
}

/// <summary>Why a model cannot be compiled; <see cref="Operator"/> and <see cref="Node"/> name the operator at fault.</summary>
internal sealed record ImportError(ImportErrorKind Kind, string Detail, string Operator = "", string Node = "");

/// <summary>Thrown inside the importer and turned into an <see cref="ImportError"/> at its boundary.</summary>
internal sealed class OnnxImportException : Exception
{
    public OnnxImportException(ImportError error)
        : base(error.Detail) => Error = error;

    public ImportError Error { get; }
}

/// <summary>
/// One <c>.onnx</c> AdditionalFiles item after reading: its path, a hash of its bytes, and the network
/// or the reason there is none. Equality is by path, hash and error only: the network is a pure function
/// of the bytes, so an unchanged hash means an unchanged network, and comparing thousands of weights
/// on every keystroke would be wasted work.
/// </summary>
internal sealed record OnnxModelFile(string Path, string ContentHash, ImportedNetwork? Network, ImportError? Error)
{
    public bool Equals(OnnxModelFile? other) =>
        other is not null && Path == other.Path && ContentHash == other.ContentHash && Equals(Error, other.Error);

    public override int GetHashCode() => (Path.GetHashCode() * 31) ^ ContentHash.GetHashCode();
}

using System;
using NetGen.Generator.Model;

namespace NetGen.Generator.Onnx;

/// <summary>
/// A network read from an ONNX model: its shape, function and trained parameters in NetGen's order.
/// <see cref="SingleOverflow"/> names, in a double model, the first parameter that rounding to float
/// would turn into an infinity (null when none would), so that <c>Precision = Precision.Single</c> is
/// refused with the weight at fault instead of compiling infinities.
/// </summary>
internal sealed record ImportedNetwork(
    int InputCount,
    EquatableArray<LayerSpec> Layers,
    BiasKind Bias,
    double LeakyReLUSlope,
    PrecisionKind Precision,
    EquatableArray<double> Parameters,
    string? SingleOverflow = null)
{
    /// <summary>One sample's shape when the input is a feature map (<c>[C, L]</c> or <c>[C, H, W]</c>); empty when flat.</summary>
    public EquatableArray<int> InputShape { get; init; }
}

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
    /// <summary>A weight, bias or scale is NaN or infinite, or becomes so at the network's precision (NG0205).</summary>
    NotFinite,
    /// <summary>The network is over NetGen's size limits, found before anything is materialised (NG0015); <see cref="ImportError.Limit"/> says which.</summary>
    TooLarge,
}

/// <summary>
/// Why a model cannot be compiled; <see cref="Operator"/> and <see cref="Node"/> name the operator at
/// fault, <see cref="Limit"/> the limit a <see cref="ImportErrorKind.TooLarge"/> network passes. Names
/// holding bytes that are not UTF-8 are shown escaped (see <see cref="OnnxNames"/>).
/// </summary>
internal sealed record ImportError(ImportErrorKind Kind, string Detail, string Operator = "", string Node = "", string Limit = "")
{
    public string Detail { get; init; } = OnnxNames.Display(Detail);

    public string Operator { get; init; } = OnnxNames.Display(Operator);

    public string Node { get; init; } = OnnxNames.Display(Node);
}

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

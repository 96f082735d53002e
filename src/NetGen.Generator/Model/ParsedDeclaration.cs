namespace NetGen.Generator.Model;

/// <summary>
/// What one <c>[Network]</c> declaration became, with the diagnostics it gave on the way. Exactly one of:
/// <see cref="Network"/> (code will be generated), <see cref="OnnxRequest"/> (code will be generated
/// once the model it names is read) or <see cref="Rejected"/> (the diagnostics say why not).
/// </summary>
internal abstract record ParsedDeclaration(EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>A network ready to emit.</summary>
    internal sealed record Network(NetworkSpec Spec, EquatableArray<DiagnosticInfo> Diagnostics) : ParsedDeclaration(Diagnostics);

    /// <summary>A declaration that names an ONNX model: the network is built later, once the model is read.</summary>
    internal sealed record OnnxRequest(OnnxImportRequest Request, EquatableArray<DiagnosticInfo> Diagnostics) : ParsedDeclaration(Diagnostics);

    /// <summary>Nothing to generate; <see cref="ParsedDeclaration.Diagnostics"/> says why (or is empty when the compiler does).</summary>
    internal sealed record Rejected(EquatableArray<DiagnosticInfo> Diagnostics) : ParsedDeclaration(Diagnostics);

    public NetworkSpec? SpecOrNull => this is Network network ? network.Spec : null;

    public OnnxImportRequest? RequestOrNull => this is OnnxRequest request ? request.Request : null;
}

/// <summary>A network to emit and the unique name of its generated file.</summary>
internal sealed record GeneratedNetwork(NetworkSpec Spec, string HintName);

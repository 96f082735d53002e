namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every NetGen diagnostic ID. One file, compiled into the generator (its descriptors) and linked into
/// NetGen.CodeFixes (the IDs it fixes), so that the two cannot drift. IDs are stable: never reuse or
/// renumber one.
/// </summary>
internal static class DiagnosticIds
{
    public const string ClassNotPartial = "NG0001";
    public const string ContainingTypeNotPartial = "NG0002";
    public const string GenericClass = "NG0003";
    public const string StaticClass = "NG0004";
    public const string MemberAlreadyDeclared = "NG0005";
    public const string ClassNamedLikeMember = "NG0006";
    public const string NotAClass = "NG0007";
    public const string FileLocalClass = "NG0008";
    public const string MalformedTopology = "NG0010";
    public const string InvalidLayerWidth = "NG0011";
    public const string UnknownActivation = "NG0012";
    public const string SoftmaxOnHiddenLayer = "NG0013";
    public const string UnsupportedLossPairing = "NG0014";
    public const string NetworkTooLarge = "NG0015";
    public const string InvalidArgument = "NG0016";
    public const string InvalidLayer = "NG0017";
    public const string LayerOutOfOrder = "NG0018";
    public const string CodeStyleChosen = "NG0100";
    public const string UnrolledTooLarge = "NG0101";
    public const string UnrolledRefused = "NG0102";
    public const string OnnxModelNotFound = "NG0200";
    public const string UnsupportedOnnxOperator = "NG0201";
    public const string UnsupportedOnnxStructure = "NG0202";
    public const string MalformedOnnxModel = "NG0203";
    public const string OnnxModelContradictsAttribute = "NG0204";
    public const string NonFiniteOnnxWeight = "NG0205";
}

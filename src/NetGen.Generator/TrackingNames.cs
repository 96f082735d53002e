namespace NetGen.Generator;

/// <summary>Names of the incremental pipeline's steps, so that tests can check what was cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Specs = nameof(Specs);
    public const string OnnxRequests = nameof(OnnxRequests);
    public const string OnnxModels = nameof(OnnxModels);
    public const string OnnxImports = nameof(OnnxImports);
    public const string OnnxDiagnostics = nameof(OnnxDiagnostics);
    public const string OnnxSpecs = nameof(OnnxSpecs);

    /// <summary>The hint name of every network, both paths together; changes only when a network is added, removed or renamed.</summary>
    public const string HintNames = nameof(HintNames);

    /// <summary>Each network with its file name, unique among all networks ignoring case.</summary>
    public const string Outputs = nameof(Outputs);
    public const string OnnxOutputs = nameof(OnnxOutputs);

    /// <summary>Diagnostics matched with the compilation's syntax trees; re-runs on every edit by design.</summary>
    public const string ReportDiagnostics = nameof(ReportDiagnostics);
}

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

    /// <summary>Diagnostics matched with the compilation's syntax trees; re-runs on every edit by design.</summary>
    public const string ReportDiagnostics = nameof(ReportDiagnostics);
}
